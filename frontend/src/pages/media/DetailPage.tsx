// An item's page: artwork, overview, cast, files with their technical details, external links
// (https, known sites only, through safeUrl), the match confidence, its children (seasons,
// episodes, albums, tracks) and the actions: play, re-identify (an edited title and year are what
// it searches), identify by title/year/id, edit, add to a collection, mark watched; a second copy
// waiting for a decision offers keep both / replace / discard. Every string from the server is
// rendered as text.
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { bytes, clock, episodeCode, KIND_LABELS, PLAYABLE_KINDS, percent, trackCode } from "../../components/mediaFormat";
import { ErrorNotice, InfoNotice } from "../../components/Notice";
import { Poster, PosterGrid } from "../../components/PosterCard";
import { unplayableReason } from "../../components/playability";
import { libraryApi, messageOf, type CollectionSummary, type MediaAbout, type MediaCard, type MediaDetail } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { canManageLibrary } from "../../lib/roles";
import { safeUrl } from "../../lib/safeUrl";
import { DuplicateChoice } from "./DuplicateChoice";
import { EditForm } from "./EditForm";
import { IdentifyDialog } from "./IdentifyDialog";

function AddToCollection({ mediaId, member, onAdded }: { mediaId: string; member: number[]; onAdded: (m: string) => void }) {
  const [collections, setCollections] = useState<CollectionSummary[]>([]);
  const [chosen, setChosen] = useState("");
  useEffect(() => {
    libraryApi.collections().then((c) => setCollections(c.items.filter((x) => !x.automatic))).catch(() => undefined);
  }, []);
  const open = collections.filter((c) => !member.includes(c.id));
  if (!open.length) return <Link to="/collections">Collections…</Link>;
  const add = async () => {
    const target = open.find((c) => String(c.id) === chosen) ?? open[0];
    try {
      await libraryApi.addToCollection(target.id, mediaId);
      onAdded(`Added to ${target.name}.`);
    } catch (e) {
      onAdded(messageOf(e));
    }
  };
  return (
    <>
      <select aria-label="Collection" value={chosen} onChange={(e) => setChosen(e.target.value)}>
        {open.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </select>
      <button type="button" onClick={() => void add()}>Add to collection</button>
    </>
  );
}

function Files({ item }: { item: MediaDetail }) {
  if (!item.files.length) return null;
  return (
    <>
      <h2>Files</h2>
      <ul className="file-list">
        {item.files.map((f) => (
          <li key={f.id}>
            <span className="mono">{f.path}</span>
            <br />
            {[bytes(f.size), f.duration_s ? clock(f.duration_s) : null, f.container, f.video_codec,
              f.width && f.height ? `${f.width}×${f.height}` : null, f.audio_codecs.join(", ") || null,
              f.missing ? "missing on disk" : null].filter(Boolean).join(" · ")}
          </li>
        ))}
      </ul>
    </>
  );
}

function Facts({ item, about }: { item: MediaDetail; about: MediaAbout | null }) {
  return (
    <dl className="facts">
      <dt>Kind</dt><dd>{KIND_LABELS[item.kind] ?? item.kind}</dd>
      {item.original_title && item.original_title !== item.title ? (<><dt>Original title</dt><dd>{item.original_title}</dd></>) : null}
      {item.runtime_minutes ? (<><dt>Runtime</dt><dd>{Math.round(item.runtime_minutes)} min</dd></>) : null}
      {item.genres.length ? (<><dt>Genres</dt><dd>{item.genres.join(", ")}</dd></>) : null}
      {item.files.length || item.confidence != null ? (<>
        <dt>Match</dt>
        <dd>{item.status === "review" ? "Waiting for review" : item.status} · confidence {percent(item.confidence)}{item.match_locked ? " · picked by hand" : ""}</dd>
      </>) : null}
      {about?.tmdb_collection ? (<><dt>Collection</dt><dd>{about.tmdb_collection.name}</dd></>) : null}
    </dl>
  );
}

export function DetailPage() {
  const { id = "" } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [item, setItem] = useState<MediaDetail | null>(null);
  const [about, setAbout] = useState<MediaAbout | null>(null);
  const [children, setChildren] = useState<MediaCard[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [identifying, setIdentifying] = useState(false);

  const load = useCallback(async () => {
    try {
      const [detail, extra, kids] = await Promise.all([libraryApi.media(id), libraryApi.about(id),
        libraryApi.library({ parent: id, limit: 200 })]);
      setItem(detail);
      setAbout(extra);
      setChildren(kids.items);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!item) return <section><ErrorNotice message={error} />{error ? null : <p className="loading">Loading…</p>}</section>;
  const watched = about?.playback.watched ?? false;
  const playable = PLAYABLE_KINDS.has(item.kind) && item.files.length > 0;
  const reason = playable ? unplayableReason(item.files[0]) : null;
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      setNotice(done);
      await load();
    } catch (e) {
      setNotice(messageOf(e));
    }
  };
  return (
    <section>
      {about?.parents.length ? (
        <nav className="crumbs" aria-label="Part of">
          {about.parents.map((p) => <Link key={p.id} to={`/media/${encodeURIComponent(p.id)}`}>{p.title}</Link>)}
        </nav>
      ) : null}
      {about?.has_backdrop ? (
        <img className="detail-backdrop" src={`/api/media/${encodeURIComponent(item.id)}/artwork/backdrop`} alt="" loading="lazy" />
      ) : null}
      <div className="detail">
        <Poster src={about?.has_poster ? `/api/media/${encodeURIComponent(item.id)}/artwork/poster` : null} title={item.title} />
        <div className="detail-main">
          <h1>{item.title}</h1>
          <p className="detail-sub">{[episodeCode(item) || trackCode(item), item.year, item.air_date].filter(Boolean).join(" · ")}</p>
          {about?.tagline ? <p className="detail-tagline">{about.tagline}</p> : null}
          {item.overview ? <p className="detail-overview">{item.overview}</p> : null}
          <div className="actions">
            {playable ? (
              <Link className="button-primary" to={`/media/${encodeURIComponent(item.id)}/play`}>
                {about?.playback.resume_at ? `Resume at ${clock(about.playback.resume_at)}` : "Play"}
              </Link>
            ) : null}
            <button type="button" onClick={() => void act(() => libraryApi.setWatched(item.id, !watched),
              watched ? "Marked as not watched." : "Marked as watched.")}>
              {watched ? "Mark not watched" : "Mark watched"}
            </button>
            {item.files.length && canManageLibrary(user?.role) ? (
              <button type="button" onClick={() => void act(() => libraryApi.reidentify(item.id), "Identifying again…")}>Re-identify</button>
            ) : null}
            {item.files.length && canManageLibrary(user?.role) ? <button type="button" onClick={() => setIdentifying(!identifying)}>Identify…</button> : null}
            {canManageLibrary(user?.role) ? <button type="button" onClick={() => setEditing(!editing)}>Edit</button> : null}
            <AddToCollection mediaId={item.id} member={about?.collections ?? []} onAdded={(m) => { setNotice(m); void load(); }} />
          </div>
          {reason ? <p className="notice" role="note">{reason}</p> : null}
          <InfoNotice message={notice} />
          {item.duplicate_of && canManageLibrary(user?.role) ? (
            <DuplicateChoice mediaId={item.id} duplicate={item.duplicate_of}
              onDecided={(m) => { setNotice(m); navigate(`/media/${encodeURIComponent(item.duplicate_of?.media_id ?? "")}`); }} />
          ) : item.status === "review" ? <p><Link to="/review">This item waits in the review queue: pick its match.</Link></p> : null}
          {identifying ? (
            <IdentifyDialog item={item} onClose={() => setIdentifying(false)} onMatched={(m) => {
              setIdentifying(false);
              setNotice(`Matched to ${m.title}${m.year ? ` (${m.year})` : ""}.`);
              if (m.id !== item.id) navigate(`/media/${encodeURIComponent(m.id)}`); else void load();
            }} />
          ) : null}
          {editing ? <EditForm item={item} onSaved={() => { setEditing(false); setNotice("Saved."); void load(); }} /> : null}
          <Facts item={item} about={about} />
          {about?.cast.length ? (
            <>
              <h2>Cast</h2>
              <ul className="cast-list">
                {about.cast.map((c, n) => (
                  <li key={n}><Link to={`/search?q=${encodeURIComponent(c.name)}`}>{c.name}</Link>{c.role ? <span className="muted"> as {c.role}</span> : null}</li>
                ))}
              </ul>
            </>
          ) : null}
          {about?.links.length ? (
            <>
              <h2>Elsewhere</h2>
              <ul className="link-list">
                {about.links.map((l) => {
                  const href = safeUrl(l.url);
                  return href && href.startsWith("https://") ? (
                    <li key={l.provider}><a href={href} target="_blank" rel="noopener noreferrer">{l.label}</a> <span className="muted mono">{l.id}</span></li>
                  ) : <li key={l.provider}>{l.label} <span className="muted mono">{l.id}</span></li>;
                })}
              </ul>
            </>
          ) : null}
          <Files item={item} />
        </div>
      </div>
      {children.length ? (
        <>
          <h2>{item.kind === "show" ? "Seasons" : item.kind === "artist" ? "Albums" : item.kind === "album" ? "Tracks" : "Episodes"}</h2>
          <PosterGrid items={children} label="Contents" />
        </>
      ) : null}
    </section>
  );
}
