import { useSearchParams } from 'react-router-dom';

/**
 * The two times of every page, kept in the address so a link or a reload shows the same thing: `on` (Xem như ngày,
 * the valid date: the hierarchy and figures as they stood that day) and `asOf` (Dữ liệu ghi nhận đến, record time:
 * only what had been recorded by then).
 */
export function useTimes(): { on?: string; asOf?: string } {
  const [params] = useSearchParams();
  return { on: params.get('on') ?? undefined, asOf: params.get('asOf') ?? undefined };
}

/** The address's own parameters plus the page's, for links that keep the chosen times. */
export function withTimes(path: string, search: URLSearchParams, extra: Record<string, string> = {}): string {
  const next = new URLSearchParams();
  for (const key of ['on', 'asOf']) {
    const value = search.get(key);
    if (value) {
      next.set(key, value);
    }
  }
  for (const [key, value] of Object.entries(extra)) {
    next.set(key, value);
  }
  const text = next.toString();
  return text ? `${path}?${text}` : path;
}
