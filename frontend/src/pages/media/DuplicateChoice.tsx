// A second copy waiting in review (a duplicate, or an organize collision: a file already holding its
// name): what it duplicates, and the three answers (keep both as versions,
// replace the old copy, which goes to the trash, or discard the new one).
import { useState } from "react";
import { Link } from "react-router-dom";
import { bytes } from "../../components/mediaFormat";
import { ErrorNotice } from "../../components/Notice";
import { libraryApi, messageOf, type DuplicateAction, type DuplicateOf } from "../../lib/api";

const ANSWERS: { action: DuplicateAction; label: string; done: string }[] = [
  { action: "keep_both", label: "Keep both", done: "kept as another version" },
  { action: "replace", label: "Replace the old copy", done: "replaced (the old copy is in the trash)" },
  { action: "discard", label: "Discard this copy", done: "discarded" },
];

export function DuplicateChoice({ mediaId, duplicate, onDecided }: {
  mediaId: string; duplicate: DuplicateOf; onDecided: (message: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (action: DuplicateAction, done: string) => {
    setBusy(true);
    try {
      const kept = await libraryApi.decideDuplicate(mediaId, action);
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
      <div className="actions">
        {ANSWERS.map((a) => (
          <button key={a.action} type="button" disabled={busy} onClick={() => void decide(a.action, a.done)}>{a.label}</button>
        ))}
      </div>
    </div>
  );
}
