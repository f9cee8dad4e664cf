import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client';
import type { FrameworkSummary, Page, ProjectionStatus, RebuildResult, ValidityChange, ValidityReview } from '../api/types';
import { ReasonDialog } from '../components/ReasonDialog';
import { formatDate } from '../i18n/format';
import { ProblemMessage } from '../components/Problem';
import { formatNumber } from '../i18n/format';
import { useSession } from '../session/Session';

const NAMES: Record<string, string> = {
  units: 'Đơn vị', plans: 'Kế hoạch', frameworks: 'Bộ tiêu chí', assessments: 'Đánh giá', recognitions: 'Danh hiệu',
  figures: 'Số liệu', indicators: 'Chỉ số', history: 'Lịch sử',
};

/** Quản trị: each view's position against the log, and a verified rebuild with its progress. */
export function AdminPage() {
  const { can } = useSession();
  const client = useQueryClient();
  const [running, setRunning] = useState<string | null>(null);
  const projections = useQuery({
    queryKey: ['projections'],
    queryFn: () => call<Page<ProjectionStatus>>('/admin/projections'),
    refetchInterval: running ? 500 : 5000,
    enabled: can('ADMIN', 'AUDITOR'),
  });
  const rebuild = useMutation({
    mutationFn: (name: string) => call<RebuildResult>(`/admin/projections/${name}/rebuild`, { method: 'POST' }),
    onMutate: (name) => setRunning(name),
    onSettled: () => {
      setRunning(null);
      client.invalidateQueries({ queryKey: ['projections'] });
    },
  });
  if (!can('ADMIN', 'AUDITOR')) {
    return <p role="alert">Trang này dành cho quản trị viên.</p>;
  }
  const items = projections.data?.items ?? [];
  const head = Math.max(0, ...items.map((p) => p.position + p.lag));
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Quản trị</h1>
      <ProblemMessage error={projections.error ?? rebuild.error} />
      <div className="table-wrap">
        <table>
          <caption>Các khung nhìn dữ liệu</caption>
          <thead><tr><th scope="col">Khung nhìn</th><th scope="col">Vị trí</th><th scope="col">Độ trễ (sự kiện)</th>
            <th scope="col">Dựng lại</th></tr></thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.name}>
                <th scope="row">{NAMES[p.name] ?? p.name}</th>
                <td className="number">{formatNumber(p.position)}</td>
                <td className="number">{formatNumber(p.lag)}</td>
                <td>
                  {running === p.name ? (
                    <label>
                      Đang dựng lại
                      <progress max={head || 1} value={p.rebuildEvents ?? 0}>
                        {formatNumber(p.rebuildEvents ?? 0)}
                      </progress>
                    </label>
                  ) : can('ADMIN') && (
                    <button type="button" disabled={running !== null} onClick={() => rebuild.mutate(p.name)}>
                      Dựng lại và so sánh
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rebuild.data && (
        <p className={rebuild.data.equal ? 'ok' : 'error'} role="status">
          {NAMES[rebuild.data.name] ?? rebuild.data.name}: đã dựng lại từ {formatNumber(rebuild.data.events)} sự kiện —{' '}
          {rebuild.data.equal ? 'trùng khớp với bản đang chạy.' : `khác bản đang chạy: ${rebuild.data.differences.join('; ')}`}
        </p>
      )}
      <ValidityReviewSection />
    </section>
  );
}

/**
 * After a framework's validity rule was corrected (TT 22: a yearly ranking, not three years), the titles granted
 * under an earlier version keep their validity until an administrator sets it, one by one, with a reason.
 */
function ValidityReviewSection() {
  const { can } = useSession();
  const client = useQueryClient();
  const [framework, setFramework] = useState('TT22-2020-DVHT');
  const [acting, setActing] = useState<ValidityChange | null>(null);
  const frameworks = useQuery({ queryKey: ['frameworks'], queryFn: () => call<{ items: FrameworkSummary[] }>('/frameworks') });
  const review = useQuery({
    queryKey: ['validity-review', framework],
    queryFn: () => call<ValidityReview>(`/recognitions/validity-review?framework=${encodeURIComponent(framework)}`),
  });
  const correct = useMutation({
    mutationFn: ({ change, reason }: { change: ValidityChange; reason: string }) =>
      call(`/recognitions/${change.recognitionId}/correct-validity`, {
        method: 'POST', body: { validThrough: change.validThroughUnderLatest, reason },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['validity-review', framework] }),
  });
  const items = review.data?.items ?? [];
  return (
    <section aria-labelledby="validity-title">
      <h2 id="validity-title">Rà soát thời hạn danh hiệu</h2>
      <p>
        Danh hiệu công nhận theo phiên bản cũ của bộ tiêu chí có thời hạn khác với phiên bản mới nhất. Không có gì tự
        thay đổi: quản trị viên điều chỉnh từng danh hiệu, có ghi lý do.
      </p>
      <label>
        Bộ tiêu chí{' '}
        <select value={framework} onChange={(e) => setFramework(e.target.value)}>
          {(frameworks.data?.items ?? [{ code: framework, title: framework } as FrameworkSummary]).map((f) => (
            <option key={f.code} value={f.code}>{f.code}</option>
          ))}
        </select>
      </label>
      <ProblemMessage error={review.error ?? correct.error} />
      {review.data && (
        <p>
          Phiên bản mới nhất: {review.data.latestVersion} · thời hạn: năm công nhận
          {review.data.validityYears > 0 ? ` và ${review.data.validityYears} năm tiếp theo` : ''} ·{' '}
          <strong>{items.length}</strong> danh hiệu cần rà soát
        </p>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>Danh hiệu có thời hạn khác quy định hiện hành</caption>
            <thead><tr><th scope="col">Đơn vị</th><th scope="col">Danh hiệu</th><th scope="col">Năm</th>
              <th scope="col">Phiên bản</th><th scope="col">Hiệu lực đến</th><th scope="col">Theo phiên bản mới</th>
              <th scope="col">Điều chỉnh</th></tr></thead>
            <tbody>
              {items.map((change) => (
                <tr key={change.recognitionId} data-recognition={change.recognitionId}>
                  <th scope="row">{change.subjectUnitId}</th>
                  <td>{change.title}{change.level ? ` (${change.level})` : ''}</td>
                  <td className="number">{change.year}</td>
                  <td className="number">{change.frameworkVersion ?? 'không có (theo danh hiệu)'}</td>
                  <td>{formatDate(change.validThrough)}</td>
                  <td>{formatDate(change.validThroughUnderLatest)}</td>
                  <td>
                    {can('ADMIN') && (
                      <button type="button" onClick={() => setActing(change)}>
                        Điều chỉnh đến {formatDate(change.validThroughUnderLatest)}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {acting && (
        <ReasonDialog title={`Điều chỉnh thời hạn danh hiệu của ${acting.subjectUnitId}`} confirm="Điều chỉnh"
                      onClose={() => setActing(null)}
                      onConfirm={async (reason) => { await correct.mutateAsync({ change: acting, reason }); }} />
      )}
    </section>
  );
}
