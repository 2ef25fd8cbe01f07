// Editing an item's title, year and overview (admins). The server keeps the edit over refreshes.
import { useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { libraryApi, messageOf, type MediaDetail } from "../../lib/api";

export function EditForm({ item, onSaved }: { item: MediaDetail; onSaved: () => void }) {
  const [title, setTitle] = useState(item.title);
  const [year, setYear] = useState(item.year ? String(item.year) : "");
  const [overview, setOverview] = useState(item.overview ?? "");
  const [error, setError] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await libraryApi.edit(item.id, { title, year: year ? Number(year) : null, overview: overview || null });
      onSaved();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <form className="card edit-form" aria-label="Edit item" onSubmit={(e) => void save(e)}>
      <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} />
      <Field label="Year" value={year} inputMode="numeric" onChange={(e) => setYear(e.target.value.replace(/\D/g, "").slice(0, 4))} />
      <div className="field">
        <label htmlFor="edit-overview">Overview</label>
        <textarea id="edit-overview" value={overview} maxLength={5000} onChange={(e) => setOverview(e.target.value)} />
      </div>
      <ErrorNotice message={error} />
      <div className="actions"><button type="submit" className="button-primary">Save</button></div>
    </form>
  );
}
