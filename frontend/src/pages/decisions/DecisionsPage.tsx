// Watch decisions (docs/DECISIONS.md): what was decided on each Jellyfin playback and why, with
// overrides per film, "what would happen if" on a chosen film, the rules editor, the leaving-soon
// list and the settings. The list follows the decision jobs live (job_updated over Socket.IO).
import { useCallback } from "react";
import { useLoadedList } from "../../components/hooks";
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { decisionsApi, tmdbOf, type Decision, type OverrideMode } from "../../lib/decisionsApi";
import { canManageLibrary, isAdmin } from "../../lib/roles";
import { useServerEvent } from "../../lib/socket";
import { CleanupSection, SettingsSection } from "./DecisionsSettings";
import { RulesEditor } from "./RulesEditor";
import { WhatIfForm } from "./WhatIfForm";
import "./decisions.css";

const OUTCOMES: Record<string, string> = {
  none: "", dry_run: "dry run: nothing triggered", on_disk: "already on disk", pending: "asking Radarr…",
  added: "added to Radarr, searching", searched: "search started in Radarr", completed: "Radarr's search finished",
  failed: "failed", already_pending: "a search or download is already under way", not_configured: "not configured",
  in_library: "already in our library", download_queued: "queued in our downloader (IPTV Downloads)",
};

// jobs whose end changes the list: deciding, following Radarr, an IPTV download a keep queued
const LIVE_KINDS = ["watch.decide", "watch.event", "radarr.follow", "iptv.download"];

function DecisionRow({ decision, onOverride }: { decision: Decision; onOverride?: (d: Decision, mode: OverrideMode) => void }) {
  const tmdb = tmdbOf(decision.film_key);
  const outcome = [OUTCOMES[decision.outcome] ?? decision.outcome, decision.command_status ? `command ${decision.command_status}` : ""]
    .filter(Boolean).join(" · ");
  return (
    <li className="card decision" data-testid="decision">
      <div className="decision-head">
        <span className={`badge decision-${decision.action}`}>{decision.action}</span>
        <strong className="decision-title">{decision.title || decision.film_key}</strong>
        <span className="muted">{decision.user_name ?? "no user"} · {new Date(decision.created_at * 1000).toLocaleString()}</span>
      </div>
      <p className="decision-reason"><span className="decision-rule">{decision.rule_name}</span>: {decision.reason}</p>
      {outcome ? <p className="muted decision-outcome">{outcome}</p> : null}
      {decision.error ? <p className="inline-error">{decision.error}</p> : null}
      {onOverride && tmdb ? (
        <div className="decision-actions">
          <button type="button" onClick={() => onOverride(decision, "always_keep")}>Always keep</button>
          <button type="button" onClick={() => onOverride(decision, "never_download")}>Never download</button>
        </div>
      ) : null}
    </li>
  );
}

export function DecisionsPage() {
  const { user } = useAuth();
  const manager = canManageLibrary(user?.role);
  const fetchDecisions = useCallback(() => decisionsApi.list(), []);
  const { items, error, setError, load } = useLoadedList(fetchDecisions, messageOf);
  useServerEvent("job_updated", (job) => {
    if (LIVE_KINDS.includes(job.kind) && job.status === "done") void load();
  });
  const override = (decision: Decision, mode: OverrideMode) => {
    const tmdb = tmdbOf(decision.film_key);
    if (tmdb === null) return;
    decisionsApi.setOverride(tmdb, mode, decision.title).then(() => load(), (e) => setError(messageOf(e)));
  };
  return (
    <section className="decisions-page">
      <div className="page-head"><h1>Decisions</h1></div>
      <p className="muted">What to download and what to keep streaming, decided from what you watch in Jellyfin.</p>
      <ErrorNotice message={error} />
      <WhatIfForm />
      <h2>Latest decisions</h2>
      {items.length ? (
        <ul className="decision-list">
          {items.map((d) => <DecisionRow key={d.id} decision={d} onOverride={manager ? override : undefined} />)}
        </ul>
      ) : (
        <EmptyState title="No decisions yet">Point Jellyfin's webhook plugin at /api/webhooks/jellyfin (see the settings below).</EmptyState>
      )}
      <RulesEditor manager={manager} />
      <CleanupSection manager={manager} />
      {isAdmin(user?.role) ? <SettingsSection /> : null}
    </section>
  );
}
