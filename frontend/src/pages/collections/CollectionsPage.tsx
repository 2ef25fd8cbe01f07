// Collections: the manual ones people make (create here) and the automatic ones that follow TMDb.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { Field } from "../../components/Field";
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { Poster } from "../../components/PosterCard";
import { libraryApi, messageOf, type CollectionSummary } from "../../lib/api";
import "../../components/library.css";

function CollectionGrid({ items, label }: { items: CollectionSummary[]; label: string }) {
  return (
    <ul className="poster-grid" aria-label={label}>
      {items.map((c) => (
        <li key={c.id} className="poster-card">
          <Link className="poster-link" to={`/collections/${c.id}`}>
            <Poster src={c.cover} title={c.name} />
            <p className="poster-title">{c.name}</p>
            <p className="poster-meta">{c.item_count} {c.item_count === 1 ? "item" : "items"}</p>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function CollectionsPage() {
  const [items, setItems] = useState<CollectionSummary[] | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    libraryApi.collections().then((c) => setItems(c.items)).catch((e) => setError(messageOf(e)));
  }, []);
  useEffect(load, [load]);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await libraryApi.createCollection(name);
      setName("");
      setError(null);
      load();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const manual = (items ?? []).filter((c) => !c.automatic);
  const automatic = (items ?? []).filter((c) => c.automatic);
  return (
    <section>
      <h1>Collections</h1>
      <form className="card form-row" aria-label="New collection" onSubmit={(e) => void create(e)}>
        <Field label="New collection" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
        <button type="submit" className="button-primary">Create</button>
      </form>
      <ErrorNotice message={error} />
      <h2>Yours</h2>
      {manual.length ? <CollectionGrid items={manual} label="Manual collections" /> : <EmptyState title="No collections yet">Create one, then add items from their pages.</EmptyState>}
      <h2>From TMDb</h2>
      {automatic.length ? <CollectionGrid items={automatic} label="Automatic collections" /> : <p className="muted">Films of a series appear together here once identified.</p>}
    </section>
  );
}
