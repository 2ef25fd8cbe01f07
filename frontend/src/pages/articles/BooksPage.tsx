// Books: add an EPUB, PDF or CBZ (metadata and cover come from the file) or a book by hand, and the shelf.
import { useCallback, useEffect, useState } from "react";
import { ErrorNotice, EmptyState, InfoNotice } from "../../components/Notice";
import { PosterGrid } from "../../components/PosterCard";
import { libraryApi, messageOf, type MediaCard } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { booksApi, type BookFields } from "../../lib/booksApi";
import { canManageLibrary } from "../../lib/roles";
import { BookForm } from "./BookForm";
import "../../components/library.css";
import "./articles.css";

export function BooksPage() {
  const { user } = useAuth();
  const [items, setItems] = useState<MediaCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const load = useCallback(() => {
    libraryApi.library({ kind: "book", sort: "-added", limit: 200 }).then((page) => setItems(page.items))
      .catch((e) => setError(messageOf(e)));
  }, []);
  useEffect(load, [load]);
  const add = async (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      try {
        const added = await booksApi.upload(file);
        setInfo(`Added “${added.title}”.`);
        setError(null);
      } catch (e) {
        setError(`${file.name}: ${messageOf(e)}`);
      }
    }
    load();
  };
  const addByHand = async (fields: BookFields) => {
    try {
      const added = await booksApi.addManual(fields);
      setInfo(`Added “${added.title}”.`);
      setError(null);
      setFormKey((k) => k + 1);
      load();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const [formKey, setFormKey] = useState(0);
  return (
    <section>
      <h1>Books</h1>
      {canManageLibrary(user?.role) ? <div className="card field">
        <label htmlFor="book-input">Add books (EPUB, PDF, CBZ)</label>
        <input id="book-input" type="file" multiple accept=".epub,.pdf,.cbz" onChange={(e) => void add(e.target.files)} />
        <small className="field-hint">E-reader apps can browse the shelf at /api/books/opds with an API token of scope “books”.</small>
      </div> : null}
      {canManageLibrary(user?.role) ? <details className="card">
        <summary>Add a book by hand (no file)</summary>
        <BookForm key={formKey} submitLabel="Add book" onSave={addByHand} />
      </details> : null}
      <ErrorNotice message={error} />
      <InfoNotice message={info} />
      {items && items.length === 0 ? <EmptyState title="No books yet">Add an EPUB, PDF or CBZ above.</EmptyState> : null}
      <PosterGrid items={items ?? []} label="Books" />
    </section>
  );
}
