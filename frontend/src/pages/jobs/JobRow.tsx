import { useState } from "react";
import { api, messageOf, type Job } from "../../lib/api";
import { formatDuration, formatTime } from "../../lib/format";
import { jobRetry, retryText } from "../../lib/retrying";
import { ACTIVE_STATUSES, RETRYABLE_STATUSES } from "./jobList";
import { jobName, jobSummary } from "./jobNames";
import { ProgressBar } from "./ProgressBar";

interface JobRowProps {
  job: Job;
  canManage: boolean;
  onChanged: (job: Job) => void;
}

function JobActions({ job, onChanged }: { job: Job; onChanged: (job: Job) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: (id: number) => Promise<Job>) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await action(job.id));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const canCancel = ACTIVE_STATUSES.has(job.status) && !job.cancel_requested;
  return (
    <div className="job-actions">
      {canCancel ? (
        <button type="button" className="button-danger" disabled={busy} onClick={() => void act(api.cancelJob)}>
          Cancel
        </button>
      ) : null}
      {RETRYABLE_STATUSES.has(job.status) ? (
        <button type="button" disabled={busy} onClick={() => void act(api.retryJob)}>
          Retry
        </button>
      ) : null}
      {error ? <span className="inline-error" role="alert">{error}</span> : null}
    </div>
  );
}

export function JobRow({ job, canManage, onChanged }: JobRowProps) {
  const retry = jobRetry(job);
  const status = job.cancel_requested && ACTIVE_STATUSES.has(job.status) ? "cancelling" : retry ? "retrying" : job.status;
  const summary = jobSummary(job.result as Record<string, unknown> | null);
  return (
    <li className="job card" data-job-id={job.id} data-status={job.status}>
      <div className="job-head">
        <span className="job-id">#{job.id}</span>
        <span className="job-kind" title={job.kind}>{jobName(job.kind)}</span>
        <span className={`badge badge-${retry ? "retrying" : job.status}`}>{status}</span>
      </div>
      {retry ? <p className="job-retry" data-testid="job-retry">{retryText(retry)}</p> : null}
      <ProgressBar value={job.progress} status={job.status} label={`Progress of job ${job.id}`} />
      {job.message ? <p className="job-message">{job.message}</p> : null}
      {summary && job.status === "done" ? <p className="job-summary" data-testid="job-summary">{summary}</p> : null}
      {job.error && !retry ? <p className="job-error">{job.error}</p> : null /* retrying: the message carries it */}
      <div className="job-foot">
        <span className="muted">
          created {formatTime(job.created_at)}
          {job.started_at ? ` · ran ${formatDuration(job.started_at, job.finished_at)}` : ""}
          {` · attempt ${job.attempts}/${job.max_attempts}`}
        </span>
        {canManage ? <JobActions job={job} onChanged={onChanged} /> : null}
      </div>
    </li>
  );
}
