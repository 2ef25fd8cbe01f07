// API tokens for scripts, webhooks and monitor mode. The secret is shown once, right after it is
// created, and kept only in this component's state (never stored in the browser).
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { api, messageOf, type ApiToken } from "../../lib/api";
import { formatTime } from "../../lib/format";

function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  return (
    <div className="notice notice-info new-secret" role="status">
      <p>
        Token <strong>{name}</strong> created. Copy it now: it will not be shown again.
      </p>
      <code className="secret" data-testid="token-secret">{secret}</code>
      <div>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(secret)}>Copy</button>{" "}
        <button type="button" className="button-quiet" onClick={onDone}>Done</button>
      </div>
    </div>
  );
}

function TokenItem({ token, onRevoke }: { token: ApiToken; onRevoke: (token: ApiToken) => void }) {
  return (
    <li className="row-item">
      <span className="row-main">
        <strong>{token.name}</strong> <span className="badge">{token.scope}</span>
        {token.revoked ? <span className="badge badge-cancelled">revoked</span> : null}
      </span>
      <span className="muted row-meta">
        created {formatTime(token.created_at)} · last used {formatTime(token.last_used_at)}
      </span>
      {!token.revoked ? (
        <button type="button" className="button-danger" onClick={() => onRevoke(token)}>Revoke</button>
      ) : null}
    </li>
  );
}

export function TokensSection() {
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [scopes, setScopes] = useState<string[]>(["all"]);
  const [name, setName] = useState("");
  const [scope, setScope] = useState("all");
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scopeId = useId();

  const refresh = useCallback(async () => {
    try {
      const list = await api.listTokens();
      setTokens(list.items);
      if (list.scopes.length) setScopes(list.scopes);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const result = await api.createToken(name.trim(), scope);
      setCreated({ name: result.token.name, secret: result.secret });
      setName("");
      await refresh();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function revoke(token: ApiToken) {
    if (!window.confirm(`Revoke the token "${token.name}"? Scripts using it stop working at once.`)) return;
    try {
      await api.revokeToken(token.id);
      await refresh();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <div className="card">
      <h2>API tokens</h2>
      <p className="muted">For scripts, webhooks and monitor mode. Sent as an <code>Authorization: Bearer</code> header.</p>
      <form className="form-row" onSubmit={(e) => void create(e)} aria-label="Create a token">
        <Field label="Token name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        <div className="field">
          <label htmlFor={scopeId}>Scope</label>
          <select id={scopeId} value={scope} onChange={(e) => setScope(e.target.value)}>
            {scopes.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </div>
        <button type="submit">Create token</button>
      </form>
      {created ? <NewSecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} /> : null}
      <ErrorNotice message={error} />
      {tokens.length === 0 ? (
        <EmptyState title="No tokens yet" />
      ) : (
        <ul className="row-list">
          {tokens.map((t) => (
            <TokenItem key={t.id} token={t} onRevoke={(token) => void revoke(token)} />
          ))}
        </ul>
      )}
    </div>
  );
}
