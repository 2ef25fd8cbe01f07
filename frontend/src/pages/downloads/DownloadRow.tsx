// One download: title, status, live progress (percent, MiB, speed, ETA), yt-dlp's own words when
// it failed, Play when it is in the library, Cancel while it runs; a playlist lists its entries.
import { useState } from "react";
import { Link } from "react-router-dom";
import { messageOf } from "../../lib/api";
import { downloadsApi, type Download } from "../../lib/downloadsApi";
import { ProgressBar } from "../jobs/ProgressBar";
import type { Live } from "./downloadList";

const ACTIVE = new Set(["queued", "running", "playlist"]);

interface RowProps {
  download: Download;
  live: Record<number, Live>;
  entries?: Download[];
  onChanged: (download: Download) => void;
}

function CancelButton({ download, onChanged }: { download: Download; onChanged: (d: Download) => void }) {
  const [error, setError] = useState<string | null>(null);
  async function cancel() {
    try {
      onChanged(await downloadsApi.cancel(download.id));
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <>
      <button type="button" className="button-danger" onClick={() => void cancel()}>Cancel</button>
      {error ? <span className="inline-error" role="alert">{error}</span> : null}
    </>
  );
}

export function DownloadRow({ download, live, entries, onChanged }: RowProps) {
  const progress = download.job_id !== null ? live[download.job_id] : undefined;
  const running = download.status === "running";
  const done = download.status === "done" && download.media_id;
  return (
    <li className="job card download" data-download-id={download.id} data-status={download.status}>
      <div className="job-head">
        <span className="download-title">{download.title || download.url}</span>
        <span className={`badge badge-${download.status}`}>{download.status}</span>
      </div>
      {running ? <ProgressBar value={progress?.progress ?? 0} status="running" label={`Progress of download ${download.id}`} /> : null}
      <p className="job-message">{running && progress?.message ? progress.message : download.message}</p>
      {download.error ? <pre className="job-error download-error">{download.error}</pre> : null}
      <div className="job-actions">
        {done ? <Link className="button" to={`/media/${download.media_id}/play`}>Play</Link> : null}
        {ACTIVE.has(download.status) ? <CancelButton download={download} onChanged={onChanged} /> : null}
      </div>
      {entries && entries.length ? (
        <ol className="download-entries">
          {entries.map((entry) => (
            <DownloadRow key={entry.id} download={entry} live={live} onChanged={onChanged} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
