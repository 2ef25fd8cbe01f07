// The plan of a waiting disc as the server computes it for the current choice: the disc's titles,
// ticked for the rip (by default what the plan picks: the main feature of a film, the episodes of a
// TV disc), the files the rip will make with their episode names, or an audio CD's tracks.
import { useEffect, useState } from "react";
import { clock, episodeCode } from "../../components/mediaFormat";
import { messageOf } from "../../lib/api";
import { discsApi, type DiscPlan, type PlannedOutput } from "../../lib/discsApi";
import { tickedTitles, toggleTitle } from "../../lib/discs";
import { VIEWER_HINT } from "../../lib/roles";
import type { DiscProps } from "./DiscCard";



function plannedText(p: PlannedOutput, season: number): string {
  if (p.role === "episode") {
    const code = episodeCode({ season_number: season, episode_number: p.number, episode_end: null });
    return `${code}${p.episode_name ? ` · ${p.episode_name}` : ""} — title ${p.title_index} (${clock(p.duration_s)})`;
  }
  return `${p.role === "main" ? "Main" : `Extra ${p.number}`}: title ${p.title_index} (${clock(p.duration_s)})`;
}

function titleText(t: DiscPlan["titles"][number], planned: PlannedOutput | undefined, season: number): string {
  const what = planned ? ` → ${planned.role === "episode" ? episodeCode({ season_number: season, episode_number: planned.number, episode_end: null })
    : planned.role === "main" ? "main feature" : `extra ${planned.number}`}` : "";
  return `Title ${t.index} · ${clock(t.duration_s)}${t.main_feature ? " (HandBrake's main feature)" : ""}${what}`;
}

/** Tick which of the disc's titles to rip (default: what the plan picks); for TV the ticked titles
 * are the episodes, numbered in disc order from the first episode. */
function TitleTicks({ disc, plan, act, canAct }: DiscProps & { plan: DiscPlan }) {
  if (!plan.titles.length || (disc.choice.mode !== "movie" && disc.choice.mode !== "tv")) return null;
  const ticked = tickedTitles(disc.choice.titles, plan.planned);
  const byTitle = new Map(plan.planned.map((p) => [p.title_index, p]));
  const choose = (titles: number[] | null) => act(() => discsApi.choose(disc.id, { titles }));
  return (
    <fieldset className="disc-ticks">
      <legend>Titles to rip</legend>
      {plan.titles.map((t) => (
        <label key={t.index}>
          <input type="checkbox" checked={ticked.includes(t.index)} title={canAct ? undefined : VIEWER_HINT}
            disabled={!canAct || (ticked.length === 1 && ticked.includes(t.index))}
            onChange={(e) => choose(toggleTitle(ticked, t.index, e.target.checked))} />
          {titleText(t, byTitle.get(t.index), Number(disc.choice.season ?? 1))}
        </label>
      ))}
      {disc.choice.titles?.length ? (
        <div className="actions"><button type="button" disabled={!canAct} onClick={() => choose(null)}>Let the plan choose</button></div>
      ) : null}
    </fieldset>
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
      <TitleTicks disc={disc} plan={plan} act={act} canAct={canAct} />
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
