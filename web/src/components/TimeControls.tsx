import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatDate, formatDateTime, parseDate, parseDateTime } from '../i18n/format';

/**
 * "Xem như ngày" (valid date) and "Dữ liệu ghi nhận đến" (record time) for the whole page; both in the address.
 * Record time is entered as a date and time in programme time (UTC+7).
 */
export function TimeControls({ record = true }: { record?: boolean }) {
  const [params, setParams] = useSearchParams();
  const on = params.get('on');
  const asOf = params.get('asOf');
  const [onText, setOnText] = useState(on ? formatDate(on) : '');
  const [asOfText, setAsOfText] = useState(asOf ? formatDateTime(asOf) : '');
  const [error, setError] = useState<string | null>(null);

  function apply() {
    const next = new URLSearchParams(params);
    if (onText.trim()) {
      const date = parseDate(onText);
      if (!date) {
        setError('Ngày phải có dạng dd/MM/yyyy.');
        return;
      }
      next.set('on', date);
    } else {
      next.delete('on');
    }
    if (record && asOfText.trim()) {
      const instant = parseDateTime(asOfText);
      if (!instant) {
        setError('Thời điểm phải có dạng dd/MM/yyyy hh:mm:ss.');
        return;
      }
      next.set('asOf', instant);
    } else {
      next.delete('asOf');
    }
    setError(null);
    setParams(next);
  }

  function clear() {
    const next = new URLSearchParams(params);
    next.delete('on');
    next.delete('asOf');
    setOnText('');
    setAsOfText('');
    setParams(next);
  }

  return (
    <form className="time-controls" onSubmit={(e) => { e.preventDefault(); apply(); }} aria-label="Thời điểm xem">
      <label>
        Xem như ngày
        <input placeholder="dd/MM/yyyy" value={onText} onChange={(e) => setOnText(e.target.value)} inputMode="numeric"
               name="on" />
      </label>
      {record && (
        <label>
          Dữ liệu ghi nhận đến
          <input placeholder="dd/MM/yyyy hh:mm:ss" value={asOfText} onChange={(e) => setAsOfText(e.target.value)}
                 name="asOf" />
        </label>
      )}
      <button type="submit">Áp dụng</button>
      {(on || asOf) && <button type="button" className="secondary" onClick={clear}>Hiện tại</button>}
      {error && <span className="error" role="alert">{error}</span>}
      {(on || asOf) && (
        <p className="time-note" role="note">
          {on && <>Như ngày {formatDate(on)}. </>}
          {asOf && <>Chỉ gồm dữ liệu ghi nhận đến {formatDateTime(asOf)}.</>}
        </p>
      )}
    </form>
  );
}

