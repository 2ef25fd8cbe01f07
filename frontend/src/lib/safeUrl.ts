// Links and images only ever point at http(s) URLs or at our own origin (relative URLs).
// Anything else (javascript:, data:, vbscript:, file:, …) becomes undefined, which React renders
// as no attribute at all. Text from uploads or upstream services passes through here before it
// lands in an href or src.

const ALLOWED_PROTOCOLS = new Set(["http:", "https:"]);

export function safeUrl(raw: string | null | undefined): string | undefined {
  if (typeof raw !== "string") return undefined;
  const value = raw.trim();
  if (!value) return undefined;
  // Control characters and backslashes let browsers read "java\tscript:" or "/\evil" differently.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value, window.location.origin);
  } catch {
    return undefined;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return undefined;
  const relative = value.startsWith("/") && !value.startsWith("//");
  return relative ? parsed.pathname + parsed.search + parsed.hash : parsed.href;
}
