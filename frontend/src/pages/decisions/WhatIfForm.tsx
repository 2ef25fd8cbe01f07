// "What would happen if" a user played a chosen film now: the decision, the rule and the reason,
// computed by the server without storing or triggering anything. Overrides of the film show here.
import { useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { decisionsApi, type Override, type WhatIf } from "../../lib/decisionsApi";

export function WhatIfForm() {
  const [tmdb, setTmdb] = useState("");
  const [user, setUser] = useState("");
  const [answer, setAnswer] = useState<WhatIf | null>(null);
  const [overrides, setOverrides] = useState<Override[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function ask(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setAnswer(await decisionsApi.whatIf(Number(tmdb), user));
      setOverrides((await decisionsApi.overrides()).items.filter((o) => o.film_key === `tmdb:${tmdb}`));
    } catch (e) {
      setError(messageOf(e));
    }
  }
  async function clear() {
    try {
      await decisionsApi.clearOverride(Number(tmdb));
      setOverrides([]);
      setAnswer(await decisionsApi.whatIf(Number(tmdb), user));
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <div className="card">
      <h2>What would happen if…</h2>
      <form className="form-row" aria-label="What if" onSubmit={(e) => void ask(e)}>
        <Field label="TMDb id" inputMode="numeric" required pattern="[0-9]+" value={tmdb} onChange={(e) => setTmdb(e.target.value)} />
        <Field label="Jellyfin user" value={user} onChange={(e) => setUser(e.target.value)} />
        <button type="submit">Ask</button>
      </form>
      <ErrorNotice message={error} />
      {answer ? (
        <p className="what-if-answer" data-testid="what-if">
          <span className={`badge decision-${answer.action}`}>{answer.action}</span> {answer.rule_name}: {answer.reason}
        </p>
      ) : null}
      {overrides.map((o) => (
        <p key={o.film_key} className="muted">
          Override: {o.mode.replace("_", " ")} <button type="button" className="button-quiet" onClick={() => void clear()}>Remove</button>
        </p>
      ))}
    </div>
  );
}
