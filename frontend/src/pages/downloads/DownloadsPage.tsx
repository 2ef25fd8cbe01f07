// Downloads: paste a video, playlist or channel URL, pick a preset, watch it download live and play
// the result. A bookmarklet opens this page with the current tab's address filled in (?url=).
import { useCallback, useEffect, useId, useReducer, useRef, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { downloadsApi, PRESET_LABELS, type Download, type DownloadEngine } from "../../lib/downloadsApi";
import type { JobProgress } from "../../lib/events.gen";
import { useAuth } from "../../lib/auth";
import { canManageLibrary, isAdmin, VIEWER_HINT } from "../../lib/roles";
import { useServerEvent, useSocket } from "../../lib/socket";
import { CookiesForm } from "./CookiesForm";
import { DownloadRow } from "./DownloadRow";
import { Playlists } from "./Playlists";
import { Subscriptions } from "./Subscriptions";
import { downloadsReducer, initialDownloads } from "./downloadList";

function Bookmarklet() {
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    // Set outside React, which refuses javascript: URLs in href; the code only opens this page.
    const target = `${window.location.origin}/downloads?url=`;
    link.current?.setAttribute("href", `javascript:void(window.open('${target}'+encodeURIComponent(location.href)))`);
  }, []);
  return (
    <p className="muted">
      Drag <a ref={link} className="bookmarklet">Send to Media Library</a> to your bookmarks bar to download the page you are on.
    </p>
  );
}

function AddForm({ engine, onAdded }: { engine: DownloadEngine | null; onAdded: (d: Download) => void }) {
  const [params] = useSearchParams();
  const [url, setUrl] = useState(params.get("url") ?? "");
  const [preset, setPreset] = useState("best_mp4");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const urlId = useId();
  const presetId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onAdded(await downloadsApi.add(url.trim(), preset));
      setUrl("");
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const presets = engine?.presets ?? Object.keys(PRESET_LABELS);
  return (
    <form className="card download-form" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={urlId}>Video, playlist or channel URL</label>
        <input id={urlId} type="url" required value={url} placeholder="https://…" onChange={(e) => setUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={presetId}>Preset</label>
        <select id={presetId} value={preset} onChange={(e) => setPreset(e.target.value)}>
          {presets.map((p) => (
            <option key={p} value={p}>{PRESET_LABELS[p] ?? p}</option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={busy || !url.trim()}>Download</button>
      <ErrorNotice message={error} />
    </form>
  );
}

export function DownloadsPage() {
  const { connected } = useSocket();
  const [state, dispatch] = useReducer(downloadsReducer, initialDownloads);
  const [engine, setEngine] = useState<DownloadEngine | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadEntries = useCallback(async (rows: Download[]) => {
    for (const row of rows.filter((r) => r.status === "playlist")) {
      const detail = await downloadsApi.get(row.id);
      dispatch({ type: "entries", parentId: row.id, entries: detail.entries });
    }
  }, []);

  const load = useCallback(async () => {
    try {
      const { items } = await downloadsApi.list();
      dispatch({ type: "loaded", rows: items });
      await loadEntries(items);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [loadEntries]);

  useEffect(() => {
    void load();
  }, [load, connected]);
  const loadEngine = useCallback(() => {
    downloadsApi.engine().then(setEngine, (e: unknown) => setError(messageOf(e)));
  }, []);
  useEffect(loadEngine, [loadEngine]);
  const { user } = useAuth();

  const onUpdated = useCallback((download: Download) => {
    dispatch({ type: "updated", download });
    if (download.status === "playlist") void loadEntries([download]);
  }, [loadEntries]);
  const onProgress = useCallback((progress: JobProgress) => dispatch({ type: "progress", progress }), []);
  useServerEvent("download_updated", onUpdated);
  useServerEvent("job_progress", onProgress);

  return (
    <section>
      <div className="page-head">
        <h1>Downloads</h1>
        {engine ? <span className="muted" data-testid="engine">{engine.name} {engine.version}</span> : null}
      </div>
      {canManageLibrary(user?.role) ? <><AddForm engine={engine} onAdded={onUpdated} /><Bookmarklet /></> : <p className="muted">{VIEWER_HINT}</p>}
      {isAdmin(user?.role) && engine ? <CookiesForm stored={engine.cookies} onChanged={loadEngine} /> : null}
      <ErrorNotice message={error} />
      {state.rows.length === 0 ? <EmptyState title="Nothing downloaded yet">Paste a link above.</EmptyState> : null}
      <ol className="job-list download-list">
        {state.rows.map((row) => (
          <DownloadRow key={row.id} download={row} live={state.live} entries={state.entries[row.id]} onChanged={onUpdated} />
        ))}
      </ol>
      <Subscriptions presets={engine?.presets ?? Object.keys(PRESET_LABELS)} canManage={canManageLibrary(user?.role)} />
      <Playlists canManage={canManageLibrary(user?.role)} />
    </section>
  );
}
