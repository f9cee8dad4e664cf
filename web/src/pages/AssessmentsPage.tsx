import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, call, query } from '../api/client';
import type { AssessmentView, FrameworkSummary, Page } from '../api/types';
import {
  indicatorsOf, isRatio, kindOf, problemOf, RESULT_NAMES, resultOf, scoreOf, targetsOf, totalPoints, valueFromView,
  type FrameworkDocument, type FrameworkIndicator, type Value,
} from '../assessment/rules';
import { ProblemMessage } from '../components/Problem';
import { ReasonDialog } from '../components/ReasonDialog';
import { UnitYearBar, useUnitYear } from '../components/UnitYear';
import { useTimes } from '../components/time';
import { formatDate, formatDateTime, formatNumber } from '../i18n/format';
import { useSession } from '../session/Session';

const STATUS: Record<string, string> = { DRAFT: 'Đang tự đánh giá', SUBMITTED: 'Đã nộp, chờ thẩm định',
  RETURNED: 'Bị trả lại', REVIEWED: 'Đã thẩm định' };

function Badges({ a }: { a: AssessmentView }) {
  return (
    <>
      {a.dueAt && <span className="badge">Hạn nộp {formatDateTime(a.dueAt).slice(0, 10)}</span>}
      {a.overdue && <span className="badge bad">Quá hạn</span>}
      {a.late && <span className="badge bad">Nộp muộn</span>}
    </>
  );
}

