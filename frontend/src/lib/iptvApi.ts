// The IPTV API (docs/IPTV.md) through the one API client in ./api. The shapes come from the
// server's OpenAPI document (api.gen.ts), never written here. Playback goes through our proxy
// routes: the provider's URL (with the account's password) never reaches the browser.
import { request, type Answer, type Body, type Job } from "./api";

export type IptvAccount = Answer<"/api/iptv/accounts", "post">;
export type AccountTest = Answer<"/api/iptv/accounts/{account_id}/test", "post">;
export type CatalogPage = Answer<"/api/iptv/accounts/{account_id}/catalog/{section}", "get">;
export type Stream = CatalogPage["items"][number];
export type Sidebar = Answer<"/api/iptv/accounts/{account_id}/catalog/{section}/sidebar", "get">;
export type SeriesDetail = Answer<"/api/iptv/accounts/{account_id}/series/{series_id}/episodes", "get">;
export type Episode = SeriesDetail["seasons"][number]["episodes"][number];
export type IptvDownload = Answer<"/api/iptv/downloads", "post">;
export type Tracked = Answer<"/api/iptv/accounts/{account_id}/series/{series_id}/track", "put">;
export type TrackBody = Body<"/api/iptv/accounts/{account_id}/series/{series_id}/track", "put">;
export type Section = "vod" | "series" | "live";

export interface BrowseFilter {
  category?: string;
  search?: string;
  actor?: string;
  language?: string;
  favorites?: boolean;
  offset?: number;
}

const account = (id: number) => `/api/iptv/accounts/${id}`;

function query(filter: BrowseFilter): string {
  const params = new URLSearchParams({ limit: "60", offset: String(filter.offset ?? 0) });
  if (filter.category) params.set("category", filter.category);
  if (filter.search) params.set("search", filter.search);
  if (filter.actor) params.set("actor", filter.actor);
  if (filter.language) params.set("language", filter.language);
  if (filter.favorites) params.set("favorites", "1");
  return params.toString();
}

export const iptvApi = {
  accounts: () => request<Answer<"/api/iptv/accounts", "get">>("GET", "/api/iptv/accounts"),
  addAccount: (body: Body<"/api/iptv/accounts", "post">) => request<IptvAccount>("POST", "/api/iptv/accounts", { body }),
  editAccount: (id: number, body: Body<"/api/iptv/accounts/{account_id}", "patch">) =>
    request<IptvAccount>("PATCH", account(id), { body }),
  removeAccount: (id: number) => request<void>("DELETE", account(id)),
  test: (id: number) => request<AccountTest>("POST", `${account(id)}/test`, { body: {} }),
  sync: (id: number) => request<Job>("POST", `${account(id)}/sync`, { body: {} }),
  browse: (id: number, section: Section, filter: BrowseFilter) =>
    request<CatalogPage>("GET", `${account(id)}/catalog/${section}?${query(filter)}`),
  sidebar: (id: number, section: Section) => request<Sidebar>("GET", `${account(id)}/catalog/${section}/sidebar`),
  actors: (id: number, section: Section) =>
    request<Answer<"/api/iptv/accounts/{account_id}/catalog/{section}/actors", "get">>("GET", `${account(id)}/catalog/${section}/actors`),
  series: (id: number, seriesId: string) =>
    request<SeriesDetail>("GET", `${account(id)}/series/${encodeURIComponent(seriesId)}/episodes`),
  favorite: (id: number, section: Section, streamId: string, favorite: boolean) =>
    request<Stream>("PUT", `${account(id)}/catalog/${section}/${encodeURIComponent(streamId)}/favorite`, { body: { favorite } }),
  downloads: () => request<Answer<"/api/iptv/downloads", "get">>("GET", "/api/iptv/downloads"),
  download: (account_id: number, kind: "movie" | "episode", stream_id: string) =>
    request<IptvDownload>("POST", "/api/iptv/downloads", { body: { account_id, kind, stream_id } }),
  control: (id: number, action: "pause" | "resume" | "cancel") =>
    request<IptvDownload>("POST", `/api/iptv/downloads/${id}/${action}`, { body: {} }),
  tracked: () => request<Answer<"/api/iptv/tracked", "get">>("GET", "/api/iptv/tracked"),
  track: (id: number, seriesId: string, body: TrackBody) =>
    request<Tracked>("PUT", `${account(id)}/series/${encodeURIComponent(seriesId)}/track`, { body }),
  untrack: (id: number, seriesId: string) => request<void>("DELETE", `${account(id)}/series/${encodeURIComponent(seriesId)}/track`),
};

/** A live channel as HLS through our proxy (every segment URL in the playlist is ours). */
export function liveHlsUrl(accountId: number, streamId: string): string {
  return `${account(accountId)}/live/${encodeURIComponent(streamId)}/index.m3u8`;
}

/** Our proxy URL for a film, an episode or a live channel (live remuxed to MP4: the fallback when
 * the account offers no HLS). */
export function playUrl(accountId: number, kind: "movie" | "episode" | "live", streamId: string): string {
  const url = `${account(accountId)}/play/${kind}/${encodeURIComponent(streamId)}`;
  return kind === "live" ? `${url}?format=mp4` : url;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (!bytes) return "0 MB";
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
