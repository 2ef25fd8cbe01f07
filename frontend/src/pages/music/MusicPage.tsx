// The Music view: artists (each opens its albums), every album, and the unidentified shelf (tracks
// no album claimed, kept apart from the artists until they are matched in the review queue). The
// shelf is kept in the URL (?shelf=), pages load as they scroll into view (or by "Load more").
import { Link, useSearchParams } from "react-router-dom";
import { useOnVisible } from "../../components/hooks";
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { PosterGrid } from "../../components/PosterCard";
import type { LibraryQuery } from "../../lib/api";
import { useCardPages } from "../../components/useCardPages";
import "./music.css";

const SHELVES: Record<string, { label: string; query: LibraryQuery; empty: string }> = {
  artists: { label: "Artists", query: { kind: "artist", sort: "title" }, empty: "No artists yet: identified tracks bring theirs." },
  albums: { label: "Albums", query: { kind: "album", sort: "title" }, empty: "No albums yet." },
  unidentified: { label: "Unidentified", query: { kind: "track", parent: "none", sort: "title" },
    empty: "Every track is matched to an album." },
};

export function MusicPage() {
  const [params] = useSearchParams();
  const name = params.get("shelf") ?? "artists";
  const shelf = SHELVES[name] ?? SHELVES.artists;
  const { items, next, loading, error, more } = useCardPages(shelf.query);
  const sentinel = useOnVisible<HTMLDivElement>(more, !!next && !loading);
  return (
    <section>
      <div className="page-head">
        <h1>Music</h1>
        <div className="actions"><Link to="/library?kind=artist">Library</Link></div>
      </div>
      <nav className="music-shelves" aria-label="Music shelves">
        {Object.entries(SHELVES).map(([key, s]) => (
          <Link key={key} to={`/music?shelf=${key}`} aria-current={(SHELVES[name] ? name : "artists") === key ? "page" : undefined}>
            {s.label}
          </Link>
        ))}
      </nav>
      <ErrorNotice message={error} />
      {name === "unidentified" && items.length ? (
        <p className="muted"><Link to="/review">Match them in the review queue.</Link></p>
      ) : null}
      {items.length === 0 && !loading && !error ? <EmptyState title={`No ${shelf.label.toLowerCase()}`}>{shelf.empty}</EmptyState> : null}
      <div className="music-grid"><PosterGrid items={items} label={shelf.label} /></div>
      <div ref={sentinel} className="load-more">
        {next ? <button type="button" disabled={loading} onClick={more}>{loading ? "Loading…" : "Load more"}</button>
          : loading ? <span className="loading">Loading…</span> : null}
      </div>
    </section>
  );
}
