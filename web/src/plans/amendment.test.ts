import { describe, expect, it } from 'vitest';
import { amendmentOf } from './amendment';

describe('a plan amendment as the API takes it', () => {
  it('sends targets as shares from the percentages typed the Vietnamese way, and leaves out empty rows', () => {
    const body = amendmentOf(
      [{ indicator: 'HOUSEHOLDS_TITLED', percent: '62,5', scope: '' }, { indicator: '', percent: '10', scope: '' }],
      [{ content: ' Tuyên truyền ', leadUnitId: 'cu-chi', coordinating: 'xa-a, xa-b,', timeframe: 'Quý I/2025' },
       { content: '  ', leadUnitId: '', coordinating: '', timeframe: '' }],
      [{ what: 'Báo cáo sơ kết 6 tháng', due: '20/06/2025' }],
      'Điều chỉnh theo Công văn 12/UBND',
    );
    expect(body.targets).toEqual([{ indicator: 'HOUSEHOLDS_TITLED', target: 0.625 }]);
    expect(body.tasks).toEqual([{ content: 'Tuyên truyền', leadUnitId: 'cu-chi', coordinatingUnitIds: ['xa-a', 'xa-b'], timeframe: 'Quý I/2025' }]);
    expect(body.deadlines).toEqual([{ what: 'Báo cáo sơ kết 6 tháng', due: '2025-06-20' }]);
    expect(body.reason).toBe('Điều chỉnh theo Công văn 12/UBND');
  });

  it("keeps the ids the plan gave its tasks and deadlines, and a deadline's kind and reporters, so reports still name them", () => {
    const body = amendmentOf(
      [],
      [{ taskId: 't-1', content: 'Mở lớp', leadUnitId: '', coordinating: '', timeframe: '' }],
      [{ deadlineId: 'd-1', what: 'Báo cáo năm', due: '10/12/2025', kind: 'ANNUAL', reporterUnitIds: ['xa-a'], recurrence: null },
       { what: 'Báo cáo bổ sung', due: '15/12/2025' }],
      'Lùi hạn',
    );
    expect(body.tasks).toEqual([{ taskId: 't-1', content: 'Mở lớp', coordinatingUnitIds: [] }]);
    expect(body.deadlines).toEqual([
      { deadlineId: 'd-1', what: 'Báo cáo năm', due: '2025-12-10', kind: 'ANNUAL', reporterUnitIds: ['xa-a'] },
      { what: 'Báo cáo bổ sung', due: '2025-12-15' },
    ]);
  });
});
