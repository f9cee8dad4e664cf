import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { API, call, query } from '../api/client';
import type { LoggedEvent, Page, UnitView, VerifyReport } from '../api/types';
import { ProblemMessage } from '../components/Problem';
import { TimeControls } from '../components/TimeControls';
import { UnitPicker } from '../components/UnitPicker';
import { useTimes } from '../components/time';
import { formatDateTime, formatNumber, parseDate } from '../i18n/format';
import { EVENT_NAMES, ROLE_NAMES } from '../i18n/messages';
import { useSession } from '../session/Session';

/** A date typed as dd/MM/yyyy as the instant its day starts in programme time. */
function startOfDay(text: string): string | undefined {
  const date = parseDate(text);
  return date ? new Date(`${date}T00:00:00+07:00`).toISOString() : undefined;
}

/**
 * Nhật ký kiểm tra: the log as inspectors read it — who, with which role, when, why, and what changed (before →
 * after) — filtered by a unit's subtree, actor, type and time; the tamper check and the export.
 */
export function AuditPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const { on, asOf } = useTimes();
  const [unit, setUnit] = useState<UnitView | null>(null);
  const [actor, setActor] = useState(params.get('actor') ?? '');
  const [type, setType] = useState(params.get('type') ?? '');
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const unitId = params.get('unitId') ?? undefined;
  const aggregateId = params.get('aggregateId') ?? undefined;
  const filters = {
    unitId, aggregateId, on, asOf, actor: params.get('actor') ?? undefined, type: params.get('type') ?? undefined,
    from: params.get('from') ?? undefined, to: params.get('to') ?? undefined,
  };
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => call<Page<LoggedEvent>>(`/audit/events${query({ ...filters, limit: 50, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: can('AUDITOR', 'ADMIN'),
  });
  const verify = useMutation({ mutationFn: () => call<VerifyReport>('/audit/verify') });

  if (!can('AUDITOR', 'ADMIN')) {
    return <p role="alert">Trang này dành cho cán bộ kiểm tra và quản trị.</p>;
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams(params);
    const set = (key: string, value: string | undefined) => (value ? next.set(key, value) : next.delete(key));
    set('unitId', unit?.id ?? unitId);
    set('actor', actor.trim() || undefined);
    set('type', type || undefined);
    set('from', fromText ? startOfDay(fromText) : undefined);
    set('to', toText ? startOfDay(toText) : undefined);
    setParams(next);
  }

  const events = log.data?.pages.flatMap((page) => page.items) ?? [];
  const exportLink = `${API}/audit/export${query({ unitId, aggregateId, from: filters.from, to: filters.to })}`;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Nhật ký kiểm tra</h1>
      <form className="filters" onSubmit={apply} aria-label="Lọc nhật ký">
        <UnitPicker label="Đơn vị (cả các đơn vị trực thuộc)" on={on} onPick={setUnit} />
        {(unit || unitId) && <p className="muted">Đơn vị: {unit?.name ?? unitId}</p>}
        <label>Người thực hiện<input value={actor} onChange={(e) => setActor(e.target.value)} name="actor" /></label>
        <label>
          Loại sự kiện
          <select value={type} onChange={(e) => setType(e.target.value)} name="type">
            <option value="">Tất cả</option>
            {Object.entries(EVENT_NAMES).map(([key, name]) => <option key={key} value={key}>{name}</option>)}
          </select>
        </label>
        <label>Từ ngày<input placeholder="dd/MM/yyyy" value={fromText} onChange={(e) => setFromText(e.target.value)} /></label>
        <label>Đến trước ngày<input placeholder="dd/MM/yyyy" value={toText} onChange={(e) => setToText(e.target.value)} /></label>
        <button type="submit">Lọc</button>
      </form>
      <TimeControls />
      <div className="toolbar">
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? 'Đang kiểm tra…' : 'Kiểm tra tính toàn vẹn'}
        </button>
        <a href={exportLink} download="nhat-ky.ndjson">Xuất nhật ký (NDJSON)</a>
      </div>
      {verify.data && (
        <p className={verify.data.ok ? 'ok' : 'error'} role="status">
          {verify.data.ok
            ? `Nhật ký nguyên vẹn: đã kiểm tra ${formatNumber(verify.data.checkedEvents)} sự kiện trong ${formatNumber(verify.data.commits)} lần ghi.`
            : `Nhật ký bị thay đổi tại vị trí ${verify.data.firstBrokenPosition}: ${verify.data.problem ?? ''}`}
        </p>
      )}
      <ProblemMessage error={verify.error ?? log.error} />
      <div className="table-wrap">
        <table className="audit">
          <caption>Sự kiện, cũ nhất trước</caption>
          <thead>
            <tr><th scope="col">Thời điểm</th><th scope="col">Người thực hiện</th><th scope="col">Sự kiện</th>
              <th scope="col">Lý do</th><th scope="col">Thay đổi (trước → sau)</th></tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.position}>
                <td data-label="Thời điểm"><time dateTime={event.timestamp}>{formatDateTime(event.timestamp)}</time></td>
                <td data-label="Người thực hiện">{event.actor ?? 'hệ thống'}{event.roles && event.roles.length > 0 && (
                  <span className="muted"> ({event.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ')})</span>)}</td>
                <td data-label="Sự kiện">{EVENT_NAMES[event.type] ?? event.type}<br />
                  <AggregateLink event={event} /></td>
                <td data-label="Lý do">{event.reason ?? '—'}</td>
                <td data-label="Thay đổi (trước → sau)">
                  {event.changes.length === 0 ? '—' : (
                    <ul className="changes">
                      {event.changes.map((change) => (
                        <li key={change.field}><code>{change.field}</code>: {show(change.before)} → {show(change.after)}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {log.isSuccess && events.length === 0 && <p>Không có sự kiện nào khớp.</p>}
      {log.hasNextPage && (
        <button type="button" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>Xem thêm</button>
      )}
    </section>
  );
}

function AggregateLink({ event }: { event: LoggedEvent }) {
  const id = event.aggregateId;
  if (!id) {
    return null;
  }
  if (event.aggregateType === 'PlanAggregate') {
    return <Link to={`/ke-hoach/${id}`}>{id}</Link>;
  }
  if (event.aggregateType === 'UnitAggregate') {
    return <Link to={`/don-vi/${id}`}>{id}</Link>;
  }
  const unit = (event.payload?.unitId ?? event.payload?.subjectUnitId ?? event.payload?.issuerUnitId) as string | undefined;
  return unit ? <Link to={`/don-vi/${unit}`}>{unit}</Link> : <code>{id}</code>;
}

function show(value: unknown): string {
  if (value === null || value === undefined) {
    return '∅';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
