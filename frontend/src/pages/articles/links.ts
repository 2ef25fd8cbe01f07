// Finding the link in what a phone's "share" sends (the share target in manifest.webmanifest).

/** The shared link: ``url`` when the app sent one, else the first http(s) address in ``text``. */
export function sharedUrl(params: URLSearchParams): string | null {
  const direct = (params.get("url") ?? "").trim();
  if (/^https?:\/\/\S+$/i.test(direct)) return direct;
  const found = (params.get("text") ?? "").match(/https?:\/\/[^\s<>"]+/i);
  return found ? found[0] : null;
}
