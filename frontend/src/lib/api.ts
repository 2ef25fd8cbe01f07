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

export interface JobProgress {
  id: number;
  kind: string;
  progress: number;
  message: string | null;
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

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
