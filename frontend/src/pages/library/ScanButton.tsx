// A Scan button (the whole library, or one folder) that follows its job live over Socket.IO: the
// job system's progress events while it runs, then the summary the scan job ends with (found, new,
// changed, removed). The job is also read once after it is queued, in case it ended before its
// events could arrive.
import { useCallback, useState } from "react";
import { ErrorNotice } from "../../components/Notice";
import { messageOf, type Job } from "../../lib/api";
import { libraryManageApi } from "../../lib/libraryManageApi";
import { useServerEvent } from "../../lib/socket";
import type { JobProgress } from "../../lib/events.gen";
import { ProgressBar } from "../jobs/ProgressBar";
import "../settings/libraryManage.css";

const ENDED = new Set(["done", "failed", "cancelled", "interrupted"]);

interface ScanSummary { found?: number; new?: number; changed?: number; removed?: number }

export function scanSummary(job: Job): string {
  if (job.status !== "done") return job.error ? `Scan ${job.status}: ${job.error}` : `Scan ${job.status}.`;
  const r = (job.result ?? {}) as ScanSummary;
  return `Scan done: ${r.found ?? 0} found, ${r.new ?? 0} new, ${r.changed ?? 0} changed, ${r.removed ?? 0} removed.`;
}

/** The scan job started here, kept up to date from the server's events. */
function useScanJob() {
  const [job, setJob] = useState<Job | null>(null);
  const onProgress = useCallback((event: JobProgress) => {
    setJob((old) => (old && old.id === event.id && !ENDED.has(old.status)
      ? { ...old, status: "running", progress: event.progress, message: event.message ?? old.message } : old));
  }, []);
  const onUpdated = useCallback((event: Job) => {
    setJob((old) => (old && old.id === event.id ? event : old));
  }, []);
  useServerEvent("job_progress", onProgress);
  useServerEvent("job_updated", onUpdated);
  const follow = useCallback((started: Job) => {
    setJob(started);
    libraryManageApi.job(started.id).then((now) => setJob((old) => (old && old.id === now.id && ENDED.has(now.status) ? now : old)))
      .catch(() => undefined);
  }, []);
  return { job, follow };
}

export function ScanButton({ folderId, label = "Scan library" }: { folderId?: number; label?: string }) {
  const { job, follow } = useScanJob();
  const [error, setError] = useState<string | null>(null);
  const running = !!job && !ENDED.has(job.status);
  const start = async () => {
    setError(null);
    try {
      follow(await libraryManageApi.scan(folderId));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div className="scan" data-testid={folderId === undefined ? "scan-library" : `scan-folder-${folderId}`}>
      <button type="button" onClick={() => void start()} disabled={running}>{running ? "Scanning…" : label}</button>
      {job && running ? (
        <div className="scan-progress" role="status" aria-live="polite">
          <ProgressBar value={job.progress} label="Scan progress" status={job.status} />
          <span className="muted">{job.message || "Waiting for a worker…"}</span>
        </div>
      ) : null}
      {job && !running ? <p className="scan-summary" role="status">{scanSummary(job)}</p> : null}
      <ErrorNotice message={error} />
    </div>
  );
}
