// One disc on the Discs page: its head (label, kind, status), what it waits for (countdown, "ripped
// before — rip again?", a review message), the choice and plan while it can change, the rip's
// progress with Cancel, Retry after a failure, and what the rip published.
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { ErrorNotice } from "../../components/Notice";
import { api, messageOf } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { clampPercent } from "../../lib/format";
import { countdownText, isEditable, isRunning, kindName, secondsLeft, stageText, statusName } from "../../lib/discs";
import { discsApi, type Disc } from "../../lib/discsApi";
import { canManageLibrary, VIEWER_HINT } from "../../lib/roles";
import { DiscChoiceEditor } from "./DiscChoice";

/** Runs a change; a disc it answers replaces the one shown (job actions answer nothing: events follow). */
export type Act = (call: () => Promise<Disc | void>) => void;
/** What every part of a disc's card gets: the disc, the way to change it, and whether this user may. */
export interface DiscProps { disc: Disc; act: Act; canAct: boolean }

function useNow(everyMs: number, active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs, active]);
  return now;
}

function Countdown({ disc, act, canAct }: DiscProps) {
  const left = secondsLeft(disc, useNow(1000, disc.status === "waiting"));
  if (left === null) return null;
  return (
    <div className="disc-countdown" role="timer" aria-live="off">
      <strong>{countdownText(left)}</strong>
      <button type="button" disabled={!canAct} title={canAct ? undefined : VIEWER_HINT} onClick={() => act(() => discsApi.hold(disc.id))}>
        Hold
      </button>
    </div>
  );
}

function StartButtons({ disc, act, canAct }: DiscProps) {
  if (!isEditable(disc.status)) return null;
  const again = disc.status === "ripped_before";
  return (
    <div className="actions disc-start">
      {again ? <p className="disc-again">This disc was ripped before. Rip it again?</p> : null}
      <button type="button" className="button-primary" disabled={!canAct} title={canAct ? undefined : VIEWER_HINT}
        onClick={() => act(() => discsApi.confirm(disc.id, again ? { rip_again: true } : {}))}>
        {again ? "Rip again" : "Start the rip"}
      </button>
    </div>
  );
}

function Progress({ disc, act, canAct }: DiscProps) {
  if (!isRunning(disc.status)) return null;
  const stage = stageText(disc.status);
  return (
    <div className="disc-progress">
      <div className="progress">
        <progress max={100} value={clampPercent(disc.progress)} aria-label={`Rip of ${disc.label || "the disc"}`} />
        <span className="progress-text">{Math.round(clampPercent(disc.progress))} %</span>
      </div>
      <p className="disc-message" data-testid="disc-progress-message">{disc.message}</p>
      {stage ? <p className="muted disc-stage" data-testid="disc-stage">{stage}</p> : null}
      {disc.job_id ? (
        <button type="button" disabled={!canAct} onClick={() => act(() => api.cancelJob(disc.job_id as number).then(() => undefined))}>Cancel the rip</button>
      ) : null}
    </div>
  );
}

function Retry({ disc, act, canAct }: DiscProps) {
  if (!["failed", "interrupted"].includes(disc.status) || !disc.job_id) return null;
  return <button type="button" disabled={!canAct} onClick={() => act(() => api.retryJob(disc.job_id as number).then(() => undefined))}>Retry</button>;
}

interface Output { path?: string; media_id?: string | null; role?: string; track?: number }

function Result({ disc }: { disc: Disc }) {
  const outputs = ((disc.result as { outputs?: Output[] } | null)?.outputs ?? []).filter((o) => o.path);
  if (disc.status !== "done" || !outputs.length) return null;
  return (
    <ul className="disc-outputs" aria-label={`Files from ${disc.label || "the disc"}`}>
      {outputs.map((o) => (
        <li key={o.path}>
          {o.media_id ? <Link to={`/media/${encodeURIComponent(o.media_id)}`}>{o.path}</Link> : o.path}
        </li>
      ))}
    </ul>
  );
}

function Head({ disc }: { disc: Disc }) {
  return (
    <div className="disc-head">
      <h2>{disc.label || "Disc without a label"}</h2>
      <span className="badge">{kindName(disc.kind)}</span>
      <span className={`badge disc-status disc-status-${disc.status}`}>{statusName(disc.status)}</span>
      {disc.origin === "remote" ? <span className="badge" title="Ripped by a monitor-mode machine">monitor</span> : null}
    </div>
  );
}

export function DiscCard({ disc, onChanged }: { disc: Disc; onChanged: (d: Disc) => void }) {
  const canAct = canManageLibrary(useAuth().user?.role);
  const [error, setError] = useState<string | null>(null);
  const act: Act = (call) => {
    setError(null);
    call().then((answer) => answer && onChanged(answer), (e) => setError(messageOf(e)));
  };
  return (
    <li className="card disc-card" data-disc-id={disc.id} aria-label={`Disc ${disc.label || disc.id}`}>
      <Head disc={disc} />
      {disc.message && !isRunning(disc.status) ? <p className="disc-message">{disc.message}</p> : null}
      {disc.error ? <p className="job-error">{disc.error}</p> : null}
      <ErrorNotice message={error} />
      <Countdown disc={disc} act={act} canAct={canAct} />
      {isEditable(disc.status) ? <DiscChoiceEditor disc={disc} act={act} canAct={canAct} /> : null}
      <StartButtons disc={disc} act={act} canAct={canAct} />
      <Progress disc={disc} act={act} canAct={canAct} />
      <Retry disc={disc} act={act} canAct={canAct} />
      <Result disc={disc} />
    </li>
  );
}
