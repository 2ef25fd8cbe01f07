// Small display helpers. Everything here returns plain strings that React renders as text.

export function formatTime(seconds: number | null | undefined): string {
  if (!seconds) return "—";
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: "short", timeStyle: "medium" });
}

export function formatDuration(start: number | null, end: number | null): string {
  if (!start) return "";
  const total = Math.max(0, Math.round((end ?? Date.now() / 1000) - start));
  const minutes = Math.floor(total / 60);
  return minutes ? `${minutes} min ${total % 60} s` : `${total} s`;
}

export function clampPercent(value: number | null | undefined): number {
  if (typeof value !== "number" || Number.isNaN(value)) return 0;
  return Math.min(100, Math.max(0, value));
}
