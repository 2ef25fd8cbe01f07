// The Plex page (admins; docs/PLEX.md): servers (added with their token, tested through
// /identity), and for the chosen one its libraries and syncs with live progress, path mappings
// with their check, watched-state user mappings, show discovery and unmapped files.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { EmptyState, ErrorNotice, InfoNotice } from "../../components/Notice";
import { useAuth } from "../../lib/auth";
import { plexApi, type PlexServer } from "../../lib/plexApi";
import { DiscoverSection, UnmappedSection } from "./DiscoverSection";
import { LibrariesSection } from "./LibrariesSection";
import { MappingsSection } from "./MappingsSection";
import { UsersSection } from "./UsersSection";
import { useAction } from "./useAction";
import "./plex.css";

function AddServer({ onAdded }: { onAdded: (server: PlexServer) => void }) {
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [token, setToken] = useState("");
  const { error, run } = useAction(() => undefined);
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      onAdded(await plexApi.addServer(name.trim(), url.trim(), token.trim()));
      setName("");
      setUrl("");
      setToken("");
    });
  };
  return (
    <form className="card form-row" onSubmit={add} aria-label="Add a Plex server">
      <h2>Add a server</h2>
      <ErrorNotice message={error} />
      <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} required />
      <Field label="URL" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://plex.lan:32400" required />
      <Field label="Token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required
        hint="X-Plex-Token; stored as a secret, never shown again" />
      <button type="submit" className="button-primary">Add server</button>
    </form>
  );
}

function ServerPanel({ server, onRemoved, onSynced }: { server: PlexServer; onRemoved: () => void; onSynced: () => void }) {
  const [tested, setTested] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const synced = useCallback(() => {
    bump();
    onSynced(); // the server's "last sync" time
  }, [bump, onSynced]);
  const { error, run } = useAction(() => undefined);
  const test = () => void run(async () => {
    const identity = await plexApi.test(server.id);
    setTested(`Connected: Plex ${identity.version ?? ""} (${identity.machine_id ?? "no id"})`);
  });
  const remove = () => {
    if (window.confirm(`Remove ${server.name}? Items only this server brought stay until you delete them.`)) {
      void run(async () => {
        await plexApi.deleteServer(server.id);
        onRemoved();
      });
    }
  };
  return (
    <section className="plex-server" aria-label={`Plex server ${server.name}`}>
      <div className="card">
        <h2>{server.name}</h2>
        <p className="muted">{server.url} · {server.last_sync_at ? `last sync ${new Date(server.last_sync_at * 1000).toLocaleString()}` : "never synced"}</p>
        <ErrorNotice message={error} />
        <InfoNotice message={tested} />
        <div className="form-row">
          <button type="button" onClick={test}>Test connection</button>
          <button type="button" className="button-danger" onClick={remove}>Remove server</button>
        </div>
      </div>
      <LibrariesSection serverId={server.id} onSynced={synced} />
      <MappingsSection serverId={server.id} />
      <UsersSection serverId={server.id} />
      <DiscoverSection serverId={server.id} onQueued={bump} />
      <UnmappedSection serverId={server.id} version={version} />
    </section>
  );
}

export function PlexPage() {
  const { user } = useAuth();
  const [servers, setServers] = useState<PlexServer[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const reload = useCallback(async () => setServers((await plexApi.servers()).items), []);
  const { error, run } = useAction(reload);
  useEffect(() => {
    if (user?.role === "admin") void run(async () => undefined);
  }, [run, user]);
  if (user?.role !== "admin") return <EmptyState title="Plex import is for admins" />;
  const current = servers.find((s) => s.id === chosen) ?? servers[0] ?? null;
  return (
    <section className="plex-page">
      <h1>Plex</h1>
      <ErrorNotice message={error} />
      {servers.length > 1 ? (
        <div className="field">
          <label htmlFor="plex-server-choice">Server</label>
          <select id="plex-server-choice" value={current?.id ?? ""} onChange={(e) => setChosen(Number(e.target.value))}>
            {servers.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
      ) : null}
      {current ? <ServerPanel key={current.id} server={current} onRemoved={() => void reload()} onSynced={() => void reload()} /> :
        <EmptyState title="No Plex server yet">Add one to import its films and shows.</EmptyState>}
      <AddServer onAdded={(server) => void reload().then(() => setChosen(server.id))} />
    </section>
  );
}
