import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MESSAGES, messageOf } from './messages';

describe('refusals in Vietnamese', () => {
  it('maps a known code to its message', () => {
    expect(messageOf({ status: 409, code: 'STALE_VERSION', detail: 'Expected version 3' }))
      .toBe('Người khác vừa thay đổi dữ liệu này. Hãy tải lại để xem bản mới nhất.');
  });

  it("falls back to the API's detail, then to the status", () => {
    expect(messageOf({ status: 422, code: 'SOME_NEW_CODE', detail: 'Chi tiết từ máy chủ' })).toBe('Chi tiết từ máy chủ');
    expect(messageOf({ status: 502 })).toBe('Lỗi 502.');
    expect(messageOf({})).toBe('Không kết nối được tới máy chủ.');
  });

  it('has a message for every code the service defines', () => {
    const source = readFileSync('../domain/src/main/java/vn/xhht/ledger/domain/common/ErrorCode.java', 'utf8');
    const codes = [...source.matchAll(/^\s{4}([A-Z_]+)\(Kind\./gm)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((code) => !MESSAGES[code])).toEqual([]);
  });
});
