import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, call, query } from '../api/client';
import type { MovementList, NominationView, Page, SubjectKind } from '../api/types';
import { ProblemMessage } from '../components/Problem';
import { ReasonDialog } from '../components/ReasonDialog';
import { UnitYearBar, useUnitYear } from '../components/UnitYear';
import { useTimes } from '../components/time';
import { formatDate, formatDateTime, today } from '../i18n/format';
import { useSession } from '../session/Session';
import { OCCASIONS, STATES, STEPS, SUBJECTS, actionsFor, subjectText, type Action } from '../awards/nomination';

/**
 * Thi đua, khen thưởng: a unit's nominations for a movement's awards — drafting one (a collective, a household or a
 * person at or under the unit), submitting it against the criteria, the council's recommendation, the decision, a
 * return or revocation with a reason, forgetting a person's data — each with its steps and who took them.
 */
export function AwardsPage() {
  const { on } = useTimes();
  const { unitId } = useUnitYear();
  const [selected, setSelected] = useState<string | null>(null);
  const movements = useQuery({ queryKey: ['movements'], queryFn: () => call<MovementList>('/emulation-movements') });
  const nominations = useQuery({
    queryKey: ['nominations', unitId],
    queryFn: () => call<Page<NominationView>>(`/award-nominations${query({ unitId, limit: 200 })}`),
    enabled: !!unitId,
  });
  const forms = Object.fromEntries((movements.data?.items ?? []).flatMap((m) => m.forms.map((f) => [f.code, f.name])));
  return (
    <section aria-labelledby="awards-title">
      <h1 id="awards-title">Thi đua, khen thưởng</h1>
      <UnitYearBar label="Đơn vị" on={on} />
      {!unitId && <p>Chọn đơn vị để lập hoặc xem hồ sơ đề nghị khen thưởng.</p>}
      {unitId && movements.data && <NominationForm unitId={unitId} movements={movements.data} />}
      {unitId && (
        <div className="card">
          <h2>Hồ sơ đề nghị khen thưởng</h2>
          <ProblemMessage error={nominations.error ?? movements.error} />
          <p><a href={`${API}/award-nominations${query({ unitId, format: 'xlsx' })}`} download>Tải danh sách đề nghị (.xlsx)</a></p>
          {nominations.data && nominations.data.items.length === 0 && <p>Chưa có hồ sơ nào.</p>}
          {nominations.data && nominations.data.items.length > 0 && (
            <div className="table-wrap">
              <table data-testid="nominations">
                <thead><tr><th scope="col">Hình thức</th><th scope="col">Đối tượng</th><th scope="col">Đợt</th>
                  <th scope="col">Trạng thái</th><th scope="col">Cấp quyết định</th><th scope="col">Hồ sơ</th></tr></thead>
                <tbody>
                  {nominations.data.items.map((n) => (
                    <tr key={n.id}>
                      <td>{forms[n.form] ?? n.form}</td>
                      <td>{subjectText(n)}</td>
                      <td>{OCCASIONS[n.occasion] ?? n.occasion} {n.year}</td>
                      <td data-testid="nomination-state">{STATES[n.state]}</td>
                      <td>{n.decidingUnitId ?? '—'}</td>
                      <td><button type="button" className="secondary" onClick={() => setSelected(n.id)}
                                  aria-label={`Mở hồ sơ ${forms[n.form] ?? n.form} — ${subjectText(n)}`}>Mở</button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      {selected && <Nomination id={selected} forms={forms} />}
    </section>
  );
}

function NominationForm({ unitId, movements }: { unitId: string; movements: MovementList }) {
  const { can } = useSession();
  const client = useQueryClient();
  const movement = movements.items[0];
  const [phase, setPhase] = useState(movement?.phases[0]?.code ?? '');
  const [occasion, setOccasion] = useState('HANG_NAM');
  const [year, setYear] = useState(String(Number(today().slice(0, 4)) - 1));
  const [form, setForm] = useState('GIAY_KHEN');
  const [kind, setKind] = useState<SubjectKind>('TAP_THE');
  const [subjectUnit, setSubjectUnit] = useState('');
  const [name, setName] = useState('');
  const [position, setPosition] = useState('');
  const [achievements, setAchievements] = useState('');
  const create = useMutation({
    mutationFn: () => call<NominationView>('/award-nominations', { method: 'POST', body: {
      movement: movement.code, phase, occasion, year: Number(year), form,
      subject: { kind, unitId: subjectUnit.trim() || unitId, ...(kind === 'TAP_THE' ? {} : { name, position }) },
      achievements, proposedByUnitId: unitId } }),
    onSuccess: () => {
      setAchievements('');
      setName('');
      setPosition('');
      client.invalidateQueries({ queryKey: ['nominations'] });
    },
  });
  if (!movement || !can('PLANNER', 'ADMIN')) {
    return null;
  }
  const phaseOf = movement.phases.find((p) => p.code === phase);
  const criteria = movements.criteria.find((c) => c.code === movement.criteria);
  return (
    <form className="card" aria-label="Đề nghị khen thưởng" onSubmit={(e: FormEvent) => { e.preventDefault(); create.mutate(); }}>
      <h2>Đề nghị khen thưởng</h2>
      <p className="muted">{movement.name}{movement.provisional && ' (tạm thời)'}; tiêu chí {criteria?.title ?? movement.criteria}.</p>
      <div className="row">
        <label>Giai đoạn
          <select value={phase} onChange={(e) => setPhase(e.target.value)}>
            {movement.phases.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
          </select>
        </label>
        <label>Đợt
          <select value={occasion} onChange={(e) => setOccasion(e.target.value)}>
            {(phaseOf?.occasions ?? []).map((o) => <option key={o} value={o}>{OCCASIONS[o] ?? o}</option>)}
          </select>
        </label>
        <label>Năm
          <input inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
        </label>
        <label>Hình thức
          <select value={form} onChange={(e) => setForm(e.target.value)}>
            {movement.forms.filter((f) => !f.reserved).map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
          </select>
        </label>
      </div>
      <div className="row">
        <label>Đối tượng
          <select value={kind} onChange={(e) => setKind(e.target.value as SubjectKind)}>
            {Object.entries(SUBJECTS).map(([code, label]) => <option key={code} value={code}>{label}</option>)}
          </select>
        </label>
        <label>Đơn vị của đối tượng
          <input value={subjectUnit} placeholder={unitId} onChange={(e) => setSubjectUnit(e.target.value)} />
        </label>
        {kind !== 'TAP_THE' && <>
          <label>Họ và tên<input value={name} autoComplete="off" onChange={(e) => setName(e.target.value)} /></label>
          <label>Chức vụ, nơi công tác<input value={position} autoComplete="off" onChange={(e) => setPosition(e.target.value)} /></label>
        </>}
      </div>
      {kind !== 'TAP_THE' && <p className="muted">Họ tên và chức vụ là dữ liệu cá nhân: được mã hóa khi lưu, chỉ Hội đồng,
        người quyết định và kiểm toán đọc được, và có thể xoá theo yêu cầu (Nghị định 13/2023/NĐ-CP).</p>}
      <label>Thành tích
        <textarea rows={3} value={achievements} onChange={(e) => setAchievements(e.target.value)} />
      </label>
      <ProblemMessage error={create.error} />
      <div className="toolbar"><button type="submit" disabled={create.isPending}>Lập hồ sơ đề nghị</button></div>
    </form>
  );
}

const REASONED: Record<string, { title: string; confirm: string }> = {
  return: { title: 'Trả lại hồ sơ đề nghị', confirm: 'Trả lại' },
  propose: { title: 'Hội đồng đề nghị khen thưởng', confirm: 'Đề nghị' },
  reject: { title: 'Hội đồng không đề nghị khen thưởng', confirm: 'Không đề nghị' },
  revoke: { title: 'Hủy quyết định khen thưởng', confirm: 'Hủy khen thưởng' },
  forget: { title: 'Xoá dữ liệu cá nhân theo yêu cầu', confirm: 'Xoá dữ liệu cá nhân' },
};

const BUTTONS: Record<Action, string> = {
  submit: 'Gửi Hội đồng', return: 'Trả lại', propose: 'Hội đồng đề nghị', reject: 'Hội đồng không đề nghị',
  decide: 'Ghi quyết định', revoke: 'Hủy khen thưởng', forget: 'Xoá dữ liệu cá nhân',
};

function Nomination({ id, forms }: { id: string; forms: Record<string, string> }) {
  const { can } = useSession();
  const client = useQueryClient();
  const path = `/award-nominations/${id}`;
  const nomination = useQuery({ queryKey: ['nomination', id], queryFn: () => call<NominationView>(path) });
  const [asking, setAsking] = useState<Action | null>(null);
  const [deciding, setDeciding] = useState(false);
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decidedOn, setDecidedOn] = useState(today());
  const refresh = () => {
    client.invalidateQueries({ queryKey: ['nomination', id] });
    client.invalidateQueries({ queryKey: ['nominations'] });
  };
  const act = useMutation({
    mutationFn: ({ action, reason }: { action: Action; reason?: string }) => {
      const target = { submit: 'submit', return: 'return', propose: 'council-review', reject: 'council-review',
                       decide: 'decide', revoke: 'revoke', forget: 'forget-person' }[action];
      const body = action === 'submit' ? {}
        : action === 'propose' || action === 'reject' ? { recommendation: action === 'propose' ? 'PROPOSE' : 'REJECT', reason }
        : action === 'decide' ? { decision: 'AWARDED', decisionNumber, decidedOn }
        : { reason };
      return call<NominationView>(`${path}/${target}`, { method: 'POST', body });
    },
    onSuccess: () => { setDeciding(false); refresh(); },
  });
  const n = nomination.data;
  return (
    <div className="card" aria-labelledby="nomination-title">
      <h2 id="nomination-title">Hồ sơ {n ? `${forms[n.form] ?? n.form} — ${subjectText(n)}` : ''}</h2>
      <ProblemMessage error={nomination.error ?? act.error} />
      {n && <>
        <p data-testid="nomination-detail-state">{STATES[n.state]}{n.decidingUnitId && ` · cấp quyết định: ${n.decidingUnitId}`}
          {n.proposedUp && ' (trình cấp trên)'}{n.decision && ` · QĐ ${n.decision.decisionNumber} ngày ${formatDate(n.decision.decidedOn)}`}</p>
        <p>{n.achievements}</p>
        {n.criteria && (
          <div className="table-wrap">
            <table>
              <caption>Tiêu chí {n.criteria.code} (phiên bản {n.criteria.version})</caption>
              <thead><tr><th scope="col">Tiêu chí</th><th scope="col">Cách xét</th><th scope="col">Căn cứ</th></tr></thead>
              <tbody>
                {n.criteria.checks.map((c) => (
                  <tr key={c.code}><td>{c.name}</td><td>{c.check === 'TITLE' ? 'Danh hiệu đã công nhận' : 'Đơn vị cam kết, Hội đồng xem xét'}</td>
                    <td>{c.evidence}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ol aria-label="Các bước xử lý">
          {n.steps.map((step, i) => (
            <li key={i}>{STEPS[step.action] ?? step.action} — {step.actor ?? 'hệ thống'}, {formatDateTime(step.at)}
              {step.reason && `: ${step.reason}`}</li>
          ))}
        </ol>
        <div className="toolbar">
          {actionsFor(n, can).map((action) => (
            <button key={action} type="button" className={action === 'submit' || action === 'decide' ? '' : 'secondary'}
                    disabled={act.isPending}
                    onClick={() => action === 'submit' ? act.mutate({ action }) : action === 'decide' ? setDeciding(true) : setAsking(action)}>
              {BUTTONS[action]}
            </button>
          ))}
        </div>
        {deciding && (
          <form aria-label="Quyết định khen thưởng" onSubmit={(e: FormEvent) => { e.preventDefault(); act.mutate({ action: 'decide' }); }}>
            <div className="row">
              <label>Số quyết định<input value={decisionNumber} onChange={(e) => setDecisionNumber(e.target.value)} /></label>
              <label>Ngày quyết định<input type="date" value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} /></label>
            </div>
            <div className="toolbar">
              <button type="submit" disabled={act.isPending}>Khen thưởng</button>
              <button type="button" className="secondary" onClick={() => setDeciding(false)}>Thôi</button>
            </div>
          </form>
        )}
      </>}
      {asking && REASONED[asking] && (
        <ReasonDialog title={REASONED[asking].title} confirm={REASONED[asking].confirm} onClose={() => setAsking(null)}
                      onConfirm={async (reason) => { await act.mutateAsync({ action: asking, reason }); }} />
      )}
    </div>
  );
}
