// The plan of a waiting disc as the server computes it for the current choice: the disc's titles
// (choose one or let the length decide, extras or not), the files the rip will make with their
// episode names, or an audio CD's tracks.
import { useEffect, useState } from "react";
import { clock, episodeCode } from "../../components/mediaFormat";
import { messageOf } from "../../lib/api";
import { discsApi, type DiscPlan, type PlannedOutput } from "../../lib/discsApi";
import type { DiscProps } from "./DiscCard";



function plannedText(p: PlannedOutput, season: number): string {
  if (p.role === "episode") {
    const code = episodeCode({ season_number: season, episode_number: p.number, episode_end: null });
    return `${code}${p.episode_name ? ` · ${p.episode_name}` : ""} — title ${p.title_index} (${clock(p.duration_s)})`;
  }
  return `${p.role === "main" ? "Main" : `Extra ${p.number}`}: title ${p.title_index} (${clock(p.duration_s)})`;
}

function TitlePicker({ disc, plan, act, canAct }: DiscProps & { plan: DiscPlan }) {
  if (disc.choice.mode !== "movie" || !plan.titles.length) return null;
  const chosen = disc.choice.title_index ? String(disc.choice.title_index) : "";
  return (
    <div className="form-row disc-titles">
      <div className="field">
        <label htmlFor={`disc-title-${disc.id}`}>Title to rip</label>
        <select id={`disc-title-${disc.id}`} value={chosen} disabled={!canAct}
          onChange={(e) => act(() => discsApi.choose(disc.id, { title_index: e.target.value ? Number(e.target.value) : null }))}>
          <option value="">Main feature (by length and runtime)</option>
          {plan.titles.map((t) => (
            <option key={t.index} value={t.index}>Title {t.index} · {clock(t.duration_s)}{t.main_feature ? " · main feature" : ""}</option>
          ))}
        </select>
      </div>
      <label className="disc-extras">
        <input type="checkbox" checked={!!disc.choice.include_extras} disabled={!canAct}
          onChange={(e) => act(() => discsApi.choose(disc.id, { include_extras: e.target.checked }))} /> Rip the other titles as extras
      </label>
    </div>
  );
}

export function DiscPlanView({ disc, choiceKey, act, canAct }: DiscProps & { choiceKey: string }) {
  const [plan, setPlan] = useState<DiscPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    discsApi.plan(disc.id).then((p) => alive && (setPlan(p), setError(null)), (e) => alive && setError(messageOf(e)));
    return () => { alive = false; };
  }, [disc.id, choiceKey]);
  if (error) return <p className="muted">{error}</p>;
  if (!plan) return <p className="muted" role="status">Reading the disc…</p>;
  return (
    <div className="disc-plan">
      {plan.note ? <p className="muted">{plan.note}</p> : null}
      <TitlePicker disc={disc} plan={plan} act={act} canAct={canAct} />
      {plan.planned.length ? (
        <>
          <h3>The rip will make</h3>
          <ol className="disc-planned" aria-label="Planned files">
            {plan.planned.map((p) => (
              <li key={p.title_index}>{plannedText(p, Number(disc.choice.season ?? 1))}<br /><span className="muted">{p.target}</span></li>
            ))}
          </ol>
        </>
      ) : null}
      {plan.tracks.length ? (
        <ol className="disc-tracks" aria-label="Tracks">
          {plan.tracks.map((t) => <li key={t.number}>Track {t.number} · {clock(t.duration_s)}</li>)}
        </ol>
      ) : null}
    </div>
  );
}
