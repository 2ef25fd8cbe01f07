// The articles API (docs/ARTICLES.md) through the one API client in ./api, so every call carries the
// CSRF header. Shapes are generated from the server's OpenAPI document (api.gen.ts).
import { request, type Answer, type Body } from "./api";
import type { components } from "./api.gen";

export type Article = components["schemas"]["Article"];
export type ArticleDetail = components["schemas"]["ArticleDetail"];
export type ReadingState = components["schemas"]["ReadingState"];
export type Highlight = components["schemas"]["Highlight"];
export type NewHighlight = Body<"/api/articles/highlights", "post">;
export type ReadingChange = { progress?: number; location?: string | null; archived?: boolean; favourite?: boolean };

export interface ArticleFilter {
  status?: string;
  tag?: string;
  archived?: "0" | "1";
}

function query(filter: ArticleFilter): string {
  const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export const articlesApi = {
  list: (filter: ArticleFilter = {}) => request<Answer<"/api/articles", "get">>("GET", `/api/articles${query(filter)}`),
  save: (url: string, tags: string[]) => request<Article>("POST", "/api/articles", { body: { url, tags } }),
  saveRendered: (url: string, html: string) =>
    request<Article>("POST", "/api/articles/bookmarklet", { body: { url, html } }),
  importExport: (content: string) =>
    request<Answer<"/api/articles/import", "post">>("POST", "/api/articles/import", { body: { content } }),
  byMedia: (mediaId: string) =>
    request<ArticleDetail>("GET", `/api/articles/by-media/${encodeURIComponent(mediaId)}`),
  content: (id: number) => request<{ html: string }>("GET", `/api/articles/${id}/content`),
  setTags: (id: number, tags: string[]) => request<Article>("PATCH", `/api/articles/${id}`, { body: { tags } }),
  remove: (id: number) => request<void>("DELETE", `/api/articles/${id}`),
  setReading: (id: number, change: ReadingChange) =>
    request<ReadingState>("PUT", `/api/articles/${id}/reading`, { body: change }),
  highlights: (mediaId: string) =>
    request<Answer<"/api/articles/highlights", "get">>("GET", `/api/articles/highlights?media_id=${encodeURIComponent(mediaId)}`),
  addHighlight: (highlight: NewHighlight) => request<Highlight>("POST", "/api/articles/highlights", { body: highlight }),
  setHighlightNote: (id: number, note: string | null) =>
    request<Highlight>("PATCH", `/api/articles/highlights/${id}`, { body: { note } }),
  removeHighlight: (id: number) => request<void>("DELETE", `/api/articles/highlights/${id}`),
};

/** "a, b ,c" → ["a", "b", "c"] (the server lower-cases and checks them). */
export function parseTags(text: string): string[] {
  return text.split(",").map((t) => t.trim()).filter(Boolean);
}

/** The bookmarklet: opens our receive page and hands it the page's rendered HTML by postMessage
 * (no token in any URL, no cross-origin request: the receive page posts with the session). */
export function bookmarkletCode(origin: string): string {
  const target = `${origin}/articles/receive`;
  return (
    "javascript:(()=>{const w=window.open(" + JSON.stringify(target) + ",'_blank');" +
    "const send=()=>w.postMessage({type:'ml-save',url:location.href,html:document.documentElement.outerHTML}," +
    JSON.stringify(origin) + ");" +
    "window.addEventListener('message',(e)=>{if(e.source===w&&e.data==='ml-ready')send();});})();"
  );
}
