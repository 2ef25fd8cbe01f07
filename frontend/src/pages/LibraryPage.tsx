// The library grid: every kind as posters, filters and sorting kept in the URL, infinite scroll
// over the server's keyset cursor (a "Load more" button too), and an upload button. A library of
// 50,000 items is only ever fetched a page at a time.
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useOnVisible } from "../components/hooks";
import { EmptyState, ErrorNotice } from "../components/Notice";
import { PosterGrid } from "../components/PosterCard";
import { useCardPages } from "../components/useCardPages";
import { libraryApi, type LibraryQuery } from "../lib/api";
import { useAuth } from "../lib/auth";
import { canManageLibrary } from "../lib/roles";
import { ScanButton } from "./library/ScanButton";
import { DropZone, UploadList, useUploads } from "./library/Uploader";

const PAGE = 60;
const KINDS = [
  ["", "Everything"], ["movie", "Films"], ["show", "Shows"], ["artist", "Music"], ["album", "Albums"], ["track", "Tracks"],
  ["video", "Online videos"], ["podcast_episode", "Podcasts"], ["article", "Articles"], ["book", "Books"],
  ["unknown", "Unidentified"],
];
const SORTS = [["title", "Title A–Z"], ["-title", "Title Z–A"], ["-added", "Newest added"], ["added", "Oldest added"],
  ["-year", "Year, newest"], ["year", "Year, oldest"]];
const ADDED = [["", "Any time"], ["7", "Last 7 days"], ["30", "Last 30 days"], ["365", "Last year"]];
const WATCHED = [["", "Any"], ["false", "Not watched"], ["true", "Watched"]];

function addedAfter(days: string): string | undefined {
  if (!days) return undefined;
  return String(Math.floor(Date.now() / 1000 - Number(days) * 86400));
}

function Select({ label, value, options, onChange }: {
  label: string; value: string; options: string[][]; onChange: (v: string) => void;
}) {
  const id = `filter-${label.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </div>
  );
}

function UploadButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement | null>(null);
  const picked = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = "";
    if (files.length) onFiles(files);
  };
  return (
    <>
      <input ref={input} id="upload-input" type="file" multiple accept="video/*,audio/*,.mkv,.avi,.ts,.m2ts,.flac"
        onChange={picked} aria-label="Upload media files" hidden />
      <button type="button" onClick={() => input.current?.click()}>Upload</button>
    </>
  );
}

/** The year box: the filter applies once a whole year is typed (or the box is emptied), not at
 * "1" and "19" on the way. */
function YearFilter({ value, onChange }: { value: string; onChange: (year: string) => void }) {
  const [typed, setTyped] = useState(value);
  useEffect(() => setTyped(value), [value]);
  const edit = (raw: string) => {
    const year = raw.replace(/\D/g, "").slice(0, 4);
    setTyped(year);
    if (year.length === 4 || year === "") onChange(year);
  };
  return (
    <div className="field">
      <label htmlFor="filter-year">Year</label>
      <input id="filter-year" inputMode="numeric" placeholder="Any" value={typed} onChange={(e) => edit(e.target.value)}
        aria-describedby="filter-year-hint" />
      <span id="filter-year-hint" className="visually-hidden">Applies once four digits are typed</span>
    </div>
  );
}

export function LibraryPage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters: LibraryQuery = {
    kind: params.get("kind") ?? "", genre: params.get("genre") ?? "", year: params.get("year") ?? "",
    watched: params.get("watched") ?? "", sort: params.get("sort") ?? "title",
  };
  const added = params.get("added") ?? "";
  const addedSince = useMemo(() => addedAfter(added), [added]);
  const { items, next, loading, error, more } = useCardPages({ ...filters, added_after: addedSince }, PAGE);
  const [genres, setGenres] = useState<string[]>([]);
  const uploads = useUploads();
  const manager = canManageLibrary(user?.role);

  useEffect(() => {
    libraryApi.genres().then((g) => setGenres(g.items)).catch(() => setGenres([]));
  }, []);
  const sentinel = useOnVisible<HTMLDivElement>(more, !!next && !loading);

  const set = (name: string) => (value: string) => {
    const copy = new URLSearchParams(params);
    if (value) copy.set(name, value);
    else copy.delete(name);
    setParams(copy, { replace: true });
  };

  return (
    <DropZone enabled={manager} onFiles={uploads.add}>
    <section>
      <div className="page-head">
        <h1>Library</h1>
        <div className="actions">
          <Link to="/music">Music</Link>
          <Link to="/review">Review queue</Link>
          {manager ? <UploadButton onFiles={uploads.add} /> : null}
          {manager ? <ScanButton /> : null}
        </div>
      </div>
      {manager ? <p className="muted upload-hint">Drop files anywhere on this page to upload them.</p> : null}
      <UploadList entries={uploads.entries} onDismiss={uploads.dismiss} onClear={uploads.clearFinished} />
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Select label="Kind" value={filters.kind ?? ""} options={KINDS} onChange={set("kind")} />
        <Select label="Genre" value={filters.genre ?? ""} options={[["", "Any genre"], ...genres.map((g) => [g, g])]}
          onChange={set("genre")} />
        <YearFilter value={filters.year ?? ""} onChange={set("year")} />
        <Select label="Watched" value={filters.watched ?? ""} options={WATCHED} onChange={set("watched")} />
        <Select label="Added" value={added} options={ADDED} onChange={set("added")} />
        <Select label="Sort" value={filters.sort ?? "title"} options={SORTS} onChange={set("sort")} />
      </form>
      <ErrorNotice message={error} />
      {items.length === 0 && !loading && !error ? (
        <EmptyState title="Nothing here yet">Upload files, or scan the library folders, and they appear here.</EmptyState>
      ) : null}
      <PosterGrid items={items} label="Library items" />
      <div ref={sentinel} className="load-more">
        {next ? (
          <button type="button" disabled={loading} onClick={more}>{loading ? "Loading…" : "Load more"}</button>
        ) : loading ? <span className="loading">Loading…</span> : null}
      </div>
    </section>
    </DropZone>
  );
}
