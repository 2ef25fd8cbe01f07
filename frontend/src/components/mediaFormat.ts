// Display helpers for library items. Everything returns plain strings (rendered as text).
import type { MediaCard } from "../lib/api";

export const KIND_LABELS: Record<string, string> = {
  movie: "Film", show: "Show", season: "Season", episode: "Episode", artist: "Artist", album: "Album",
  track: "Track", video: "Online video", podcast_episode: "Podcast", article: "Article", book: "Book",
  unknown: "Unidentified",
};

export function clock(seconds: number | null | undefined): string {
  if (!seconds || !Number.isFinite(seconds) || seconds < 0) return "0:00";
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export function episodeCode(item: Pick<MediaCard, "season_number" | "episode_number" | "episode_end">): string {
  if (item.episode_number == null) return "";
  const season = String(item.season_number ?? 0).padStart(2, "0");
  const first = String(item.episode_number).padStart(2, "0");
  const last = item.episode_end != null ? `-E${String(item.episode_end).padStart(2, "0")}` : "";
  return `S${season}E${first}${last}`;
}

/** A track's place on its album: "Disc 2 · Track 3", or "Track 3" on a single disc; else "". */
export function trackCode(item: { disc_number?: number | null; track_number?: number | null }): string {
  if (item.track_number == null) return "";
  return item.disc_number != null && item.disc_number > 1 ? `Disc ${item.disc_number} · Track ${item.track_number}` : `Track ${item.track_number}`;
}

export function cardSubtitle(item: MediaCard): string {
  const parts = [KIND_LABELS[item.kind] ?? item.kind];
  const code = episodeCode(item) || trackCode(item);
  if (code) parts.push(code);
  if (item.year) parts.push(String(item.year));
  return parts.join(" · ");
}

export function percent(value: number | null | undefined): string {
  return typeof value === "number" ? `${Math.round(value * 100)}%` : "—";
}

export function bytes(size: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}

export const PLAYABLE_KINDS = new Set(["movie", "episode", "track", "video", "podcast_episode", "unknown"]);
