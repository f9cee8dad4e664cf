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
});
