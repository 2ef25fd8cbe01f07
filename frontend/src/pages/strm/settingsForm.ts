// The STRM settings form as data: which fields, in which groups, and how a draft (what the
// inputs hold) turns into the changes to send. Secrets are write-only: their inputs start empty,
// and only a typed value is sent.
import { CLEANUP_MODES, STRM_STYLES, type StrmChanges, type StrmSettings } from "../../lib/strmApi";

export type StrmKey = Exclude<keyof StrmSettings, "auto_export">;
export type FieldKind = "text" | "number" | "bool" | "select" | "secret";

export interface FieldSpec {
  key: StrmKey;
  label: string;
  kind: FieldKind;
  hint?: string;
  options?: readonly string[];
  step?: string;
  min?: number;
  max?: number;
}

export interface FieldGroup {
  title: string;
  fields: FieldSpec[];
}

export const GROUPS: FieldGroup[] = [
  {
    title: "Output",
    fields: [
      { key: "output_dir", label: "Output folder", kind: "text", hint: "Point a media server's library at it. Empty: strm/export in the data folder, and no automatic export." },
      { key: "style", label: "Style", kind: "select", options: STRM_STYLES },
      { key: "public_base_url", label: "Public base URL", kind: "text", hint: "The address media servers reach this server at (not 0.0.0.0). Empty: server.public_base_url." },
      { key: "write_nfo", label: "Write .nfo files", kind: "bool" },
      { key: "genre_folders", label: "Genre folders", kind: "bool" },
    ],
  },
  {
    title: "Cleanup",
    fields: [
      { key: "cleanup", label: "Cleanup", kind: "select", options: CLEANUP_MODES, hint: "Only files the export wrote are ever deleted." },
      { key: "max_delete_share", label: "Largest share a run may delete", kind: "number", step: "0.05", min: 0, max: 1,
        hint: "0.2 = 20 %. A larger cleanup is held back unless forced." },
    ],
  },
  {
    title: "When",
    fields: [
      { key: "auto_run", label: "Export after library changes", kind: "bool" },
      { key: "debounce_seconds", label: "Quiet time before that export (s)", kind: "number", step: "1", min: 0 },
      { key: "schedule", label: "Schedule", kind: "text", hint: "daily HH:MM or a 5-field cron expression; empty: none." },
    ],
  },
  {
    title: "Writing",
    fields: [
      { key: "max_writers", label: "Most writers at once", kind: "number", step: "1", min: 1 },
      { key: "fsync", label: "Flush every file to disk (fsync)", kind: "bool" },
    ],
  },
  {
    title: "Media-server refresh",
    fields: [
      { key: "refresh_jellyfin_url", label: "Jellyfin/Emby URL", kind: "text" },
      { key: "refresh_jellyfin_api_key", label: "Jellyfin/Emby API key", kind: "secret" },
      { key: "refresh_plex_url", label: "Plex URL (fallback)", kind: "text",
        hint: "Plex servers on the Plex page are refreshed folder by folder, in the libraries that hold the export; these three are only for a server not on that page." },
      { key: "refresh_plex_token", label: "Plex token (fallback)", kind: "secret" },
      { key: "refresh_plex_section", label: "Plex library section (fallback)", kind: "text" },
    ],
  },
];

export const FIELDS: FieldSpec[] = GROUPS.flatMap((g) => g.fields);

export type Draft = Record<StrmKey, string | boolean>;

export function draftOf(settings: StrmSettings): Draft {
  const draft = {} as Draft;
  for (const spec of FIELDS) {
    const value = settings[spec.key];
    if (spec.kind === "secret") draft[spec.key] = "";
    else if (spec.kind === "bool") draft[spec.key] = Boolean(value);
    else draft[spec.key] = String(value);
  }
  return draft;
}

/** The changed fields only; throws an Error with a readable message for a bad number. */
export function changesOf(settings: StrmSettings, draft: Draft): StrmChanges {
  const changes: Record<string, string | number | boolean> = {};
  for (const spec of FIELDS) {
    const value = draft[spec.key];
    if (spec.kind === "secret") {
      if (typeof value === "string" && value !== "") changes[spec.key] = value;
    } else if (spec.kind === "number") {
      const number = Number(value);
      if (String(value).trim() === "" || !Number.isFinite(number)) throw new Error(`${spec.label} must be a number.`);
      if (number !== settings[spec.key]) changes[spec.key] = number;
    } else if (value !== settings[spec.key]) {
      changes[spec.key] = value;
    }
  }
  return changes as StrmChanges;
}
