// The STRM export API (docs/STRM.md, admin only) through the one API client in ./api, so every
// call carries the CSRF header. Secrets are write-only: the server reads them back as true/false.
import { request, type Job } from "./api";

export const STRM_STYLES = ["jellyfin", "plex", "emby", "kodi"] as const;
export const CLEANUP_MODES = ["off", "preview", "apply"] as const;
export const STRM_SECRETS = ["refresh_jellyfin_api_key", "refresh_plex_token"] as const;

export type StrmSecret = (typeof STRM_SECRETS)[number];

/** Read-only: whether library changes export, and otherwise what to set (docs/STRM.md). */
export interface AutoExport {
  active: boolean;
  reasons: string[];
}

export interface StrmSettings {
  output_dir: string;
  style: string;
  public_base_url: string;
  cleanup: string;
  max_delete_share: number;
  max_writers: number;
  write_nfo: boolean;
  genre_folders: boolean;
  fsync: boolean;
  schedule: string;
  auto_run: boolean;
  debounce_seconds: number;
  refresh_jellyfin_url: string;
  refresh_jellyfin_api_key: boolean;
  refresh_plex_url: string;
  refresh_plex_token: boolean;
  refresh_plex_section: string;
  auto_export: AutoExport;
}

/** What may be sent: every key as its own type, secrets as the new value ("" removes it). */
export type StrmChanges = Partial<Omit<StrmSettings, StrmSecret | "auto_export"> & Record<StrmSecret, string>>;

export interface StrmCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  stale: number;
  skipped: number;
}

export interface StrmRefresh {
  server: string;
  ok: boolean;
  error?: string;
  status?: number | string;
}

export interface StrmRun {
  root: string;
  dry_run: boolean;
  counts: StrmCounts;
  planned_files: number;
  guard: string | null;
  source_error: string | null;
  writers: number[];
  refresh: StrmRefresh[];
  finished_at: number;
  report_url: string;
}

export const STRM_REPORT_URL = "/api/strm/report.csv";

export const strmApi = {
  settings: () => request<StrmSettings>("GET", "/api/strm/settings"),
  saveSettings: (changes: StrmChanges) => request<StrmSettings>("PUT", "/api/strm/settings", { body: changes }),
  run: () => request<Job>("POST", "/api/strm/run", { body: {} }),
  preview: () => request<Job>("POST", "/api/strm/preview", { body: {} }),
  lastRun: () => request<StrmRun>("GET", "/api/strm/last-run"),
  rotateToken: () => request<{ rotated: boolean }>("POST", "/api/strm/token/rotate", { body: {} }),
};
