import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, call, query, upload, uploadFollowing } from '../api/client';
import type {
  ImportReport, ObligationView, Page, PlanView, Progress, ReportView, TaskProgressView,
} from '../api/types';
import { ProblemMessage } from '../components/Problem';
import { ReasonDialog } from '../components/ReasonDialog';
import { UnitYearBar, useUnitYear } from '../components/UnitYear';
import { useTimes } from '../components/time';
import { formatDate, formatDateTime, formatNumber } from '../i18n/format';
import { IMPORT_KINDS, OBLIGATION_STATUS, PROGRESS, TIMELINESS } from '../i18n/messages';
import { useSession } from '../session/Session';
import { reportOf, type FigureRow, type TaskRow } from '../reports/report';

/**
 * Báo cáo: what a unit owes (its obligations, with reminders and overdue marks) and the report form; for the issuer,
 * who has reported on a plan, accepting or returning reports, task progress and the exports; Excel in and out.
 */
export function ReportsPage() {
  const { on, asOf } = useTimes();
  const { unitId, year } = useUnitYear();
  const [params] = useSearchParams();
  const planId = params.get('plan') ?? undefined;
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">Báo cáo</h1>
      <UnitYearBar label="Đơn vị" on={on} />
      {unitId && <ToDo unitId={unitId} asOf={asOf} />}
      {unitId && <PlansOf unitId={unitId} year={year} />}
      {planId && <PlanReports planId={planId} asOf={asOf} />}
      {unitId && <Excel unitId={unitId} year={year} />}
      {!unitId && !planId && <p>Chọn đơn vị để xem việc cần báo cáo, theo dõi báo cáo theo kế hoạch và nhập, xuất Excel.</p>}
    </section>
  );
}

function timelinessOf(o: ObligationView): string {
  return o.timeliness ? TIMELINESS[o.timeliness] : 'Chưa đến hạn';
}

