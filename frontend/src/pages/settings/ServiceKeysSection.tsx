// Settings → Service keys (admins): the TMDb and AcoustID keys as write-only secrets. The field is
// always empty (the server never sends a key back, only whether one is set and from where);
// "Replace" stores what is typed, "Clear" goes back to the configured key, and "Test" calls the
// service with the key in use and says what it found.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { useBusyAction } from "../../components/useBusyAction";
import { messageOf } from "../../lib/api";
import { libraryManageApi, type KeyTest, type ServiceKey } from "../../lib/libraryManageApi";
import "./libraryManage.css";

function keyState(key: ServiceKey): string {
  if (!key.set) return "not set";
  return key.origin === "app" ? "set (here)" : "set (in the configuration)";
}

function ServiceKeyRow({ entry, onChange }: { entry: ServiceKey; onChange: (next: ServiceKey) => void }) {
  const [typed, setTyped] = useState("");
  const [test, setTest] = useState<KeyTest | null>(null);
  const { busy, error, run: act } = useBusyAction();
  const replace = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      onChange(await libraryManageApi.replaceKey(entry.service, typed));
      setTyped("");
      setTest(null);
    });
  };
  return (
    <li className="service-key" data-service={entry.service}>
      <form onSubmit={replace} aria-label={`${entry.label} key`}>
        <p>
          <strong>{entry.label}</strong> <span className={entry.set ? "badge badge-done" : "badge"}>{keyState(entry)}</span>
        </p>
        <p className="muted">{entry.what} · <code>{entry.setting}</code> · {entry.base_url}</p>
        <Field label={`New ${entry.label} key`} type="password" autoComplete="off" value={typed} required
          onChange={(e) => setTyped(e.target.value)} placeholder={entry.set ? "•••••• (replace)" : "paste the key"} />
        <div className="actions">
          <button type="submit" disabled={busy || !typed.trim()}>Replace</button>
          <button type="button" disabled={busy} onClick={() => void act(async () => setTest(await libraryManageApi.testKey(entry.service)))}>
            Test
          </button>
          {entry.origin === "app" ? (
            <button type="button" className="button-quiet" disabled={busy}
              onClick={() => void act(async () => { onChange(await libraryManageApi.clearKey(entry.service)); setTest(null); })}>
              Clear
            </button>
          ) : null}
        </div>
      </form>
      {test ? (
        <p className={`notice ${test.ok ? "notice-info" : "notice-error"} key-test`} role="status">{test.message}</p>
      ) : null}
      <ErrorNotice message={error} />
    </li>
  );
}

export function ServiceKeysSection() {
  const [keys, setKeys] = useState<ServiceKey[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    libraryManageApi.serviceKeys().then((k) => { setKeys(k.items); setError(null); }).catch((e) => setError(messageOf(e)));
  }, []);
  useEffect(refresh, [refresh]);
  const changed = (next: ServiceKey) => setKeys((old) => old.map((k) => (k.service === next.service ? next : k)));
  return (
    <div className="card service-keys" aria-labelledby="service-keys-title">
      <h2 id="service-keys-title">Service keys</h2>
      <p className="muted">Keys are never shown again once saved; type a new one to replace it.</p>
      <ErrorNotice message={error} />
      <ul className="row-list">
        {keys.map((entry) => <ServiceKeyRow key={entry.service} entry={entry} onChange={changed} />)}
      </ul>
    </div>
  );
}
