// The library's uploads: a button and a drop zone (drag files onto the page), several files at
// once, each with its own line: percent and speed while it uploads, then what became of it, kept
// up to date from the identify job's events instead of stacking notices.
import { useCallback, useEffect, useRef, useState, type DragEvent, type ReactNode } from "react";
import { Link } from "react-router-dom";
import { csrfHeaders, libraryApi, request, type Job, type UploadedItem } from "../../lib/api";
import { useServerEvent } from "../../lib/socket";
import { ProgressBar } from "../jobs/ProgressBar";
import { entryFor, PARALLEL, percentOf, statusText, type UploadEntry } from "./uploadQueue";

export function useUploads() {
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const files = useRef(new Map<string, File>());
  const counter = useRef(0);
  const launched = useRef(new Set<string>());
  const update = useCallback((key: string, change: Partial<UploadEntry>) => {
    setEntries((all) => all.map((e) => (e.key === key ? { ...e, ...change } : e)));
  }, []);

  const add = useCallback((list: File[]) => {
    const fresh = list.map((file) => {
      const key = `u${++counter.current}`;
      files.current.set(key, file);
      return entryFor(file, key);
    });
    setEntries((all) => [...fresh, ...all]);
  }, []);

  /** What became of an uploaded file once its identify job ended. */
  const settle = useCallback((key: string, mediaId: string, job: Job) => {
    if (job.status === "failed") {
      update(key, { status: "failed", message: job.error ?? "identification failed" });
      return;
    }
    // identification may move the file to another item (a film already in the library): follow it
    const moved = (job.result as { media_id?: unknown } | null)?.media_id;
    const target = typeof moved === "string" ? moved : mediaId;
    update(key, { mediaId: target });
    libraryApi.media(target).then((item) => update(key, item.status === "identified"
      ? { status: "identified", message: `${item.title}${item.year ? ` (${item.year})` : ""}` }
      : { status: "review" })).catch(() => update(key, { status: "review" }));
  }, [update]);

  const start = useCallback(async (entry: UploadEntry) => {
    const file = files.current.get(entry.key);
    if (!file) return;
    const startedAt = performance.now();
    update(entry.key, { status: "uploading", startedAt });
    try {
      const item = await uploadOne(file, (loaded) => {
        const seconds = (performance.now() - startedAt) / 1000;
        update(entry.key, { loaded, bytesPerSecond: seconds > 0.2 ? loaded / seconds : 0 });
      });
      update(entry.key, { status: item.job_id ? "identifying" : "review", loaded: file.size, mediaId: item.id, jobId: item.job_id });
      if (item.job_id) {  // the job may have ended before this answer arrived, its event already gone by
        const job = await request<Job>("GET", `/api/jobs/${item.job_id}`);
        if (job.status === "done" || job.status === "failed") settle(entry.key, item.id, job);
      }
    } catch (e) {
      update(entry.key, { status: "failed", message: e instanceof Error ? e.message : String(e) });
    } finally {
      files.current.delete(entry.key);
    }
  }, [update, settle]);

  useEffect(() => {  // keep PARALLEL uploads going
    const running = entries.filter((e) => e.status === "uploading").length;
    entries.filter((e) => e.status === "queued" && !launched.current.has(e.key)).reverse()
      .slice(0, Math.max(0, PARALLEL - running))
      .forEach((e) => { launched.current.add(e.key); void start(e); });
  }, [entries, start]);

  const current = useRef(entries);
  current.current = entries;
  useServerEvent("job_updated", useCallback((job: Job) => {
    if (job.status !== "done" && job.status !== "failed") return;
    const entry = current.current.find((e) => e.jobId === job.id && e.status === "identifying");
    if (entry?.mediaId) settle(entry.key, entry.mediaId, job);
  }, [settle]));

  const dismiss = (key: string) => setEntries((all) => all.filter((e) => e.key !== key));
  const clearFinished = () => setEntries((all) => all.filter((e) => ["queued", "uploading", "identifying"].includes(e.status)));
  return { entries, add, dismiss, clearFinished };
}

export function UploadList({ entries, onDismiss, onClear }: {
  entries: UploadEntry[]; onDismiss: (key: string) => void; onClear: () => void;
}) {
  if (!entries.length) return null;
  return (
    <section className="uploads card" aria-label="Uploads">
      <div className="uploads-head">
        <h2>Uploads</h2>
        <button type="button" onClick={onClear}>Clear finished</button>
      </div>
      <ul>
        {entries.map((e) => (
          <li key={e.key} className={`upload upload-${e.status}`} data-testid="upload-entry" data-status={e.status}>
            <span className="upload-name">{e.name}</span>
            {e.status === "uploading" || e.status === "queued" ? <ProgressBar value={percentOf(e)} label={`Uploading ${e.name}`} status="running" /> : null}
            <span className="upload-status" role="status">{statusText(e)}</span>
            {e.status === "identified" && e.mediaId ? <Link to={`/media/${encodeURIComponent(e.mediaId)}`}>Open</Link> : null}
            {e.status === "review" ? <Link to="/review">Review</Link> : null}
            {["identified", "review", "failed"].includes(e.status)
              ? <button type="button" aria-label={`Dismiss ${e.name}`} onClick={() => onDismiss(e.key)}>×</button> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A drop target around ``children``: files dropped on it are uploaded (managers only). */
export function DropZone({ enabled, onFiles, children }: { enabled: boolean; onFiles: (files: File[]) => void; children: ReactNode }) {
  const [over, setOver] = useState(false);
  if (!enabled) return <>{children}</>;
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes("Files");
  return (
    <div className={over ? "drop-zone drop-over" : "drop-zone"}
      onDragOver={(e) => { if (hasFiles(e)) { e.preventDefault(); setOver(true); } }}
      onDragLeave={(e) => { if (e.currentTarget === e.target) setOver(false); }}
      onDrop={(e) => { e.preventDefault(); setOver(false); onFiles(Array.from(e.dataTransfer.files)); }}>
      {over ? <p className="drop-hint" aria-live="polite">Drop the files to upload them</p> : null}
      {children}
    </div>
  );
}

/** Uploads one file; ``onProgress`` gets bytes sent so far. Resolves with the new item, or
 * rejects with the server's message (which names the file and why). */
export function uploadOne(file: File, onProgress: (loaded: number) => void): Promise<UploadedItem> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/upload");
    xhr.setRequestHeader("Accept", "application/json");
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onerror = () => reject(new Error("the server cannot be reached; is the daemon running?"));
    xhr.onload = () => {
      let body: { items?: UploadedItem[]; message?: string } = {};
      try { body = JSON.parse(xhr.responseText) as typeof body; } catch { /* not JSON: a proxy's page */ }
      if (xhr.status === 201 && body.items?.length) resolve(body.items[0]);
      else reject(new Error(body.message ?? `the server answered ${xhr.status}`));
    };
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}
