// One podcast: its episodes (newest first) with played/unplayed, star, download, play and "add to
// queue"; the player for the episode in the URL (?episode=<id>, so a reload comes back to it);
// the queue (kept on this device); and, for admins, the podcast's download and retention settings
// and the address of its feed for phone apps.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { clock } from "../../components/mediaFormat";
import { ErrorNotice, InfoNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { canManageLibrary } from "../../lib/roles";
import {
  DOWNLOAD_MODES, plainText, podcastsApi, type DownloadMode, type Episode, type PodcastDetail,
} from "../../lib/podcastsApi";
import { EpisodePlayer } from "./EpisodePlayer";
import { MODE_LABELS } from "./PodcastsPage";
import "./podcasts.css";

const QUEUE_KEY = "podcast-queue";

function loadQueue(): number[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(QUEUE_KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((n): n is number => Number.isInteger(n)) : [];
  } catch {
    return [];
  }
}

function useQueue() {
  const [queue, setQueue] = useState<number[]>(loadQueue);
  const store = (next: number[]) => {
    setQueue(next);
    window.localStorage.setItem(QUEUE_KEY, JSON.stringify(next));
  };
  return {
    queue,
    add: (id: number) => store(queue.includes(id) ? queue : [...queue, id]),
    remove: (id: number) => store(queue.filter((q) => q !== id)),
  };
}

function dateOf(epoch: number | null): string {
  return epoch ? new Date(epoch * 1000).toISOString().slice(0, 10) : "";
}

function Settings({ detail, onSaved }: { detail: PodcastDetail; onSaved: () => void }) {
  const [mode, setMode] = useState<DownloadMode>(detail.download_mode);
  const [latest, setLatest] = useState(String(detail.download_latest));
  const [keep, setKeep] = useState(detail.keep_count === null ? "" : String(detail.keep_count));
  const [days, setDays] = useState(detail.delete_played_days === null ? "" : String(detail.delete_played_days));
  const [notify, setNotify] = useState(detail.notify);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await podcastsApi.update(detail.id, {
        download_mode: mode, download_latest: Number(latest) || 0, notify,
        keep_count: keep === "" ? null : Number(keep), delete_played_days: days === "" ? null : Number(days),
      });
      setMessage("Saved.");
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <form className="card podcast-settings" aria-label="Podcast settings" onSubmit={(e) => void save(e)}>
      <h2>Settings</h2>
      <div className="field">
        <label htmlFor="mode">Downloads</label>
        <select id="mode" value={mode} onChange={(e) => setMode(e.target.value as DownloadMode)}>
          {DOWNLOAD_MODES.map((m) => <option key={m} value={m}>{MODE_LABELS[m]}</option>)}
        </select>
      </div>
      <div className="field"><label htmlFor="latest">How many of the latest</label>
        <input id="latest" type="number" min={0} value={latest} onChange={(e) => setLatest(e.target.value)} /></div>
      <div className="field"><label htmlFor="keep">Keep this many files (empty: all)</label>
        <input id="keep" type="number" min={0} value={keep} onChange={(e) => setKeep(e.target.value)} /></div>
      <div className="field"><label htmlFor="days">Delete this many days after played (empty: never)</label>
        <input id="days" type="number" min={0} value={days} onChange={(e) => setDays(e.target.value)} /></div>
      <label className="check"><input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
        <span>Notify me of new episodes</span></label>
      <p className="muted">Starred episodes are never deleted. Phone apps: subscribe to{" "}
        <code>{`${window.location.origin}/api/podcast-feeds/${detail.id}.xml`}</code> with your user name and an API
        token of scope <code>podcast_feeds</code> as the password.</p>
      <ErrorNotice message={error} />
      <InfoNotice message={message} />
      <button type="submit" className="button-primary">Save</button>
    </form>
  );
}

interface RowProps {
  episode: Episode;
  queued: boolean;
  onPlay: () => void;
  onQueue: () => void;
  onChanged: (episode: Episode) => void;
}

