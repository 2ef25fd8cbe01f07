// Why library changes do not export (yet): the server's reasons, each one saying what to set. Shown
// only while automatic export is off, so a fresh install explains itself instead of failing jobs.
import type { AutoExport } from "../../lib/strmApi";

export function AutoExportNotice({ status }: { status: AutoExport }) {
  if (status.active) return null;
  return (
    <div className="notice notice-info strm-auto-off" role="status" data-testid="auto-export-off">
      <strong>Automatic export is off.</strong> To export after every library change:
      <ul>
        {status.reasons.map((reason) => <li key={reason}>{reason}</li>)}
      </ul>
      Run now and Preview work regardless.
    </div>
  );
}
