// Every call of the app goes through here: same-origin, the session cookie, the CSRF token on changes, an
// Idempotency-Key on creations (a retried click stores nothing twice), problem+json turned into ApiError.
import type { Problem } from '../i18n/messages';
import { messageOf } from '../i18n/messages';

export const API = '/api/v1';

export class ApiError extends Error implements Problem {
  readonly status: number;
  readonly code?: string;
  readonly detail?: string;
  readonly errors?: { field: string; message: string }[];

  constructor(status: number, problem: Problem) {
    super(messageOf({ ...problem, status }));
    this.status = status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors;
  }
}

/** The app listens for this to show the login page again (a session that expired). */
export const UNAUTHENTICATED_EVENT = 'xhht:unauthenticated';

export function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)XSRF-TOKEN=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]) : undefined;
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  ifMatch?: number;
  signal?: AbortSignal;
}

/** A query string of the defined values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'xhht-web' };
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) {
      headers['X-XSRF-TOKEN'] = token;
    }
  }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method === 'POST') {
    headers['Idempotency-Key'] = crypto.randomUUID();
  }
  if (options.ifMatch !== undefined) {
    headers['If-Match'] = `"${options.ifMatch}"`;
  }
  let response: Response;
  try {
    response = await fetch(API + path, {
      method, headers, credentials: 'same-origin', signal: options.signal,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, {});
  }
  if (response.status === 401 && path !== '/session') {
    window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  }
  if (!response.ok) {
    let problem: Problem = {};
    try {
      problem = await response.json();
    } catch {
      // not problem+json (a proxy's page): the status says it
    }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return response.json() as Promise<T>;
}

/**
 * Sends a file as `multipart/form-data` (part `file`) with the CSRF token and an Idempotency-Key; answers the JSON
 * body — for an import, its report also when the status is 422 (the rows' problems are the answer).
 */
export async function upload<T>(path: string, file: File): Promise<T> {
  return importAnswer<T>(await postFile(path, file, { Accept: 'application/json', 'Idempotency-Key': crypto.randomUUID() }));
}

/** Posts the file as part `file` of a form, with the CSRF token; a network failure is ApiError 0. */
async function postFile(path: string, file: File, extra: Record<string, string>): Promise<Response> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { 'X-Requested-With': 'xhht-web', ...extra };
  const token = csrfToken();
  if (token) {
    headers['X-XSRF-TOKEN'] = token;
  }
  try {
    return await fetch(API + path, { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError(0, {});
  }
}

/** An import's JSON answer: the report (also a 422 listing the rows' problems), or the refusal. */
async function importAnswer<T>(response: Response): Promise<T> {
  const body = await response.json().catch(() => ({}));
  if (response.ok || (response.status === 422 && body.code === 'IMPORT_ROWS_INVALID')) {
    return body as T;
  }
  throw new ApiError(response.status, body);
}

/** One event of a Server-Sent-Events text: its name and its data (JSON). */
export interface StreamEvent { event: string; data: unknown }

/** The complete events in `text` (separated by a blank line), and what remains of an event still arriving. */
export function parseEvents(text: string): { events: StreamEvent[]; rest: string } {
  const blocks = text.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: StreamEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) {
        event = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
    if (data.length > 0) {
      events.push({ event, data: JSON.parse(data.join('\n')) });
    }
  }
  return { events, rest };
}

/**
 * Sends a file to be imported and follows the import as it stores its rows: `onProgress(done, total)` for each
 * progress event; answers the `result` event's report, or throws the `problem` event (or the refusal before it).
 */
export async function uploadFollowing<T>(path: string, file: File, onProgress: (done: number, total: number) => void): Promise<T> {
  const response = await postFile(path, file, { Accept: 'text/event-stream' });
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.startsWith('text/event-stream')) {
    return importAnswer<T>(response);
  }
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      throw new ApiError(0, {});
    }
    const parsed = parseEvents(buffered + value);
    buffered = parsed.rest;
    for (const { event, data } of parsed.events) {
      if (event === 'progress') {
        const { done: stored, total } = data as { done: number; total: number };
        onProgress(stored, total);
      } else if (event === 'result') {
        reader.cancel().catch(() => undefined);
        return data as T;
      } else if (event === 'problem') {
        throw new ApiError(409, data as Problem);
      }
    }
  }
}
