// A poster tile: our own artwork URL (through safeUrl) or the title as text, the kind and year,
// a progress bar for where you are, and a watched or review badge. All server text is text.
import { Link } from "react-router-dom";
import type { MediaCard } from "../lib/api";
import { safeUrl } from "../lib/safeUrl";
import { cardSubtitle } from "./mediaFormat";
import "./library.css";

// Kinds read in the app open in their reader, artists and albums in the Music view, rather than on
// the item page.
const READER_ROUTES: Record<string, string> = { article: "read", book: "books", artist: "music/artists", album: "music/albums" };

/** Our own images (relative URLs) or https ones: the CSP's img-src blocks plain http from elsewhere,
 * so such a poster shows the title instead of a blocked image. */
export function imageUrl(raw: string | null | undefined): string | undefined {
  const url = safeUrl(raw);
  return url && (url.startsWith("/") || url.startsWith("https://")) ? url : undefined;
}

export function Poster({ src, title }: { src: string | null | undefined; title: string }) {
  const url = imageUrl(src);
  return (
    <div className="poster-frame">
      {url ? <img src={url} alt="" loading="lazy" decoding="async" /> : <span className="poster-fallback">{title}</span>}
    </div>
  );
}

export function PosterCard({ item }: { item: MediaCard }) {
  const { position_s, duration_s, watched } = item.playback;
  const showProgress = !watched && position_s > 0 && !!duration_s;
  return (
    <li className="poster-card" data-media-id={item.id}>
      <Link className="poster-link" to={`/${READER_ROUTES[item.kind] ?? "media"}/${encodeURIComponent(item.id)}`}>
        <div className="poster-frame">
          {imageUrl(item.poster) ? (
            <img src={imageUrl(item.poster)} alt="" loading="lazy" decoding="async" />
          ) : (
            <span className="poster-fallback">{item.title}</span>
          )}
          {watched ? <span className="poster-badge poster-badge-watched">Watched</span> : null}
          {item.status === "review" ? <span className="poster-badge poster-badge-review">Review</span> : null}
          {showProgress ? (
            <progress className="poster-progress" max={duration_s ?? 1} value={position_s} aria-label="Watched so far" />
          ) : null}
        </div>
        <p className="poster-title">{item.title}</p>
        <p className="poster-meta">{cardSubtitle(item)}</p>
      </Link>
    </li>
  );
}

export function PosterGrid({ items, label }: { items: MediaCard[]; label: string }) {
  return (
    <ul className="poster-grid" aria-label={label}>
      {items.map((item) => (
        <PosterCard key={item.id} item={item} />
      ))}
    </ul>
  );
}

export function MediaRow({ title, items, empty }: { title: string; items: MediaCard[]; empty: string }) {
  return (
    <section className="media-row" aria-label={title}>
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="media-row-list">
          {items.map((item) => (
            <PosterCard key={item.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
