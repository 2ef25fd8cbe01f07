// Library management (docs/LIBRARY.md, "Library folders" and "Service keys"): the scanned folders
// with their kinds, scans, and the external services' keys, which are write-only: the server
// answers only whether one is set and where from, never the key.
import { request, type Answer, type Job } from "./api";

export type FolderListing = Answer<"/api/library/folders", "get">;
export type LibraryFolder = FolderListing["items"][number];
export type FolderKind = LibraryFolder["kind"];
export type ServiceKey = Answer<"/api/settings/services", "get">["items"][number];
export type KeyTest = Answer<"/api/settings/services/{service}/test", "post">;

const enc = encodeURIComponent;

export const libraryManageApi = {
  folders: () => request<FolderListing>("GET", "/api/library/folders"),
  addFolder: (path: string, kind: FolderKind) =>
    request<LibraryFolder>("POST", "/api/library/folders", { body: { path, kind } }),
  removeFolder: (id: number) => request<void>("DELETE", `/api/library/folders/${id}`),
  scan: (folderId?: number) =>
    request<Job>("POST", "/api/library/scan", { body: folderId === undefined ? {} : { folder_id: folderId } }),
  job: (id: number) => request<Job>("GET", `/api/jobs/${id}`),
  serviceKeys: () => request<Answer<"/api/settings/services", "get">>("GET", "/api/settings/services"),
  replaceKey: (service: string, key: string) =>
    request<ServiceKey>("PUT", `/api/settings/services/${enc(service)}/key`, { body: { key } }),
  clearKey: (service: string) => request<ServiceKey>("DELETE", `/api/settings/services/${enc(service)}/key`),
  testKey: (service: string) => request<KeyTest>("POST", `/api/settings/services/${enc(service)}/test`),
};
