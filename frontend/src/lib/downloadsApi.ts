// The downloads API (docs/API.md, "Downloads") through the one API client in ./api, so every call
// carries the CSRF header. The shapes are generated from the server's OpenAPI document.
import { request } from "./api";
import type { components } from "./api.gen";

export type Download = components["schemas"]["Download"];
export type DownloadDetail = components["schemas"]["DownloadDetail"];
export type DownloadEngine = components["schemas"]["DownloadEngine"];
export type Subscription = components["schemas"]["Subscription"];
export type ImportedPlaylist = components["schemas"]["ImportedPlaylist"];
export type PlaylistFormat = "exportify_csv" | "spotify_json" | "m3u";

/** The import format a playlist file's name implies: Exportify CSV, Spotify JSON or M3U/M3U8. */
export function playlistFormatOf(fileName: string): PlaylistFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith(".csv")) return "exportify_csv";
  if (name.endsWith(".json")) return "spotify_json";
  if (name.endsWith(".m3u") || name.endsWith(".m3u8")) return "m3u";
  return null;
}

export type SubscriptionInput = {
  url: string;
  name?: string;
  preset?: string;
  schedule?: string;
  only_new?: boolean;
  keep_last?: number;
  keep_days?: number;
};

export const PRESET_LABELS: Record<string, string> = {
  best_mp4: "Best MP4 (plays everywhere)",
  mp4_1080: "MP4, at most 1080p",
  mp4_720: "MP4, at most 720p",
  mp4_480: "MP4, at most 480p",
  audio_m4a: "Audio only (m4a)",
  audio_mp3: "Audio only (mp3)",
};

export const downloadsApi = {
  list: () => request<{ items: Download[] }>("GET", "/api/downloads"),
  get: (id: number) => request<DownloadDetail>("GET", `/api/downloads/${id}`),
  add: (url: string, preset: string) => request<Download>("POST", "/api/downloads", { body: { url, preset } }),
  cancel: (id: number) => request<Download>("POST", `/api/downloads/${id}/cancel`, { body: {} }),
  engine: () => request<DownloadEngine>("GET", "/api/downloads/engine"),
  subscriptions: () => request<{ items: Subscription[] }>("GET", "/api/downloads/subscriptions"),
  subscribe: (body: SubscriptionInput) => request<Subscription>("POST", "/api/downloads/subscriptions", { body }),
  checkSubscription: (id: number) => request<unknown>("POST", `/api/downloads/subscriptions/${id}/check`, { body: {} }),
  unsubscribe: (id: number) => request<void>("DELETE", `/api/downloads/subscriptions/${id}`),
  playlists: () => request<{ items: ImportedPlaylist[] }>("GET", "/api/downloads/playlists"),
  importPlaylist: (format: PlaylistFormat, content: string, name?: string) =>
    request<ImportedPlaylist>("POST", "/api/downloads/playlists", { body: name ? { format, content, name } : { format, content } }),
  m3uUrl: (id: number) => `/api/downloads/playlists/${id}/m3u`,
  fetchMissing: (id: number) => request<{ items: Download[] }>("POST", `/api/downloads/playlists/${id}/fetch-missing`, { body: {} }),
};
