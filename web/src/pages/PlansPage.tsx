import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, call, query } from '../api/client';
import type { Page, PlanView, UnitView } from '../api/types';
import { ProblemMessage } from '../components/Problem';
import { ReasonDialog } from '../components/ReasonDialog';
import { UnitPicker } from '../components/UnitPicker';
import { useUnitYear, YEARS } from '../components/UnitYear';
import { useTimes } from '../components/time';
import { formatDate, formatDateTime, formatPercent, parseDate, today } from '../i18n/format';
import { PLAN_STATUS } from '../i18n/messages';
import { useSession } from '../session/Session';

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
            <Link to={`/nhat-ky?aggregateId=${p.id}`}>Xem nhật ký kế hoạch</Link>
          </div>
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
