// One box across every kind; results while typing (debounced, stale answers dropped). The server
// forgives accents, punctuation and typos (docs/BROWSE.md).
import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useDebounced } from "../components/hooks";
import { EmptyState, ErrorNotice } from "../components/Notice";
import { PosterGrid } from "../components/PosterCard";
import { libraryApi, messageOf, type MediaCard } from "../lib/api";

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const query = useDebounced(text.trim(), 200);
  const [items, setItems] = useState<MediaCard[]>([]);
  const [searched, setSearched] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    setParams(query ? { q: query } : {}, { replace: true });
    if (!query) {
      setItems([]);
      setSearched(null);
      return;
    }
    const mine = ++latest.current;
    libraryApi.search(query)
      .then((found) => {
        if (mine !== latest.current) return;
        setItems(found.items);
        setSearched(query);
        setError(null);
      })
      .catch((e) => {
        if (mine === latest.current) setError(messageOf(e));
      });
  }, [query, setParams]);

  return (
    <section>
      <h1>Search</h1>
      <form role="search" className="field search-box" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="search-input">Search the library</label>
        <input id="search-input" type="search" autoFocus autoComplete="off" spellCheck={false}
          placeholder="Films, shows, music…" value={text} onChange={(e) => setText(e.target.value)} />
      </form>
      <ErrorNotice message={error} />
      {searched !== null && items.length === 0 ? <EmptyState title={`Nothing found for “${searched}”`} /> : null}
      <div aria-live="polite">
        <PosterGrid items={items} label="Search results" />
      </div>
    </section>
  );
}
