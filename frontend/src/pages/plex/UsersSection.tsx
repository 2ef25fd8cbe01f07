// Plex users mapped to ours: whose watched state (played, last viewed, resume offsets) is
// imported, optionally with that Plex user's own token, and whether it is kept in step on
// every sync. The token is write-only.
import { useCallback, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { api, type User } from "../../lib/api";
import { plexApi, type PlexAccount, type UserMap } from "../../lib/plexApi";
import { useLoadedAction } from "./useAction";

export function UsersSection({ serverId }: { serverId: number }) {
  const [maps, setMaps] = useState<UserMap[]>([]);
  const [accounts, setAccounts] = useState<PlexAccount[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  const [account, setAccount] = useState("");
  const [userId, setUserId] = useState("");
  const [token, setToken] = useState("");
  const [keep, setKeep] = useState(true);
  const reload = useCallback(async () => {
    setMaps((await plexApi.userMaps(serverId)).items);
    setUsers((await api.listUsers()).items);
    setAccounts((await plexApi.accounts(serverId)).items);
  }, [serverId]);
  const { error, run } = useLoadedAction(reload);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const chosen = accounts.find((a) => a.id === account);
    void run(async () => {
      await plexApi.mapUser(serverId, { plex_account_id: account, plex_name: chosen?.name ?? "", user_id: Number(userId),
        token: token.trim(), keep_in_step: keep });
      setToken("");
    });
  };
  const nameOf = (id: number) => users.find((u) => u.id === id)?.username ?? `user ${id}`;
  return (
    <div className="card">
      <h2>Watched state</h2>
      <ErrorNotice message={error} />
      <ul className="row-list">
        {maps.map((m) => (
          <li key={m.id} className="row-item" data-plex-user={m.plex_name}>
            <span className="row-main">
              Plex <strong>{m.plex_name || m.plex_account_id}</strong> → {nameOf(m.user_id)}
              {m.keep_in_step ? <span className="badge">kept in step</span> : null}
              {m.token_set ? <span className="badge">own token</span> : null}
            </span>
            <button type="button" className="button-danger" onClick={() => void run(() => plexApi.unmapUser(serverId, m.id))}>Remove</button>
          </li>
        ))}
      </ul>
      <form className="form-row" onSubmit={add}>
        <div className="field">
          <label htmlFor="plex-account">Plex user</label>
          <select id="plex-account" value={account} onChange={(e) => setAccount(e.target.value)} required>
            <option value="">Choose…</option>
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.name || a.id}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plex-our-user">Our user</label>
          <select id="plex-our-user" value={userId} onChange={(e) => setUserId(e.target.value)} required>
            <option value="">Choose…</option>
            {users.map((u) => <option key={u.id} value={u.id}>{u.username}</option>)}
          </select>
        </div>
        <Field label="Their Plex token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)}
          hint="Empty: read as the server's owner" />
        <label><input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} /> Keep in step on every sync</label>
        <button type="submit">Map user</button>
      </form>
    </div>
  );
}
