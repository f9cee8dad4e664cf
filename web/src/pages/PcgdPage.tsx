import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, ApiError, call, query } from '../api/client';
import type { LevelsView, SurveyView, UnitView } from '../api/types';
import { ProblemMessage } from '../components/Problem';
import { ReasonDialog } from '../components/ReasonDialog';
import { UnitYearBar, useUnitYear } from '../components/UnitYear';
import { useTimes } from '../components/time';
import { formatDate, formatDateTime, formatNumber } from '../i18n/format';
import { useSession } from '../session/Session';
import { FIGURE_GROUPS, STANDARDS, surveyOf } from '../pcgd/survey';

const RESULTS: Record<string, string> = {
  MUC_DO_1: 'Mức độ 1', MUC_DO_2: 'Mức độ 2', MUC_DO_3: 'Mức độ 3', DAT: 'Đạt', CHUA_DAT: 'Chưa đạt',
  NO_DATA: 'Chưa có số liệu',
};

/**
 * Phổ cập, xóa mù chữ: a commune's survey for a data year (figures, ĐBKK, resource conditions), the levels it reaches
 * with every ratio, the lock and the unlock by a higher level; a district's or province's levels from its communes'.
 */
export function PcgdPage() {
  const { on, asOf } = useTimes();
  const { unitId, year } = useUnitYear();
  const unit = useQuery({
    queryKey: ['unit', unitId, on, asOf],
    queryFn: () => call<UnitView>(`/units/${encodeURIComponent(unitId!)}${query({ on, asOf })}`),
    enabled: !!unitId,
  });
  return (
    <section aria-labelledby="pcgd-title">
      <h1 id="pcgd-title">Phổ cập giáo dục, xóa mù chữ</h1>
      <UnitYearBar label="Đơn vị" on={on} />
      {!unitId && <p>Chọn xã để ghi số liệu điều tra, hoặc huyện, tỉnh để xem tỷ lệ xã đạt chuẩn.</p>}
      {unit.data?.kind === 'COMMUNE' && <Survey unitId={unit.data.id} year={year} asOf={asOf} />}
      {unitId && <Levels unitId={unitId} year={year} asOf={asOf} />}
    </section>
  );
}

