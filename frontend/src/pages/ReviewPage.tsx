// The review queue: items identification was unsure about, each with its top candidates (poster,
// year, runtime, score). Picking one applies it at once and it stays picked (the server locks it).
// "Identify…" searches by title, year or id when no candidate fits; a second copy of something
// already in the library asks instead: keep both, replace or discard.
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { percent } from "../components/mediaFormat";
import { EmptyState, ErrorNotice, InfoNotice } from "../components/Notice";
import { Poster } from "../components/PosterCard";
import { libraryApi, messageOf, type Candidate, type ReviewItem } from "../lib/api";
import { useAuth } from "../lib/auth";
import { canManageLibrary, VIEWER_HINT } from "../lib/roles";
import { useServerEvent } from "../lib/socket";
import { DuplicateChoice } from "./media/DuplicateChoice";
import { IdentifyDialog } from "./media/IdentifyDialog";

function CandidateCard({ candidate, onPick, busy, canPick }: {
  candidate: Candidate; onPick: () => void; busy: boolean; canPick: boolean;
}) {
  return (
    <li className="candidate" data-provider-id={candidate.provider_id}>
      <Poster src={candidate.poster_url} title={candidate.title} />
      <p><strong>{candidate.title}</strong></p>
      <p className="muted">
        {[candidate.year, candidate.runtime_minutes ? `${Math.round(candidate.runtime_minutes)} min` : null,
          `score ${percent(candidate.score)}`].filter(Boolean).join(" · ")}
      </p>
      <button type="button" disabled={busy || !canPick} title={canPick ? undefined : VIEWER_HINT} onClick={onPick} aria-label={`Pick ${candidate.title} (${candidate.year ?? "no year"})`}>
        Pick
      </button>
    </li>
  );
}

function ReviewEntry({ item, onPicked }: { item: ReviewItem; onPicked: (message: string) => void }) {
  const canPick = canManageLibrary(useAuth().user?.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [identifying, setIdentifying] = useState(false);
  const pick = async (c: Candidate) => {
    setBusy(true);
    try {
      const matched = await libraryApi.match(item.id, Number(c.provider_id), c.kind === "show" ? "episode" : "movie");
      onPicked(`${item.title} is now ${matched.title}${matched.year ? ` (${matched.year})` : ""}.`);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  return (
    <li className="card review-item" data-media-id={item.id}>
      <h2><Link to={`/media/${encodeURIComponent(item.id)}`}>{item.title}</Link></h2>
      <p className="muted">
        {item.files[0]?.path ?? "no file"} · confidence {percent(item.confidence)}
      </p>
      <ErrorNotice message={error} />
      {item.duplicate_of ? <DuplicateChoice mediaId={item.id} duplicate={item.duplicate_of} onDecided={onPicked} /> : null}
      {item.duplicate_of ? null : item.candidates.length ? (
        <ul className="candidate-list" aria-label={`Candidates for ${item.title}`}>
          {item.candidates.map((c) => <CandidateCard key={c.rank} candidate={c} busy={busy} canPick={canPick} onPick={() => void pick(c)} />)}
        </ul>
      ) : <p>No candidates: search by title, year or id.</p>}
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
