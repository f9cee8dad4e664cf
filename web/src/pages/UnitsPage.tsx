import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { call, query } from '../api/client';
import type { HistoryEntry, Page, UnitList, UnitView } from '../api/types';
import { ProblemMessage } from '../components/Problem';
import { TimeControls } from '../components/TimeControls';
import { UnitPicker } from '../components/UnitPicker';
import { useTimes, withTimes } from '../components/time';
import { formatDate, formatDateTime } from '../i18n/format';
import { KIND_NAMES } from '../i18n/messages';
import { useSession } from '../session/Session';

/** Đơn vị: the hierarchy as it stood on the chosen date (move the date across 01/07/2025 to see the reform). */
export function UnitsPage() {
  const { user } = useSession();
  const { on, asOf } = useTimes();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const roots = useQuery({
    queryKey: ['roots', user.scope, on, asOf],
    queryFn: async () => {
      if (user.scope.includes('*')) {
        return (await call<UnitList>(`/units${query({ kind: 'PROVINCE', on, limit: 500 })}`)).items;
      }
      const found = await Promise.all(user.scope.map((id) => call<UnitView>(`/units/${encodeURIComponent(id)}${query({ on, asOf })}`)
        .catch(() => null)));
      return found.filter((unit): unit is UnitView => unit !== null);
    },
  });
  return (
    <section aria-labelledby="units-title">
      <h1 id="units-title">Đơn vị</h1>
      <UnitPicker label="Tìm đơn vị" on={on} onPick={(unit) => navigate(withTimes(`/don-vi/${unit.id}`, params))} />
      <TimeControls />
      <ProblemMessage error={roots.error} />
      <ul className="tree" aria-label="Cây đơn vị">
        {(roots.data ?? []).map((unit) => <TreeNode key={unit.id} unit={unit} on={on} asOf={asOf} open />)}
      </ul>
      {roots.data && roots.data.length === 0 && <p>Chưa có đơn vị nào.</p>}
    </section>
  );
}

function TreeNode({ unit, on, asOf, open: initiallyOpen = false }: {
  unit: UnitView; on?: string; asOf?: string; open?: boolean;
}) {
  const [params] = useSearchParams();
  const [open, setOpen] = useState(initiallyOpen);
  const children = useQuery({
    queryKey: ['children', unit.id, on, asOf],
    queryFn: () => call<UnitList>(`/units/${encodeURIComponent(unit.id)}/children${query({ on, asOf })}`),
    enabled: open,
  });
  const leaf = unit.kind === 'VILLAGE';
  return (
    <li>
      {!leaf && (
        <button type="button" className="toggle" aria-expanded={open} onClick={() => setOpen(!open)}
                aria-label={`${open ? 'Thu gọn' : 'Mở'} ${unit.name}`}>{open ? '▾' : '▸'}</button>
      )}
      <Link to={withTimes(`/don-vi/${unit.id}`, params)}>{unit.name}</Link>{' '}
      <span className="muted">{KIND_NAMES[unit.kind] ?? unit.kind}</span>
      {open && children.data && children.data.items.length > 0 && (
        <ul>{children.data.items.map((child) => <TreeNode key={child.id} unit={child} on={on} asOf={asOf} />)}</ul>
      )}
    </li>
  );
}

/** A unit's page: what it is on the date, and its history (and its subtree's) as sentences, newest first. */
export function UnitPage() {
  const { id = '' } = useParams();
  const { on, asOf } = useTimes();
  const [params] = useSearchParams();
  const unit = useQuery({
    queryKey: ['unit', id, on, asOf],
    queryFn: () => call<UnitView>(`/units/${encodeURIComponent(id)}${query({ on, asOf })}`),
  });
  const history = useInfiniteQuery({
    queryKey: ['history', id, on, asOf],
    queryFn: ({ pageParam }) => call<Page<HistoryEntry>>(
      `/units/${encodeURIComponent(id)}/history${query({ limit: 50, cursor: pageParam, on, asOf })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const entries = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="unit-title">
      <p><Link to={withTimes('/don-vi', params)}>← Đơn vị</Link></p>
      <h1 id="unit-title">{unit.data?.name ?? id}</h1>
      <TimeControls />
      <ProblemMessage error={unit.error} />
      {unit.data && (
        <dl className="facts">
          <dt>Mã</dt><dd><code>{unit.data.id}</code></dd>
          <dt>Cấp</dt><dd>{KIND_NAMES[unit.data.kind] ?? unit.data.kind}</dd>
          <dt>Trực thuộc</dt>
          <dd>{unit.data.parentId ? <Link to={withTimes(`/don-vi/${unit.data.parentId}`, params)}>{unit.data.parentId}</Link> : '—'}</dd>
          <dt>Hiệu lực từ</dt><dd>{formatDate(unit.data.validFrom)}</dd>
          {unit.data.mergedInto && (<><dt>Đã sáp nhập vào</dt>
            <dd><Link to={withTimes(`/don-vi/${unit.data.mergedInto}`, params)}>{unit.data.mergedInto}</Link>
              {unit.data.validTo && <> từ {formatDate(unit.data.validTo)}</>}</dd></>)}
        </dl>
      )}
      <p><Link to={withTimes('/tong-quan', params, { unit: id })}>Xem chỉ số</Link></p>
      <h2>Lịch sử</h2>
      <ProblemMessage error={history.error} />
      <ol className="history" aria-label="Lịch sử, mới nhất trước">
        {entries.map((entry) => (
          <li key={entry.position}>
            <time dateTime={entry.timestamp}>{formatDateTime(entry.timestamp)}</time>
            <p>{entry.vi}</p>
            {entry.event.reason && <p className="muted">Lý do: {entry.event.reason}</p>}
          </li>
        ))}
      </ol>
      {history.hasNextPage && (
        <button type="button" onClick={() => history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          Xem thêm
        </button>
      )}
    </section>
  );
}
