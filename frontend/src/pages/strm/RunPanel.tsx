// "Run now" and "Preview" start strm.export jobs; their progress shows live in the usual job rows.
import { useState } from "react";
import { ErrorNotice } from "../../components/Notice";
import { messageOf, type Job } from "../../lib/api";
import { strmApi } from "../../lib/strmApi";
import { JobRow } from "../jobs/JobRow";

interface RunPanelProps {
  jobs: Job[];
  error: string | null;
  onStarted: (job: Job) => void;
}

export function RunPanel({ jobs, error, onStarted }: RunPanelProps) {
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  async function start(action: () => Promise<Job>) {
    setBusy(true);
    setStartError(null);
    try {
      onStarted(await action());
    } catch (e) {
      setStartError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card" aria-label="Runs" role="region">
      <h2>Runs</h2>
      <p className="muted">A preview decides everything and writes nothing: no file, no deletion.</p>
      <div className="form-actions">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void start(strmApi.run)}>Run now</button>
        <button type="button" disabled={busy} onClick={() => void start(strmApi.preview)}>Preview</button>
      </div>
      <ErrorNotice message={startError ?? error} />
      <ol className="job-list strm-jobs">
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} canManage onChanged={onStarted} />
        ))}
      </ol>
    </div>
  );
}
