import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, call, query } from '../api/client';
import type { Page, PlanView, Target, Task, UnitView } from '../api/types';
import { ProblemMessage } from '../components/Problem';
import { ReasonDialog } from '../components/ReasonDialog';
import { UnitPicker } from '../components/UnitPicker';
import { useUnitYear, YEARS } from '../components/UnitYear';
import { useTimes } from '../components/time';
import { formatDate, formatDateTime, formatNumber, formatPercent, parseDate, today } from '../i18n/format';
import { PLAN_STATUS } from '../i18n/messages';
import { useSession } from '../session/Session';
import { amendmentOf, type DeadlineRow, type TargetRow, type TaskRow } from '../plans/amendment';

/** Kế hoạch: a unit's plans for a year, and a new plan (planners). */
export function PlansPage() {
  const { can } = useSession();
  const [params] = useSearchParams();
  const { on, asOf } = useTimes();
  const { set } = useUnitYear();
  const unitId = params.get('unit') ?? undefined;
  const year = params.get('year') ?? undefined;
  const plans = useQuery({
    queryKey: ['plans', unitId ?? null, year ?? null, on, asOf],
    queryFn: () => call<Page<PlanView>>(`/plans${query({ unitId, year, on, asOf, limit: 100 })}`),
  });
  return (
    <section aria-labelledby="plans-title">
      <h1 id="plans-title">Kế hoạch</h1>
      <div className="toolbar">
        <UnitPicker label="Lọc theo đơn vị" on={on} onPick={(unit) => set("unit", unit.id)} />
        <label>Năm
          <select value={year ?? ''} onChange={(e) => set('year', e.target.value || undefined)}>
            <option value="">Tất cả</option>
            {YEARS.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        {unitId && <span className="muted">Đơn vị: {unitId}</span>}
      </div>
      <ProblemMessage error={plans.error} />
      <div className="table-wrap">
        <table>
          <caption>Danh sách kế hoạch</caption>
          <thead><tr><th scope="col">Số</th><th scope="col">Trích yếu</th><th scope="col">Đơn vị</th>
            <th scope="col">Kỳ</th><th scope="col">Trạng thái</th></tr></thead>
          <tbody>
            {(plans.data?.items ?? []).map((plan) => (
              <tr key={plan.id}>
                <td><Link to={`/ke-hoach/${plan.id}`}>{plan.number}</Link></td>
                <td>{plan.title}</td>
                <td>{plan.issuerUnitId}</td>
                <td>{formatDate(plan.period.from)} – {formatDate(plan.period.to)}</td>
                <td>{PLAN_STATUS[plan.status] ?? plan.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plans.isSuccess && plans.data.items.length === 0 && <p>Chưa có kế hoạch nào.</p>}
      {can('PLANNER') && <NewPlan />}
    </section>
  );
}

function NewPlan() {
  const navigate = useNavigate();
  const [issuer, setIssuer] = useState<UnitView | null>(null);
  const [fields, setFields] = useState({ number: '', title: '', issuedOn: formatDate(today()), from: '', to: '',
                                         basis: '', indicator: 'HOUSEHOLDS_TITLED', target: '' });
  const create = useMutation({
    mutationFn: () => {
      const dates = { issuedOn: parseDate(fields.issuedOn), from: parseDate(fields.from), to: parseDate(fields.to) };
      const missing = Object.entries(dates).find(([, v]) => !v);
      if (!issuer) {
        throw new Error('Chọn đơn vị ban hành.');
      }
      if (missing) {
        throw new Error('Ngày phải có dạng dd/MM/yyyy.');
      }
      const target = fields.target.trim() ? Number(fields.target.replace(',', '.')) / 100 : null;
      return call<PlanView>('/plans', {
        method: 'POST',
        body: {
          issuerUnitId: issuer.id, number: fields.number, title: fields.title, issuedOn: dates.issuedOn,
          period: { from: dates.from, to: dates.to },
          basis: fields.basis.split('\n').map((b) => b.trim()).filter(Boolean),
          targets: target === null ? [] : [{ indicator: fields.indicator, target }],
        },
      });
    },
    onSuccess: (plan) => navigate(`/ke-hoach/${plan.id}`),
  });
  const field = (key: keyof typeof fields, label: string, placeholder?: string) => (
    <label>{label}<input value={fields[key]} placeholder={placeholder} required name={key}
                        onChange={(e) => setFields({ ...fields, [key]: e.target.value })} /></label>
  );
  return (
    <form className="card" onSubmit={(e: FormEvent) => { e.preventDefault(); create.mutate(); }}
          aria-labelledby="new-plan-title">
      <h2 id="new-plan-title">Soạn kế hoạch mới</h2>
      <UnitPicker label="Đơn vị ban hành" onPick={setIssuer} />
      {issuer && <p className="muted">Đơn vị ban hành: {issuer.name}</p>}
      {field('number', 'Số hiệu', '45/KH-UBND')}
      {field('title', 'Trích yếu')}
      {field('issuedOn', 'Ngày ban hành', 'dd/MM/yyyy')}
      {field('from', 'Kỳ từ ngày', 'dd/MM/yyyy')}
      {field('to', 'Đến ngày', 'dd/MM/yyyy')}
      <label>Căn cứ (mỗi dòng một văn bản)
        <textarea value={fields.basis} rows={2} onChange={(e) => setFields({ ...fields, basis: e.target.value })} />
      </label>
      <label>Chỉ tiêu: tỷ lệ hộ gia đình học tập (%)
        <input value={fields.target} inputMode="decimal" placeholder="55,0"
               onChange={(e) => setFields({ ...fields, target: e.target.value })} name="target" />
      </label>
      <ProblemMessage error={create.error} />
      <button type="submit" disabled={create.isPending}>Lưu dự thảo</button>
    </form>
  );
}

type Action = 'issue' | 'close' | 'reopen';
const ACTIONS: Record<Action, { label: string; title: string; needsReason: boolean }> = {
  issue: { label: 'Ban hành', title: 'Ban hành kế hoạch', needsReason: false },
  close: { label: 'Khóa số liệu', title: 'Khóa số liệu kế hoạch', needsReason: true },
  reopen: { label: 'Mở lại', title: 'Mở lại kế hoạch', needsReason: true },
};

/** A plan: what it says, who changed its status and why, and the changes a planner may make. */
export function PlanPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const { asOf } = useTimes();
  const client = useQueryClient();
  const [asking, setAsking] = useState<Action | null>(null);
  const [amending, setAmending] = useState(false);
  const plan = useQuery({
    queryKey: ['plan', id, asOf],
    queryFn: () => call<PlanView>(`/plans/${encodeURIComponent(id)}${query({ asOf })}`),
  });
  const act = useMutation({
    mutationFn: ({ action, reason }: { action: Action; reason?: string }) =>
      call<PlanView>(`/plans/${id}/${action}`, { method: 'POST', body: reason ? { reason } : {}, ifMatch: plan.data?.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['plan', id] }),
  });
  const stale = act.error instanceof ApiError && act.error.code === 'STALE_VERSION';
  const p = plan.data;
  const allowed: Action[] = !p || !can('PLANNER') || asOf ? []
    : p.status === 'DRAFT' ? ['issue'] : p.status === 'ISSUED' ? ['close'] : ['reopen'];
  return (
    <section aria-labelledby="plan-title">
      <p><Link to="/ke-hoach">← Kế hoạch</Link></p>
      <ProblemMessage error={plan.error} />
      {p && (
        <>
          <h1 id="plan-title">Kế hoạch {p.number}</h1>
          <p>{p.title}</p>
          <dl className="facts">
            <dt>Đơn vị ban hành</dt><dd><Link to={`/don-vi/${p.issuerUnitId}`}>{p.issuerUnitId}</Link></dd>
            <dt>Ngày ban hành</dt><dd>{formatDate(p.issuedOn)}</dd>
            <dt>Kỳ</dt><dd>{formatDate(p.period.from)} – {formatDate(p.period.to)}</dd>
            <dt>Trạng thái</dt><dd><strong data-testid="plan-status">{PLAN_STATUS[p.status] ?? p.status}</strong>
              {p.lastStatusChange && <> · {p.lastStatusChange.actor}, {formatDateTime(p.lastStatusChange.at)}
                {p.lastStatusChange.reason && <>: {p.lastStatusChange.reason}</>}</>}</dd>
          </dl>
          {p.basis.length > 0 && (<><h2>Căn cứ</h2><ul>{p.basis.map((b) => <li key={b}>{b}</li>)}</ul></>)}
          <h2>Chỉ tiêu</h2>
          {p.targets.length === 0 ? <p>Chưa có chỉ tiêu.</p> : (
            <ul>{p.targets.map((t) => <li key={t.indicator}>{t.indicator}: {formatPercent(t.target)}{t.scope && ` (${t.scope})`}</li>)}</ul>
          )}
          {p.tasks.length > 0 && (<><h2>Nhiệm vụ</h2><ul>{p.tasks.map((t, i) => (
            <li key={i}>{t.content} — chủ trì: {t.leadUnitId}{t.coordinatingUnitIds.length > 0 && `; phối hợp: ${t.coordinatingUnitIds.join(', ')}`}
              {t.timeframe && ` (${t.timeframe})`}</li>))}</ul></>)}
          {p.deadlines.length > 0 && (<><h2>Thời hạn báo cáo</h2><ul>{p.deadlines.map((d) => (
            <li key={d.what + d.due}>{d.what}: {formatDate(d.due)}</li>))}</ul></>)}
          {p.closes.length > 0 && (<><h2>Các lần khóa số liệu</h2><ul>{p.closes.map((c) => (
            <li key={c.closedAt}>Khóa bởi {c.closedBy} lúc {formatDateTime(c.closedAt)}: {c.reason}
              {c.reopenedAt && <> · mở lại bởi {c.reopenedBy} lúc {formatDateTime(c.reopenedAt)}: {c.reopenReason}</>}</li>))}</ul></>)}
          <div className="toolbar">
            {allowed.map((action) => (
              <button key={action} type="button" onClick={() => ACTIONS[action].needsReason ? setAsking(action)
                : act.mutate({ action })}>{ACTIONS[action].label}</button>
            ))}
            {can('PLANNER') && !asOf && p.status !== 'CLOSED' && !amending && (
              <button type="button" className="secondary" onClick={() => setAmending(true)}>Điều chỉnh chỉ tiêu, nhiệm vụ</button>
            )}
            <Link to={`/nhat-ky?aggregateId=${p.id}`}>Xem nhật ký kế hoạch</Link>
            {p.status !== 'DRAFT' && <Link to={`/bao-cao?${new URLSearchParams({ unit: p.issuerUnitId, plan: p.id, year: p.period.to.slice(0, 4) })}`}>
              Tình hình báo cáo</Link>}
          </div>
          {amending && <AmendPlan plan={p} onDone={() => setAmending(false)} />}
          <ProblemMessage error={act.error} />
          {stale && <button type="button" onClick={() => { act.reset(); plan.refetch(); }}>Tải lại bản mới nhất</button>}
          {asking && (
            <ReasonDialog title={ACTIONS[asking].title} confirm={ACTIONS[asking].label} onClose={() => setAsking(null)}
                          onConfirm={async (reason) => { await act.mutateAsync({ action: asking, reason }); }} />
          )}
        </>
      )}
    </section>
  );
}

/** Amending a plan's targets, tasks and deadlines, with a reason; a stale version offers a reload. */
function AmendPlan({ plan, onDone }: { plan: PlanView; onDone: () => void }) {
  const client = useQueryClient();
  const catalogue = useQuery({
    queryKey: ['catalogue'],
    queryFn: () => call<{ indicators: { code: string; name: { vi: string } }[] }>('/indicators/catalogue'),
  });
  const [targets, setTargets] = useState<TargetRow[]>(() => plan.targets.map((t: Target) => ({
    indicator: t.indicator, percent: formatNumber(Math.round(Number(t.target) * 10000) / 100), scope: t.scope ?? '' })));
  const [tasks, setTasks] = useState<TaskRow[]>(() => plan.tasks.map((t: Task) => ({
    taskId: t.taskId, content: t.content, leadUnitId: t.leadUnitId ?? '', coordinating: t.coordinatingUnitIds.join(', '), timeframe: t.timeframe ?? '' })));
  const [deadlines, setDeadlines] = useState<DeadlineRow[]>(() => plan.deadlines.map((d) => ({
    deadlineId: d.deadlineId, what: d.what, due: formatDate(d.due), kind: d.kind, reporterUnitIds: d.reporterUnitIds,
    recurrence: d.recurrence })));
  const [reason, setReason] = useState('');
  const amend = useMutation({
    mutationFn: () => call<PlanView>(`/plans/${plan.id}/amend`, {
      method: 'POST', ifMatch: plan.version, body: amendmentOf(targets, tasks, deadlines, reason.trim()),
    }),
    onSuccess: () => { client.invalidateQueries({ queryKey: ['plan', plan.id] }); onDone(); },
  });
  const stale = amend.error instanceof ApiError && amend.error.code === 'STALE_VERSION';
  const edit = <T,>(rows: T[], set: (rows: T[]) => void, i: number, change: Partial<T>) =>
    set(rows.map((row, j) => (j === i ? { ...row, ...change } : row)));
  return (
    <form className="card" aria-label="Điều chỉnh kế hoạch" onSubmit={(e: FormEvent) => { e.preventDefault(); amend.mutate(); }}>
      <h2>Điều chỉnh kế hoạch</h2>
      <fieldset>
        <legend>Chỉ tiêu</legend>
        {targets.map((t, i) => (
          <div key={i} className="row">
            <label>Chỉ số
              <select value={t.indicator} onChange={(e) => edit(targets, setTargets, i, { indicator: e.target.value })}>
                <option value="">(chọn)</option>
                {(catalogue.data?.indicators ?? []).map((d) => <option key={d.code} value={d.code}>{d.code} — {d.name.vi}</option>)}
                {t.indicator && !(catalogue.data?.indicators ?? []).some((d) => d.code === t.indicator)
                  && <option value={t.indicator}>{t.indicator}</option>}
              </select>
            </label>
            <label>Chỉ tiêu (%)
              <input inputMode="decimal" value={t.percent} onChange={(e) => edit(targets, setTargets, i, { percent: e.target.value })} />
            </label>
            <button type="button" className="secondary" onClick={() => setTargets(targets.filter((_, j) => j !== i))}>
              Bỏ chỉ tiêu {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setTargets([...targets, { indicator: '', percent: '', scope: '' }])}>
          Thêm chỉ tiêu
        </button>
      </fieldset>
      <fieldset>
        <legend>Nhiệm vụ</legend>
        {tasks.map((t, i) => (
          <div key={i} className="row">
            <label>Nội dung nhiệm vụ {i + 1}
              <input value={t.content} onChange={(e) => edit(tasks, setTasks, i, { content: e.target.value })} />
            </label>
            <label>Chủ trì (mã đơn vị)
              <input value={t.leadUnitId} onChange={(e) => edit(tasks, setTasks, i, { leadUnitId: e.target.value })} />
            </label>
            <label>Phối hợp (mã, cách nhau bởi dấu phẩy)
              <input value={t.coordinating} onChange={(e) => edit(tasks, setTasks, i, { coordinating: e.target.value })} />
            </label>
            <label>Thời gian
              <input value={t.timeframe} onChange={(e) => edit(tasks, setTasks, i, { timeframe: e.target.value })} />
            </label>
            <button type="button" className="secondary" onClick={() => setTasks(tasks.filter((_, j) => j !== i))}>
              Bỏ nhiệm vụ {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className="secondary"
                onClick={() => setTasks([...tasks, { content: '', leadUnitId: plan.issuerUnitId, coordinating: '', timeframe: '' }])}>
          Thêm nhiệm vụ
        </button>
      </fieldset>
      <fieldset>
        <legend>Thời hạn báo cáo</legend>
        {deadlines.map((d, i) => (
          <div key={i} className="row">
            <label>Nội dung báo cáo {i + 1}
              <input value={d.what} onChange={(e) => edit(deadlines, setDeadlines, i, { what: e.target.value })} />
            </label>
            <label>Hạn (dd/MM/yyyy)
              <input value={d.due} placeholder="dd/MM/yyyy" onChange={(e) => edit(deadlines, setDeadlines, i, { due: e.target.value })} />
            </label>
            <button type="button" className="secondary" onClick={() => setDeadlines(deadlines.filter((_, j) => j !== i))}>
              Bỏ thời hạn {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setDeadlines([...deadlines, { what: '', due: '' }])}>
          Thêm thời hạn
        </button>
      </fieldset>
      <label>Lý do điều chỉnh
        <textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <ProblemMessage error={amend.error} />
      {stale && <p>Kế hoạch vừa được người khác thay đổi: tải lại trang để điều chỉnh trên bản mới nhất.</p>}
      <div className="toolbar">
        <button type="submit" disabled={!reason.trim() || amend.isPending}>Lưu điều chỉnh</button>
        <button type="button" className="secondary" onClick={onDone}>Hủy</button>
      </div>
    </form>
  );
}
