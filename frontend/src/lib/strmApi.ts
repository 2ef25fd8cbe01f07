// The STRM export API (docs/STRM.md, admin only) through the one API client in ./api, so every
// call carries the CSRF header. Secrets are write-only: the server reads them back as true/false.
import { request, type Answer, type Job } from "./api";
import type { components } from "./api.gen";

export const STRM_STYLES = ["jellyfin", "plex", "emby", "kodi"] as const;
export const CLEANUP_MODES = ["off", "preview", "apply"] as const;
export const STRM_SECRETS = ["refresh_jellyfin_api_key", "refresh_plex_token"] as const;

export type StrmSecret = (typeof STRM_SECRETS)[number];

// The shapes are generated from the server's OpenAPI document (api.gen.ts), never written here.
export type StrmSettings = components["schemas"]["StrmSettings"];
/** Read-only: whether library changes export, and otherwise what to set (docs/STRM.md). */
export type AutoExport = StrmSettings["auto_export"];
/** What may be sent: any subset of the keys, secrets as the new value ("" removes it). */
export type StrmChanges = components["schemas"]["StrmChanges"];
export type StrmCounts = components["schemas"]["StrmCounts"];
export type StrmRefresh = components["schemas"]["StrmRefresh"];
export type StrmRun = components["schemas"]["StrmRun"];

export const STRM_REPORT_URL = "/api/strm/report.csv";

export const strmApi = {
  settings: () => request<StrmSettings>("GET", "/api/strm/settings"),
  saveSettings: (changes: StrmChanges) => request<StrmSettings>("PUT", "/api/strm/settings", { body: changes }),
  run: () => request<Job>("POST", "/api/strm/run", { body: {} }),
  preview: () => request<Job>("POST", "/api/strm/preview", { body: {} }),
  lastRun: () => request<StrmRun>("GET", "/api/strm/last-run"),
  rotateToken: () => request<Answer<"/api/strm/token/rotate", "post">>("POST", "/api/strm/token/rotate", { body: {} }),
};
