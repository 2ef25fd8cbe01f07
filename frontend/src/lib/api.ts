// The one API client: a fetch wrapper that sends JSON, adds the CSRF header to unsafe requests,
// and turns the server's error shape {error, status, message} into an ApiError carrying a message
// a person can act on. The CSRF token lives in memory only (never localStorage); the session
// itself is an HttpOnly cookie the browser sends by itself.

import type { components, paths } from "./api.gen";

// --- the server's shapes ------------------------------------------------------------------------
// Generated from /api/openapi.json into api.gen.ts (docs/API.md, "Generated types"); never written
// by hand here, so a change on the server that the app does not follow fails `tsc`.

type Schemas = components["schemas"];
type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;
type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];

/** What a route answers on success (its 200, 201 or 202 JSON body). */
export type Answer<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201 | 202>]> : never;

/** The JSON body a route takes. */
export type Body<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type User = Schemas["User"];
export type Role = User["role"];
export type Session = Schemas["Session"];
export type Job = Schemas["Job"];
export type JobStatus = Job["status"];
export type JobPage = Answer<"/api/jobs", "get">;
export type ApiToken = Schemas["Token"];
export type Health = Schemas["Health"];

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;

  constructor(status: number, type: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.type = type;
  }
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

interface RequestOptions {
  body?: unknown;
  // Login and setup answer 401/403 for a wrong password or code: show it, don't redirect.
  handleAuthErrors?: boolean;
}

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => undefined;
let onSetupRequired: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Where to go when a call finds no session (401) or no first user yet (503 SetupRequired). */
export function setAuthHandlers(handlers: { unauthorized: () => void; setupRequired: () => void }): void {
  onUnauthorized = handlers.unauthorized;
  onSetupRequired = handlers.setupRequired;
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    const message = typeof body.message === "string" && body.message ? body.message : response.statusText;
    return new ApiError(response.status, typeof body.error === "string" ? body.error : "Error", message);
  } catch {
    return new ApiError(response.status, "Error", `The server answered ${response.status} ${response.statusText}`.trim());
  }
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: method === "GET" ? undefined : JSON.stringify(options.body ?? {}),
    });
  } catch {
    throw new ApiError(0, "NetworkError", "The server cannot be reached. Is the daemon running?");
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (options.handleAuthErrors !== false) {
      if (error.status === 401) onUnauthorized();
      if (error.status === 503 && error.type === "SetupRequired") onSetupRequired();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

// --- the routes (docs/API.md) ----------------------------------------------------------------

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

function remember(session: Session): Session {
  setCsrfToken(session.csrf_token);
  return session;
}

export const api = {
  health: () => request<Health>("GET", "/api/health"),
  setupStatus: () => request<Answer<"/api/setup", "get">>("GET", "/api/setup"),
  setup: (username: string, password: string, setup_code: string) =>
    request<Session>("POST", "/api/setup", { body: { username, password, setup_code }, handleAuthErrors: false }).then(remember),

  login: (username: string, password: string) =>
    request<Session>("POST", "/api/auth/login", { body: { username, password }, handleAuthErrors: false }).then(remember),
  logout: () => request<void>("POST", "/api/auth/logout", { handleAuthErrors: false }).finally(() => setCsrfToken(null)),
  me: () => request<Session>("GET", "/api/auth/me", { handleAuthErrors: false }).then(remember),
  changePassword: (current_password: string, new_password: string) =>
    request<Session>("POST", "/api/auth/password", { body: { current_password, new_password } }).then(remember),

  listUsers: () => request<Answer<"/api/users", "get">>("GET", "/api/users"),
  createUser: (username: string, password: string, role: Role) =>
    request<User>("POST", "/api/users", { body: { username, password, role } }),
  updateUser: (id: number, changes: Body<"/api/users/{user_id}", "patch">) =>
    request<User>("PATCH", `/api/users/${id}`, { body: changes }),
  deleteUser: (id: number) => request<void>("DELETE", `/api/users/${id}`),

  listTokens: () => request<Answer<"/api/tokens", "get">>("GET", "/api/tokens"),
  createToken: (name: string, scope: string) =>
    request<Answer<"/api/tokens", "post">>("POST", "/api/tokens", { body: { name, scope } }),
  revokeToken: (id: number) => request<void>("DELETE", `/api/tokens/${id}`),

  listJobs: (params: { status?: string; kind?: string; before_id?: number | null; limit?: number }) =>
    request<JobPage>("GET", `/api/jobs${query(params)}`),
  jobKinds: () => request<Answer<"/api/jobs/kinds", "get">>("GET", "/api/jobs/kinds"),
  startJob: (kind: string, payload: Record<string, unknown>) => request<Job>("POST", "/api/jobs", { body: { kind, payload } }),
  cancelJob: (id: number) => request<Job>("POST", `/api/jobs/${id}/cancel`),
  retryJob: (id: number) => request<Job>("POST", `/api/jobs/${id}/retry`),
};

// --- the library (issue 5: docs/BROWSE.md) ------------------------------------------------------

export type PlaybackSummary = Schemas["PlaybackSummary"];
export type MediaCard = Schemas["MediaCard"];
export type CardPage = Answer<"/api/library", "get">;
export type MediaFile = Schemas["MediaFile"];
export type Candidate = Schemas["Candidate"];
export type MediaItem = Schemas["MediaItem"];
export type MediaDetail = Schemas["MediaDetail"];
export type ReviewItem = Schemas["ReviewItem"];
export type ItemEdit = Schemas["ItemEdit"];
export type PlaybackState = Schemas["Playback"];
export type MediaAbout = Schemas["MediaAbout"];
export type CollectionSummary = Schemas["Collection"];
export type CollectionDetail = Schemas["CollectionDetail"];
export type Subtitle = Schemas["Subtitle"];
export type UploadedItem = Schemas["UploadedItem"];
export type DuplicateOf = Schemas["DuplicateOf"];
export type DuplicateAction = "keep_both" | "replace" | "discard";
/** What a person searches an item with: a title (and year, kind) or an id at TMDb, IMDb or TVDB. */
export interface IdentifySearch {
  q?: string;
  year?: string;
  kind?: "movie" | "show";
  provider?: "tmdb" | "imdb" | "tvdb";
  id?: string;
}

export interface LibraryQuery {
  kind?: string;
  genre?: string;
  year?: string;
  watched?: string;
  added_after?: string;
  parent?: string;
  sort?: string;
  after?: string | null;
  limit?: number;
}

/** Save a position while the page goes away: fetch with keepalive carries the CSRF header
 * (sendBeacon cannot set headers) and outlives the page. */
export function savePlaybackOnExit(mediaId: string, position_s: number, duration_s: number | null): void {
  sendOnExit("PUT", `/api/media/${encodeURIComponent(mediaId)}/playback`, duration_s ? { position_s, duration_s } : { position_s });
}

/** A request that outlives the page (fetch with keepalive, which can carry the CSRF header). */
export function sendOnExit(method: Method, path: string, body?: unknown): void {
  const headers: Record<string, string> = body === undefined ? {} : { "Content-Type": "application/json" };
  if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  void fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    keepalive: true,
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => undefined);
}

/** The headers an upload outside ``request`` needs (an XMLHttpRequest that reports progress). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { "X-CSRF-Token": csrfToken } : {};
}

/** POST ``files`` as multipart/form-data in the field "file" to an upload route (with the CSRF header). */
export async function uploadTo<T>(path: string, files: File[]): Promise<T> {
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  const headers: Record<string, string> = { Accept: "application/json" };
  if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", headers, credentials: "same-origin", body: form });
  } catch {
    throw new ApiError(0, "NetworkError", "The server cannot be reached. Is the daemon running?");
  }
  if (!response.ok) throw await errorFrom(response);
  return (await response.json()) as T;
}

