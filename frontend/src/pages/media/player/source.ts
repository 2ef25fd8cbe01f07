// Puts a play plan's URL into a <video>/<audio>: the file itself for direct play, otherwise the
// HLS playlist through hls.js (loaded only when needed; no worker, so the strict CSP holds: its
// media arrives as a blob: URL, which media-src allows) or the browser's own HLS (Safari).
import type { PlayPlan } from "../../../lib/playerApi";

export type Detach = () => void;

export async function attachSource(element: HTMLMediaElement, plan: Pick<PlayPlan, "method" | "url">, onFatal: (message: string) => void): Promise<Detach> {
  if (plan.method === "direct" || element.canPlayType("application/vnd.apple.mpegurl")) {
    element.src = plan.url;
    return () => { element.removeAttribute("src"); element.load(); };
  }
  const { default: Hls } = await import("hls.js/light"); // no subtitles or alternate audio in HLS: the app does those itself
  if (!Hls.isSupported()) {
    onFatal("This browser cannot play HLS (no Media Source Extensions); use the stream link in an external player.");
    return () => undefined;
  }
  const hls = new Hls({ enableWorker: false, maxBufferLength: 30, backBufferLength: 30, fragLoadingTimeOut: 60000 });
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (data.fatal) onFatal(`Playback failed (${data.type}: ${data.details}).`);
  });
  hls.loadSource(plan.url);
  hls.attachMedia(element);
  return () => hls.destroy();
}