function EpisodeRow({ episode, queued, onPlay, onQueue, onChanged }: RowProps) {
  const [note, setNote] = useState<string | null>(null);
  const mark = (marks: { starred?: boolean; played?: boolean }) =>
    podcastsApi.mark(episode.id, marks).then(onChanged, (e) => setNote(messageOf(e)));
  const download = () => podcastsApi.download(episode.id).then(() => setNote("Download queued."), (e) => setNote(messageOf(e)));
  return (
    <li className={episode.played ? "episode played" : "episode"} data-episode-id={episode.id}>
      <div className="episode-head">
        <span className="episode-title">{episode.title}</span>
        <span className="muted">{dateOf(episode.published_at)}{episode.duration_s ? ` · ${clock(episode.duration_s)}` : ""}
          {episode.played ? " · played" : " · unplayed"}</span>
      </div>
      <p className="episode-text">{plainText(episode.description).slice(0, 280)}</p>
      <div className="episode-actions">
        {episode.media_id ? <button type="button" className="button-primary" onClick={onPlay}>Play</button>
          : <button type="button" onClick={() => void download()} disabled={!episode.enclosure_url}>Download</button>}
        {episode.media_id ? <button type="button" onClick={onQueue} disabled={queued}>{queued ? "Queued" : "Add to queue"}</button> : null}
        <button type="button" aria-pressed={episode.starred} onClick={() => void mark({ starred: !episode.starred })}>
          {episode.starred ? "★ Starred" : "☆ Star"}</button>
        <button type="button" onClick={() => void mark({ played: !episode.played })}>
          {episode.played ? "Mark unplayed" : "Mark played"}</button>
      </div>
      {note ? <p className="muted" role="status">{note}</p> : null}
    </li>
  );
}

export function PodcastPage() {
  const { id = "" } = useParams();
  const podcastId = Number(id);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useAuth();
  const [detail, setDetail] = useState<PodcastDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { queue, add, remove } = useQueue();
  const load = useCallback(() => {
    podcastsApi.get(podcastId).then(setDetail, (e) => setError(messageOf(e)));
  }, [podcastId]);
  useEffect(load, [load]);

  const playing = detail?.items.find((e) => String(e.id) === params.get("episode")) ?? null;
  const play = (episode: Episode) => { remove(episode.id); setParams({ episode: String(episode.id) }); };
  const next = () => {
    const upcoming = queue.map((q) => detail?.items.find((e) => e.id === q)).find((e) => e?.media_id);
    if (upcoming) play(upcoming);
  };
  const changed = (episode: Episode) =>
    setDetail((d) => (d ? { ...d, items: d.items.map((e) => (e.id === episode.id ? episode : e)) } : d));
  async function unsubscribe() {
    if (!window.confirm("Unsubscribe? Downloaded episodes stay in the library.")) return;
    try {
      await podcastsApi.unsubscribe(podcastId);
      navigate("/podcasts");
    } catch (e) {
      setError(messageOf(e));
    }
  }

  if (!detail) return <section><ErrorNotice message={error} />{error ? null : <p className="loading">Loading…</p>}</section>;
  const queued = queue.map((q) => detail.items.find((e) => e.id === q)).filter((e): e is Episode => !!e);
  return (
    <section className="podcast-page">
      <div className="page-head">
        <h1>{detail.title}</h1>
        <Link to="/podcasts">All podcasts</Link>
      </div>
      {detail.author ? <p className="muted">{detail.author}</p> : null}
      {detail.last_error ? <p className="notice notice-error">The last check failed: {detail.last_error}</p> : null}
      <ErrorNotice message={error} />
      {playing ? <EpisodePlayer key={playing.id} episode={playing} onEnded={next} /> : null}
      {queued.length ? (
        <div className="card podcast-queue" role="region" aria-label="Queue">
          <h2>Up next</h2>
          <ol>{queued.map((e) => (
            <li key={e.id}>{e.title} <button type="button" className="button-quiet" onClick={() => remove(e.id)}>Remove</button></li>
          ))}</ol>
        </div>
      ) : null}
      <ul className="episodes" aria-label="Episodes">
        {detail.items.map((e) => (
          <EpisodeRow key={e.id} episode={e} queued={queue.includes(e.id)} onPlay={() => play(e)} onQueue={() => add(e.id)}
            onChanged={changed} />
        ))}
      </ul>
      {canManageLibrary(user?.role) ? (
        <>
          <Settings detail={detail} onSaved={load} />
          <div className="form-actions">
            <button type="button" onClick={() => void podcastsApi.refresh(podcastId).then(() => window.setTimeout(load, 1500))}>Check now</button>
            <button type="button" className="button-danger" onClick={() => void unsubscribe()}>Unsubscribe</button>
          </div>
        </>
      ) : null}
    </section>
  );
}
