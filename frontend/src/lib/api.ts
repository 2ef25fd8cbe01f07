// The one API client: a fetch wrapper that sends JSON, adds the CSRF header to unsafe requests,
// and turns the server's error shape {error, status, message} into an ApiError carrying a message
// a person can act on. The CSRF token lives in memory only (never localStorage); the session
// itself is an HttpOnly cookie the browser sends by itself.

export type Role = "admin" | "user";

export interface User {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  created_at: number;
}

export interface Session {
  user: User;
  csrf_token: string | null;
}

export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled" | "interrupted";

export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  status: JobStatus;
  progress: number;
  message: string | null;
  result?: unknown;
  error: string | null;
  attempts: number;
  max_attempts: number;
  cancel_requested?: boolean;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at?: number;
}

export interface JobPage {
  items: Job[];
  next_before_id: number | null;
}

export interface ApiToken {
  id: number;
  name: string;
  scope: string;
  created_at: number;
  last_used_at: number | null;
  revoked: boolean;
}

export interface Health {
  status: string;
  version: string;
  mode: string;
  needs_setup: boolean;
  services: Record<string, { state: string; restarts: number; error: string | null }>;
}

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
  setupStatus: () => request<{ needs_setup: boolean }>("GET", "/api/setup"),
  setup: (username: string, password: string, setup_code: string) =>
    request<Session>("POST", "/api/setup", { body: { username, password, setup_code }, handleAuthErrors: false }).then(remember),

  login: (username: string, password: string) =>
    request<Session>("POST", "/api/auth/login", { body: { username, password }, handleAuthErrors: false }).then(remember),
  logout: () => request<void>("POST", "/api/auth/logout", { handleAuthErrors: false }).finally(() => setCsrfToken(null)),
  me: () => request<Session>("GET", "/api/auth/me", { handleAuthErrors: false }).then(remember),
  changePassword: (current_password: string, new_password: string) =>
    request<Session>("POST", "/api/auth/password", { body: { current_password, new_password } }).then(remember),

  listUsers: () => request<{ items: User[] }>("GET", "/api/users"),
  createUser: (username: string, password: string, role: Role) =>
    request<User>("POST", "/api/users", { body: { username, password, role } }),
  updateUser: (id: number, changes: Partial<{ role: Role; disabled: boolean; password: string }>) =>
    request<User>("PATCH", `/api/users/${id}`, { body: changes }),
  deleteUser: (id: number) => request<void>("DELETE", `/api/users/${id}`),

  listTokens: () => request<{ items: ApiToken[]; scopes: string[] }>("GET", "/api/tokens"),
  createToken: (name: string, scope: string) =>
    request<{ token: ApiToken; secret: string }>("POST", "/api/tokens", { body: { name, scope } }),
  revokeToken: (id: number) => request<void>("DELETE", `/api/tokens/${id}`),

  listJobs: (params: { status?: string; kind?: string; before_id?: number | null; limit?: number }) =>
    request<JobPage>("GET", `/api/jobs${query(params)}`),
  jobKinds: () => request<{ kinds: string[] }>("GET", "/api/jobs/kinds"),
  startJob: (kind: string, payload: Record<string, unknown>) => request<Job>("POST", "/api/jobs", { body: { kind, payload } }),
  cancelJob: (id: number) => request<Job>("POST", `/api/jobs/${id}/cancel`),
  retryJob: (id: number) => request<Job>("POST", `/api/jobs/${id}/retry`),
};

// --- the library (issue 5: docs/BROWSE.md) ------------------------------------------------------

export interface PlaybackSummary {
  position_s: number;
  duration_s: number | null;
  watched: boolean;
}

export interface MediaCard {
  id: string;
  kind: string;
  title: string;
  year: number | null;
  parent_id: string | null;
  season_number: number | null;
  episode_number: number | null;
  episode_end: number | null;
  runtime_minutes: number | null;
  genres: string[];
  status: string;
  confidence: number | null;
  added_at: number;
  poster: string | null;
  playback: PlaybackSummary;
}

export interface CardPage {
  items: MediaCard[];
  next: string | null;
}

export interface MediaFile {
  id: number;
  path: string;
  size: number;
  duration_s: number | null;
  container: string | null;
  video_codec: string | null;
  width: number | null;
  height: number | null;
  audio_codecs: string[];
  missing: boolean;
}

export interface Candidate {
  rank: number;
  provider: string;
  provider_id: string;
  kind: string;
  title: string;
  year: number | null;
  runtime_minutes: number | null;
  poster_url: string | null;
  score: number;
}

