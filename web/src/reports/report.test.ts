import { describe, expect, it } from 'vitest';
import { reportOf, wholeNumber } from './report';

describe('a report as the API takes it', () => {
  it('reads whole numbers written the Vietnamese way', () => {
    expect(wholeNumber('1.250')).toBe(1250);
    expect(wholeNumber('1 250')).toBe(1250);
    expect(wholeNumber('12,5')).toBeNull();
    expect(wholeNumber('')).toBeNull();
  });

  it('sends the figures filled in, the tasks whose progress was chosen and the texts not blank', () => {
    const body = reportOf(
      [{ indicator: 'HOUSEHOLDS_TITLED', numerator: '420', denominator: '700' }, { indicator: 'CLANS_TITLED', numerator: '', denominator: '' }],
      [{ taskId: 't1', content: 'Mở lớp', progress: 'DONE', percent: '', narrative: ' 3 lớp ' },
       { taskId: 't2', content: 'Tuyên truyền', progress: '', percent: '', narrative: '' }],
      { narrative: 'Tóm tắt', difficulties: '  ', proposals: 'Bổ sung kinh phí' },
    );
    expect(body).toEqual({
      figures: [{ indicator: 'HOUSEHOLDS_TITLED', numerator: 420, denominator: 700 }],
      tasks: [{ taskId: 't1', progress: 'DONE', narrative: '3 lớp' }],
      narrative: 'Tóm tắt', proposals: 'Bổ sung kinh phí',
    });
  });

  it('refuses a figure with a part missing before sending it', () => {
    expect(() => reportOf([{ indicator: 'HOUSEHOLDS_TITLED', numerator: '420', denominator: '' }], [],
                          { narrative: '', difficulties: '', proposals: '' })).toThrow(/HOUSEHOLDS_TITLED/);
  });
});
