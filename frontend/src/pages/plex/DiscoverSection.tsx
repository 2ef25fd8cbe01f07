// Find a show on the server by title and year and import just that show; and the imported
// files no mapping covers (listed, not lost, until a mapping is added and the server synced).
import { useCallback, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { Field } from "../../components/Field";
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { plexApi, type FoundShow, type UnmappedPart } from "../../lib/plexApi";
import { useAction, useLoadedAction } from "./useAction";

export function DiscoverSection({ serverId, onQueued }: { serverId: number; onQueued: () => void }) {
  const [title, setTitle] = useState("");
  const [year, setYear] = useState("");
  const [found, setFound] = useState<FoundShow[] | null>(null);
  const { error, run } = useAction(() => undefined);
  const search = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => setFound((await plexApi.discover(serverId, title.trim(), year.trim())).items));
  };
  const importShow = (show: FoundShow) =>
    void run(async () => {
      await plexApi.sync(serverId, { library_id: show.library_id, show_key: show.rating_key });
      onQueued();
    });
  return (
    <div className="card">
      <h2>Discover a show</h2>
      <ErrorNotice message={error} />
      <form className="form-row" onSubmit={search}>
        <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} required />
        <Field label="Year" inputMode="numeric" pattern="[0-9]{4}" value={year} onChange={(e) => setYear(e.target.value)} />
        <button type="submit">Find</button>
      </form>
      {found && found.length === 0 ? <EmptyState title="No show with that title on this server" /> : null}
      <ul className="row-list">
        {(found ?? []).map((show) => (
          <li key={show.rating_key} className="row-item">
            <span className="row-main">
              <strong>{show.title}</strong> {show.year ? `(${show.year})` : ""} <span className="muted">{show.library}</span>
              {show.media_id ? <Link to={`/media/${show.media_id}`}> in the library</Link> : null}
            </span>
            <button type="button" onClick={() => importShow(show)}>Import</button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function UnmappedSection({ serverId, version }: { serverId: number; version: number }) {
  const [parts, setParts] = useState<UnmappedPart[]>([]);
  const reload = useCallback(async () => setParts((await plexApi.unmapped(serverId)).items), [serverId]);
  const { error } = useLoadedAction(reload, version);
  return (
    <div className="card">
      <h2>Files without a local path</h2>
      <ErrorNotice message={error} />
      {parts.length === 0 ? <p className="muted">Every imported file maps to a local path.</p> : (
        <ul className="row-list" aria-label="Unmapped files">
          {parts.map((p) => (
            <li key={p.plex_path} className="row-item">
              <span className="row-main"><strong>{p.title}</strong> <span className="muted">{p.plex_path}</span></span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
