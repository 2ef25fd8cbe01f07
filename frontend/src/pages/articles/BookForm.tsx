// A book's details as a person types them (title, authors, year, ISBN, series and number,
// description): adding a book by hand on the Books page, and editing one on its page.
import { useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import type { Book, BookFields } from "../../lib/booksApi";

interface BookFormProps {
  book?: Book;
  submitLabel: string;
  onSave: (fields: BookFields) => Promise<void>;
}

function numberOrNull(text: string): number | null {
  return text.trim() === "" ? null : Number(text);
}

export function BookForm({ book, submitLabel, onSave }: BookFormProps) {
  const [title, setTitle] = useState(book?.title ?? "");
  const [authors, setAuthors] = useState((book?.authors ?? []).join(", "));
  const [year, setYear] = useState(book?.year ? String(book.year) : "");
  const [isbn, setIsbn] = useState(book?.isbn ?? "");
  const [series, setSeries] = useState(book?.series ?? "");
  const [seriesIndex, setSeriesIndex] = useState(book?.series_index != null ? String(book.series_index) : "");
  const [overview, setOverview] = useState(book?.overview ?? "");
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSave({
        title, authors: authors.split(",").map((a) => a.trim()).filter(Boolean), year: numberOrNull(year),
        isbn: isbn.trim() || null, series: series.trim() || null, series_index: numberOrNull(seriesIndex),
        overview: overview.trim() || null,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="book-form" onSubmit={(e) => void submit(e)}>
      <Field label="Title" value={title} required onChange={(e) => setTitle(e.target.value)} />
      <Field label="Authors" hint="Separated by commas" value={authors} onChange={(e) => setAuthors(e.target.value)} />
      <Field label="Year" type="number" min={1000} max={2999} value={year} onChange={(e) => setYear(e.target.value)} />
      <Field label="ISBN" value={isbn} onChange={(e) => setIsbn(e.target.value)} />
      <Field label="Series" value={series} onChange={(e) => setSeries(e.target.value)} />
      <Field label="Number in series" type="number" min={0} step="any" value={seriesIndex} onChange={(e) => setSeriesIndex(e.target.value)} />
      <Field label="Description" value={overview} onChange={(e) => setOverview(e.target.value)} />
      <button type="submit" className="button-primary" disabled={busy}>{submitLabel}</button>
    </form>
  );
}