function Survey({ unitId, year, asOf }: { unitId: string; year: string; asOf?: string }) {
  const { can } = useSession();
  const client = useQueryClient();
  const path = `/units/${encodeURIComponent(unitId)}/pcgd-surveys/${year}`;
  const survey = useQuery({
    queryKey: ['pcgd-survey', unitId, year, asOf],
    queryFn: () => call<SurveyView>(`${path}${query({ asOf })}`).catch((e) => {
      if (e instanceof ApiError && e.status === 404) {
        return null;
      }
      throw e;
    }),
  });
  const s = survey.data;
  const [figures, setFigures] = useState<Record<string, string> | null>(null);
  const [dbkk, setDbkk] = useState<boolean | null>(null);
  const [conditions, setConditions] = useState<Record<string, boolean> | null>(null);
  const [asking, setAsking] = useState<'lock' | 'unlock' | null>(null);
  const shown = figures ?? Object.fromEntries(Object.entries(s?.figures ?? {}).map(([k, v]) => [k, String(v)]));
  const shownDbkk = dbkk ?? s?.dbkk ?? false;
  const shownConditions = conditions ?? s?.conditionsMet ?? {};
  const refresh = () => {
    client.invalidateQueries({ queryKey: ['pcgd-survey'] });
    client.invalidateQueries({ queryKey: ['pcgd-levels'] });
  };
  const save = useMutation({
    mutationFn: () => call<SurveyView>(path, { method: 'PUT', body: surveyOf(shown, shownDbkk, s?.dbkkSource ?? '', shownConditions) }),
    onSuccess: () => { setFigures(null); refresh(); },
  });
  const act = useMutation({
    mutationFn: ({ action, reason }: { action: 'lock' | 'unlock'; reason: string }) =>
      call<SurveyView>(`${path}/${action}`, { method: 'POST', body: { reason } }),
    onSuccess: refresh,
  });
  const editable = can('PLANNER', 'ADMIN') && !asOf && !s?.locked;
  return (
    <>
    <form className="card" aria-label={`Số liệu điều tra năm ${year}`} onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(); }}>
      <h2>Số liệu điều tra năm {year}</h2>
      <ProblemMessage error={survey.error} />
      {s && <p data-testid="survey-state">{s.locked ? 'Đã khóa số liệu' : 'Chưa khóa'}
        {s.lastChange && <> · {s.lastChange.actor}, {formatDateTime(s.lastChange.at)}{s.lastChange.reason && `: ${s.lastChange.reason}`}</>}</p>}
      {FIGURE_GROUPS.map((group) => (
        <fieldset key={group.title}>
          <legend>{group.title}</legend>
          <div className="row">
            {group.figures.map(([name, label]) => (
              <label key={name}>{label}
                <input inputMode="numeric" value={shown[name] ?? ''} disabled={!editable}
                       onChange={(e) => setFigures({ ...shown, [name]: e.target.value })} />
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <label className="inline"><input type="checkbox" checked={shownDbkk} disabled={!editable}
                                       onChange={(e) => setDbkk(e.target.checked)} /> Xã có điều kiện kinh tế - xã hội đặc biệt khó khăn</label>
      <fieldset>
        <legend>Điều kiện bảo đảm (tự kiểm tra)</legend>
        {STANDARDS.map((standard) => (
          <label key={standard.code} className="inline">
            <input type="checkbox" checked={shownConditions[standard.code] ?? false} disabled={!editable}
                   onChange={(e) => setConditions({ ...shownConditions, [standard.code]: e.target.checked })} /> {standard.name}
          </label>
        ))}
      </fieldset>
      <ProblemMessage error={save.error ?? act.error} />
      <div className="toolbar">
        {editable && <button type="submit" disabled={save.isPending}>Lưu số liệu điều tra</button>}
        {s && !s.locked && can('PLANNER', 'ADMIN') && !asOf && (
          <button type="button" className="secondary" onClick={() => setAsking('lock')}>Khóa số liệu</button>)}
        {s?.locked && can('PLANNER', 'ADMIN') && !asOf && (
          <button type="button" className="secondary" onClick={() => setAsking('unlock')}>Mở khóa (cấp trên)</button>)}
      </div>
    </form>
    {/* outside the survey's form: a dialog's own form must not be nested in it */}
    {asking && (
      <ReasonDialog title={asking === 'lock' ? 'Khóa số liệu điều tra' : 'Mở khóa số liệu điều tra'}
                    confirm={asking === 'lock' ? 'Khóa số liệu' : 'Mở khóa'} onClose={() => setAsking(null)}
                    onConfirm={async (reason) => { await act.mutateAsync({ action: asking, reason }); }} />
    )}
    </>
  );
}

function Levels({ unitId, year, asOf }: { unitId: string; year: string; asOf?: string }) {
  const levels = useQuery({
    queryKey: ['pcgd-levels', unitId, year, asOf],
    queryFn: () => call<LevelsView>(`/units/${encodeURIComponent(unitId)}/pcgd-levels${query({ year, asOf })}`),
    retry: false,
  });
  const name = (code: string) => STANDARDS.find((s) => s.code === code)?.name ?? code;
  return (
    <div className="card">
      <h2>Mức độ đạt chuẩn năm {year}</h2>
      <ProblemMessage error={levels.error instanceof ApiError && levels.error.status === 404 ? null : levels.error} />
      {levels.error instanceof ApiError && levels.error.status === 404 && <p>Chưa có số liệu điều tra năm {year}.</p>}
      {levels.data && <p><a href={`${API}/units/${encodeURIComponent(unitId)}/pcgd-levels${query({ year, asOf, format: 'xlsx' })}`}
                               download>Tải mức độ đạt chuẩn năm {year} (.xlsx)</a></p>}
      {levels.data?.referenceDate && (
        <p data-testid="levels-cycle">Số liệu chốt ngày {formatDate(levels.data.referenceDate)}
          {levels.data.recognisingAuthority && <>; cấp công nhận: {levels.data.recognisingAuthority}</>}.</p>
      )}
      {(levels.data?.items ?? []).map((outcome) => (
        <div className="table-wrap" key={outcome.framework}>
          <table data-testid={`levels-${outcome.framework}`}>
            <caption>{name(outcome.framework)}: {RESULTS[outcome.result] ?? outcome.result}</caption>
            <thead><tr><th scope="col">Mức</th><th scope="col">Chỉ tiêu</th><th scope="col">Tử số</th><th scope="col">Mẫu số</th>
              <th scope="col">Tỷ lệ</th><th scope="col">Tối thiểu</th><th scope="col">Kết quả</th></tr></thead>
            <tbody>
              {outcome.checks.map((check, i) => (
                <tr key={i}>
                  <td>{RESULTS[check.level] ?? check.level}</td>
                  <td>{check.indicator === 'ROLLUP' ? 'Tỷ lệ đơn vị trực thuộc đạt chuẩn' : check.indicator}</td>
                  <td>{check.numerator === null ? '—' : formatNumber(check.numerator)}</td>
                  <td>{check.denominator === null ? '—' : formatNumber(check.denominator)}</td>
                  <td>{check.value === null ? '—' : `${formatNumber(Math.floor(Number(check.value) * 100) / 100)}%`}</td>
                  <td>{check.min === null ? '—' : `${formatNumber(Number(check.min))}%`}</td>
                  <td>{check.met ? 'Đạt' : 'Chưa đạt'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
