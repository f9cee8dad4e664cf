import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, query } from '../api/client';
import type { AssessmentView, Page, RecognitionBatchView, RecognitionView } from '../api/types';
import { RESULT_NAMES } from '../assessment/rules';
import { ProblemMessage } from '../components/Problem';
import { ReasonDialog } from '../components/ReasonDialog';
import { UnitYearBar, useUnitYear } from '../components/UnitYear';
import { useTimes } from '../components/time';
import { formatDate, formatNumber, parseDate } from '../i18n/format';
import { BATCH_TITLES, TITLE_NAMES } from '../i18n/messages';
import { useSession } from '../session/Session';

/** Danh hiệu: a unit's titles (granted, revoked) and its batches of household, clan and citizen titles. */
export function RecognitionsPage() {
  const { can } = useSession();
  const { on, asOf } = useTimes();
  const { unitId, year } = useUnitYear();
  return (
    <section aria-labelledby="titles-title">
      <h1 id="titles-title">Danh hiệu</h1>
      <UnitYearBar label="Đơn vị" on={on} />
      {!unitId ? <p>Chọn một đơn vị.</p> : (
        <>
          <Recognitions unitId={unitId} year={Number(year)} asOf={asOf} canChange={can('RECOGNIZER') && !asOf} />
          <Batches unitId={unitId} year={Number(year)} asOf={asOf} canRecord={can('RECOGNIZER') && !asOf} />
        </>
      )}
    </section>
  );
}

