// Settings → Library folders (library managers and admins): the folders a scan reads, each with
// its kind (films, shows, music, mixed), a Scan button per folder, adding and removing. The media
// folder's own files are always scanned; folders must lie inside it or an allowed folder.
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { libraryManageApi, type FolderKind, type FolderListing, type LibraryFolder } from "../../lib/libraryManageApi";
import { ScanButton } from "../library/ScanButton";
import "./libraryManage.css";

const KIND_LABELS: Record<FolderKind, string> = { films: "Films", shows: "Shows", music: "Music", mixed: "Mixed" };

function FolderRow({ folder, onRemove }: { folder: LibraryFolder; onRemove: (folder: LibraryFolder) => void }) {
  return (
    <li className="row-item folder-row" data-folder-path={folder.path}>
      <span className="row-main">
        <strong className="folder-path">{folder.path}</strong> <span className="badge">{KIND_LABELS[folder.kind]}</span>
        {folder.exists ? null : folder.builtin ? <span className="badge">created by the first scan</span>
          : <span className="badge badge-failed">not there: skipped by scans</span>}
      </span>
      <span className="row-actions">
        <ScanButton folderId={folder.id} label="Scan" />
        <button type="button" className="button-danger" onClick={() => onRemove(folder)}
          aria-label={`Remove ${folder.path}`}>Remove</button>
      </span>
    </li>
  );
}

function AddFolderForm({ kinds, onAdded }: { kinds: FolderKind[]; onAdded: () => void }) {
  const [path, setPath] = useState("");
  const [kind, setKind] = useState<FolderKind>("mixed");
  const [error, setError] = useState<string | null>(null);
  const kindId = useId();
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await libraryManageApi.addFolder(path.trim(), kind);
      setPath("");
      onAdded();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="form-row add-folder" onSubmit={(e) => void add(e)} aria-label="Add a library folder">
      <Field label="Folder" value={path} onChange={(e) => setPath(e.target.value)} required
        placeholder="Anime, or /mnt/nas/films" hint="Relative to the media folder, or an absolute path inside an allowed folder" />
      <div className="field">
        <label htmlFor={kindId}>Kind</label>
        <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as FolderKind)}>
          {kinds.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
        </select>
      </div>
      <button type="submit">Add folder</button>
      <ErrorNotice message={error} />
    </form>
  );
}

export function LibraryFoldersSection() {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    libraryManageApi.folders().then((l) => { setListing(l); setError(null); }).catch((e) => setError(messageOf(e)));
  }, []);
  useEffect(refresh, [refresh]);
  const remove = async (folder: LibraryFolder) => {
    if (!window.confirm(`Stop scanning ${folder.path}? Its files stay in the library.`)) return;
    try {
      await libraryManageApi.removeFolder(folder.id);
      refresh();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div className="card library-folders" aria-labelledby="library-folders-title">
      <h2 id="library-folders-title">Library folders</h2>
      <ErrorNotice message={error} />
      {listing ? (
        <>
          <p className="muted">
            Files lying directly in the media folder <code>{listing.media_root}</code> are scanned too. The kind decides
            how files are identified: films, shows (episodes), music, or mixed (guessed from the name).
          </p>
          <ul className="row-list" aria-label="Library folders">
            {listing.items.map((folder) => <FolderRow key={folder.id} folder={folder} onRemove={(f) => void remove(f)} />)}
          </ul>
          <AddFolderForm kinds={listing.kinds as FolderKind[]} onAdded={refresh} />
          <ScanButton label="Scan all folders" />
        </>
      ) : <p className="loading">Loading…</p>}
    </div>
  );
}
