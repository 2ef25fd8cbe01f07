// "Identify…" for music: search MusicBrainz by artist, album and title (prefilled from the file's own
// tags, which are shown), or paste a release or recording id; apply a release to this track or to the
// whole album (every file of its folder is paired with a track by number, duration and title).
import { useEffect, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { useBusyAction } from "../../components/useBusyAction";
import { messageOf, type MediaItem } from "../../lib/api";
import { musicApi, type MusicRecording, type MusicRelease, type MusicScope, type MusicSearch, type MusicTags } from "../../lib/musicApi";

interface Props {
  item: { id: string; title: string; kind: string };
  onMatched: (matched: MediaItem) => void;
  onClose: () => void;
}

const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function FileTags({ tags }: { tags: MusicTags | null }) {
  if (!tags) return null;
  return (
    <details className="music-tags">
      <summary>The files' own tags ({tags.files.length} {tags.files.length === 1 ? "file" : "files"})</summary>
      <ul>
        {tags.files.map((f) => (
          <li key={f.file_id}>
            <strong>{f.name}</strong>{" "}
            {Object.keys(f.tags).length ? Object.entries(f.tags).map(([k, v]) => `${k}: ${v}`).join(" · ") : <span className="muted">no tags</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function ReleaseResult({ release, album, busy, onApply }: {
  release: MusicRelease; album: boolean; busy: boolean; onApply: (id: string, scope: MusicScope) => void;
}) {
  const facts = [release.artist, release.year, release.country, release.formats.join(" + "), release.label].filter(Boolean).join(" · ");
  return (
    <li className="card music-result">
      <h3>{release.title}</h3>
      <p className="muted">{facts} · {release.track_count ?? "?"} tracks</p>
      <div className="actions">
        <button type="button" className="button-primary" disabled={busy}
          onClick={() => onApply(release.musicbrainz_release, "album")}>Apply to album</button>
        {album ? null : <button type="button" disabled={busy} onClick={() => onApply(release.musicbrainz_release, "track")}>Apply to this track</button>}
      </div>
    </li>
  );
}

function RecordingResult({ recording, busy, onApply }: { recording: MusicRecording; busy: boolean; onApply: (id: string) => void }) {
  const on = recording.releases.map((r) => r.title).slice(0, 2).join(", ");
  return (
    <li className="card music-result">
      <h3>{recording.title}</h3>
      <p className="muted">{recording.artist}{recording.length_s ? ` · ${Math.round(recording.length_s)} s` : ""}{on ? ` · on ${on}` : ""}</p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => onApply(recording.musicbrainz_recording)}>Apply to this track</button>
      </div>
    </li>
  );
}

export function MusicIdentifyDialog({ item, onMatched, onClose }: Props) {
  const album = item.kind === "album";
  const [tags, setTags] = useState<MusicTags | null>(null);
  const [artist, setArtist] = useState("");
  const [albumTitle, setAlbumTitle] = useState(album ? item.title : "");
  const [title, setTitle] = useState(album ? "" : item.title);
  const [releaseId, setReleaseId] = useState("");
  const [results, setResults] = useState<MusicSearch | null>(null);
  const { busy, error, setError, run } = useBusyAction();

  useEffect(() => {
    musicApi.tags(item.id).then((t) => {
      setTags(t);
      const first = t.files.find((f) => Object.keys(f.tags).length)?.tags ?? {};
      if (first.artist) setArtist(first.artist);
      if (first.album) setAlbumTitle(first.album);
      if (first.title && !album) setTitle(first.title);
    }).catch((e) => setError(messageOf(e)));
  }, [item.id, album]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => setResults(await musicApi.search({ artist, album: albumTitle, title })));
  };
  const applyRelease = (id: string, scope: MusicScope) => void run(async () => onMatched(await musicApi.matchRelease(item.id, id, scope)));
  const applyRecording = (id: string) => void run(async () => onMatched(await musicApi.matchRecording(item.id, id)));
  const byId = (e: FormEvent) => {
    e.preventDefault();
    if (!MBID.test(releaseId.trim())) { setError("A MusicBrainz release id looks like 8-4-4-4-12 hexadecimal digits."); return; }
    applyRelease(releaseId.trim().toLowerCase(), "album");
  };
  const empty = results && !results.releases.length && !results.recordings.length;
  return (
    <div className="card identify-dialog music-identify" role="dialog" aria-label={`Identify ${item.title}`}>
      <FileTags tags={tags} />
      <form onSubmit={search}>
        <Field label="Artist" value={artist} onChange={(e) => setArtist(e.target.value)} maxLength={200} />
        <Field label="Album" value={albumTitle} onChange={(e) => setAlbumTitle(e.target.value)} maxLength={200} />
        {album ? null : <Field label="Track title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>Search MusicBrainz</button>
          <button type="button" onClick={onClose}>Close</button>
        </div>
      </form>
      <form onSubmit={byId} className="music-by-id">
        <Field label="MusicBrainz release id" value={releaseId} onChange={(e) => setReleaseId(e.target.value)} maxLength={40}
          placeholder="b1f7a9c2-3d4e-4f5a-8b6c-7d8e9f0a1b2c" />
        <div className="actions">
          <button type="submit" disabled={busy || !releaseId.trim()}>Apply release to album</button>
        </div>
      </form>
      <ErrorNotice message={error} />
      {empty ? <p role="status">Nothing found. Try fewer words, or paste a release id.</p> : null}
      {results?.releases.length ? (
        <ul className="identify-results" aria-label="Releases">
          {results.releases.map((r) => <ReleaseResult key={r.musicbrainz_release} release={r} album={album} busy={busy} onApply={applyRelease} />)}
        </ul>
      ) : null}
      {results?.recordings.length ? (
        <ul className="identify-results" aria-label="Recordings">
          {results.recordings.map((r) => <RecordingResult key={r.musicbrainz_recording} recording={r} busy={busy} onApply={applyRecording} />)}
        </ul>
      ) : null}
    </div>
  );
}
