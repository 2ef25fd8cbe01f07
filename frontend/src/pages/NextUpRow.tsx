// Home's "Next up": for each show you are watching, the next episode after the last one you
// finished (the server applies Jellyfin's rule), with its show and a play or resume action.
import { Link } from "react-router-dom";
import { Poster } from "../components/PosterCard";
import { episodeCode } from "../components/mediaFormat";
import type { Answer } from "../lib/api";
import "./settings/libraryManage.css";

type NextUpCard = Answer<"/api/home", "get">["next_up"][number];

function NextUpItem({ item }: { item: NextUpCard }) {
  const resume = item.playback.position_s > 0 && !item.playback.watched;
  const id = encodeURIComponent(item.id);
  return (
    <li className="next-up" data-media-id={item.id}>
      <Poster src={item.poster} title={item.show.title} />
      <div className="next-up-text">
        <p><Link to={`/media/${encodeURIComponent(item.show.id)}`}>{item.show.title}</Link></p>
        <p><strong>{episodeCode(item)}</strong> <Link to={`/media/${id}`}>{item.title}</Link></p>
        <Link className="button" to={`/media/${id}/play`} aria-label={`${resume ? "Resume" : "Play"} ${item.show.title} ${episodeCode(item)}`}>
          {resume ? "Resume" : "Play"}
        </Link>
      </div>
    </li>
  );
}

export function NextUpRow({ items }: { items: NextUpCard[] }) {
  if (items.length === 0) return null;
  return (
    <section className="media-row" aria-label="Next up">
      <h2>Next up</h2>
      <ul className="next-up-list">
        {items.map((item) => <NextUpItem key={item.id} item={item} />)}
      </ul>
    </section>
  );
}
