import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { call, query } from '../api/client';
import type { UnitList, UnitView } from '../api/types';
import { KIND_NAMES } from '../i18n/messages';

/**
 * Finds a unit by name as people type it ("cu chi" finds "Củ Chi"): the server searches inside the user's scope, on
 * the chosen date. Arrow keys move in the list, Enter picks.
 */
export function UnitPicker({ label, on, onPick, kind }: {
  label: string;
  on?: string;
  kind?: string;
  onPick: (unit: UnitView) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [typed, setTyped] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => setTyped(text), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery({
    queryKey: ['unit-search', typed, on, kind],
    queryFn: ({ signal }) => call<UnitList>(`/units${query({ q: typed, on, kind, limit: 20 })}`, { signal }),
    enabled: open,
  });
  const items = found.data?.items ?? [];

  function pick(unit: UnitView) {
    onPick(unit);
    setText('');
    setOpen(false);
  }

  return (
    <div className="unit-picker">
      <label htmlFor={id}>{label}</label>
      <input id={id} role="combobox" aria-expanded={open && items.length > 0} aria-controls={`${id}-list`}
             aria-autocomplete="list" autoComplete="off" placeholder="Gõ tên, ví dụ: cu chi" value={text}
             onChange={(e) => { setText(e.target.value); setOpen(true); setActive(0); }}
             onFocus={() => setOpen(true)}
             onBlur={() => setTimeout(() => setOpen(false), 150)}
             onKeyDown={(e) => {
               if (e.key === 'ArrowDown') { setActive((a) => Math.min(a + 1, items.length - 1)); e.preventDefault(); }
               if (e.key === 'ArrowUp') { setActive((a) => Math.max(a - 1, 0)); e.preventDefault(); }
               if (e.key === 'Enter' && items[active]) { pick(items[active]); e.preventDefault(); }
               if (e.key === 'Escape') { setOpen(false); }
             }}
             aria-activedescendant={open && items[active] ? `${id}-${items[active].id}` : undefined} />
      {open && items.length > 0 && (
        <ul id={`${id}-list`} role="listbox" aria-label={label}>
          {items.map((unit, index) => (
            <li key={unit.id} id={`${id}-${unit.id}`} role="option" aria-selected={index === active}
                onMouseDown={(e) => { e.preventDefault(); pick(unit); }}>
              {unit.name} <span className="muted">· {KIND_NAMES[unit.kind] ?? unit.kind}</span>
            </li>
          ))}
        </ul>
      )}
      {open && typed && found.isSuccess && items.length === 0 && <p className="muted">Không tìm thấy đơn vị.</p>}
    </div>
  );
}
