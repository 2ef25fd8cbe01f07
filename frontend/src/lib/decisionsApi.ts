// The watch-decisions API (docs/DECISIONS.md) through the one API client in ./api. The shapes are
// the server's answers as generated in api.gen.ts, never written here.
import { request, type Answer, type Body, type Job } from "./api";

export type Decision = Answer<"/api/decisions", "get">["items"][number];
export type Rule = Answer<"/api/decisions/rules", "get">["items"][number];
export type RuleList = Answer<"/api/decisions/rules", "get">;
export type RuleBody = Body<"/api/decisions/rules", "post">;
export type Override = Answer<"/api/decisions/overrides", "get">["items"][number];
export type OverrideMode = "always_keep" | "never_download";
export type WhatIf = Answer<"/api/decisions/what-if", "get">;
export type LeavingFilm = Answer<"/api/decisions/leaving", "get">["items"][number];
export type RadarrTest = Answer<"/api/decisions/radarr/test", "post">;
export type DecisionSettings = Record<string, unknown>;

export const ACTIONS = ["keep", "never", "stream"] as const;
export const VIAS = ["auto", "radarr", "download"] as const;
// How a keep is carried out, as the rule editor offers it (docs/DECISIONS.md, "Our own library").
export const VIA_LABELS: Record<string, string> = {
  auto: "auto: our downloader when it is ours, else Radarr", radarr: "Radarr", download: "our downloader (IPTV)",
};

export const decisionsApi = {
  list: () => request<{ items: Decision[] }>("GET", "/api/decisions?limit=100"),
  whatIf: (tmdbId: number, user: string) =>
    request<WhatIf>("GET", `/api/decisions/what-if?tmdb_id=${tmdbId}&user=${encodeURIComponent(user)}`),
  rules: () => request<RuleList>("GET", "/api/decisions/rules"),
  addRule: (body: RuleBody) => request<Rule>("POST", "/api/decisions/rules", { body }),
  changeRule: (id: number, body: Partial<RuleBody>) => request<Rule>("PATCH", `/api/decisions/rules/${id}`, { body }),
  deleteRule: (id: number) => request<void>("DELETE", `/api/decisions/rules/${id}`),
  overrides: () => request<{ items: Override[] }>("GET", "/api/decisions/overrides"),
  setOverride: (tmdbId: number, mode: OverrideMode, title: string) =>
    request<Override>("PUT", `/api/decisions/overrides/${tmdbId}`, { body: { mode, title } }),
  clearOverride: (tmdbId: number) => request<void>("DELETE", `/api/decisions/overrides/${tmdbId}`),
  leaving: () => request<{ items: LeavingFilm[] }>("GET", "/api/decisions/leaving"),
  cleanup: (dryRun: boolean) => request<Job>("POST", "/api/decisions/cleanup", { body: { dry_run: dryRun } }),
  backfill: (source: "jellystat" | "playcount" | "plex") => request<Job>("POST", "/api/decisions/backfill", { body: { source } }),
  testRadarr: () => request<RadarrTest>("POST", "/api/decisions/radarr/test", { body: {} }),
  settings: () => request<DecisionSettings>("GET", "/api/decisions/settings"),
};

/** The TMDb id of a film key such as "tmdb:603", or null. */
export function tmdbOf(filmKey: string): number | null {
  return filmKey.startsWith("tmdb:") ? Number(filmKey.slice(5)) : null;
}
