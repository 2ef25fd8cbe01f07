// Jobs in words: a readable name for each kind, and a one-line summary of what a finished job did
// (from its result), so the Jobs page reads as a history rather than as raw JSON. Pure.

const NAMES: Record<string, string> = {
  "system.check": "System check", "database.backup": "Database backup", "library.scan": "Library scan",
  "library.identify": "Identify a video", "music.identify": "Identify music", "library.organize": "Organize files",
  "library.organize_undo": "Undo organize", "library.reidentify": "Identify again", "library.verify": "Check files",
  "strm.export": "STRM export", "disc.rip": "Rip a disc", "disc.image": "Copy a disc to an image",
  "disc.audio_cd": "Rip an audio CD", "download.url": "Download", "download.subscription": "Check a subscription",
  "podcast.refresh": "Refresh a podcast", "podcast.download": "Download an episode", "article.save": "Save an article",
};

export function jobName(kind: string): string {
  if (NAMES[kind]) return NAMES[kind];
  const words = kind.replace(/[._]/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Result = Record<string, unknown> | null | undefined;

const COUNT_WORDS: [string, string][] = [
  ["found", "found"], ["created", "created"], ["updated", "updated"], ["unchanged", "unchanged"], ["deleted", "deleted"], ["added", "added"],
  ["changed", "changed"], ["removed", "removed"], ["missing", "missing"], ["queued", "queued"], ["moved", "moved"],
  ["skipped", "skipped"], ["failed", "failed"], ["files", "files"], ["new", "new"],
];

/** What the job did, in one line; null when its result says nothing a person needs. */
export function jobSummary(result: Result): string | null {
  if (!result || typeof result !== "object") return null;
  if (typeof result.status === "string" && (result.title || result.media_id)) {
    const title = typeof result.title === "string" ? `: ${result.title}${typeof result.year === "number" ? ` (${result.year})` : ""}` : "";
    return `${result.status}${title}`;
  }
  const source = (result.counts && typeof result.counts === "object" ? result.counts : result) as Record<string, unknown>;
  const counts = COUNT_WORDS.filter(([key]) => typeof source[key] === "number" && (source[key] as number) > 0)
    .map(([key, word]) => `${source[key] as number} ${word}`);
  if (counts.length) return counts.join(", ");
  if (typeof result.path === "string") return `saved ${result.path.split("/").pop()}`;
  if (typeof result.title === "string") return result.title;
  return null;
}
