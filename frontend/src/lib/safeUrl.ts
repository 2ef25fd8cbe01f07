// Links and images only ever point at http(s) URLs or at our own origin (relative URLs).
// Anything else (javascript:, data:, vbscript:, file:, …) becomes undefined, which React renders
// as no attribute at all. Text from uploads or upstream services passes through here before it
// lands in an href or src.

const ALLOWED_PROTOCOLS = new Set(["http:", "https:"]);
// Control characters and backslashes make browsers read "java\tscript:" or "/\evil.example"
// differently from how a parser would.
// eslint-disable-next-line no-control-regex
const AMBIGUOUS = /[\u0000-\u001f\u007f\\]/;

function ownOrigin(): string {
  return typeof window !== "undefined" ? window.location.origin : "http://localhost";
}

export function safeUrl(raw: string | null | undefined, origin: string = ownOrigin()): string | undefined {
  if (typeof raw !== "string") return undefined;
  const value = raw.trim();
  if (!value || AMBIGUOUS.test(value)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value, origin);
  } catch {
    return undefined;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return undefined;
  // Same-origin paths stay relative; anything else is returned fully resolved.
  const relative = value.startsWith("/") && !value.startsWith("//");
  return relative ? parsed.pathname + parsed.search + parsed.hash : parsed.href;
}
