// Devices: my browser sessions (browser and OS from the user agent, address, last seen) and my API
// tokens, each of which I can end; admins may show everyone's. Ending a session logs that browser
// out at once (its live socket drops and its next request is answered 401).
import { useCallback, useEffect, useState } from "react";
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { activityApi, type DeviceSession, type DeviceToken, type Devices } from "../../lib/activityApi";
import { messageOf } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { formatTime } from "../../lib/format";
import { isAdmin } from "../../lib/roles";
import "../activity/activity.css";

function SessionRow({ session, showUser, onEnd }: { session: DeviceSession; showUser: boolean; onEnd: () => void }) {
  const device = session.device ? ` · ${session.device}` : "";
  return (
    <li className="row-item device-row" data-testid="device-session">
      <span className="row-main">
        <strong>{session.browser}</strong> on {session.os}{device}
        {session.current ? <span className="badge badge-done"> this browser</span> : null}
        {showUser ? <span className="badge">{session.username}</span> : null}
      </span>
      <span className="muted row-meta">
        {session.address || "—"} · signed in {formatTime(session.created_at)} · last seen {formatTime(session.last_seen_at)}
      </span>
      <button type="button" className="button-danger" onClick={onEnd}>
        {session.current ? "Log out here" : "End session"}
      </button>
    </li>
  );
}

function TokenRow({ token, showUser, onRevoke }: { token: DeviceToken; showUser: boolean; onRevoke: () => void }) {
  return (
    <li className="row-item device-row" data-testid="device-token">
      <span className="row-main">
        <strong>{token.name}</strong> <span className="badge">{token.scope}</span>
        {showUser ? <span className="badge">{token.username}</span> : null}
      </span>
      <span className="muted row-meta">
        created {formatTime(token.created_at)} · last used {formatTime(token.last_used_at)}
      </span>
      <button type="button" className="button-danger" onClick={onRevoke}>Revoke</button>
    </li>
  );
}

export function DevicesPage() {
  const { user, reload } = useAuth();
  const [all, setAll] = useState(false);
  const [devices, setDevices] = useState<Devices>({ sessions: [], tokens: [] });
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setDevices(await activityApi.devices(all));
    } catch (e) {
      setError(messageOf(e));
    }
  }, [all]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function act(change: () => Promise<void>, endsMine: boolean) {
    setError(null);
    try {
      await change();
      if (endsMine) await reload();
      else await refresh();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  function endSession(session: DeviceSession) {
    const what = session.current ? "Log this browser out?" : `End the session of ${session.browser} on ${session.os}?`;
    if (window.confirm(what)) void act(() => activityApi.endSession(session.id), session.current);
  }

  function revoke(token: DeviceToken) {
    if (window.confirm(`Revoke the token "${token.name}"? Programs using it stop working at once.`)) {
      void act(() => activityApi.revokeToken(token.id), false);
    }
  }

  return (
    <section className="devices-page">
      <h1>Devices</h1>
      {isAdmin(user?.role) ? (
        <label className="checkbox">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Show every user's
        </label>
      ) : null}
      <ErrorNotice message={error} />
      <div className="card">
        <h2>Sessions</h2>
        {devices.sessions.length === 0 ? (
          <EmptyState title="No sessions" />
        ) : (
          <ul className="row-list">
            {devices.sessions.map((s) => (
              <SessionRow key={s.id} session={s} showUser={all} onEnd={() => endSession(s)} />
            ))}
          </ul>
        )}
      </div>
      <div className="card">
        <h2>API tokens</h2>
        {devices.tokens.length === 0 ? (
          <EmptyState title="No tokens">Create one in Settings.</EmptyState>
        ) : (
          <ul className="row-list">
            {devices.tokens.map((t) => (
              <TokenRow key={t.id} token={t} showUser={all} onRevoke={() => revoke(t)} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
