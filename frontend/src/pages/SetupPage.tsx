// First run: create the first admin. The setup code is printed in the server log at start-up
// (or preset with ML_AUTH__SETUP_CODE), so that only whoever runs the server can claim it.
import { useState, type FormEvent } from "react";
import { Navigate, useNavigate } from "react-router-dom";
import { Field } from "../components/Field";
import { ErrorNotice } from "../components/Notice";
import { api, messageOf } from "../lib/api";
import { useAuth } from "../lib/auth";

export function SetupPage() {
  const { state, signedIn } = useAuth();
  const navigate = useNavigate();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [setupCode, setSetupCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.phase === "signed_in") return <Navigate to="/home" replace />;
  if (state.phase === "anonymous") return <Navigate to="/login" replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await api.setup(username.trim(), password, setupCode.trim()));
      navigate("/home", { replace: true });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={(e) => void submit(e)}>
        <h1>Set up Media Library</h1>
        <p className="muted">
          Create the first administrator. The setup code is printed in the server log when it starts
          (<code>Setup code: …</code>).
        </p>
        <Field label="Username" name="username" autoComplete="username" required value={username}
          onChange={(e) => setUsername(e.target.value)} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={8}
          hint="At least 8 characters." value={password} onChange={(e) => setPassword(e.target.value)} />
        <Field label="Setup code" name="setup_code" autoComplete="off" required value={setupCode}
          onChange={(e) => setSetupCode(e.target.value)} />
        <ErrorNotice message={error} />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? "Creating…" : "Create administrator"}
        </button>
      </form>
    </main>
  );
}
