import { describe, expect, it } from 'vitest';
import { parseEvents } from './client';

describe('an event stream as the import sends it', () => {
  it('reads whole events and keeps the one still arriving', () => {
    const { events, rest } = parseEvents('event:progress\ndata:{"done":100,"total":250}\n\nevent:result\ndata:{"app');
    expect(events).toEqual([{ event: 'progress', data: { done: 100, total: 250 } }]);
    expect(rest).toBe('event:result\ndata:{"app');
    expect(parseEvents(`${rest}lied":250}\n\n`).events).toEqual([{ event: 'result', data: { applied: 250 } }]);
  });

  it('skips comments and reads a problem', () => {
    const { events } = parseEvents(':mở\n\nevent:problem\ndata:{"code":"PERIOD_CLOSED"}\n\n');
    expect(events).toEqual([{ event: 'problem', data: { code: 'PERIOD_CLOSED' } }]);
  });
});
