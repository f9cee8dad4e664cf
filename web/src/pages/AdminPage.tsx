import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client';
import type { Page, ProjectionStatus, RebuildResult } from '../api/types';
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
    </section>
  );
}
