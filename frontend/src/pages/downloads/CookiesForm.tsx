// Admins: upload a cookies.txt (Netscape format) for sites that answer with a bot check or a 403.
// It is kept as a secret on the server and never shown again; only "stored" or "none" is.
import { useId, useState, type ChangeEvent } from "react";
import { InfoNotice, ErrorNotice } from "../../components/Notice";
import { messageOf, request } from "../../lib/api";

export function CookiesForm({ stored, onChanged }: { stored: boolean; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputId = useId();

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(null);
    setDone(null);
    try {
      await request<void>("PUT", "/api/downloads/cookies", { body: { cookies: await file.text() } });
      setDone("Cookies stored.");
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function forget() {
    try {
      await request<void>("DELETE", "/api/downloads/cookies");
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <details className="card download-cookies">
      <summary>Cookies for sites with a bot check ({stored ? "stored" : "none"})</summary>
      <div className="field">
        <label htmlFor={inputId}>cookies.txt (Netscape format)</label>
        <input id={inputId} type="file" accept=".txt,text/plain" onChange={(e) => void upload(e)} />
      </div>
      {stored ? <button type="button" className="button-danger" onClick={() => void forget()}>Forget cookies</button> : null}
      <InfoNotice message={done} />
      <ErrorNotice message={error} />
    </details>
  );
}
