// The activity log (admins) and the devices page (own sessions and tokens; admins everyone's),
// through the one API client in ./api, so every call carries the CSRF header (docs/API.md).
import { request, type Answer } from "./api";
import type { components } from "./api.gen";

export type ActivityEntry = components["schemas"]["ActivityEntry"];
export type ActivityPage = Answer<"/api/activity", "get">;
export type DeviceSession = components["schemas"]["DeviceSession"];
export type DeviceToken = components["schemas"]["DeviceToken"];
export type Devices = Answer<"/api/devices", "get">;

export interface ActivityQuery {
  event?: string;
  user?: string;
  address?: string;
  since?: number;
  before_id?: number;
}

function queryString(query: ActivityQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const activityApi = {
  list: (query: ActivityQuery) => request<ActivityPage>("GET", `/api/activity${queryString(query)}`),
  events: () => request<Answer<"/api/activity/events", "get">>("GET", "/api/activity/events"),
  devices: (all: boolean) => request<Devices>("GET", `/api/devices${all ? "?all=1" : ""}`),
  endSession: (id: string) => request<void>("DELETE", `/api/devices/sessions/${encodeURIComponent(id)}`),
  revokeToken: (id: number) => request<void>("DELETE", `/api/devices/tokens/${id}`),
};
