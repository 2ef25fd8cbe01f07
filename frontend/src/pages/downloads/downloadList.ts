// The downloads list's state: rows by id (newest first), a playlist's entries by parent, and the
// live progress of each job (Socket.IO download_updated and job_progress).
import type { JobProgress } from "../../lib/events.gen";
import type { Download } from "../../lib/downloadsApi";

export interface Live {
  progress: number;
  message: string;
}

export interface DownloadList {
  rows: Download[];
  entries: Record<number, Download[]>;
  live: Record<number, Live>; // by job id
}

export type DownloadAction =
  | { type: "loaded"; rows: Download[] }
  | { type: "entries"; parentId: number; entries: Download[] }
  | { type: "updated"; download: Download }
  | { type: "progress"; progress: JobProgress };

export const initialDownloads: DownloadList = { rows: [], entries: {}, live: {} };

function upsert(rows: Download[], download: Download, atTop: boolean): Download[] {
  const index = rows.findIndex((row) => row.id === download.id);
  if (index === -1) return atTop ? [download, ...rows] : [...rows, download];
  const next = rows.slice();
  next[index] = download;
  return next;
}

export function downloadsReducer(state: DownloadList, action: DownloadAction): DownloadList {
  switch (action.type) {
    case "loaded":
      return { ...state, rows: action.rows };
    case "entries":
      return { ...state, entries: { ...state.entries, [action.parentId]: action.entries } };
    case "updated": {
      const d = action.download;
      if (d.parent_id === null) return { ...state, rows: upsert(state.rows, d, true) };
      const siblings = upsert(state.entries[d.parent_id] ?? [], d, false);
      siblings.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
      return { ...state, entries: { ...state.entries, [d.parent_id]: siblings } };
    }
    case "progress": {
      const { id, progress, message } = action.progress;
      return { ...state, live: { ...state.live, [id]: { progress, message: message ?? "" } } };
    }
  }
}
