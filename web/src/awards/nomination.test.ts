import { describe, expect, it } from 'vitest';
import type { NominationView } from '../api/types';
import { actionsFor, subjectText } from './nomination';

const nomination = (over: Partial<NominationView>): NominationView => ({
  id: 'n', movement: 'PT-1315-2023', phase: 'GD1_2023_2025', occasion: 'HANG_NAM', year: 2025, form: 'GIAY_KHEN',
  subject: { kind: 'CA_NHAN', unitId: 'lap-le', name: 'Nguyễn Thị Hoa', position: 'Giáo viên', personalData: 'SHOWN' },
  achievements: 'a', proposedByUnitId: 'lap-le', decidingUnitId: null, proposedUp: false, state: 'DRAFT', criteria: null,
  recommendation: null, decision: null, steps: [], version: 0, ...over,
});
const roles = (...mine: string[]) => (...wanted: string[]) => wanted.some((r) => mine.includes(r));

describe('the actions a nomination offers', () => {
  it('lets the proposing planner submit a draft or a returned one, and nothing the council does', () => {
    expect(actionsFor(nomination({}), roles('PLANNER'))).toEqual(['submit']);
    expect(actionsFor(nomination({ state: 'RETURNED' }), roles('PLANNER'))).toEqual(['submit']);
    expect(actionsFor(nomination({ state: 'SUBMITTED' }), roles('PLANNER'))).toEqual([]);
  });

  it('lets the council propose, reject or return a submitted one, and the decider decide after it', () => {
    expect(actionsFor(nomination({ state: 'SUBMITTED', subject: { ...nomination({}).subject, kind: 'TAP_THE' } }),
                      roles('REVIEWER'))).toEqual(['return', 'propose', 'reject']);
    expect(actionsFor(nomination({ state: 'COUNCIL_REVIEWED' }), roles('RECOGNIZER'))).toEqual(['return', 'decide', 'forget']);
    expect(actionsFor(nomination({ state: 'DECIDED' }), roles('RECOGNIZER'))).toEqual(['revoke', 'forget']);
  });

  it('offers to forget a person only while they are not forgotten', () => {
    expect(actionsFor(nomination({ state: 'REJECTED' }), roles('ADMIN'))).toEqual(['forget']);
    const forgotten = nomination({ state: 'REJECTED', subject: { kind: 'CA_NHAN', unitId: 'lap-le', name: '(đã xoá theo yêu cầu)', position: null,
                                              personalData: 'FORGOTTEN' } });
    expect(actionsFor(forgotten, roles('ADMIN'))).toEqual([]);
  });
});

describe('who is nominated', () => {
  it('names a person only to those who may read it', () => {
    expect(subjectText(nomination({}))).toBe('Cá nhân: Nguyễn Thị Hoa, Giáo viên (lap-le)');
    expect(subjectText(nomination({ subject: { kind: 'CA_NHAN', unitId: 'lap-le', name: null, position: null, personalData: 'HIDDEN' } })))
      .toBe('Cá nhân ở lap-le (tên được bảo vệ)');
    expect(subjectText(nomination({ subject: { kind: 'TAP_THE', unitId: 'phong-gd', name: null, position: null, personalData: null } })))
      .toBe('Tập thể phong-gd');
  });
});
