import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, call, query } from '../api/client';
import type { IndicatorRow, IndicatorTable, PlanView, UnitList, UnitView } from '../api/types';
import { ProblemMessage } from '../components/Problem';
import { TimeControls } from '../components/TimeControls';
import { UnitPicker } from '../components/UnitPicker';
import { useTimes, withTimes } from '../components/time';
import { formatDateTime, formatNumber, formatPercent, formatTime, today } from '../i18n/format';
import { INDICATOR_STATUS, KIND_NAMES } from '../i18n/messages';
import { useSession } from '../session/Session';

const Chart = lazy(() => import('../components/Chart'));
const YEARS = Array.from({ length: 10 }, (_, i) => 2021 + i);

/** Tổng quan: a unit's indicators for a year, its children's, live while nothing older is asked for. */
export function OverviewPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const { on, asOf } = useTimes();
  const defaultUnit = user.scope.find((unit) => unit !== '*');
  const unitId = params.get('unit') ?? defaultUnit ?? '';
  const year = Number(params.get('year') ?? Number(today().slice(0, 4)) - 1);

  function choose(next: Record<string, string>) {
    const search = new URLSearchParams(params);
    Object.entries(next).forEach(([key, value]) => search.set(key, value));
    setParams(search);
  }

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Tổng quan</h1>
      <div className="toolbar">
        <UnitPicker label="Đơn vị" on={on} onPick={(unit) => choose({ unit: unit.id })} />
        <label>
          Năm
          <select value={year} onChange={(e) => choose({ year: e.target.value })}>
            {YEARS.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      </div>
      <TimeControls />
      {unitId ? <UnitOverview unitId={unitId} year={year} on={on} asOf={asOf} />
        : <p>Chọn một đơn vị để xem các chỉ số.</p>}
    </section>
  );
}

function UnitOverview({ unitId, year, on, asOf }: { unitId: string; year: number; on?: string; asOf?: string }) {
  const [params] = useSearchParams();
  const client = useQueryClient();
  const unit = useQuery({
    queryKey: ['unit', unitId, on, asOf],
    queryFn: () => call<UnitView>(`/units/${encodeURIComponent(unitId)}${query({ on, asOf })}`),
  });
  const tableKey = ['indicators', unitId, year, asOf ?? null];
  const table = useQuery({
    queryKey: tableKey,
    queryFn: () => call<IndicatorTable>(`/indicators${query({ unitId, year, asOf })}`),
  });
  const children = useQuery({
    queryKey: ['children', unitId, on, asOf],
    queryFn: () => call<UnitList>(`/units/${encodeURIComponent(unitId)}/children${query({ on, asOf })}`),
  });
  // the closes that freeze this unit's figures for the year: its own plans' and its ancestors'
  const closedPlans = useQuery({
    queryKey: ['closed-plans', unitId, year, asOf],
    queryFn: () => call<{ items: PlanView[] }>(`/units/${encodeURIComponent(unitId)}/closed-plans${query({ year, asOf })}`),
  });
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);

  // live: the stream sends the rows again whenever the subtree's figures change
  useEffect(() => {
    if (asOf) {
      return;
    }
    const source = new EventSource(`${API}/indicators/stream${query({ unitId, year })}`);
    source.addEventListener('indicator', (message) => {
      const row = JSON.parse((message as MessageEvent).data) as IndicatorRow;
      // the stream starts with the current rows: only a row whose figures differ from the table's is a change
      let changed = false;
      client.setQueryData<IndicatorTable>(tableKey, (old) => old && {
        ...old, items: old.items.map((item) => {
          if (item.indicator !== row.indicator) {
            return item;
          }
          changed = changed || item.numerator !== row.numerator || item.denominator !== row.denominator
            || item.target !== row.target || item.status !== row.status;
          return row;
        }),
      });
      if (changed) {
        setUpdatedAt(new Date());
        client.invalidateQueries({ queryKey: ['child-indicators'] });
      }
    });
    return () => source.close();
  }, [unitId, year, asOf]);

  const closed = (closedPlans.data?.items ?? []).flatMap((plan) => plan.lastStatusChange
    ? [{ plan, change: plan.lastStatusChange }] : []);

  return (
    <>
      <ProblemMessage error={unit.error ?? table.error} />
      {unit.data && (
        <h2>
          {unit.data.name} <span className="muted">· {KIND_NAMES[unit.data.kind] ?? unit.data.kind} · năm {year}</span>
        </h2>
      )}
      {closed.map(({ plan, change }) => (
        <p key={plan.id} className="frozen" role="note">
          🔒 Số liệu đã khóa theo kế hoạch <Link to={`/ke-hoach/${plan.id}`}>{plan.number}</Link>
          {plan.issuerUnitId !== unitId && <> của {plan.issuerUnitId}</>} bởi {change.actor} lúc{' '}
          {formatDateTime(change.at)}: {change.reason}
        </p>
      ))}
      <p className="muted" aria-live="polite">
        {asOf ? `Số liệu như đã ghi nhận đến ${formatDateTime(asOf)}.`
          : updatedAt ? `Trực tiếp · cập nhật lúc ${formatTime(updatedAt)}` : 'Trực tiếp'}
      </p>
      {table.data && <IndicatorTableView rows={table.data.items} />}
      {children.data && children.data.items.length > 0 && table.data && (
        <ChildrenFigures children={children.data.items} year={year} asOf={asOf} rows={table.data.items} params={params} />
      )}
    </>
  );
}

