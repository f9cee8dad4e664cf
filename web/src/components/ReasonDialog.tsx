import { useEffect, useRef, useState, type FormEvent } from 'react';

/** Asks for the reason a change needs (it is recorded with the event); the change is made only with one. */
export function ReasonDialog({ title, confirm, onConfirm, onClose }: {
  title: string;
  confirm: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError('Cần ghi lý do.');
      return;
    }
    setBusy(true);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="reason-title">
      <form onSubmit={submit}>
        <h2 id="reason-title">{title}</h2>
        <label htmlFor="reason">Lý do</label>
        <textarea id="reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required />
        {error && <p className="error" role="alert">{error}</p>}
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>Hủy</button>
          <button type="submit" disabled={busy}>{confirm}</button>
        </div>
      </form>
    </dialog>
  );
}