/** Đánh giá: a unit's assessments, and a new one (assessors). */
export function AssessmentsPage() {
  const { can } = useSession();
  const { on, asOf } = useTimes();
  const { unitId, year } = useUnitYear();
  const list = useQuery({
    queryKey: ['assessments', unitId, year, asOf],
    queryFn: () => call<Page<AssessmentView>>(`/assessments${query({ unitId, year, asOf, limit: 100 })}`),
    enabled: !!unitId,
  });
  return (
    <section aria-labelledby="assessments-title">
      <h1 id="assessments-title">Đánh giá</h1>
      <UnitYearBar label="Đơn vị được đánh giá" on={on} />
      <ProblemMessage error={list.error} />
      {unitId && (
        <div className="table-wrap">
          <table>
            <caption>Các bản đánh giá năm {year}</caption>
            <thead><tr><th scope="col">Bộ tiêu chí</th><th scope="col">Trạng thái</th><th scope="col">Tổng điểm</th>
              <th scope="col">Kết quả</th><th scope="col">Thời hạn</th></tr></thead>
            <tbody>
              {(list.data?.items ?? []).map((a) => (
                <tr key={a.id}>
                  <td><Link to={`/danh-gia/${a.id}`}>{a.framework} (phiên bản {a.frameworkVersion})</Link></td>
                  <td>{STATUS[a.status] ?? a.status}</td>
                  <td className="number">{a.total === null ? '—' : formatNumber(a.total)}</td>
                  <td>{a.result ? RESULT_NAMES[a.result] ?? a.result : '—'}</td>
                  <td><Badges a={a} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {unitId && can('ASSESSOR') && !asOf && <OpenAssessment unitId={unitId} year={Number(year)} />}
    </section>
  );
}

function OpenAssessment({ unitId, year }: { unitId: string; year: number }) {
  const navigate = useNavigate();
  const frameworks = useQuery({ queryKey: ['frameworks'], queryFn: () => call<{ items: FrameworkSummary[] }>('/frameworks') });
  const [code, setCode] = useState('');
  const [level, setLevel] = useState('');
  // the universal-education standards are read from surveys: they are not opened as assessments
  const assessed = (frameworks.data?.items ?? []).filter((f) => !f.surveyStandard);
  const chosen = code || assessed[0]?.code || '';
  const document = useQuery({
    queryKey: ['framework', chosen, 'latest'],
    queryFn: () => call<FrameworkDocument>(`/frameworks/${chosen}/versions/latest`),
    enabled: !!chosen,
  });
  const open = useMutation({
    mutationFn: () => call<AssessmentView>('/assessments', {
      method: 'POST',
      body: { subjectUnitId: unitId, framework: chosen, year, level: level || undefined, scores: [] },
    }),
    onSuccess: (a) => navigate(`/danh-gia/${a.id}`),
  });
  return (
    <form className="card" aria-labelledby="open-title" onSubmit={(e: FormEvent) => { e.preventDefault(); open.mutate(); }}>
      <h2 id="open-title">Mở bản tự đánh giá</h2>
      <label>Bộ tiêu chí
        <select value={chosen} onChange={(e) => { setCode(e.target.value); setLevel(''); }}>
          {assessed.map((f) => <option key={f.code} value={f.code}>{f.title} — {f.regulation}</option>)}
        </select>
      </label>
      {document.data?.decision === 'ALL_MET' && (
        <label>Mức đề nghị
          <select value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">(mức cao nhất đạt được)</option>
            {(document.data.levels ?? []).map((l) => <option key={l} value={l}>{RESULT_NAMES[l] ?? l}</option>)}
          </select>
        </label>
      )}
      <ProblemMessage error={open.error} />
      <button type="submit" disabled={!chosen || open.isPending}>Mở bản đánh giá</button>
    </form>
  );
}

function valuesOf(a: AssessmentView, which: 'self' | 'reviewed'): Record<string, Value> {
  const values: Record<string, Value> = {};
  for (const score of a.scores) {
    const value = valueFromView(which === 'reviewed' && score.reviewed !== null ? score.reviewed : score.self);
    if (value !== undefined) {
      values[score.indicator] = value;
    }
  }
  return values;
}

function show(value: Value | null): string {
  if (value === undefined || value === null) {
    return '—';
  }
  if (isRatio(value)) {
    const { numerator, denominator } = value;
    const share = numerator !== undefined && denominator ? ` (${formatNumber(Math.round((numerator * 10000) / denominator) / 100)}%)` : '';
    return `${numerator ?? '—'}/${denominator ?? '—'}${share}`;
  }
  return typeof value === 'boolean' ? (value ? 'Đạt' : 'Không đạt') : formatNumber(value).replace(/^(\d+)$/, '$1');
}

/** The input for one indicator's value, by its kind: points, met, a count, or numerator and denominator. */
function ValueInput({ framework, indicator, value, onChange, label, optional }: {
  framework: FrameworkDocument; indicator: FrameworkIndicator; value: Value; onChange: (value: Value) => void;
  label: string; optional?: boolean;
}) {
  const number = (text: string) => (text === '' ? undefined : Number(text));
  const invalid = !!problemOf(framework, indicator, value);
  switch (kindOf(framework, indicator)) {
    case 'POINTS':
      return <input type="number" min={0} max={Number(indicator.maxPoints)} step={0.5} inputMode="decimal" aria-label={label}
                    value={typeof value === 'number' ? String(value) : ''} aria-invalid={invalid}
                    onChange={(e) => onChange(number(e.target.value))} />;
    case 'COUNT':
      return <input type="number" min={0} step={1} inputMode="numeric" aria-label={label}
                    value={typeof value === 'number' ? String(value) : ''} aria-invalid={invalid}
                    onChange={(e) => onChange(number(e.target.value))} />;
    case 'RATIO': {
      const ratio = isRatio(value) ? value : {};
      const part = (next: { numerator?: number; denominator?: number }) => {
        const merged = { ...ratio, ...next };
        onChange(merged.numerator === undefined && merged.denominator === undefined ? undefined : merged);
      };
      return (
        <span className="ratio">
          <input type="number" min={0} step={1} inputMode="numeric" aria-label={`${label}: tử số`} aria-invalid={invalid}
                 value={ratio.numerator === undefined ? '' : String(ratio.numerator)}
                 onChange={(e) => part({ numerator: number(e.target.value) })} />
          <span aria-hidden="true"> / </span>
          <input type="number" min={0} step={1} inputMode="numeric" aria-label={`${label}: mẫu số`} aria-invalid={invalid}
                 value={ratio.denominator === undefined ? '' : String(ratio.denominator)}
                 onChange={(e) => part({ denominator: number(e.target.value) })} />
        </span>
      );
    }
    default:
      return optional ? (
        <select aria-label={label} value={value === undefined ? '' : String(value)}
                onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}>
          <option value="">(giữ nguyên)</option><option value="true">Đạt</option><option value="false">Không đạt</option>
        </select>
      ) : (
        <input type="checkbox" aria-label={label} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
      );
  }
}

/** One assessment: the self-assessment form, the reviewer's view, or what was decided. */
export function AssessmentPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const { asOf } = useTimes();
  const assessment = useQuery({
    queryKey: ['assessment', id, asOf],
    queryFn: () => call<AssessmentView>(`/assessments/${encodeURIComponent(id)}${query({ asOf })}`),
  });
  const a = assessment.data;
  const framework = useQuery({
    queryKey: ['framework', a?.framework, a?.frameworkVersion],
    queryFn: () => call<FrameworkDocument>(`/frameworks/${a!.framework}/versions/${a!.frameworkVersion}`),
    enabled: !!a,
  });
  return (
    <section aria-labelledby="assessment-title">
      <p><Link to={a ? `/danh-gia?unit=${a.subjectUnitId}&year=${a.year}` : '/danh-gia'}>← Đánh giá</Link></p>
      <ProblemMessage error={assessment.error ?? framework.error} />
      {a && framework.data && (
        <>
          <h1 id="assessment-title">{framework.data.title}</h1>
          <p>
            {a.subjectUnitId} · năm {a.year} · {framework.data.regulation}{framework.data.provisional && ' (dữ liệu tạm)'} ·{' '}
            <strong data-testid="assessment-status">{STATUS[a.status] ?? a.status}</strong> <Badges a={a} />
          </p>
          {a.returnReason && a.status === 'RETURNED' && <p className="error">Lý do trả lại: {a.returnReason}</p>}
          {(a.status === 'DRAFT' || a.status === 'RETURNED') && can('ASSESSOR') && !asOf
            ? <SelfAssessment a={a} framework={framework.data} />
            : a.status === 'SUBMITTED' && can('REVIEWER') && !asOf
              ? <Review a={a} framework={framework.data} />
              : <SideBySide a={a} framework={framework.data} />}
        </>
      )}
    </section>
  );
}

/**
 * Stores the form's values against the version the form was filled on. When the service marked the assessment in
 * between (its filing deadline passed: overdue) but nobody changed its values, the values are stored on the newer
 * version; a change of values by someone else is still a 409 STALE_VERSION for the person to look at.
 */
async function storeScores(a: AssessmentView, scores: unknown[]): Promise<AssessmentView> {
  const put = (version: number) => call<AssessmentView>(`/assessments/${a.id}/scores`, { method: 'PUT', body: { scores }, ifMatch: version });
  try {
    return await put(a.version);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'STALE_VERSION') {
      throw error;
    }
    const latest = await call<AssessmentView>(`/assessments/${a.id}`);
    const same = (x: AssessmentView) => JSON.stringify(x.scores.map((score) => [score.indicator, score.self]));
    if (latest.status !== a.status || same(latest) !== same(a)) {
      throw error;
    }
    return put(latest.version);
  }
}

function SelfAssessment({ a, framework }: { a: AssessmentView; framework: FrameworkDocument }) {
  const client = useQueryClient();
  const [values, setValues] = useState<Record<string, Value>>(() => valuesOf(a, 'self'));
  const [saved, setSaved] = useState<string | null>(null);
  const points = framework.decision === 'POINTS';
  const total = totalPoints(values);
  const result = resultOf(framework, values);
  const scores = () => indicatorsOf(framework).map((indicator) => scoreOf(framework, indicator, values[indicator.code]))
    .filter((score) => score !== null);
  const save = useMutation({
    mutationFn: () => storeScores(a, scores()),
    onSuccess: () => { setSaved('Đã lưu.'); client.invalidateQueries({ queryKey: ['assessment', a.id] }); },
  });
  const submit = useMutation({
    mutationFn: async () => {
      const stored = await storeScores(a, scores());
      return call(`/assessments/${a.id}/submit`, { method: 'POST', ifMatch: stored.version });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessment', a.id] }),
  });
  return (
    <form onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(); }} aria-label="Tự đánh giá">
      {framework.criteria.map((criterion) => (
        <fieldset key={criterion.code} className="card">
          <legend>{criterion.code}. {criterion.name}</legend>
          {criterion.indicators.map((indicator) => {
            const value = values[indicator.code];
            const problem = problemOf(framework, indicator, value);
            const kind = kindOf(framework, indicator);
            // one input: a label, so that its text focuses (or ticks) it; a ratio's two inputs are named each
            const Row = kind === 'RATIO' ? 'div' : 'label';
            return (
              <Row key={indicator.code} className={kind === 'CONDITION' ? 'check' : 'score'}>
                <span id={`label-${indicator.code}`}>
                  {indicator.code} {indicator.name}{' '}
                  <span className="muted">
                    ({kind === 'POINTS' ? `tối đa ${formatNumber(Number(indicator.maxPoints))} điểm` : targetsOf(framework, indicator)})
                  </span>
                </span>
                <ValueInput framework={framework} indicator={indicator} value={value} label={`${indicator.code} ${indicator.name}`}
                            onChange={(next) => setValues({ ...values, [indicator.code]: next })} />
                {problem && <span className="error" role="alert">{problem}</span>}
              </Row>
            );
          })}
        </fieldset>
      ))}
      <p className="totals" aria-live="polite" data-testid="preview">
        {points && <>Tổng điểm: <strong>{formatNumber(total)}</strong> · </>}
        Kết quả theo quy định: <strong>{RESULT_NAMES[result] ?? result}</strong>
      </p>
      <ProblemMessage error={save.error ?? submit.error} />
      {saved && !save.isPending && <p className="ok" role="status">{saved}</p>}
      <div className="toolbar">
        <button type="submit" className="secondary" disabled={save.isPending}>Lưu</button>
        <button type="button" onClick={() => submit.mutate()} disabled={submit.isPending || indicatorsOf(framework).some((i) => problemOf(framework, i, values[i.code]))}>
          Nộp bản đánh giá
        </button>
      </div>
    </form>
  );
}

function Review({ a, framework }: { a: AssessmentView; framework: FrameworkDocument }) {
  const client = useQueryClient();
  const self = valuesOf(a, 'self');
  const [adjusted, setAdjusted] = useState<Record<string, { value: Value; reason: string }>>({});
  const [returning, setReturning] = useState(false);
  const points = framework.decision === 'POINTS';
  const reviewedValues = useMemo(() => {
    const values = { ...self };
    Object.entries(adjusted).forEach(([code, adjustment]) => { if (adjustment.value !== undefined) { values[code] = adjustment.value; } });
    return values;
  }, [self, adjusted]);
  const result = resultOf(framework, reviewedValues);
  const missingReason = Object.values(adjusted).some((x) => x.value !== undefined && !x.reason.trim());
  const review = useMutation({
    mutationFn: () => call(`/assessments/${a.id}/review`, {
      method: 'POST', ifMatch: a.version,
      body: {
        adjustments: indicatorsOf(framework).flatMap((indicator) => {
          const x = adjusted[indicator.code];
          const score = x ? scoreOf(framework, indicator, x.value) : null;
          return score ? [{ ...score, reason: x.reason }] : [];
        }),
        conclusion: { result, level: framework.decision === 'ALL_MET' && result !== 'CHUA_DAT' ? result : undefined },
      },
    }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessment', a.id] }),
  });
  const giveBack = useMutation({
    mutationFn: (reason: string) => call(`/assessments/${a.id}/return`, { method: 'POST', body: { reason }, ifMatch: a.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessment', a.id] }),
  });
  const stale = review.error instanceof ApiError && review.error.code === 'STALE_VERSION';
  return (
    <form onSubmit={(e: FormEvent) => { e.preventDefault(); review.mutate(); }} aria-label="Thẩm định">
      <div className="table-wrap">
        <table>
          <caption>Tự đánh giá và thẩm định</caption>
          <thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Tự đánh giá</th><th scope="col">Điều chỉnh</th><th scope="col">Lý do điều chỉnh</th></tr></thead>
          <tbody>
            {indicatorsOf(framework).map((indicator) => {
              const x = adjusted[indicator.code] ?? { value: undefined, reason: '' };
              const change = (next: Partial<{ value: Value; reason: string }>) =>
                setAdjusted({ ...adjusted, [indicator.code]: { ...x, ...next } });
              return (
                <tr key={indicator.code}>
                  <th scope="row">{indicator.code} {indicator.name}</th>
                  <td className="number">{show(self[indicator.code])}</td>
                  <td>
                    <ValueInput framework={framework} indicator={indicator} value={x.value} optional
                                label={`Điều chỉnh ${indicator.code}`} onChange={(value) => change({ value })} />
                  </td>
                  <td><input aria-label={`Lý do điều chỉnh ${indicator.code}`} value={x.reason} required={x.value !== undefined}
                             onChange={(e) => change({ reason: e.target.value })} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="totals" aria-live="polite" data-testid="preview">
        {points && <>Tổng điểm sau thẩm định: <strong>{formatNumber(totalPoints(reviewedValues))}</strong> · </>}
        Kết luận theo quy định: <strong>{RESULT_NAMES[result] ?? result}</strong>
      </p>
      {missingReason && <p className="error" role="alert">Mỗi điều chỉnh cần ghi lý do.</p>}
      <ProblemMessage error={review.error ?? giveBack.error} />
      {stale && <p>Bản đánh giá vừa được thay đổi: tải lại trang để xem bản mới nhất.</p>}
      <div className="toolbar">
        <button type="submit" disabled={missingReason || review.isPending}>Kết luận thẩm định</button>
        <button type="button" className="secondary" onClick={() => setReturning(true)}>Trả lại</button>
      </div>
      {returning && (
        <ReasonDialog title="Trả lại bản đánh giá" confirm="Trả lại" onClose={() => setReturning(false)}
                      onConfirm={async (reason) => { await giveBack.mutateAsync(reason); }} />
      )}
    </form>
  );
}

function SideBySide({ a, framework }: { a: AssessmentView; framework: FrameworkDocument }) {
  const byCode = new Map(a.scores.map((s) => [s.indicator, s]));
  return (
    <>
      <div className="table-wrap">
        <table>
          <caption>Tự đánh giá và kết quả thẩm định</caption>
          <thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Tự đánh giá</th><th scope="col">Thẩm định</th><th scope="col">Lý do</th></tr></thead>
          <tbody>
            {indicatorsOf(framework).map((indicator) => {
              const score = byCode.get(indicator.code);
              return (
                <tr key={indicator.code} data-indicator={indicator.code}>
                  <th scope="row">{indicator.code} {indicator.name}</th>
                  <td className="number">{show(score?.self ?? null)}</td>
                  <td className="number">{score?.reviewed === null || score?.reviewed === undefined ? '—' : show(score.reviewed)}</td>
                  <td>{score?.reason ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="totals">
        {a.total !== null && <>Tổng điểm: <strong>{formatNumber(a.total)}</strong> · </>}
        Kết quả: <strong>{a.result ? RESULT_NAMES[a.result] ?? a.result : '—'}</strong>
        {a.reviewedOn && <> · thẩm định ngày {formatDate(a.reviewedOn)}</>}
      </p>
    </>
  );
}
