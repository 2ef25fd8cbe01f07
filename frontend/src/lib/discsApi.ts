// The disc API (docs/DISCS.md) through the one API client in ./api, so every call carries the
// CSRF header. The shapes are generated from the server's OpenAPI document (api.gen.ts).
import { request } from "./api";
import type { components } from "./api.gen";

export type Disc = components["schemas"]["Disc"];
export type DiscChoice = components["schemas"]["DiscChoice"];
export type DiscPlan = components["schemas"]["DiscPlan"];
export type PlannedOutput = DiscPlan["planned"][number];

const base = (id: number) => `/api/discs/${id}`;

export const discsApi = {
  list: () => request<{ items: Disc[] }>("GET", "/api/discs"),
  plan: (id: number) => request<DiscPlan>("GET", `${base(id)}/plan`),
  choose: (id: number, choice: Partial<DiscChoice>) => request<Disc>("POST", `${base(id)}/choice`, { body: { choice } }),
  search: (id: number, title: string) => request<Disc>("POST", `${base(id)}/search`, { body: { title } }),
  confirm: (id: number, body: { choice?: Partial<DiscChoice>; rip_again?: boolean } = {}) =>
    request<Disc>("POST", `${base(id)}/confirm`, { body }),
  hold: (id: number) => request<Disc>("POST", `${base(id)}/hold`, { body: {} }),
};
