// A second copy waiting in review (a duplicate, or an organize collision: a file already holding its
// name): what it duplicates, and the three answers (keep both as versions, replace the old copy,
// which goes to the trash, or discard the new one). For a music track the answer can cover every
// held copy from the same album (beets asks once per album).
import { useState } from "react";
import { Link } from "react-router-dom";
import { bytes } from "../../components/mediaFormat";
import { ErrorNotice } from "../../components/Notice";
import { libraryApi, messageOf, type DuplicateAction, type DuplicateOf } from "../../lib/api";
import { musicApi } from "../../lib/musicApi";

const ANSWERS: { action: DuplicateAction; label: string; done: string }[] = [
  { action: "keep_both", label: "Keep both", done: "kept as another version" },
  { action: "replace", label: "Replace the old copy", done: "replaced (the old copy is in the trash)" },
  { action: "discard", label: "Discard this copy", done: "discarded" },
];

export function DuplicateChoice({ mediaId, duplicate, onDecided, track = false }: {
  mediaId: string; duplicate: DuplicateOf; onDecided: (message: string) => void; track?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [wholeAlbum, setWholeAlbum] = useState(track);
  const [error, setError] = useState<string | null>(null);
  const decide = async (action: DuplicateAction, done: string) => {
    setBusy(true);
    try {
      const kept = track && wholeAlbum
        ? await musicApi.decideAlbumDuplicate(mediaId, action)
        : await libraryApi.decideDuplicate(mediaId, action);
      onDecided(`${kept.title}: the new copy was ${done}.`);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  const sizes = duplicate.files.map((f) => bytes(f.size)).join(", ");
  const item = <Link to={`/media/${encodeURIComponent(duplicate.media_id)}`}>{duplicate.title}{duplicate.year ? ` (${duplicate.year})` : ""}</Link>;
  return (
    <div className="duplicate-choice" role="group" aria-label="Second copy">
      {duplicate.collision_path ? (
        <p>
          Organizing this file as {item} would overwrite <code>{duplicate.collision_path}</code>, a file already there
          that the library does not know. What should happen to this one?
        </p>
      ) : (
        <p>
          {duplicate.same_content ? "An identical copy of " : "Another copy of "}{item}
          {" "}is already in the library{sizes ? ` (${sizes})` : ""}. What should happen to this one?
        </p>
      )}
      <ErrorNotice message={error} />
      {track ? (
        <label className="duplicate-album">
          <input type="checkbox" checked={wholeAlbum} onChange={(e) => setWholeAlbum(e.target.checked)} /> The same for every copy from this album
        </label>
      ) : null}
      <div className="actions">
        {ANSWERS.map((a) => (
          <button key={a.action} type="button" disabled={busy} onClick={() => void decide(a.action, a.done)}>{a.label}</button>
        ))}
      </div>
    </div>
  );
}
