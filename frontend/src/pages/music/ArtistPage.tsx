// An artist: its picture (its first album's cover), its albums in year order, and any of its
// tracks that belong to no album. Every string from the server is rendered as text.
import { Link, useParams } from "react-router-dom";
import { ErrorNotice } from "../../components/Notice";
import { Poster, PosterGrid } from "../../components/PosterCard";
import { TrackList } from "./TrackList";
import { useCardPages } from "../../components/useCardPages";
import { useItemAndAbout } from "./music";
import "./music.css";

export function ArtistPage() {
  const { id = "" } = useParams();
  const { item: artist, about, error } = useItemAndAbout(id);
  const children = useCardPages({ parent: id }, 200);
  if (!artist) return <section><ErrorNotice message={error} />{error ? null : <p className="loading">Loading…</p>}</section>;
  const albums = children.items.filter((c) => c.kind === "album");
  const loose = children.items.filter((c) => c.kind === "track");
  return (
    <section>
      <nav className="crumbs" aria-label="Part of"><Link to="/music">Music</Link></nav>
      <div className="detail music-head">
        <Poster src={about?.has_poster ? `/api/media/${encodeURIComponent(artist.id)}/artwork` : null} title={artist.title} />
        <div className="detail-main">
          <h1>{artist.title}</h1>
          <p className="detail-sub">Artist · {albums.length === 1 ? "1 album" : `${albums.length} albums`}</p>
          <p><Link to={`/media/${encodeURIComponent(artist.id)}`}>Details</Link></p>
        </div>
      </div>
      <ErrorNotice message={children.error} />
      <h2>Albums</h2>
      {albums.length ? <div className="music-grid"><PosterGrid items={albums} label="Albums" /></div> : <p className="muted">{children.loading ? "Loading…" : "No albums."}</p>}
      {loose.length ? (<><h2>Other tracks</h2><TrackList tracks={loose} /></>) : null}
    </section>
  );
}
