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
/** Statuses in which a rip is on its way (queued, encoding). */
export const RUNNING = ["confirmed", "ripping"] as const;

const KIND_NAMES: Record<string, string> = { dvd: "DVD", bluray: "Blu-ray", audio_cd: "Audio CD", data: "Data disc" };
const STATUS_NAMES: Record<string, string> = {
  waiting: "waiting", ripped_before: "ripped before", review: "needs you", confirmed: "queued", ripping: "ripping",
  interrupted: "interrupted", done: "done", failed: "failed", unsupported: "cannot be ripped", ejected: "ejected",
};

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
