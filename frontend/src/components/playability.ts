// Whether a browser can play a file, from its container and codecs (MediaInfo's names), so the
// player can say why instead of showing a black box. Pure; no DOM needed.
import type { MediaFile } from "../lib/api";

const BAD_CONTAINERS: Record<string, string> = {
  AVI: "the AVI container", "MPEG-TS": "the MPEG transport stream (.ts) container", "MPEG-PS": "the MPEG program stream container",
  "Windows Media": "the Windows Media (ASF/WMV) container", "Flash Video": "the Flash Video container",
  RealMedia: "the RealMedia container", "BDAV": "the Blu-ray stream container",
};
const BAD_VIDEO: Record<string, string> = {
  HEVC: "HEVC (H.265) video", "MPEG Video": "MPEG-2 video", "VC-1": "VC-1 video",
  "MPEG-4 Visual": "MPEG-4 Part 2 (DivX/Xvid) video", "WMV": "Windows Media video", "ProRes": "ProRes video",
};
const BAD_AUDIO: Record<string, string> = {
  "AC-3": "Dolby Digital (AC-3) audio", "E-AC-3": "Dolby Digital Plus (E-AC-3) audio", DTS: "DTS audio",
  "MLP FairPlay": "Dolby TrueHD audio", TrueHD: "Dolby TrueHD audio", WMA: "Windows Media audio",
};

/** A sentence naming what a browser is unlikely to play as it is (the player converts it on the
 * server), or null when it should play directly. */
export function unplayableReason(file: MediaFile | undefined): string | null {
  if (!file) return "This item has no file to play.";
  if (file.missing) return "The file is missing on disk.";
  const problems: string[] = [];
  if (file.container && BAD_CONTAINERS[file.container]) problems.push(BAD_CONTAINERS[file.container]);
  if (file.video_codec && BAD_VIDEO[file.video_codec]) problems.push(BAD_VIDEO[file.video_codec]);
  const audio = file.audio_codecs.map((c) => BAD_AUDIO[c]).filter((x): x is string => !!x);
  if (audio.length && audio.length === file.audio_codecs.length) problems.push(audio[0]);
  if (!problems.length) return null;
  return `Browsers do not play ${problems.join(", ")} as it is; the player converts it on the fly (or copy the stream link into VLC or mpv).`;
}

/** The browser's MediaError, in words, with the file's details. */
export function mediaErrorReason(code: number | undefined, file: MediaFile | undefined): string {
  const what = file ? describeFile(file) : "this file";
  switch (code) {
    case 1: return "Playback was stopped.";
    case 2: return "The connection to the server broke while loading the file.";
    case 3: return `The browser could not decode ${what}.`;
    case 4: return `The browser cannot play ${what}: its container or codecs are not supported here.`;
    default: return `The browser could not play ${what}.`;
  }
}

export function describeFile(file: MediaFile): string {
  const parts = [file.container ?? "unknown container", file.video_codec, ...file.audio_codecs].filter(Boolean);
  return parts.join(" / ");
}

export function isAudioOnly(file: MediaFile | undefined): boolean {
  return !!file && !file.video_codec && file.audio_codecs.length > 0;
}
