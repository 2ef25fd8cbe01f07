// An album: its cover, artist and year, and its tracks in disc and track order with numbers and
// durations (a heading per disc when there are several). "Play album" starts the first track and
// the player goes on through the rest in order; each track plays on its own too.
import { Link, useParams } from "react-router-dom";
import { ErrorNotice } from "../../components/Notice";
import { Poster } from "../../components/PosterCard";
import { TrackList } from "./TrackList";
import { byDisc, playLink, totalLength } from "./albumOrder";
import { useCardPages } from "../../components/useCardPages";
import { useItemAndAbout } from "./music";
import "./music.css";

export function AlbumPage() {
  const { id = "" } = useParams();
  const { item: album, about, error } = useItemAndAbout(id);
  const { items: tracks, error: tracksError, loading } = useCardPages({ parent: id }, 200);
  if (!album) return <section><ErrorNotice message={error} />{error ? null : <p className="loading">Loading…</p>}</section>;
  const artist = about?.parents.find((p) => p.kind === "artist") ?? null;
  const discs = byDisc(tracks);
  const sub = [artist?.title, album.year, tracks.length === 1 ? "1 track" : `${tracks.length} tracks`, totalLength(tracks)];
  return (
    <section>
      <nav className="crumbs" aria-label="Part of">
        <Link to="/music">Music</Link>
        {artist ? <Link to={`/music/artists/${encodeURIComponent(artist.id)}`}>{artist.title}</Link> : null}
      </nav>
      <div className="detail music-head">
        <Poster src={about?.has_poster ? `/api/media/${encodeURIComponent(album.id)}/artwork` : null} title={album.title} />
        <div className="detail-main">
          <h1>{album.title}</h1>
          <p className="detail-sub">{sub.filter(Boolean).join(" · ")}</p>
          <div className="actions">
            {tracks.length ? <Link className="button-primary" to={playLink(tracks[0].id, true)}>Play album</Link> : null}
            <Link to={`/media/${encodeURIComponent(album.id)}`}>Details</Link>
          </div>
        </div>
      </div>
      <ErrorNotice message={tracksError} />
      {!tracks.length ? <p className="muted">{loading ? "Loading…" : "No tracks."}</p> : null}
      {discs.length > 1 ? discs.map((d) => (
        <section key={d.number ?? "none"} aria-label={d.number ? `Disc ${d.number}` : "Other tracks"}>
          <h2>{d.number ? `Disc ${d.number}` : "Other tracks"}</h2>
          <TrackList tracks={d.tracks} label={d.number ? `Disc ${d.number} tracks` : "Other tracks"} inOrder />
        </section>
      )) : <TrackList tracks={tracks} inOrder />}
    </section>
  );
}
