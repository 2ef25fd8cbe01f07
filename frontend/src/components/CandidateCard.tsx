// One match candidate as every chooser shows it (review queue, identify dialog, Discs page): the
// poster (from our origin), title, year, kind, runtime and score, the overview when TMDb gave one,
// and one action button — or "Chosen" for the match already picked. All server text is text.
import type { Candidate } from "../lib/api";
import { percent } from "./mediaFormat";
import { Poster } from "./PosterCard";

interface Props {
  candidate: Candidate;
  actionLabel: string;
  onAction: () => void;
  disabled?: boolean;
  hint?: string;
  chosen?: boolean;
}

export function candidateFacts(c: Candidate): string {
  return [c.year, c.kind === "show" ? "show" : "film", c.runtime_minutes ? `${Math.round(c.runtime_minutes)} min` : null,
    `score ${percent(c.score)}`].filter(Boolean).join(" · ");
}

export function CandidateCard({ candidate: c, actionLabel, onAction, disabled, hint, chosen }: Props) {
  return (
    <li className={chosen ? "candidate chosen" : "candidate"} data-provider-id={c.provider_id}>
      <Poster src={c.poster_url} title={c.title} />
      <p><strong>{c.title}</strong></p>
      <p className="muted">{candidateFacts(c)}</p>
      {c.overview ? <p className="candidate-overview">{c.overview}</p> : null}
      {chosen ? <p className="candidate-chosen">Chosen</p> : (
        <button type="button" disabled={disabled} title={hint} onClick={onAction}
          aria-label={`${actionLabel} ${c.title} (${c.year ?? "no year"})`}>
          {actionLabel}
        </button>
      )}
    </li>
  );
}
