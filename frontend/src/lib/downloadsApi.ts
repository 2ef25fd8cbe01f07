// The downloads API (docs/API.md, "Downloads") through the one API client in ./api, so every call
// carries the CSRF header. The shapes are generated from the server's OpenAPI document.
import { request } from "./api";
import type { components } from "./api.gen";

export type Download = components["schemas"]["Download"];
export type DownloadDetail = components["schemas"]["DownloadDetail"];
export type DownloadEngine = components["schemas"]["DownloadEngine"];

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
};
