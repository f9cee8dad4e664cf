import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, query } from '../api/client';
import type { HistoryEntry, Page, UnitList, UnitView } from '../api/types';
import { ProblemMessage } from '../components/Problem';
import { TimeControls } from '../components/TimeControls';
import { UnitPicker } from '../components/UnitPicker';
import { useTimes, withTimes } from '../components/time';
import { formatDate, formatDateTime, parseDate, today } from '../i18n/format';
import { KIND_NAMES } from '../i18n/messages';
import { useSession } from '../session/Session';

/** Đơn vị: the hierarchy as it stood on the chosen date (move the date across 01/07/2025 to see the reform). */
export function UnitsPage() {
  const { user, can } = useSession();
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
      {can('ADMIN') && !asOf && <RegisterUnit />}
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
  const { can } = useSession();
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
          {!unit.data.mergedInto && unit.data.validTo && (<><dt>Đã giải thể</dt>
            <dd data-testid="dissolved">từ {formatDate(unit.data.validTo)}</dd></>)}
        </dl>
      )}
      <p><Link to={withTimes('/tong-quan', params, { unit: id })}>Xem chỉ số</Link></p>
      {unit.data && can('ADMIN') && !asOf && !unit.data.validTo && <ChangeUnit unit={unit.data} />}
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

const KINDS = ['PROVINCE', 'DISTRICT', 'COMMUNE', 'VILLAGE', 'ORGANISATION', 'COMMUNITY_LEARNING_CENTRE'];

/** An administrator registers a unit: its code, name, level, the unit it belongs to, and since when. */
function RegisterUnit() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [fields, setFields] = useState({ id: '', name: '', kind: 'COMMUNE', validFrom: formatDate(today()) });
  const [parent, setParent] = useState<UnitView | null>(null);
  const [dateProblem, setDateProblem] = useState<string | null>(null);
  const register = useMutation({
    mutationFn: () => call<UnitView>('/units', {
      method: 'POST',
      body: { id: fields.id.trim(), name: fields.name.trim(), kind: fields.kind, validFrom: parseDate(fields.validFrom),
              ...(parent ? { parentId: parent.id } : {}) },
    }),
    onSuccess: (unit) => { client.invalidateQueries(); navigate(`/don-vi/${unit.id}`); },
  });
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!parseDate(fields.validFrom)) {
      setDateProblem('Ngày theo dạng dd/MM/yyyy.');
      return;
    }
    setDateProblem(null);
    register.mutate();
  }
  return (
    <form className="card" aria-label="Thêm đơn vị" onSubmit={submit}>
      <h2>Thêm đơn vị</h2>
      <label>Mã đơn vị (chữ thường, số, gạch ngang)<input required value={fields.id} onChange={set('id')} placeholder="xa-tan-thong-hoi" /></label>
      <label>Tên đơn vị<input required value={fields.name} onChange={set('name')} /></label>
      <label>Cấp
        <select value={fields.kind} onChange={set('kind')}>
          {KINDS.map((kind) => <option key={kind} value={kind}>{KIND_NAMES[kind] ?? kind}</option>)}
        </select>
      </label>
      {fields.kind !== 'PROVINCE' && (
        <>
          <UnitPicker label="Trực thuộc" onPick={setParent} />
          {parent && <p className="muted">Trực thuộc: {parent.name}</p>}
        </>
      )}
      <label>Hiệu lực từ ngày<input required value={fields.validFrom} onChange={set('validFrom')} placeholder="dd/MM/yyyy" /></label>
      {dateProblem && <p className="error" role="alert">{dateProblem}</p>}
      <ProblemMessage error={register.error} />
      <button type="submit" disabled={register.isPending}>Thêm đơn vị</button>
    </form>
  );
}

type UnitChange = 'rename' | 'move' | 'merge' | 'dissolve';
const CHANGES: Record<UnitChange, string> = {
  rename: 'Đổi tên', move: 'Chuyển trực thuộc', merge: 'Sáp nhập vào đơn vị khác', dissolve: 'Giải thể',
};

/**
 * An administrator renames, moves, merges or dissolves a unit from a date, with a reason (the 2025 reform is made of
 * these: the communes move, then the district is dissolved).
 */
function ChangeUnit({ unit }: { unit: UnitView }) {
  const client = useQueryClient();
  const [change, setChange] = useState<UnitChange>('rename');
  const [name, setName] = useState(unit.name);
  const [target, setTarget] = useState<UnitView | null>(null);
  const [validFrom, setValidFrom] = useState(formatDate(today()));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => call<UnitView>(`/units/${encodeURIComponent(unit.id)}/${change}`, {
      method: 'POST', ifMatch: unit.version,
      body: { validFrom: parseDate(validFrom), reason: reason.trim(),
              ...(change === 'rename' ? { name: name.trim() } : change === 'move' ? { parentId: target?.id }
                : change === 'merge' ? { intoId: target?.id } : {}) },
    }),
    onSuccess: () => { setReason(''); client.invalidateQueries(); },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!parseDate(validFrom)) {
      setProblem('Ngày theo dạng dd/MM/yyyy.');
    } else if ((change === 'move' || change === 'merge') && !target) {
      setProblem(change === 'move' ? 'Chọn đơn vị cấp trên mới.' : 'Chọn đơn vị sáp nhập vào.');
    } else {
      setProblem(null);
      save.mutate();
    }
  }
  return (
    <form className="card" aria-label="Thay đổi đơn vị" onSubmit={submit}>
      <h2>Thay đổi đơn vị</h2>
      <label>Thay đổi
        <select value={change} onChange={(e) => { setChange(e.target.value as UnitChange); setTarget(null); }}>
          {(Object.keys(CHANGES) as UnitChange[]).map((c) => <option key={c} value={c}>{CHANGES[c]}</option>)}
        </select>
      </label>
      {change === 'rename' && <label>Tên mới<input required value={name} onChange={(e) => setName(e.target.value)} /></label>}
      {change === 'dissolve' && (
        <p className="muted">Đơn vị chấm dứt từ ngày đã chọn, không nhập vào đơn vị nào; các đơn vị trực thuộc phải được
          chuyển hoặc sáp nhập trước. Lịch sử và số liệu trước đó được giữ nguyên.</p>
      )}
      {(change === 'move' || change === 'merge') && (
        <>
          <UnitPicker label={change === 'move' ? 'Đơn vị cấp trên mới' : 'Sáp nhập vào'} onPick={setTarget} />
          {target && <p className="muted">{change === 'move' ? 'Trực thuộc mới' : 'Sáp nhập vào'}: {target.name}</p>}
        </>
      )}
      <label>Từ ngày<input required value={validFrom} onChange={(e) => setValidFrom(e.target.value)} placeholder="dd/MM/yyyy" /></label>
      <label>Lý do<textarea required value={reason} onChange={(e) => setReason(e.target.value)} /></label>
      {problem && <p className="error" role="alert">{problem}</p>}
      <ProblemMessage error={save.error} />
      {save.isSuccess && <p className="ok" role="status">Đã ghi nhận.</p>}
      <button type="submit" disabled={save.isPending || !reason.trim()}>{CHANGES[change]}</button>
    </form>
  );
}
