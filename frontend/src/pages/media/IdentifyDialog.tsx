// "Identify…": search TMDb for an item by what the person types (a title with a year and kind, or a
// TMDb / IMDb / TVDB id) and pick one of the answers (poster, runtime, overview); the pick is a sticky manual match. Used on an
// item's page and in the review queue, so an item with no candidates is never stuck. Music items
// (track, album, artist) get the MusicBrainz dialog instead (MusicIdentifyDialog).
import { useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { CandidateCard } from "../../components/CandidateCard";
import { ErrorNotice } from "../../components/Notice";
import { libraryApi, messageOf, type Candidate, type IdentifySearch, type MediaItem } from "../../lib/api";
import { isMusicKind } from "../../lib/musicApi";
import { MusicIdentifyDialog } from "./MusicIdentifyDialog";

type Mode = "title" | "id";
type Provider = NonNullable<IdentifySearch["provider"]>;

interface Props {
  item: { id: string; title: string; year?: number | null; kind: string };
  onMatched: (matched: MediaItem) => void;
  onClose: () => void;
}

function showKind(kind: string): "movie" | "show" {
  return ["episode", "season", "show"].includes(kind) ? "show" : "movie";
}

function Results({ results, busy, onPick }: { results: Candidate[]; busy: boolean; onPick: (c: Candidate) => void }) {
  if (!results.length) return <p role="status">Nothing found. Try another spelling, drop the year, or search by id.</p>;
  return (
    <ul className="candidate-list identify-results" aria-label="Search results">
      {results.map((c) => (
        <CandidateCard key={`${c.kind}-${c.provider_id}`} candidate={c} actionLabel="Choose" disabled={busy} onAction={() => onPick(c)} />
      ))}
    </ul>
  );
}

export function IdentifyDialog(props: Props) {
  return isMusicKind(props.item.kind) ? <MusicIdentifyDialog {...props} /> : <TmdbIdentifyDialog {...props} />;
}

function TmdbIdentifyDialog({ item, onMatched, onClose }: Props) {
  const [mode, setMode] = useState<Mode>("title");
  const [text, setText] = useState(item.title);
  const [year, setYear] = useState(item.year ? String(item.year) : "");
  const [kind, setKind] = useState<"movie" | "show">(showKind(item.kind));
  const [provider, setProvider] = useState<Provider>("imdb");
  const [externalId, setExternalId] = useState("");
  const [results, setResults] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const params: IdentifySearch = mode === "title" ? { q: text, year, kind } : { provider, id: externalId, kind };
      setResults((await libraryApi.identifySearch(item.id, params)).items);
    } catch (err) {
      setResults(null);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const pick = async (c: Candidate) => {
    setBusy(true);
    try {
      onMatched(await libraryApi.match(item.id, Number(c.provider_id), c.kind === "show" ? "episode" : "movie"));
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <div className="card identify-dialog" role="dialog" aria-label={`Identify ${item.title}`}>
      <form onSubmit={(e) => void search(e)}>
        <fieldset className="identify-mode">
          <legend>Search by</legend>
          <label><input type="radio" name="identify-mode" checked={mode === "title"} onChange={() => setMode("title")} /> Title</label>
          <label><input type="radio" name="identify-mode" checked={mode === "id"} onChange={() => setMode("id")} /> Id</label>
        </fieldset>
        {mode === "title" ? (
          <>
            <Field label="Title to search" value={text} onChange={(e) => setText(e.target.value)} required maxLength={300} />
            <Field label="Year" value={year} inputMode="numeric"
              onChange={(e) => setYear(e.target.value.replace(/\D/g, "").slice(0, 4))} />
          </>
        ) : (
          <>
            <div className="field">
              <label htmlFor="identify-provider">Id at</label>
              <select id="identify-provider" value={provider} onChange={(e) => setProvider(e.target.value as Provider)}>
                <option value="imdb">IMDb (tt…)</option>
                <option value="tmdb">TMDb</option>
                <option value="tvdb">TheTVDB</option>
              </select>
            </div>
            <Field label="Id" value={externalId} onChange={(e) => setExternalId(e.target.value.trim())} required maxLength={20}
              placeholder={provider === "imdb" ? "tt0110912" : "680"} />
          </>
        )}
        <div className="field">
          <label htmlFor="identify-kind">Kind</label>
          <select id="identify-kind" value={kind} onChange={(e) => setKind(e.target.value as "movie" | "show")}>
            <option value="movie">Film</option>
            <option value="show">Show (this file is an episode)</option>
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>Search</button>
          <button type="button" onClick={onClose}>Close</button>
        </div>
      </form>
      <ErrorNotice message={error} />
      {results ? <Results results={results} busy={busy} onPick={(c) => void pick(c)} /> : null}
    </div>
  );
}
