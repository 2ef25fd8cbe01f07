// One upload per file, with progress and speed (XMLHttpRequest: fetch cannot report upload
// progress), two at a time, each turned into a line that changes as the file moves on: uploading
// → identifying → "identified as …" / "needs review" / "failed: …". Pure state helpers live here;
// the component (Uploader.tsx) renders them and sends the files.

export type UploadStatus = "queued" | "uploading" | "identifying" | "identified" | "review" | "failed";

export interface UploadEntry {
  key: string;
  name: string;
  size: number;
  loaded: number;
  startedAt: number | null;
  bytesPerSecond: number;
  status: UploadStatus;
  message: string | null;
  mediaId: string | null;
  jobId: number | null;
}

export const PARALLEL = 2;

export function entryFor(file: File, key: string): UploadEntry {
  return { key, name: file.name, size: file.size, loaded: 0, startedAt: null, bytesPerSecond: 0, status: "queued",
    message: null, mediaId: null, jobId: null };
}

export function percentOf(entry: UploadEntry): number {
  if (entry.status !== "queued" && entry.status !== "uploading") return 100;
  return entry.size ? Math.min(100, (entry.loaded / entry.size) * 100) : 0;
}

export function speedText(bytesPerSecond: number): string {
  if (bytesPerSecond <= 0) return "";
  const mib = bytesPerSecond / (1024 * 1024);
  return mib >= 1 ? `${mib.toFixed(1)} MiB/s` : `${Math.max(1, Math.round(bytesPerSecond / 1024))} KiB/s`;
}

export function statusText(entry: UploadEntry): string {
  switch (entry.status) {
    case "queued": return "waiting";
    case "uploading": return `uploading ${Math.floor(percentOf(entry))}%${entry.bytesPerSecond ? ` · ${speedText(entry.bytesPerSecond)}` : ""}`;
    case "identifying": return "uploaded, identifying…";
    case "identified": return `identified as ${entry.message ?? "?"}`;
    case "review": return "needs review: pick the right match in the review queue";
    case "failed": return `failed: ${entry.message ?? "unknown error"}`;
  }
}
