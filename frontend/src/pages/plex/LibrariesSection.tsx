// A server's libraries with their Plex paths, item counts and whether syncs include them; sync
// all or one (optionally with watched state, or forced past the mass-deletion guard).
import { useCallback, useState } from "react";
import { ErrorNotice } from "../../components/Notice";
import type { Job } from "../../lib/api";
import { plexApi, type PlexLibrary, type SyncOptions } from "../../lib/plexApi";
import { SyncPanel } from "./SyncPanel";
import { useLoadedAction } from "./useAction";

export function LibrariesSection({ serverId, onSynced }: { serverId: number; onSynced: () => void }) {
  const [libraries, setLibraries] = useState<PlexLibrary[]>([]);
  const [watched, setWatched] = useState(false);
  const [force, setForce] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const reload = useCallback(async () => setLibraries((await plexApi.libraries(serverId)).items), [serverId]);
  const { error, run } = useLoadedAction(reload);
  const done = useCallback(() => {
    void reload();
    onSynced();
  }, [reload, onSynced]);

  const sync = (options: SyncOptions) => run(async () => setJob(await plexApi.sync(serverId, { ...options, watched, force })));
  return (
    <div className="card">
      <h2>Libraries</h2>
      <ErrorNotice message={error} />
      <ul className="row-list">
        {libraries.map((lib) => (
          <li key={lib.id} className="row-item" data-library={lib.title}>
            <span className="row-main">
              <strong>{lib.title}</strong> <span className="badge">{lib.type}</span>
              <span className="muted"> {lib.locations.join(", ")} · {lib.items} imported</span>
            </span>
            <span className="row-actions">
              <label>
                <input type="checkbox" checked={lib.enabled} disabled={!lib.importable}
                  onChange={(e) => void run(() => plexApi.setLibrary(lib.id, e.target.checked))} /> sync
              </label>
              <button type="button" disabled={!lib.importable} onClick={() => void sync({ library_id: lib.id })}>Sync</button>
            </span>
          </li>
        ))}
      </ul>
      <div className="form-row">
        <button type="button" onClick={() => void run(() => plexApi.refreshLibraries(serverId))}>List libraries again</button>
        <label><input type="checkbox" checked={watched} onChange={(e) => setWatched(e.target.checked)} /> Import watched state</label>
        <label><input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force deletions</label>
        <button type="button" className="button-primary" onClick={() => void sync({})}>Sync all</button>
      </div>
      <SyncPanel serverId={serverId} job={job} onDone={done} />
    </div>
  );
}
