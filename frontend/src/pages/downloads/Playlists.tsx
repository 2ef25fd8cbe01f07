// Imported external playlists (docs/DOWNLOADS.md "External playlists"): for managers, import a file
// (an Exportify CSV, a playlist JSON of Spotify's account-data download, or an M3U/M3U8; the format
// follows the file's name); each playlist shows its matched and missing tracks and links its M3U;
// a manager can queue the missing tracks as audio downloads (when the admin set a track search URL).
import { useId, useState, type ChangeEvent } from "react";
import { useLoadedList } from "../../components/hooks";
import { EmptyState, ErrorNotice, InfoNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { downloadsApi, playlistFormatOf, type ImportedPlaylist } from "../../lib/downloadsApi";

function ImportForm({ onImported }: { onImported: (p: ImportedPlaylist) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    const format = playlistFormatOf(file.name);
    if (!format) {
      setError("Choose an Exportify .csv, a Spotify .json or an .m3u/.m3u8 file.");
      return;
    }
    setBusy(true);
    try {
      onImported(await downloadsApi.importPlaylist(format, await file.text(), file.name.replace(/\.[^.]+$/, "")));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
      input.value = "";
    }
  }

  return (
    <div className="card download-form playlist-import">
      <div className="field">
        <label htmlFor={inputId}>Import a playlist (Exportify CSV, Spotify JSON or M3U)</label>
        <input id={inputId} type="file" accept=".csv,.json,.m3u,.m3u8,text/csv,application/json,audio/x-mpegurl"
          disabled={busy} onChange={(e) => void upload(e)} />
      </div>
      <ErrorNotice message={error} />
    </div>
  );
}

function FetchMissing({ playlist }: { playlist: ImportedPlaylist }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function fetchMissing() {
    setBusy(true);
    try {
      const queued = await downloadsApi.fetchMissing(playlist.id);
      setDone(`Queued ${queued.items.length} audio download${queued.items.length === 1 ? "" : "s"}; they appear in the list above.`);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void fetchMissing()}>Fetch missing tracks</button>
      <InfoNotice message={done} />
      <ErrorNotice message={error} />
    </>
  );
}

function PlaylistCard({ playlist, open, canManage }: { playlist: ImportedPlaylist; open: boolean; canManage: boolean }) {
  return (
    <li className="card imported-playlist" data-playlist-id={playlist.id}>
      <details open={open}>
        <summary>
          <strong>{playlist.name}</strong>{" "}
          <span className="playlist-counts">{playlist.matched} matched, {playlist.missing} missing</span>
        </summary>
        <ol className="playlist-tracks">
          {playlist.tracks.map((t) => (
            <li key={t.position} className={t.media_id ? "track-matched" : "track-missing"} data-matched={t.media_id ? "yes" : "no"}>
              {t.artist ? `${t.artist} – ` : ""}{t.title}{" "}
              <span className="muted">{t.media_id ? "in the library" : "missing"}</span>
            </li>
          ))}
        </ol>
      </details>
      <a href={downloadsApi.m3uUrl(playlist.id)} download={`playlist-${playlist.id}.m3u8`}>Download M3U</a>
      {canManage && playlist.missing > 0 ? <FetchMissing playlist={playlist} /> : null}
    </li>
  );
}

export function Playlists({ canManage }: { canManage: boolean }) {
  const { items, error, load } = useLoadedList(downloadsApi.playlists, messageOf);
  const [latest, setLatest] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function imported(p: ImportedPlaylist) {
    setLatest(p.id);
    setDone(`Imported “${p.name}”: ${p.matched} matched, ${p.missing} missing.`);
    void load();
  }

  return (
    <section className="download-playlists" aria-labelledby="playlists-heading">
      <h2 id="playlists-heading">Imported playlists</h2>
      {canManage ? <ImportForm onImported={imported} /> : null}
      <InfoNotice message={done} />
      <ErrorNotice message={error} />
      {items.length === 0 ? <EmptyState title="No imported playlists">Import a Spotify export or an M3U to match it against the music library.</EmptyState> : null}
      <ul className="job-list playlist-list">
        {items.map((p) => <PlaylistCard key={p.id} playlist={p} open={p.id === latest} canManage={canManage} />)}
      </ul>
    </section>
  );
}
