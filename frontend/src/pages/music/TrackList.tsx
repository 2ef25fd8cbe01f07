// An album's tracks: number, title (to the track's page), duration and a play button for each.
// A track's play link plays the rest of the album after it when ``inOrder``.
import { Link } from "react-router-dom";
import { clock } from "../../components/mediaFormat";
import type { MediaCard } from "../../lib/api";
import { playLink } from "./albumOrder";

export function TrackList({ tracks, label = "Tracks", inOrder = false }: { tracks: MediaCard[]; label?: string; inOrder?: boolean }) {
  return (
    <ol className="track-list" aria-label={label}>
      {tracks.map((t) => (
        <li key={t.id} className="track-row" data-media-id={t.id}>
          <span className="track-number">{t.track_number ?? "–"}</span>
          <Link className="track-title" to={`/media/${encodeURIComponent(t.id)}`}>{t.title}</Link>
          <span className="track-duration">{t.duration_s ? clock(t.duration_s) : "–"}</span>
          <Link className="track-play" to={playLink(t.id, inOrder)} aria-label={`Play ${t.title}`}>▶</Link>
        </li>
      ))}
    </ol>
  );
}
