// One book: an EPUB in the reader (progress per user), a PDF in the browser's own viewer, the
// file to download, and (for library managers) its details to edit; a book entered by hand has no file.
import { useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { booksApi, type Book, type BookFields } from "../../lib/booksApi";
import { canManageLibrary } from "../../lib/roles";
import { BookForm } from "./BookForm";
import { ReaderView } from "./ReaderView";

function seriesLabel(book: Book): string | null {
  if (!book.series) return null;
  return book.series_index != null ? `${book.series} #${book.series_index}` : book.series;
}

export function BookPage() {
  const { mediaId = "" } = useParams();
  const { user } = useAuth();
  const [book, setBook] = useState<Book | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  useEffect(() => {
    booksApi.get(mediaId)
      .then(async (found) => {
        setBook(found);
        if (found.format === "epub") setHtml((await booksApi.text(mediaId)).html);
      })
      .catch((e) => setError(messageOf(e)));
  }, [mediaId]);

  if (error) return <ErrorNotice message={error} />;
  if (!book || (book.format === "epub" && html === null)) return <p className="loading">Loading…</p>;
  const file = `/api/books/${encodeURIComponent(book.media_id)}/file`;
  const save = async (fields: BookFields) => {
    try {
      setBook(await booksApi.edit(book.media_id, fields));
      setEditError(null);
    } catch (e) {
      setEditError(messageOf(e));
    }
  };
  const header = (
    <header className="reader-header">
      <h1>{book.title}</h1>
      <p className="reader-meta">{[book.authors.join(", "), seriesLabel(book), book.year].filter(Boolean).join(" · ")}</p>
      <div className="reader-actions">
        {book.format === "pdf" ? <a href={file} target="_blank" rel="noopener noreferrer">Open the PDF</a> : null}
        {book.format ? <a href={file} download>Download {book.format.toUpperCase()}</a> : <span className="muted">No file: entered by hand</span>}
        {book.isbn ? <span className="muted">ISBN {book.isbn}</span> : null}
      </div>
      {book.overview ? <p>{book.overview}</p> : null}
      {canManageLibrary(user?.role) ? <details className="book-edit">
        <summary>Edit details</summary>
        <ErrorNotice message={editError} />
        <BookForm key={book.title + book.year} book={book} submitLabel="Save details" onSave={save} />
      </details> : null}
    </header>
  );
  if (book.format !== "epub" || html === null) {
    return (
      <article className="reader">
        {header}
        {book.format ? <img className="reader-lead" src={`/api/books/${encodeURIComponent(book.media_id)}/cover`} alt={`Cover of ${book.title}`} /> : null}
      </article>
    );
  }
  return <ReaderView mediaId={book.media_id} html={html} savedProgress={book.reading.progress} header={header}
    saveProgress={(progress) => booksApi.setReading(book.media_id, progress)} />;
}