function Recognitions({ unitId, year, asOf, canChange }: { unitId: string; year: number; asOf?: string; canChange: boolean }) {
  const client = useQueryClient();
  const [revoking, setRevoking] = useState<RecognitionView | null>(null);
  const list = useQuery({
    queryKey: ['recognitions', unitId, year, asOf],
    queryFn: () => call<{ items: RecognitionView[] }>(`/units/${encodeURIComponent(unitId)}/recognitions${query({ year, asOf })}`),
  });
  const revoke = useMutation({
    mutationFn: ({ recognition, reason }: { recognition: RecognitionView; reason: string }) =>
      call(`/recognitions/${recognition.id}/revoke`, { method: 'POST', body: { reason }, ifMatch: recognition.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['recognitions', unitId] }),
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="recognitions-title">
      <h2 id="recognitions-title">Danh hiệu được công nhận</h2>
      <ProblemMessage error={list.error ?? revoke.error} />
      <div className="table-wrap">
        <table>
          <caption>Quyết định công nhận năm {year}</caption>
          <thead><tr><th scope="col">Danh hiệu</th><th scope="col">Quyết định</th><th scope="col">Ngày</th>
            <th scope="col">Hiệu lực đến</th><th scope="col">Tình trạng</th><th scope="col"><span className="muted">Thao tác</span></th></tr></thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{TITLE_NAMES[r.title] ?? r.title}{r.level && ` (${r.level})`}</td>
                <td>{r.decisionNumber}</td>
                <td>{formatDate(r.decidedOn)}</td>
                <td>{formatDate(r.validThrough)}</td>
                <td>{r.revoked ? `Đã thu hồi ${formatDate(r.revokedOn)}: ${r.revokedReason ?? ''}` : 'Còn hiệu lực'}</td>
                <td>{canChange && !r.revoked && (
                  <button type="button" className="secondary" onClick={() => setRevoking(r)}>Thu hồi</button>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.isSuccess && items.length === 0 && <p>Chưa có danh hiệu nào trong năm.</p>}
      {canChange && <Grant unitId={unitId} year={year} />}
      {revoking && (
        <ReasonDialog title={`Thu hồi danh hiệu ${TITLE_NAMES[revoking.title] ?? revoking.title}`} confirm="Thu hồi"
                      onClose={() => setRevoking(null)}
                      onConfirm={async (reason) => { await revoke.mutateAsync({ recognition: revoking, reason }); }} />
      )}
    </section>
  );
}

function Grant({ unitId, year }: { unitId: string; year: number }) {
  const client = useQueryClient();
  const [fields, setFields] = useState({ title: 'CONG_DONG_HOC_TAP_XA', decisionNumber: '', decidedOn: '', assessmentId: '', level: '' });
  // the unit's reviewed assessments of the year: a grant from one takes its concluded level
  const reviewed = useQuery({
    queryKey: ['assessments', unitId, year, 'REVIEWED'],
    queryFn: () => call<Page<AssessmentView>>(`/assessments${query({ unitId, year, status: 'REVIEWED', limit: 100 })}`),
  });
  const concluded = (reviewed.data?.items ?? []).filter((a) => a.subjectUnitId === unitId && a.result !== 'CHUA_DAT');
  const grant = useMutation({
    mutationFn: () => {
      const decidedOn = parseDate(fields.decidedOn);
      if (!decidedOn) {
        throw new Error('Ngày quyết định phải có dạng dd/MM/yyyy.');
      }
      return call('/recognitions', {
        method: 'POST',
        body: { title: fields.title, subjectUnitId: unitId, year, decisionNumber: fields.decisionNumber, decidedOn,
                assessmentId: fields.assessmentId || undefined, level: fields.level || undefined },
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['recognitions', unitId] }),
  });
  return (
    <form className="card" aria-labelledby="grant-title" onSubmit={(e: FormEvent) => { e.preventDefault(); grant.mutate(); }}>
      <h3 id="grant-title">Công nhận danh hiệu</h3>
      <label>Danh hiệu
        <select value={fields.title} onChange={(e) => setFields({ ...fields, title: e.target.value })}>
          {Object.entries(TITLE_NAMES).filter(([k]) => !BATCH_TITLES.includes(k))
            .map(([k, name]) => <option key={k} value={k}>{name}</option>)}
        </select>
      </label>
      <label>Số quyết định<input required value={fields.decisionNumber}
                                 onChange={(e) => setFields({ ...fields, decisionNumber: e.target.value })} /></label>
      <label>Ngày quyết định<input required placeholder="dd/MM/yyyy" value={fields.decidedOn}
                                   onChange={(e) => setFields({ ...fields, decidedOn: e.target.value })} /></label>
      <label>Theo bản đánh giá
        <select value={fields.assessmentId} onChange={(e) => {
          const chosen = concluded.find((a) => a.id === e.target.value);
          setFields({ ...fields, assessmentId: e.target.value, level: chosen?.level ?? fields.level });
        }}>
          <option value="">(không có)</option>
          {concluded.map((a) => (
            <option key={a.id} value={a.id}>{a.framework} v{a.frameworkVersion} · {RESULT_NAMES[a.result ?? ''] ?? a.result}</option>
          ))}
        </select>
      </label>
      <label>Mức độ
        <select value={fields.level} onChange={(e) => setFields({ ...fields, level: e.target.value })}>
          <option value="">(không phân mức)</option>
          {['MUC_DO_1', 'MUC_DO_2', 'MUC_DO_3'].map((level) => <option key={level} value={level}>{RESULT_NAMES[level]}</option>)}
        </select>
      </label>
      <ProblemMessage error={grant.error} />
      <button type="submit" disabled={grant.isPending}>Công nhận</button>
    </form>
  );
}

function Batches({ unitId, year, asOf, canRecord }: { unitId: string; year: number; asOf?: string; canRecord: boolean }) {
  const client = useQueryClient();
  const [fields, setFields] = useState({ title: 'GIA_DINH_HOC_TAP', count: '', decisionNumber: '', decidedOn: '' });
  const list = useQuery({
    queryKey: ['batches', unitId, year, asOf],
    queryFn: () => call<{ items: RecognitionBatchView[] }>(
      `/units/${encodeURIComponent(unitId)}/recognition-batches${query({ year, asOf })}`),
  });
  const record = useMutation({
    mutationFn: () => {
      const decidedOn = parseDate(fields.decidedOn);
      const count = Number(fields.count.replace(/\./g, ''));
      if (!decidedOn) {
        throw new Error('Ngày quyết định phải có dạng dd/MM/yyyy.');
      }
      if (!Number.isInteger(count) || count < 1) {
        throw new Error('Số lượng phải là số nguyên dương.');
      }
      return call('/recognition-batches', {
        method: 'POST',
        body: { unitId, title: fields.title, year, count, decisionNumber: fields.decisionNumber, decidedOn },
      });
    },
    onSuccess: () => {
      setFields({ ...fields, count: '', decisionNumber: '' });
      client.invalidateQueries({ queryKey: ['batches', unitId] });
    },
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="batches-title">
      <h2 id="batches-title">Công nhận theo lô (hộ gia đình, dòng họ, công dân)</h2>
      <ProblemMessage error={list.error} />
      <div className="table-wrap">
        <table>
          <caption>Các lô năm {year}</caption>
          <thead><tr><th scope="col">Danh hiệu</th><th scope="col">Số lượng</th><th scope="col">Quyết định</th>
            <th scope="col">Ngày</th></tr></thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.id}>
                <td>{TITLE_NAMES[b.title] ?? b.title}</td>
                <td className="number">{formatNumber(b.count)}</td>
                <td>{b.decisionNumber}</td>
                <td>{formatDate(b.decidedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.isSuccess && items.length === 0 && <p>Chưa có lô nào trong năm.</p>}
      {canRecord && (
        <form className="card" aria-labelledby="batch-title" onSubmit={(e: FormEvent) => { e.preventDefault(); record.mutate(); }}>
          <h3 id="batch-title">Ghi nhận một lô</h3>
          <label>Danh hiệu
            <select value={fields.title} onChange={(e) => setFields({ ...fields, title: e.target.value })}>
              {BATCH_TITLES.map((k) => <option key={k} value={k}>{TITLE_NAMES[k]}</option>)}
            </select>
          </label>
          <label>Số lượng<input required inputMode="numeric" value={fields.count}
                                onChange={(e) => setFields({ ...fields, count: e.target.value })} /></label>
          <label>Số quyết định<input required value={fields.decisionNumber}
                                     onChange={(e) => setFields({ ...fields, decisionNumber: e.target.value })} /></label>
          <label>Ngày quyết định<input required placeholder="dd/MM/yyyy" value={fields.decidedOn}
                                       onChange={(e) => setFields({ ...fields, decidedOn: e.target.value })} /></label>
          <ProblemMessage error={record.error} />
          <button type="submit" disabled={record.isPending}>Ghi nhận</button>
        </form>
      )}
    </section>
  );
}
