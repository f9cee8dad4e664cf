// Numbers, percentages, dates and times the Vietnamese way: 1.050 · 35,0% · 29/11/2026 · 14:05:09 (programme time,
// Asia/Ho_Chi_Minh, whatever the browser's zone).

export const ZONE = 'Asia/Ho_Chi_Minh';

const integers = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1050 → "1.050"; null → "—". */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : integers.format(value);
}

/** A ratio as a percentage with one decimal: 0.35 → "35,0%"; null → "—". */
export function formatPercent(ratio: number | string | null | undefined): string {
  if (ratio === null || ratio === undefined || ratio === '') {
    return '—';
  }
  const value = typeof ratio === 'string' ? Number(ratio) : ratio;
  return Number.isNaN(value) ? '—' : `${oneDecimal.format(value * 100)}%`;
}

/** An ISO date (2025-07-01) as 01/07/2025; anything else as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) {
    return '—';
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** dd/MM/yyyy as an ISO date; null if it is not a real date. */
export function parseDate(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) {
    return null;
  }
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** dd/MM/yyyy hh:mm[:ss] in programme time as an ISO instant; null if it is not a real moment. */
export function parseDateTime(text: string): string | null {
  const match = /^(\S+)\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  const date = match ? parseDate(match[1]) : null;
  if (!match || !date || Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4] ?? 0) > 59) {
    return null;
  }
  const time = `${match[2].padStart(2, '0')}:${match[3]}:${match[4] ?? '00'}`;
  return new Date(`${date}T${time}+07:00`).toISOString();
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
  second: '2-digit', hourCycle: 'h23',
});

function parts(instant: string | Date): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of dateTime.formatToParts(typeof instant === 'string' ? new Date(instant) : instant)) {
    result[part.type] = part.value;
  }
  return result;
}

/** An instant as dd/MM/yyyy HH:mm:ss in programme time. */
export function formatDateTime(instant: string | Date | null | undefined): string {
  if (!instant) {
    return '—';
  }
  const p = parts(instant);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** An instant as HH:mm:ss in programme time. */
export function formatTime(instant: string | Date): string {
  const p = parts(instant);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** Today's date in programme time, ISO. */
export function today(now: Date = new Date()): string {
  const p = parts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Text as a person types it in a search box: no case, no diacritics, đ as d ("Củ Chi" → "cu chi"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
