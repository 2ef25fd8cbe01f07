// The podcasts API (docs/PODCASTS.md) through the one API client in ./api. The shapes come from
// the server's OpenAPI document (api.gen.ts), never written here.
import { request, type Answer, type Body, type Job, type PlaybackState } from "./api";

export type Podcast = Answer<"/api/podcasts", "post">;
export type PodcastDetail = Answer<"/api/podcasts/{podcast_id}", "get">;
export type Episode = PodcastDetail["items"][number];
export type Chapter = Episode["chapters"][number];
export type PodcastEdits = Body<"/api/podcasts/{podcast_id}", "patch">;
export type DirectoryHit = Answer<"/api/podcasts/directory", "get">["items"][number];
export type OpmlImport = Answer<"/api/podcasts/opml", "post">;
export const DOWNLOAD_MODES = ["none", "latest", "all"] as const;
export type DownloadMode = (typeof DOWNLOAD_MODES)[number];

const podcast = (id: number) => `/api/podcasts/${id}`;
const episode = (id: number) => `/api/podcasts/episodes/${id}`;

export const podcastsApi = {
  list: () => request<Answer<"/api/podcasts", "get">>("GET", "/api/podcasts"),
  subscribe: (feed_url: string, download_mode: DownloadMode) =>
    request<Podcast>("POST", "/api/podcasts", { body: { feed_url, download_mode } }),
  get: (id: number) => request<PodcastDetail>("GET", podcast(id)),
  update: (id: number, edits: PodcastEdits) => request<Podcast>("PATCH", podcast(id), { body: edits }),
  unsubscribe: (id: number) => request<void>("DELETE", podcast(id)),
  refresh: (id: number) => request<Job>("POST", `${podcast(id)}/refresh`, { body: {} }),
  download: (id: number) => request<Job>("POST", `${episode(id)}/download`, { body: {} }),
  mark: (id: number, marks: { starred?: boolean; played?: boolean }) => request<Episode>("PATCH", episode(id), { body: marks }),
  savePosition: (id: number, position_s: number, duration_s: number | null) =>
    request<PlaybackState>("PUT", `${episode(id)}/position`, { body: duration_s ? { position_s, duration_s } : { position_s } }),
  playback: (mediaId: string) => request<PlaybackState>("GET", `/api/media/${encodeURIComponent(mediaId)}/playback`),
  directory: (term: string) => request<Answer<"/api/podcasts/directory", "get">>(
    "GET", `/api/podcasts/directory?term=${encodeURIComponent(term)}`),
  importOpml: (opml: string) => request<OpmlImport>("POST", "/api/podcasts/opml", { body: { opml } }),
};

export const OPML_EXPORT_URL = "/api/podcasts/opml";

/** The episode's file on this server (the library's stream route). */
export function streamUrl(mediaId: string): string {
  return `/api/media/${encodeURIComponent(mediaId)}/stream`;
}

/** Descriptions arrive as sanitised HTML; the app shows their text only. */
export function plainText(html: string | null | undefined): string {
  if (!html) return "";
  return new DOMParser().parseFromString(html, "text/html").body.textContent?.trim() ?? "";
}
