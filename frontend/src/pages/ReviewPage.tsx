// The review queue: items identification was unsure about, each with its top candidates (poster,
// year, runtime, score) and the file's own name and size. Picking one applies it at once and it stays picked (the server locks it).
// "Identify…" searches by title, year or id when no candidate fits; a second copy of something
// already in the library asks instead: keep both, replace or discard.
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { CandidateCard } from "../components/CandidateCard";
import { bytes, percent } from "../components/mediaFormat";
import { EmptyState, ErrorNotice, InfoNotice } from "../components/Notice";
import { libraryApi, messageOf, type Candidate, type ReviewItem } from "../lib/api";
import { useAuth } from "../lib/auth";
import { musicApi } from "../lib/musicApi";
import { canManageLibrary, VIEWER_HINT } from "../lib/roles";
import { useServerEvent } from "../lib/socket";
import { DuplicateChoice } from "./media/DuplicateChoice";
import { IdentifyDialog } from "./media/IdentifyDialog";

/** The file as the person knows it: the name it was uploaded under (not the server's random name), and its size. */
function fileLine(file: ReviewItem["files"][number] | undefined): string {
  if (!file) return "no file";
  return `${file.original_name || file.path.split("/").pop() || file.path} · ${bytes(file.size)}`;
}

function ReviewEntry({ item, onPicked }: { item: ReviewItem; onPicked: (message: string) => void }) {
  const canPick = canManageLibrary(useAuth().user?.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [identifying, setIdentifying] = useState(false);
  const pick = async (c: Candidate) => {
    setBusy(true);
    try {
      const matched = c.provider === "musicbrainz"
        ? await musicApi.matchRelease(item.id, c.provider_id, "album")
        : await libraryApi.match(item.id, Number(c.provider_id), c.kind === "show" ? "episode" : "movie");
      onPicked(`${item.title} is now ${matched.title}${matched.year ? ` (${matched.year})` : ""}.`);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  return (
    <li className="card review-item" data-media-id={item.id}>
      <h2><Link to={`/media/${encodeURIComponent(item.id)}`}>{item.title}</Link></h2>
      <p className="muted review-file">
        {item.kind === "album" ? `Album folder · ${item.files.length} files` : fileLine(item.files[0])} · confidence {percent(item.confidence)}
      </p>
      <ErrorNotice message={error} />
      {item.duplicate_of ? <DuplicateChoice mediaId={item.id} duplicate={item.duplicate_of} onDecided={onPicked} track={item.kind === "track"} /> : null}
      {item.duplicate_of ? null : item.candidates.length ? (
        <ul className="candidate-list" aria-label={`Candidates for ${item.title}`}>
          {item.candidates.map((c) => <CandidateCard key={c.rank} candidate={c} actionLabel="Pick" disabled={busy || !canPick}
            hint={canPick ? undefined : VIEWER_HINT} onAction={() => void pick(c)} />)}
        </ul>
      ) : <p>No candidates: {item.kind === "album" || item.kind === "track" ? "search MusicBrainz or paste a release id" : "search by title, year or id"}.</p>}
      {identifying ? (
        <IdentifyDialog item={item} onClose={() => setIdentifying(false)}
          onMatched={(m) => onPicked(`${item.title} is now ${m.title}${m.year ? ` (${m.year})` : ""}.`)} />
      ) : <button type="button" onClick={() => setIdentifying(true)}>Identify…</button>}
    </li>
  );
}

export function ReviewPage() {
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => {
    libraryApi.review().then((r) => { setItems(r.items); setError(null); }).catch((e) => setError(messageOf(e)));
  }, []);
  useEffect(load, [load]);
  useServerEvent("library_updated", load);
  return (
    <section>
      <h1>Review queue</h1>
      <InfoNotice message={notice} />
      <ErrorNotice message={error} />
      {items && items.length === 0 ? <EmptyState title="Nothing to review">Every item was identified with confidence.</EmptyState> : null}
      <ul className="collection-list">
        {(items ?? []).map((item) => (
          <ReviewEntry key={item.id} item={item} onPicked={(m) => { setNotice(m); load(); }} />
        ))}
      </ul>
    </section>
  );
}
