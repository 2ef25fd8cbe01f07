// The podcasts page: subscribe by feed URL or from the directory, OPML in and out, and the list of
// subscriptions (each links to its podcast page). Managing subscriptions is for admins; everyone
// sees the list.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { EmptyState, ErrorNotice, InfoNotice } from "../../components/Notice";
import { useAuth } from "../../lib/auth";
import { useServerEvent } from "../../lib/socket";
import { canManageLibrary } from "../../lib/roles";
import { messageOf } from "../../lib/api";
import { safeUrl } from "../../lib/safeUrl";
import {
  DOWNLOAD_MODES, OPML_EXPORT_URL, podcastsApi, type DirectoryHit, type DownloadMode, type Podcast,
} from "../../lib/podcastsApi";
import "./podcasts.css";

export const MODE_LABELS: Record<DownloadMode, string> = {
  none: "Don't download", latest: "Download the latest", all: "Download every new episode",
};

function SubscribeForm({ onAdded }: { onAdded: (podcast: Podcast) => void }) {
  const [url, setUrl] = useState("");
  const [mode, setMode] = useState<DownloadMode>("latest");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onAdded(await podcastsApi.subscribe(url.trim(), mode));
      setUrl("");
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card podcast-subscribe" aria-label="Subscribe" onSubmit={(e) => void submit(e)}>
      <h2>Subscribe</h2>
      <div className="field">
        <label htmlFor="feed-url">Feed URL</label>
        <input id="feed-url" type="url" required placeholder="https://example.org/feed.xml" value={url}
          spellCheck={false} autoComplete="off" onChange={(e) => setUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="feed-mode">Downloads</label>
        <select id="feed-mode" value={mode} onChange={(e) => setMode(e.target.value as DownloadMode)}>
          {DOWNLOAD_MODES.map((m) => <option key={m} value={m}>{MODE_LABELS[m]}</option>)}
        </select>
      </div>
      <ErrorNotice message={error} />
      <button type="submit" className="button-primary" disabled={busy}>{busy ? "Subscribing…" : "Subscribe"}</button>
    </form>
  );
}

function DirectorySearch({ onAdded }: { onAdded: (podcast: Podcast) => void }) {
  const [term, setTerm] = useState("");
  const [hits, setHits] = useState<DirectoryHit[] | null>(null);
  const [off, setOff] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function search(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setHits((await podcastsApi.directory(term.trim())).items);
    } catch (e) {
      setOff(messageOf(e)); // unreachable or not configured: the search is off
    }
  }
  async function add(hit: DirectoryHit) {
    try {
      onAdded(await podcastsApi.subscribe(hit.feed_url, "latest"));
    } catch (e) {
      setError(messageOf(e));
    }
  }
  if (off) return <p className="muted" role="note">Directory search is off: {off}</p>;
  return (
    <form className="card podcast-directory" aria-label="Directory" onSubmit={(e) => void search(e)}>
      <h2>Find a podcast</h2>
      <div className="inline-field">
        <input aria-label="Search the podcast directory" value={term} onChange={(e) => setTerm(e.target.value)} />
        <button type="submit">Search</button>
      </div>
      <ErrorNotice message={error} />
      {hits ? (
        <ul className="directory-hits">
          {hits.map((hit) => (
            <li key={hit.feed_url}>
              <span>{hit.title}{hit.author ? ` — ${hit.author}` : ""}</span>
              <button type="button" onClick={() => void add(hit)}>Subscribe</button>
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}

function OpmlPanel({ onImported }: { onImported: () => void }) {
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function upload(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setError(null);
    try {
      const done = await podcastsApi.importOpml(await file.text());
      const refused = done.refused.map((r) => `${r.url}: ${r.reason}`).join("; ");
      setResult(`${done.added.length} added, ${done.existing.length} already there${refused ? `; refused: ${refused}` : ""}.`);
      onImported();
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <div className="card podcast-opml" role="region" aria-label="OPML">
      <h2>OPML</h2>
      <label className="button-quiet file-button">
        Import OPML…
        <input type="file" accept=".opml,.xml,text/xml,text/x-opml" onChange={(e) => void upload(e.target.files)} />
      </label>
      <a href={OPML_EXPORT_URL} download="podcasts.opml">Export OPML</a>
      <ErrorNotice message={error} />
      <InfoNotice message={result} />
    </div>
  );
}

function PodcastCard({ podcast }: { podcast: Podcast }) {
  const image = safeUrl(podcast.image_url);
  return (
    <li className="podcast-card card">
      {image?.startsWith("https:") ? <img src={image} alt="" loading="lazy" /> : <span className="podcast-art" aria-hidden="true">♫</span>}
      <div>
        <Link to={`/podcasts/${podcast.id}`} className="podcast-title">{podcast.title}</Link>
        <p className="muted">{podcast.episodes} episodes · {podcast.unplayed} unplayed</p>
        {podcast.last_error ? <p className="notice notice-error">{podcast.last_error}</p> : null}
      </div>
    </li>
  );
}

export function PodcastsPage() {
  const { user } = useAuth();
  const [podcasts, setPodcasts] = useState<Podcast[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    podcastsApi.list().then((answer) => { setPodcasts(answer.items); setError(null); }, (e) => setError(messageOf(e)));
  }, []);
  useEffect(load, [load]);
  // A feed's checks and downloads run as jobs: show their result as each one ends.
  const onJob = useCallback((job: { kind: string; status: string }) => {
    if (job.kind.startsWith("podcast.") && job.status !== "running" && job.status !== "queued") load();
  }, [load]);
  useServerEvent("job_updated", onJob);
  const admin = canManageLibrary(user?.role);
  return (
    <section className="podcasts">
      <div className="page-head"><h1>Podcasts</h1></div>
      {admin ? (
        <div className="podcast-tools">
          <SubscribeForm onAdded={load} />
          <DirectorySearch onAdded={load} />
          <OpmlPanel onImported={load} />
        </div>
      ) : null}
      <ErrorNotice message={error} />
      {podcasts === null ? <p className="loading">Loading…</p> : null}
      {podcasts?.length === 0 ? <EmptyState title="No podcasts yet">Subscribe to a feed to start.</EmptyState> : null}
      <ul className="podcast-list" aria-label="Subscriptions">
        {podcasts?.map((p) => <PodcastCard key={p.id} podcast={p} />)}
      </ul>
    </section>
  );
}