/** The unit's obligations: what it still owes first, with the last reminder; the report form for one of them. */
function ToDo({ unitId, asOf }: { unitId: string; asOf?: string }) {
  const { can } = useSession();
  const [writing, setWriting] = useState<ObligationView | null>(null);
  const obligations = useQuery({
    queryKey: ['obligations', 'unit', unitId, asOf],
    queryFn: () => call<Page<ObligationView>>(`/units/${encodeURIComponent(unitId)}/obligations${query({ asOf, limit: 500 })}`),
  });
  const items = [...(obligations.data?.items ?? [])].sort((a, b) =>
    Number(b.status === 'OPEN' || b.status === 'RETURNED') - Number(a.status === 'OPEN' || a.status === 'RETURNED')
    || a.deadline.due.localeCompare(b.deadline.due));
  return (
    <div className="card">
      <h2>Việc cần báo cáo của đơn vị</h2>
      <ProblemMessage error={obligations.error} />
      {obligations.isSuccess && items.length === 0 && <p>Đơn vị chưa được giao báo cáo nào.</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>Yêu cầu báo cáo của {unitId}</caption>
            <thead><tr><th scope="col">Báo cáo</th><th scope="col">Hạn</th><th scope="col">Trạng thái</th>
              <th scope="col">Thời hạn</th><th scope="col">Nhắc hạn</th><th scope="col">Kế hoạch</th><th scope="col">Việc</th></tr></thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} data-testid={`todo-${o.deadline.what}`}>
                  <td>{o.deadline.what}</td>
                  <td>{formatDate(o.deadline.due)}</td>
                  <td>{OBLIGATION_STATUS[o.status]}{o.status === 'RETURNED' && o.lastChange?.reason && `: ${o.lastChange.reason}`}</td>
                  <td>{timelinessOf(o)}</td>
                  <td>{o.lastReminder ? `còn ${o.lastReminder.daysLeft} ngày (${formatDateTime(o.lastReminder.at)})` : '—'}</td>
                  <td><Link to={`/bao-cao?${new URLSearchParams({ unit: unitId, plan: o.planId })}`}>Xem</Link></td>
                  <td>{(o.status === 'OPEN' || o.status === 'RETURNED') && can('PLANNER', 'ASSESSOR') && !asOf && (
                    <button type="button" onClick={() => setWriting(o)}>Lập báo cáo: {o.deadline.what}</button>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {writing && <ReportForm obligation={writing} onDone={() => setWriting(null)} />}
    </div>
  );
}

/** A report for an obligation: a figure per target of the plan, progress per task, narrative, difficulties, proposals. */
function ReportForm({ obligation, onDone }: { obligation: ObligationView; onDone: () => void }) {
  const client = useQueryClient();
  const plan = useQuery({
    queryKey: ['plan', obligation.planId, undefined],
    queryFn: () => call<PlanView>(`/plans/${obligation.planId}`),
  });
  const [figures, setFigures] = useState<FigureRow[] | null>(null);
  const [tasks, setTasks] = useState<TaskRow[] | null>(null);
  const [text, setText] = useState({ narrative: '', difficulties: '', proposals: '' });
  const p = plan.data;
  const figureRows = figures ?? (p ? p.targets.map((t) => ({ indicator: t.indicator, numerator: '', denominator: '' })) : []);
  const taskRows = tasks ?? (p ? p.tasks.map((t) => ({ taskId: t.taskId, content: t.content, progress: '' as Progress | '', percent: '', narrative: '' })) : []);
  const submit = useMutation({
    mutationFn: () => call<ReportView>(`/obligations/${obligation.id}/reports`, {
      method: 'POST', body: reportOf(figureRows, taskRows, text),
    }),
    onSuccess: () => { client.invalidateQueries({ queryKey: ['obligations'] }); onDone(); },
  });
  return (
    <form className="card" aria-label={`Báo cáo: ${obligation.deadline.what}`}
          onSubmit={(e: FormEvent) => { e.preventDefault(); submit.mutate(); }}>
      <h3>{obligation.deadline.what} — hạn {formatDate(obligation.deadline.due)}</h3>
      <ProblemMessage error={plan.error} />
      {figureRows.length > 0 && (
        <fieldset>
          <legend>Số liệu theo chỉ tiêu của kế hoạch</legend>
          {figureRows.map((f, i) => (
            <div className="row" key={f.indicator}>
              <label>{f.indicator}: tử số
                <input inputMode="numeric" value={f.numerator}
                       onChange={(e) => setFigures(figureRows.map((r, j) => j === i ? { ...r, numerator: e.target.value } : r))} />
              </label>
              <label>{f.indicator}: mẫu số
                <input inputMode="numeric" value={f.denominator}
                       onChange={(e) => setFigures(figureRows.map((r, j) => j === i ? { ...r, denominator: e.target.value } : r))} />
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {taskRows.length > 0 && (
        <fieldset>
          <legend>Tiến độ nhiệm vụ</legend>
          {taskRows.map((t, i) => (
            <div className="row" key={t.taskId}>
              <label>Tiến độ: {t.content}
                <select value={t.progress} onChange={(e) => setTasks(taskRows.map((r, j) => j === i
                  ? { ...r, progress: e.target.value as Progress | '' } : r))}>
                  <option value="">(không báo cáo)</option>
                  {Object.entries(PROGRESS).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
                </select>
              </label>
              <label>Phần trăm
                <input inputMode="numeric" value={t.percent}
                       onChange={(e) => setTasks(taskRows.map((r, j) => j === i ? { ...r, percent: e.target.value } : r))} />
              </label>
              <label>Kết quả cụ thể
                <input value={t.narrative}
                       onChange={(e) => setTasks(taskRows.map((r, j) => j === i ? { ...r, narrative: e.target.value } : r))} />
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <label>Tóm tắt kết quả<textarea value={text.narrative} onChange={(e) => setText({ ...text, narrative: e.target.value })} /></label>
      <label>Khó khăn, vướng mắc<textarea value={text.difficulties} onChange={(e) => setText({ ...text, difficulties: e.target.value })} /></label>
      <label>Đề xuất, kiến nghị<textarea value={text.proposals} onChange={(e) => setText({ ...text, proposals: e.target.value })} /></label>
      <ProblemMessage error={submit.error} />
      <div className="toolbar">
        <button type="submit" disabled={submit.isPending || !p}>Gửi báo cáo</button>
        <button type="button" className="secondary" onClick={onDone}>Đóng</button>
      </div>
    </form>
  );
}

/** The plans the unit issued for the year, to follow who reports on them. */
function PlansOf({ unitId, year }: { unitId: string; year: string }) {
  const [params, setParams] = useSearchParams();
  const plans = useQuery({
    queryKey: ['plans', unitId, year, null, null],
    queryFn: () => call<Page<PlanView>>(`/plans${query({ unitId, year, limit: 100 })}`),
  });
  const issued = (plans.data?.items ?? []).filter((p) => p.status !== 'DRAFT');
  if (issued.length === 0) {
    return null;
  }
  return (
    <div className="toolbar">
      <label>Theo dõi báo cáo theo kế hoạch
        <select value={params.get('plan') ?? ''} onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.target.value) { next.set('plan', e.target.value); } else { next.delete('plan'); }
          setParams(next);
        }}>
          <option value="">(chọn kế hoạch)</option>
          {issued.map((p) => <option key={p.id} value={p.id}>{p.number} — {p.title}</option>)}
        </select>
      </label>
    </div>
  );
}

/** Who has reported on a plan, the reports awaiting the issuer, task progress and the plan's exports. */
function PlanReports({ planId, asOf }: { planId: string; asOf?: string }) {
  const { can } = useSession();
  const client = useQueryClient();
  const [returning, setReturning] = useState<ObligationView | null>(null);
  const obligations = useQuery({
    queryKey: ['obligations', 'plan', planId, asOf],
    queryFn: () => call<Page<ObligationView>>(`/plans/${planId}/obligations${query({ asOf, limit: 500 })}`),
  });
  const progress = useQuery({
    queryKey: ['task-progress', planId, asOf],
    queryFn: () => call<{ items: TaskProgressView[] }>(`/plans/${planId}/task-progress${query({ asOf })}`),
  });
  const plan = useQuery({
    queryKey: ['plan', planId, asOf],
    queryFn: () => call<PlanView>(`/plans/${planId}${query({ asOf })}`),
  });
  const decide = useMutation({
    mutationFn: ({ reportId, reason }: { reportId: string; reason?: string }) =>
      call<ReportView>(`/reports/${reportId}/${reason ? 'return' : 'accept'}`, { method: 'POST', body: reason ? { reason } : undefined }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['obligations'] });
      client.invalidateQueries({ queryKey: ['task-progress'] });
    },
  });
  const items = obligations.data?.items ?? [];
  const count = (f: (o: ObligationView) => boolean) => items.filter(f).length;
  const mayDecide = can('PLANNER', 'REVIEWER') && !asOf;
  const tasks = new Map((plan.data?.tasks ?? []).map((t) => [t.taskId, t.content]));
  const asOfQuery = query({ asOf });
  return (
    <div className="card">
      <h2>Báo cáo theo kế hoạch {plan.data?.number ?? ''}</h2>
      <ProblemMessage error={obligations.error ?? plan.error} />
      <p data-testid="report-summary">
        {count(() => true)} yêu cầu · {count((o) => o.timeliness === 'ON_TIME')} đúng hạn ·
        {' '}{count((o) => o.timeliness === 'LATE')} trễ hạn · {count((o) => o.timeliness === 'OVERDUE')} quá hạn chưa báo cáo
      </p>
      <div className="table-wrap">
        <table>
          <caption>Tình hình báo cáo của các đơn vị</caption>
          <thead><tr><th scope="col">Đơn vị</th><th scope="col">Báo cáo</th><th scope="col">Hạn</th>
            <th scope="col">Trạng thái</th><th scope="col">Thời hạn</th><th scope="col">Gửi lúc</th><th scope="col">Xử lý</th></tr></thead>
          <tbody>
            {items.map((o) => (
              <tr key={o.id} data-testid={`obligation-${o.unitId}-${o.deadline.what}`}>
                <td>{o.unitId}</td>
                <td>{o.deadline.what}</td>
                <td>{formatDate(o.deadline.due)}</td>
                <td>{OBLIGATION_STATUS[o.status]}{o.returns > 0 && ` (trả lại ${o.returns} lần)`}</td>
                <td>{timelinessOf(o)}</td>
                <td>{o.submittedAt ? formatDateTime(o.submittedAt) : '—'}</td>
                <td>{o.status === 'SUBMITTED' && o.reportId && mayDecide && (
                  <>
                    <button type="button" onClick={() => decide.mutate({ reportId: o.reportId! })}>Tiếp nhận báo cáo của {o.unitId}</button>{' '}
                    <button type="button" className="secondary" onClick={() => setReturning(o)}>Trả lại</button>
                  </>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ProblemMessage error={decide.error} />
      {(progress.data?.items ?? []).length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>Tiến độ nhiệm vụ theo báo cáo của các đơn vị</caption>
            <thead><tr><th scope="col">Nhiệm vụ</th><th scope="col">Đơn vị báo cáo</th><th scope="col">Hoàn thành</th>
              <th scope="col">Tiến độ bình quân</th></tr></thead>
            <tbody>
              {(progress.data?.items ?? []).map((t) => (
                <tr key={t.taskId}>
                  <td>{tasks.get(t.taskId) ?? t.taskId}</td>
                  <td>{formatNumber(t.units)}</td>
                  <td>{formatNumber(t.done)}</td>
                  <td>{formatNumber(t.averagePercent)} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="toolbar">
        <a href={`${API}/plans/${planId}/obligations${query({ format: 'xlsx', asOf })}`} download>Tải danh sách báo cáo (.xlsx)</a>
        <a href={`${API}/plans/${planId}/annual-report?format=xlsx${asOfQuery.replace('?', '&')}`} download>Báo cáo kết quả (.xlsx)</a>
        <a href={`${API}/plans/${planId}/annual-report?format=pdf${asOfQuery.replace('?', '&')}`} download>Báo cáo kết quả (.pdf)</a>
      </p>
      {returning && returning.reportId && (
        <ReasonDialog title={`Trả lại báo cáo của ${returning.unitId}`} confirm="Trả lại" onClose={() => setReturning(null)}
                      onConfirm={async (reason) => { await decide.mutateAsync({ reportId: returning.reportId!, reason }); }} />
      )}
    </div>
  );
}

/** Templates, imports (a dry run first) and the indicator table's export. */
function Excel({ unitId, year }: { unitId: string; year: string }) {
  const { can } = useSession();
  const client = useQueryClient();
  const [kind, setKind] = useState('baselines');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => {
      setProgress(null);
      return dryRun ? upload<ImportReport>(`/imports/${kind}?dryRun=true`, file!)
        : uploadFollowing<ImportReport>(`/imports/${kind}?dryRun=false`, file!, (done, total) => setProgress({ done, total }));
    },
    onSuccess: () => client.invalidateQueries(),
  });
  const report = run.data;
  const mayImport = kind === 'recognition-batches' ? can('RECOGNIZER') : can('PLANNER', 'ADMIN');
  return (
    <div className="card">
      <h2>Nhập, xuất Excel</h2>
      <p className="toolbar">
        <a href={`${API}/exports/indicators${query({ unitId, year, format: 'xlsx' })}`} download>
          Xuất bảng chỉ số năm {year} của {unitId} và các đơn vị trực thuộc (.xlsx)</a>
      </p>
      <div className="toolbar">
        <label>Loại dữ liệu
          <select value={kind} onChange={(e) => { setKind(e.target.value); run.reset(); }}>
            {Object.entries(IMPORT_KINDS).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </label>
        <a href={`${API}/imports/templates/${kind}${query({ unitId, year })}`} download>Tải mẫu (.xlsx)</a>
      </div>
      {mayImport && (
        <form onSubmit={(e: FormEvent) => { e.preventDefault(); run.mutate(true); }}>
          <label>Tệp dữ liệu (.xlsx hoặc .csv UTF-8)
            <input type="file" accept=".xlsx,.csv" onChange={(e) => { setFile(e.target.files?.[0] ?? null); run.reset(); }} />
          </label>
          <div className="toolbar">
            <button type="submit" disabled={!file || run.isPending}>Chạy thử</button>
            <button type="button" disabled={!file || run.isPending || !report?.valid || report.applied > 0}
                    onClick={() => run.mutate(false)}>Ghi vào sổ</button>
          </div>
        </form>
      )}
      {run.isPending && progress && (
        <p role="status">
          <label>Đang ghi {formatNumber(progress.done)}/{formatNumber(progress.total)} dòng
            <progress max={progress.total} value={progress.done} /></label>
        </p>
      )}
      <ProblemMessage error={run.error} />
      {report && (
        <div role="status" data-testid="import-report">
          <p>
            {report.applied > 0 || (report.valid && report.changes.length > 0 && report.unchanged === report.changes.length && run.variables === false)
              ? `Đã ghi ${formatNumber(report.applied)} dòng; ${formatNumber(report.unchanged)} dòng không đổi.`
              : report.valid
                ? `Tệp hợp lệ: ${formatNumber(report.rows)} dòng, ${formatNumber(report.changes.length - report.unchanged)} dòng sẽ được ghi, ${formatNumber(report.unchanged)} dòng không đổi.`
                : `Tệp có ${formatNumber(report.errors.length)} lỗi: không dòng nào được ghi.`}
          </p>
          {report.errors.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption>Các dòng lỗi</caption>
                <thead><tr><th scope="col">Dòng</th><th scope="col">Cột</th><th scope="col">Lỗi</th></tr></thead>
                <tbody>
                  {report.errors.map((e) => (
                    <tr key={`${e.row}-${e.column}-${e.code}`}><td>{e.row}</td><td>{e.column}</td><td>{e.message}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="muted">Mã tệp (SHA-256): {report.fileSha256}</p>
        </div>
      )}
    </div>
  );
}
