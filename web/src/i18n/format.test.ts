import { describe, expect, it } from 'vitest';
import { fold, formatDate, formatDateTime, formatNumber, formatPercent, formatTime, parseDate, parseDateTime, today } from './format';

describe('Vietnamese formats', () => {
  it('groups thousands with dots', () => {
    expect(formatNumber(1050)).toBe('1.050');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(null)).toBe('—');
  });

  it('writes percentages with a decimal comma and no space', () => {
    expect(formatPercent(0.35)).toBe('35,0%');
    expect(formatPercent('0.6')).toBe('60,0%');
    expect(formatPercent(0.12345)).toBe('12,3%');
    expect(formatPercent(1)).toBe('100,0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes and reads dates as dd/MM/yyyy', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
    expect(parseDate('1/7/2025')).toBe('2025-07-01');
    expect(parseDate('30/02/2025')).toBeNull();
    expect(parseDate('2025-07-01')).toBeNull();
    expect(parseDateTime('01/07/2025 08:30:15')).toBe('2025-07-01T01:30:15.000Z');
    expect(parseDateTime('1/7/2025 8:30')).toBe('2025-07-01T01:30:00.000Z');
    expect(parseDateTime('01/07/2025 24:00')).toBeNull();
  });

  it('shows instants in programme time whatever the zone of the machine', () => {
    expect(formatDateTime('2026-11-29T17:30:05Z')).toBe('30/11/2026 00:30:05');
    expect(formatTime('2026-11-29T01:02:03.456Z')).toBe('08:02:03');
    expect(today(new Date('2026-12-31T18:00:00Z'))).toBe('2027-01-01');
  });

  it('folds case and diacritics for search', () => {
    expect(fold('Củ Chi')).toBe('cu chi');
    expect(fold('Xã Đông Thạnh')).toBe('xa dong thanh');
    expect(fold('TÂN THÔNG HỘI')).toBe('tan thong hoi');
  });
});
