import { describe, expect, it } from 'vitest';
import { surveyOf } from './survey';

describe('a PCGD-XMC survey as the API takes it', () => {
  it('sends the figures filled in as whole numbers and every standard\'s conditions', () => {
    expect(surveyOf({ people15to60: '4.000', people15to60LiterateL2: '3600', children5: ' ' }, false, '',
                    { 'ND20-2014-XMC': true })).toEqual({
      figures: { people15to60: 4000, people15to60LiterateL2: 3600 }, dbkk: false,
      conditionsMet: { 'ND20-2014-XMC': true, 'ND20-2014-PCGD-MN5': false, 'ND20-2014-PCGD-TH': false,
                       'ND20-2014-PCGD-THCS': false },
    });
  });

  it('refuses a figure that is not a whole number', () => {
    expect(() => surveyOf({ children5: '12,5' }, false, '', {})).toThrow(/12,5/);
  });
});
