import { useSearchParams } from 'react-router-dom';
import { today } from '../i18n/format';
import { UnitPicker } from './UnitPicker';

export const YEARS = Array.from({ length: 10 }, (_, i) => 2021 + i);

/** The unit and year a page is about, kept in the address (`unit`, `year`; the year defaults to last year). */
export function useUnitYear(): { unitId?: string; year: string; set: (key: string, value?: string) => void } {
  const [params, setParams] = useSearchParams();
  return {
    unitId: params.get('unit') ?? undefined,
    year: params.get('year') ?? String(Number(today().slice(0, 4)) - 1),
    set: (key, value) => {
      const next = new URLSearchParams(params);
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
      setParams(next);
    },
  };
}

/** The unit picker and the year of a page, with the chosen unit named. */
export function UnitYearBar({ label, on }: { label: string; on?: string }) {
  const { unitId, year, set } = useUnitYear();
  return (
    <div className="toolbar">
      <UnitPicker label={label} on={on} onPick={(unit) => set('unit', unit.id)} />
      <label>Năm
        <select value={year} onChange={(e) => set('year', e.target.value)}>
          {YEARS.map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </label>
      {unitId && <span className="muted">Đơn vị: {unitId}</span>}
    </div>
  );
}
