// Start a job of a kind this server can run, with an optional JSON payload.
import { useEffect, useId, useState, type FormEvent } from "react";
import { ErrorNotice } from "../../components/Notice";
import { api, messageOf, type Job } from "../../lib/api";

function parsePayload(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("The payload must be a JSON object.");
  return value as Record<string, unknown>;
}

export function RunJobForm({ onStarted }: { onStarted: (job: Job) => void }) {
  const [kinds, setKinds] = useState<string[]>([]);
  const [kind, setKind] = useState("");
  const [payload, setPayload] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kindId = useId();
  const payloadId = useId();

  useEffect(() => {
    api.jobKinds().then(
      ({ kinds: list }) => {
        setKinds(list);
        setKind((current) => current || list[0] || "");
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    let body: Record<string, unknown>;
    try {
      body = parsePayload(payload);
    } catch (e) {
      setError(e instanceof SyntaxError ? `The payload is not valid JSON: ${e.message}` : messageOf(e));
      return;
    }
    setBusy(true);
    try {
      onStarted(await api.startJob(kind, body));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card run-job" onSubmit={(e) => void submit(e)} aria-label="Run a job">
      <div className="field">
        <label htmlFor={kindId}>Job kind</label>
        <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value)} required>
          {kinds.map((k) => (
            <option key={k} value={k}>{k}</option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={payloadId}>Payload (JSON, optional)</label>
        <input id={payloadId} value={payload} onChange={(e) => setPayload(e.target.value)} placeholder="{}" spellCheck={false}
          autoComplete="off" className="mono" />
      </div>
      <button type="submit" className="button-primary" disabled={busy || !kind}>
        {busy ? "Starting…" : "Run"}
      </button>
      <ErrorNotice message={error} />
    </form>
  );
}
