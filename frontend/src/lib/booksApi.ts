// The books API (docs/ARTICLES.md, "Books") through the one API client in ./api.
import { request, uploadTo, type Answer, type Body } from "./api";
import type { components } from "./api.gen";

export type Book = components["schemas"]["Book"];
export type ReadingState = components["schemas"]["ReadingState"];
export type AddedBook = Answer<"/api/books", "post">;
export type BookFields = Body<"/api/books/manual/new", "post">;

export const booksApi = {
  get: (mediaId: string) => request<Book>("GET", `/api/books/${encodeURIComponent(mediaId)}`),
  text: (mediaId: string) => request<{ html: string }>("GET", `/api/books/${encodeURIComponent(mediaId)}/text`),
  setReading: (mediaId: string, progress: number) =>
    request<ReadingState>("PUT", `/api/books/${encodeURIComponent(mediaId)}/reading`, { body: { progress } }),
  upload: (file: File) => uploadTo<AddedBook>("/api/books", [file]),
  addManual: (fields: BookFields) => request<Book>("POST", "/api/books/manual/new", { body: fields }),
  edit: (mediaId: string, fields: BookFields) =>
    request<Book>("PATCH", `/api/books/${encodeURIComponent(mediaId)}/details`, { body: fields }),
};
