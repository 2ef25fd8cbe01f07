// One book: an EPUB in the reader (progress per user), a PDF in the browser's own viewer, and the
// file to download.
import { useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { booksApi, type Book } from "../../lib/booksApi";
import { ReaderView } from "./ReaderView";

export function BookPage() {
  const { mediaId = "" } = useParams();
  const [book, setBook] = useState<Book | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
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
  const header = (
    <header className="reader-header">
      <h1>{book.title}</h1>
      <p className="reader-meta">{[book.authors.join(", "), book.series, book.year].filter(Boolean).join(" · ")}</p>
      <div className="reader-actions">
        {book.format === "pdf" ? <a href={file} target="_blank" rel="noopener noreferrer">Open the PDF</a> : null}
        <a href={file} download>Download {book.format.toUpperCase()}</a>
      </div>
      {book.overview ? <p>{book.overview}</p> : null}
    </header>
  );
  if (book.format !== "epub" || html === null) {
    return (
      <article className="reader">
        {header}
        <img className="reader-lead" src={`/api/books/${encodeURIComponent(book.media_id)}/cover`} alt={`Cover of ${book.title}`} />
      </article>
    );
  }
  return <ReaderView html={html} savedProgress={book.reading.progress} header={header}
    saveProgress={(progress) => booksApi.setReading(book.media_id, progress)} />;
}
