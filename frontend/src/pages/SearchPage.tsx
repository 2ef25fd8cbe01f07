// One box across every kind; results while typing (debounced, stale answers dropped). The server
// forgives accents, punctuation and typos (docs/BROWSE.md).
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useDebounced } from "../components/hooks";
import { EmptyState, ErrorNotice } from "../components/Notice";
import { PosterGrid } from "../components/PosterCard";
import "./articles/articles.css";
import { libraryApi, messageOf, type Answer } from "../lib/api";

type SearchHit = Answer<"/api/search", "get">["items"][number];

/** Items found in their full text (an article's body): the title and the words around the match,
 * matched words in <mark> (segments from the server, rendered as text, never as HTML). */
function TextHits({ items }: { items: SearchHit[] }) {
  if (!items.length) return null;
  return (
    <>
      <h2>Found in the text</h2>
      <ul className="article-list" aria-label="Found in the text">
        {items.map((hit) => (
          <li key={hit.id} className="card">
            <Link className="article-title" to={hit.kind === "article" ? `/read/${hit.id}` : `/media/${hit.id}`}>{hit.title}</Link>
            <p className="search-snippet">
              {(hit.snippet ?? []).map((s, n) => (s.mark ? <mark key={n}>{s.text}</mark> : <span key={n}>{s.text}</span>))}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const query = useDebounced(text.trim(), 200);
  const [items, setItems] = useState<SearchHit[]>([]);
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
        <PosterGrid items={items.filter((i) => !i.snippet)} label="Search results" />
        <TextHits items={items.filter((i) => i.snippet)} />
      </div>
    </section>
  );
}
