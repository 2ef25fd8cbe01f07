import { useState, type FormEvent } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { Field } from "../components/Field";
import { ErrorNotice } from "../components/Notice";
import { api, messageOf } from "../lib/api";
import { useAuth } from "../lib/auth";

/** Only paths inside this app are followed after login (no open redirect). */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") && from !== "/login" ? from : "/home";
}

export function LoginPage() {
  const { state, signedIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.phase === "needs_setup") return <Navigate to="/setup" replace />;
  if (state.phase === "signed_in") return <Navigate to={returnPath(location.state)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.login(username.trim(), password);
      signedIn(session);
      navigate(returnPath(location.state), { replace: true });
    } catch (e) {
      setError(messageOf(e));
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={(e) => void submit(e)}>
        <h1>Log in</h1>
        <Field label="Username" name="username" autoComplete="username" required value={username}
          onChange={(e) => setUsername(e.target.value)} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required
          value={password} onChange={(e) => setPassword(e.target.value)} />
        <ErrorNotice message={error} />
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </button>
      </form>
    </main>
  );
}