const enc = encodeURIComponent;

export const libraryApi = {
  library: (params: LibraryQuery) => request<CardPage>("GET", `/api/library${query({ ...params })}`),
  genres: () => request<Answer<"/api/library/genres", "get">>("GET", "/api/library/genres"),
  search: (q: string) => request<Answer<"/api/search", "get">>("GET", `/api/search${query({ q })}`),
  home: () => request<Answer<"/api/home", "get">>("GET", "/api/home"),
  media: (id: string) => request<MediaDetail>("GET", `/api/media/${enc(id)}`),
  about: (id: string) => request<MediaAbout>("GET", `/api/media/${enc(id)}/about`),
  edit: (id: string, changes: Body<"/api/media/{media_id}", "patch">) =>
    request<ItemEdit>("PATCH", `/api/media/${enc(id)}`, { body: changes }),
  reidentify: (id: string) =>
    request<Answer<"/api/media/{media_id}/identify", "post">>("POST", `/api/media/${enc(id)}/identify`),
  playback: (id: string) => request<PlaybackState>("GET", `/api/media/${enc(id)}/playback`),
  savePlayback: (id: string, position_s: number, duration_s: number | null) =>
    request<PlaybackState>("PUT", `/api/media/${enc(id)}/playback`, {
      body: duration_s ? { position_s, duration_s } : { position_s },
    }),
  setWatched: (id: string, watched: boolean) =>
    request<PlaybackState>("POST", `/api/media/${enc(id)}/watched`, { body: { watched } }),
  subtitles: (id: string) => request<Answer<"/api/media/{media_id}/subtitles", "get">>("GET", `/api/media/${enc(id)}/subtitles`),
  review: () => request<Answer<"/api/review", "get">>("GET", "/api/review"),
  match: (id: string, tmdb_id: number, kind?: string) =>
    request<MediaItem>("POST", `/api/media/${enc(id)}/match`, { body: kind ? { tmdb_id, kind } : { tmdb_id } }),
  identifySearch: (id: string, params: IdentifySearch) =>
    request<Answer<"/api/media/{media_id}/search", "get">>("GET", `/api/media/${enc(id)}/search${query({ ...params })}`),
  decideDuplicate: (id: string, action: DuplicateAction) =>
    request<MediaItem>("POST", `/api/media/${enc(id)}/duplicate`, { body: { action } }),
  collections: () => request<Answer<"/api/collections", "get">>("GET", "/api/collections"),
  collection: (id: number) => request<CollectionDetail>("GET", `/api/collections/${id}`),
  createCollection: (name: string) => request<CollectionSummary>("POST", "/api/collections", { body: { name } }),
  deleteCollection: (id: number) => request<void>("DELETE", `/api/collections/${id}`),
  addToCollection: (id: number, media_id: string) =>
    request<void>("POST", `/api/collections/${id}/items`, { body: { media_id } }),
  removeFromCollection: (id: number, media_id: string) =>
    request<void>("DELETE", `/api/collections/${id}/items/${enc(media_id)}`),
  reorderCollection: (id: number, media_ids: string[]) =>
    request<void>("PUT", `/api/collections/${id}/order`, { body: { media_ids } }),
};

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
