// Path mappings (Plex prefix → local prefix, per server or library) and the check of which
// mapped folders and library roots exist on this machine.
import { useCallback, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { plexApi, type MappingCheck, type PathMapping, type PlexLibrary } from "../../lib/plexApi";
import { useLoadedAction } from "./useAction";

function CheckResult({ check }: { check: MappingCheck }) {
  return (
    <ul className="row-list" aria-label="Library roots">
      {check.roots.map((root) => (
        <li key={`${root.library_id}:${root.plex_path}`} className="row-item">
          <span className="row-main">{root.library}: {root.plex_path} → {root.local_path ?? "not mapped"}</span>
          <span className={root.exists ? "badge badge-done" : "badge badge-failed"}>{root.exists ? "found here" : "missing"}</span>
        </li>
      ))}
    </ul>
  );
}

export function MappingsSection({ serverId }: { serverId: number }) {
  const [mappings, setMappings] = useState<PathMapping[]>([]);
  const [libraries, setLibraries] = useState<PlexLibrary[]>([]);
  const [check, setCheck] = useState<MappingCheck | null>(null);
  const [plexPrefix, setPlexPrefix] = useState("");
  const [localPrefix, setLocalPrefix] = useState("");
  const [libraryId, setLibraryId] = useState("");
  const reload = useCallback(async () => {
    setMappings((await plexApi.mappings(serverId)).items);
    setLibraries((await plexApi.libraries(serverId)).items);
  }, [serverId]);
  const { error, run } = useLoadedAction(reload);

  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await plexApi.addMapping(serverId, plexPrefix.trim(), localPrefix.trim(), libraryId ? Number(libraryId) : null);
      setPlexPrefix("");
      setLocalPrefix("");
      setCheck(await plexApi.checkMappings(serverId));
    });
  };
  const exists = new Map((check?.mappings ?? []).map((m) => [m.id, m.exists]));
  return (
    <div className="card">
      <h2>Path mappings</h2>
      <ErrorNotice message={error} />
      <ul className="row-list">
        {mappings.map((m) => (
          <li key={m.id} className="row-item">
            <span className="row-main">
              {m.plex_prefix} → {m.local_prefix}
              {m.library_id ? <span className="muted"> ({libraries.find((l) => l.id === m.library_id)?.title})</span> : null}
              {exists.has(m.id) ? <span className={exists.get(m.id) ? "badge badge-done" : "badge badge-failed"}>
                {exists.get(m.id) ? "exists" : "not found here"}</span> : null}
            </span>
            <button type="button" className="button-danger" onClick={() => void run(() => plexApi.deleteMapping(serverId, m.id))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="form-row" onSubmit={add}>
        <Field label="Plex path" value={plexPrefix} onChange={(e) => setPlexPrefix(e.target.value)} placeholder="/data/movies" required />
        <Field label="Local path" value={localPrefix} onChange={(e) => setLocalPrefix(e.target.value)} placeholder="/mnt/nas/movies" required />
        <div className="field">
          <label htmlFor="plex-mapping-library">Library</label>
          <select id="plex-mapping-library" value={libraryId} onChange={(e) => setLibraryId(e.target.value)}>
            <option value="">Every library</option>
            {libraries.map((l) => <option key={l.id} value={l.id}>{l.title}</option>)}
          </select>
        </div>
        <button type="submit">Add mapping</button>
        <button type="button" onClick={() => void run(async () => setCheck(await plexApi.checkMappings(serverId)))}>Check</button>
      </form>
      {check ? <CheckResult check={check} /> : null}
    </div>
  );
}
