import { useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice, InfoNotice } from "../../components/Notice";
import { api, messageOf } from "../../lib/api";
import { useAuth } from "../../lib/auth";

export function PasswordSection() {
  const { user, signedIn } = useAuth();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setInfo(null);
    try {
      signedIn(await api.changePassword(current, next));
      setCurrent("");
      setNext("");
      setInfo("Password changed. Your other sessions have been logged out.");
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <div className="card">
      <h2>Your account</h2>
      <p className="muted">
        Signed in as <strong>{user?.username}</strong> ({user?.role}).
      </p>
      <form className="form-row" onSubmit={(e) => void submit(e)} aria-label="Change password">
        <Field label="Current password" type="password" autoComplete="current-password" required value={current}
          onChange={(e) => setCurrent(e.target.value)} />
        <Field label="New password" type="password" autoComplete="new-password" required minLength={8} value={next}
          onChange={(e) => setNext(e.target.value)} />
        <button type="submit">Change password</button>
      </form>
      <ErrorNotice message={error} />
      <InfoNotice message={info} />
    </div>
  );
}
