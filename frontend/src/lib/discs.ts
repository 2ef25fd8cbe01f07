// Pure rules of the Discs page and the disc notice: what a disc's status means to a person, the
// countdown before a rip starts, and the newest-first list kept current by `disc_updated` events.

export interface DiscLike {
  id: number;
  status: string;
  kind: string;
  label: string;
  confirm_deadline: number | null;
  updated_at: number;
}

/** Statuses in which the choice can still change and the rip can be started (the server's CONFIRMABLE). */
export const EDITABLE = ["waiting", "ripped_before", "review"] as const;
/** Statuses in which a rip is on its way (queued, copying to an image, encoding). With eject early the
 * disc is "imaging" while it is copied to an image, then "ejected" while the rip encodes from it. */
export const RUNNING = ["confirmed", "imaging", "ejected", "ripping"] as const;

const KIND_NAMES: Record<string, string> = { dvd: "DVD", bluray: "Blu-ray", audio_cd: "Audio CD", data: "Data disc" };
const STATUS_NAMES: Record<string, string> = {
  waiting: "waiting", ripped_before: "ripped before", review: "needs you", confirmed: "queued", ripping: "ripping",
  interrupted: "interrupted", done: "done", failed: "failed", unsupported: "cannot be ripped",
  imaging: "copying to an image", ejected: "ejected, encoding from the image",
};

/** What a running disc is doing, in a sentence under its progress bar (null: its message says it). */
export function stageText(status: string): string | null {
  if (status === "imaging") return "Copying the disc to an image first (eject early); it is ejected once copied.";
  if (status === "ejected") return "The disc is ejected and can be taken out; the rip encodes from its image.";
  return null;
}

/** The titles ticked for the rip: the person's own (`titles`), else what the plan picks. */
export function tickedTitles(chosen: readonly number[] | null | undefined, planned: readonly { title_index: number }[]): number[] {
  return chosen?.length ? [...chosen] : planned.map((p) => p.title_index);
}

/** `ticked` with `index` ticked or unticked, in disc order; never empty (the last one stays). */
export function toggleTitle(ticked: readonly number[], index: number, on: boolean): number[] {
  const next = on ? [...new Set([...ticked, index])] : ticked.filter((n) => n !== index);
  return (next.length ? next : [...ticked]).sort((a, b) => a - b);
}

export function kindName(kind: string): string {
  return KIND_NAMES[kind] ?? kind;
}

export function statusName(status: string): string {
  return STATUS_NAMES[status] ?? status;
}

export function isEditable(status: string): boolean {
  return (EDITABLE as readonly string[]).includes(status);
}

export function isRunning(status: string): boolean {
  return (RUNNING as readonly string[]).includes(status);
}

/** Whole seconds left before the rip starts by itself (null: no countdown). */
export function secondsLeft(disc: DiscLike, nowMs: number): number | null {
  if (disc.status !== "waiting" || disc.confirm_deadline === null) return null;
  return Math.max(0, Math.ceil(disc.confirm_deadline - nowMs / 1000));
}

export function countdownText(seconds: number): string {
  if (seconds <= 0) return "The rip is starting…";
  const minutes = Math.floor(seconds / 60);
  return `The rip starts in ${minutes ? `${minutes} min ${seconds % 60} s` : `${seconds} s`}`;
}

/** `list` with `changed` put in its place (or in front when new), newest first. */
export function upsertDisc<T extends DiscLike>(list: readonly T[], changed: T): T[] {
  const rest = list.filter((d) => d.id !== changed.id);
  return [changed, ...rest].sort((a, b) => b.id - a.id);
}

/** The disc a notice on every page should name: one waiting for a person or being ripped, newest first. */
export function discToAnnounce<T extends DiscLike>(list: readonly T[]): T | undefined {
  return list.find((d) => isEditable(d.status) || isRunning(d.status));
}
