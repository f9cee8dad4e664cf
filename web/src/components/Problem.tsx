import { ApiError } from '../api/client';

/** A refusal or failure as a sentence (never a stack trace), with the fields the API named. */
export function ProblemMessage({ error }: { error: unknown }) {
  if (!error) {
    return null;
  }
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? error.errors ?? [] : [];
  return (
    <div className="error" role="alert">
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>{fields.map((f) => <li key={f.field + f.message}><code>{f.field}</code>: {f.message}</li>)}</ul>
      )}
    </div>
  );
}
