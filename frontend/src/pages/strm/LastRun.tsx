// The last export: its counts, the guard's message when it held deletions back, media-server
// refreshes, and the CSV report. Every text from the server is rendered as text.
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { formatTime } from "../../lib/format";
import { STRM_REPORT_URL, type StrmCounts, type StrmRun } from "../../lib/strmApi";

const COUNTS: (keyof StrmCounts)[] = ["created", "updated", "unchanged", "deleted", "stale", "skipped"];

function Counts({ counts }: { counts: StrmCounts }) {
  return (
    <dl className="strm-counts">
      {COUNTS.map((name) => (
        <div key={name} className="strm-count" data-count={name}>
          <dt>{name}</dt>
          <dd>{counts[name] ?? 0}</dd>
        </div>
      ))}
    </dl>
  );
}

function Refreshes({ run }: { run: StrmRun }) {
  if (!run.refresh?.length) return null;
  return (
    <ul className="strm-refresh">
      {run.refresh.map((r, n) => (
        <li key={`${r.server} ${r.path ?? ""} ${n}`}>
          {r.server}: {r.ok ? "asked to refresh" : `refresh failed (${r.error ?? "unknown error"})`}
          {r.path ? ` ${r.path}` : ""}
        </li>
      ))}
    </ul>
  );
}

export function LastRun({ run }: { run: StrmRun | null }) {
  return (
    <div className="card strm-last-run" role="region" aria-label="Last run">
      <h2>Last run</h2>
      {run === null ? (
        <EmptyState title="No export has run yet">Run one, or preview it first.</EmptyState>
      ) : (
        <>
          <p className="muted">
            {run.dry_run ? "Preview (nothing written)" : "Export"} · {formatTime(run.finished_at)} · {run.planned_files} files planned
          </p>
          <p className="strm-root">
            into <code>{run.root}</code>
          </p>
          <Counts counts={run.counts} />
          {run.guard ? <p className="notice notice-warn" role="status" data-testid="strm-guard">{run.guard}</p> : null}
          <ErrorNotice message={run.source_error ? `The library could not be read: ${run.source_error}` : null} />
          <Refreshes run={run} />
          <a className="button-link" href={STRM_REPORT_URL} download>Download the report (CSV)</a>
        </>
      )}
    </div>
  );
}
