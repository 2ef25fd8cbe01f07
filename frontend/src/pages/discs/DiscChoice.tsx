// What a waiting disc is and what its rip will make: film or TV, the candidates with posters (pick
// one), a typed title (search again, or use it as typed), for TV the series, season and first
// episode, which title to rip and whether extras come too — and the plan the server computes for
// that choice (GET /api/discs/<id>/plan: titles, planned files, episode names, CD tracks).
import { useState, type FormEvent } from "react";
import { CandidateCard } from "../../components/CandidateCard";
import { Field } from "../../components/Field";
import type { Candidate } from "../../lib/api";
import { discsApi, type DiscChoice } from "../../lib/discsApi";
import { VIEWER_HINT } from "../../lib/roles";
import type { DiscProps as Props } from "./DiscCard";
import { DiscPlanView } from "./DiscPlan";



const number = (text: string): number | null => (/^\d+$/.test(text) ? Number(text) : null);

function pickChoice(c: Candidate): Partial<DiscChoice> {
  const year = c.year ?? null;
  if (c.kind === "show") return { mode: "tv", series: c.title, year, tmdb_id: Number(c.provider_id), season: 1, first_episode: 1 };
  return { mode: "movie", title: c.title, year, tmdb_id: Number(c.provider_id), runtime_minutes: c.runtime_minutes ?? null };
}

function Candidates({ disc, act, canAct }: Props) {
  if (!disc.candidates.length) return <p className="muted">No match yet: type the title below.</p>;
  const chosen = disc.choice.tmdb_id ? String(disc.choice.tmdb_id) : null;
  return (
    <ul className="candidate-list" aria-label={`Matches for ${disc.label || "the disc"}`}>
      {disc.candidates.map((c) => (
        <CandidateCard key={`${c.kind}-${c.provider_id}`} candidate={c} actionLabel="Pick" chosen={c.provider_id === chosen}
          disabled={!canAct} hint={canAct ? undefined : VIEWER_HINT} onAction={() => act(() => discsApi.choose(disc.id, pickChoice(c)))} />
      ))}
    </ul>
  );
}

function TypedTitle({ disc, act, canAct }: Props) {
  const [title, setTitle] = useState(String(disc.choice.title ?? disc.title_guess ?? ""));
  const [year, setYear] = useState(disc.choice.year ? String(disc.choice.year) : "");
  const search = (e: FormEvent) => {
    e.preventDefault();
    act(() => discsApi.search(disc.id, [title, year].filter(Boolean).join(" ")));
  };
  const useTyped = () => act(() => discsApi.choose(disc.id, { mode: "movie", title, year: number(year), tmdb_id: null, runtime_minutes: null }));
  return (
    <form className="form-row disc-title-form" aria-label="Type a title" onSubmit={search}>
      <Field label="Film title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      <Field label="Year" value={year} inputMode="numeric" onChange={(e) => setYear(e.target.value.replace(/\D/g, "").slice(0, 4))} />
      <div className="actions">
        <button type="submit" disabled={!canAct}>Search</button>
        <button type="button" disabled={!canAct || !title.trim()} onClick={useTyped}>Use as typed</button>
      </div>
    </form>
  );
}

function TvForm({ disc, act, canAct }: Props) {
  const c = disc.choice;
  const [series, setSeries] = useState(String(c.series ?? c.title ?? disc.title_guess ?? ""));
  const [year, setYear] = useState(c.year ? String(c.year) : "");
  const [season, setSeason] = useState(String(c.season ?? 1));
  const [first, setFirst] = useState(String(c.first_episode ?? 1));
  const save = (e: FormEvent) => {
    e.preventDefault();
    const tmdb = c.mode === "tv" && c.series === series ? c.tmdb_id : null; // a renamed series is looked up again
    act(() => discsApi.choose(disc.id, { mode: "tv", series, year: number(year), season: number(season) ?? 1,
      first_episode: number(first) ?? 1, tmdb_id: tmdb ?? null }));
  };
  return (
    <form className="form-row disc-tv-form" aria-label="TV disc" onSubmit={save}>
      <Field label="Series" value={series} onChange={(e) => setSeries(e.target.value)} required maxLength={200} />
      <Field label="Series year" value={year} inputMode="numeric" onChange={(e) => setYear(e.target.value.replace(/\D/g, "").slice(0, 4))} />
      <Field label="Season" value={season} inputMode="numeric" required onChange={(e) => setSeason(e.target.value.replace(/\D/g, "").slice(0, 3))} />
      <Field label="First episode" value={first} inputMode="numeric" required onChange={(e) => setFirst(e.target.value.replace(/\D/g, "").slice(0, 3))} />
      <div className="actions"><button type="submit" disabled={!canAct}>Save TV details</button></div>
    </form>
  );
}

function ModeSwitch({ disc, act, canAct }: Props) {
  const mode = disc.choice.mode;
  const toFilm = () => act(() => discsApi.choose(disc.id, { mode: "movie", title: disc.choice.series ?? disc.title_guess ?? null }));
  const toTv = () => act(() => discsApi.choose(disc.id, { mode: "tv", series: disc.choice.title ?? disc.title_guess ?? disc.label,
    season: 1, first_episode: 1 }));
  return (
    <fieldset className="identify-mode disc-mode">
      <legend>This disc holds</legend>
      <label><input type="radio" name={`disc-mode-${disc.id}`} checked={mode === "movie"} disabled={!canAct} onChange={toFilm} /> A film</label>
      <label><input type="radio" name={`disc-mode-${disc.id}`} checked={mode === "tv"} disabled={!canAct} onChange={toTv} /> TV episodes</label>
    </fieldset>
  );
}

export function DiscChoiceEditor({ disc, act, canAct }: Props) {
  const video = disc.kind === "dvd" || disc.kind === "bluray";
  const choiceKey = JSON.stringify(disc.choice);
  return (
    <div className="disc-choice">
      {video ? <ModeSwitch disc={disc} act={act} canAct={canAct} /> : null}
      {video && disc.choice.mode === "movie" ? (
        <>
          <Candidates disc={disc} act={act} canAct={canAct} />
          <TypedTitle key={`title-${choiceKey}`} disc={disc} act={act} canAct={canAct} />
        </>
      ) : null}
      {video && disc.choice.mode === "tv" ? <TvForm key={`tv-${choiceKey}`} disc={disc} act={act} canAct={canAct} /> : null}
      <DiscPlanView disc={disc} choiceKey={choiceKey} act={act} canAct={canAct} />
    </div>
  );
}