function IndicatorTableView({ rows }: { rows: IndicatorRow[] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>Các chỉ số</caption>
        <thead>
          <tr>
            <th scope="col">Chỉ số</th><th scope="col">Tử số / mẫu số</th><th scope="col">Thực hiện</th>
            <th scope="col">Chỉ tiêu</th><th scope="col">Nguồn chỉ tiêu</th><th scope="col">Đánh giá</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.indicator} data-indicator={row.indicator}>
              <th scope="row">{row.name?.vi ?? row.indicator}</th>
              <td className="number">{formatNumber(row.numerator)} / {formatNumber(row.denominator)}</td>
              <td className="number">{formatPercent(row.value)}</td>
              <td className="number">{formatPercent(row.target)}</td>
              <td>{row.targetPlanId ? <Link to={`/ke-hoach/${row.targetPlanId}`}>{row.targetSetBy}</Link> : '—'}</td>
              <td><span className={`status status-${row.status}`}>{INDICATOR_STATUS[row.status] ?? row.status}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChildrenFigures({ children, year, asOf, rows, params }: {
  children: UnitView[]; year: number; asOf?: string; rows: IndicatorRow[]; params: URLSearchParams;
}) {
  const shown = children.slice(0, 40);
  const [indicator, setIndicator] = useState(rows[0]?.indicator ?? '');
  const tables = useQueries({
    queries: shown.map((child) => ({
      queryKey: ['child-indicators', child.id, year, asOf ?? null],
      queryFn: () => call<IndicatorTable>(`/indicators${query({ unitId: child.id, year, asOf })}`),
    })),
  });
  const figures = useMemo(() => shown.map((child, index) => {
    const row = tables[index].data?.items.find((r) => r.indicator === indicator);
    return { name: child.name, actual: row?.value ?? null, target: row?.target ?? null, row };
  }), [shown, tables, indicator]);
  const name = rows.find((r) => r.indicator === indicator)?.name?.vi ?? indicator;

  return (
    <section aria-labelledby="children-title">
      <h2 id="children-title">Các đơn vị trực thuộc</h2>
      <label>
        Chỉ số
        <select value={indicator} onChange={(e) => setIndicator(e.target.value)}>
          {rows.map((row) => <option key={row.indicator} value={row.indicator}>{row.name?.vi ?? row.indicator}</option>)}
        </select>
      </label>
      <Suspense fallback={<p className="muted">Đang vẽ biểu đồ…</p>}>
        <Chart title={`Thực hiện so với chỉ tiêu: ${name}`} figures={figures} />
      </Suspense>
      <div className="table-wrap">
        <table>
          <caption>{name} theo đơn vị trực thuộc</caption>
          <thead>
            <tr><th scope="col">Đơn vị</th><th scope="col">Tử số / mẫu số</th><th scope="col">Thực hiện</th>
              <th scope="col">Chỉ tiêu</th><th scope="col">Đánh giá</th></tr>
          </thead>
          <tbody>
            {shown.map((child, index) => {
              const row = figures[index].row;
              return (
                <tr key={child.id}>
                  <th scope="row"><Link to={withTimes('/tong-quan', params, { unit: child.id, year: String(year) })}>{child.name}</Link></th>
                  <td className="number">{row ? `${formatNumber(row.numerator)} / ${formatNumber(row.denominator)}` : '…'}</td>
                  <td className="number">{formatPercent(row?.value)}</td>
                  <td className="number">{formatPercent(row?.target)}</td>
                  <td>{row ? INDICATOR_STATUS[row.status] : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {children.length > shown.length && <p className="muted">Hiển thị {shown.length} trên {children.length} đơn vị.</p>}
    </section>
  );
}