export interface MediaDetail {
  id: string;
  kind: string;
  title: string;
  parent_id: string | null;
  year: number | null;
  original_title: string | null;
  overview: string | null;
  season_number: number | null;
  episode_number: number | null;
  episode_end: number | null;
  air_date: string | null;
  runtime_minutes: number | null;
  genres: string[];
  status: string;
  confidence: number | null;
  match_locked: boolean;
  external_ids: Record<string, string>;
  added_at: number;
  files: MediaFile[];
  artwork: string[];
  candidates: Candidate[];
}

export interface PlaybackState extends PlaybackSummary {
  play_count: number;
  updated_at: number | null;
  resume_at: number | null;
}

export interface MediaAbout {
  id: string;
  cast: { name: string; role: string }[];
  tagline: string | null;
  links: { provider: string; label: string; id: string; url: string }[];
  parents: { id: string; kind: string; title: string }[];
  tmdb_collection: { name: string } | null;
  has_poster: boolean;
  has_backdrop: boolean;
  playback: PlaybackState;
  collections: number[];
}

export interface CollectionSummary {
  id: number;
  name: string;
  kind: string;
  automatic: boolean;
  tmdb_collection_id?: string | null;
  item_count: number;
  cover?: string | null;
}

export interface CollectionDetail extends CollectionSummary {
  items: MediaCard[];
}

export interface Subtitle {
  index: number;
  format: string;
  language: string | null;
  label: string;
  forced: boolean;
  url: string;
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

export interface UploadedItem {
  id: string;
  kind: string;
  title: string;
  status: string;
  file_id: number;
  size: number;
  job_id: number | null;
}

/** Save a position while the page goes away: fetch with keepalive carries the CSRF header
 * (sendBeacon cannot set headers) and outlives the page. */
export function savePlaybackOnExit(mediaId: string, position_s: number, duration_s: number | null): void {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  void fetch(`/api/media/${encodeURIComponent(mediaId)}/playback`, {
    method: "PUT",
    headers,
    credentials: "same-origin",
    keepalive: true,
    body: JSON.stringify(duration_s ? { position_s, duration_s } : { position_s }),
  }).catch(() => undefined);
}

/** Upload files as multipart/form-data in the field "file" (the server picks the names). */
export async function uploadFiles(files: File[]): Promise<{ items: UploadedItem[] }> {
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  const headers: Record<string, string> = { Accept: "application/json" };
  if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch("/api/upload", { method: "POST", headers, credentials: "same-origin", body: form });
  } catch {
    throw new ApiError(0, "NetworkError", "The server cannot be reached. Is the daemon running?");
  }
  if (!response.ok) throw await errorFrom(response);
  return (await response.json()) as { items: UploadedItem[] };
}

const enc = encodeURIComponent;

export const libraryApi = {
  library: (params: LibraryQuery) => request<CardPage>("GET", `/api/library${query({ ...params })}`),
  genres: () => request<{ items: string[] }>("GET", "/api/library/genres"),
  search: (q: string) => request<{ items: MediaCard[] }>("GET", `/api/search${query({ q })}`),
  home: () => request<{ continue_watching: MediaCard[]; recently_added: MediaCard[] }>("GET", "/api/home"),
  media: (id: string) => request<MediaDetail>("GET", `/api/media/${enc(id)}`),
  about: (id: string) => request<MediaAbout>("GET", `/api/media/${enc(id)}/about`),
  edit: (id: string, changes: Partial<{ title: string; year: number | null; overview: string | null }>) =>
    request<MediaDetail>("PATCH", `/api/media/${enc(id)}`, { body: changes }),
  reidentify: (id: string) => request<{ jobs: Job[] }>("POST", `/api/media/${enc(id)}/identify`),
  playback: (id: string) => request<PlaybackState>("GET", `/api/media/${enc(id)}/playback`),
  savePlayback: (id: string, position_s: number, duration_s: number | null) =>
    request<PlaybackState>("PUT", `/api/media/${enc(id)}/playback`, {
      body: duration_s ? { position_s, duration_s } : { position_s },
    }),
  setWatched: (id: string, watched: boolean) =>
    request<PlaybackState>("POST", `/api/media/${enc(id)}/watched`, { body: { watched } }),
  subtitles: (id: string) => request<{ items: Subtitle[] }>("GET", `/api/media/${enc(id)}/subtitles`),
  review: () => request<{ items: MediaDetail[]; next_after_id: string | null }>("GET", "/api/review"),
  match: (id: string, tmdb_id: number, kind?: string) =>
    request<MediaDetail>("POST", `/api/media/${enc(id)}/match`, { body: kind ? { tmdb_id, kind } : { tmdb_id } }),
  collections: () => request<{ items: CollectionSummary[] }>("GET", "/api/collections"),
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
