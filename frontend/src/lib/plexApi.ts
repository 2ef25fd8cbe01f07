// The Plex API (docs/PLEX.md, admin only) through the one API client in ./api. Tokens are
// write-only: the server answers `token_set`, never the token.
import { request, type Answer, type Body, type Job } from "./api";

export type PlexServer = Answer<"/api/plex/servers", "get">["items"][number];
export type PlexLibrary = Answer<"/api/plex/servers/{server_id}/libraries", "get">["items"][number];
export type PathMapping = Answer<"/api/plex/servers/{server_id}/mappings", "get">["items"][number];
export type MappingCheck = Answer<"/api/plex/servers/{server_id}/mappings/check", "get">;
export type PlexAccount = Answer<"/api/plex/servers/{server_id}/accounts", "get">["items"][number];
export type UserMap = Answer<"/api/plex/servers/{server_id}/users", "get">["items"][number];
export type FoundShow = Answer<"/api/plex/servers/{server_id}/discover", "get">["items"][number];
export type UnmappedPart = Answer<"/api/plex/servers/{server_id}/unmapped", "get">["items"][number];
export type SyncOptions = Body<"/api/plex/servers/{server_id}/sync", "post">;
export type NewUserMap = Body<"/api/plex/servers/{server_id}/users", "post">;

const server = (id: number) => `/api/plex/servers/${id}`;

export const plexApi = {
  servers: () => request<{ items: PlexServer[] }>("GET", "/api/plex/servers"),
  addServer: (name: string, url: string, token: string) =>
    request<PlexServer>("POST", "/api/plex/servers", { body: { name, url, token } }),
  deleteServer: (id: number) => request<void>("DELETE", server(id)),
  test: (id: number) => request<Answer<"/api/plex/servers/{server_id}/test", "post">>("POST", `${server(id)}/test`, { body: {} }),
  libraries: (id: number) => request<{ items: PlexLibrary[] }>("GET", `${server(id)}/libraries`),
  refreshLibraries: (id: number) => request<{ items: PlexLibrary[] }>("POST", `${server(id)}/libraries/refresh`, { body: {} }),
  setLibrary: (libraryId: number, enabled: boolean) =>
    request<PlexLibrary>("PATCH", `/api/plex/libraries/${libraryId}`, { body: { enabled } }),
  mappings: (id: number) => request<{ items: PathMapping[] }>("GET", `${server(id)}/mappings`),
  addMapping: (id: number, plex_prefix: string, local_prefix: string, library_id: number | null) =>
    request<PathMapping>("POST", `${server(id)}/mappings`, { body: { plex_prefix, local_prefix, library_id } }),
  deleteMapping: (id: number, mappingId: number) => request<void>("DELETE", `${server(id)}/mappings/${mappingId}`),
  checkMappings: (id: number) => request<MappingCheck>("GET", `${server(id)}/mappings/check`),
  accounts: (id: number) => request<{ items: PlexAccount[] }>("GET", `${server(id)}/accounts`),
  userMaps: (id: number) => request<{ items: UserMap[] }>("GET", `${server(id)}/users`),
  mapUser: (id: number, body: NewUserMap) => request<UserMap>("POST", `${server(id)}/users`, { body }),
  unmapUser: (id: number, mapId: number) => request<void>("DELETE", `${server(id)}/users/${mapId}`),
  sync: (id: number, options: SyncOptions) => request<Job>("POST", `${server(id)}/sync`, { body: options }),
  discover: (id: number, title: string, year: string) =>
    request<{ items: FoundShow[] }>("GET", `${server(id)}/discover?${new URLSearchParams(year ? { title, year } : { title })}`),
  unmapped: (id: number) => request<{ items: UnmappedPart[] }>("GET", `${server(id)}/unmapped`),
};
