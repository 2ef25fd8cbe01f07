// A sync's two levels of progress, live: libraries done of all, then items of the current one
// (the plex_sync_progress event), and the job's end (job_updated) with its counts.
import { useCallback, useState } from "react";
import type { Job } from "../../lib/api";
import type { PlexSyncProgress } from "../../lib/events.gen";
import { useServerEvent } from "../../lib/socket";
import { ProgressBar } from "../jobs/ProgressBar";

interface LibraryCounts {
  title: string;
  listed: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  held_back: number;
  relinked?: number;
  bad: number;
}

interface WatchedCounts {
  plex_account_id: string;
  plex_name?: string;
  items: number;
  written: number;
}

function resultOf(job: Job): LibraryCounts[] {
  const result = job.result as { libraries?: LibraryCounts[] } | null;
  return result?.libraries ?? [];
}

function watchedOf(job: Job): WatchedCounts[] {
  const result = job.result as { watched?: WatchedCounts[] } | null;
  return result?.watched ?? [];
}

export function SyncPanel({ serverId, job, onDone }: { serverId: number; job: Job | null; onDone: () => void }) {
  const [progress, setProgress] = useState<PlexSyncProgress | null>(null);
  const [finished, setFinished] = useState<Job | null>(null);
  const onProgress = useCallback((p: PlexSyncProgress) => {
    if (p.server_id === serverId && (job === null || p.job_id === job.id)) setProgress(p);
  }, [serverId, job]);
  const onJob = useCallback((updated: Job) => {
    if (job !== null && updated.id === job.id && ["done", "failed", "cancelled"].includes(updated.status)) {
      setFinished(updated);
      onDone();
    }
  }, [job, onDone]);
  useServerEvent("plex_sync_progress", onProgress);
  useServerEvent("job_updated", onJob);
  if (job === null) return null;
  const libraries = progress ? (progress.done ? 100 : (100 * progress.libraries_done) / Math.max(1, progress.libraries_total)) : 0;
  const items = progress && progress.items_total ? (100 * progress.items_done) / progress.items_total : 0;
  const status = finished?.status ?? "running";
  return (
    <div className="plex-sync" aria-live="polite" data-testid="plex-sync">
      <p>
        Sync job #{job.id}: <span className={`badge badge-${status}`}>{status}</span>
        {finished?.error ? <span className="muted"> {finished.error}</span> : null}
      </p>
      <ProgressBar value={libraries} label="Libraries synced" status={status} />
      <p className="muted">
        {progress ? `Libraries ${progress.libraries_done}/${progress.libraries_total}` : "Waiting for the worker…"}
        {progress && !progress.done ? ` · ${progress.library}: ${progress.items_done}/${progress.items_total} items` : ""}
      </p>
      <ProgressBar value={progress?.done ? 100 : items} label="Items of this library" status={status} />
      {finished ? (
        <ul className="row-list">
          {resultOf(finished).map((lib) => (
            <li key={lib.title} className="row-item">
              <span className="row-main"><strong>{lib.title}</strong></span>
              <span className="muted">
                {lib.listed} listed · {lib.created} new · {lib.updated} changed · {lib.unchanged} unchanged · {lib.deleted} removed
                {lib.relinked ? ` · ${lib.relinked} relinked to files here` : ""}
                {lib.held_back ? ` · ${lib.held_back} held back (mass-deletion guard)` : ""}
                {lib.bad ? ` · ${lib.bad} bad items skipped` : ""}
              </span>
            </li>
          ))}
          {watchedOf(finished).map((w) => (
            <li key={`watched-${w.plex_account_id}`} className="row-item" data-watched={w.plex_name || w.plex_account_id}>
              <span className="row-main"><strong>Watched state of {w.plex_name || `Plex user ${w.plex_account_id}`}</strong></span>
              <span className="muted">{w.items} played or started · {w.written} brought over</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
