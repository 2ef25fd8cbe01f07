// What this browser plays, asked of the browser itself (canPlayType for a plain <video> source,
// MediaSource.isTypeSupported for HLS through hls.js), in the names the server's play decision
// uses (ffprobe's: h264, aac…). Pure apart from the probe it is given, so it is unit-tested.

export interface MediaProbe {
  canPlay(type: string): boolean;
}

export interface Capabilities {
  containers: string[];
  video: string[];
  audio: string[];
}

const CONTAINERS: Record<string, string> = {
  mp4: "video/mp4", webm: "video/webm", ogg: "audio/ogg", mp3: "audio/mpeg", flac: "audio/flac", wav: "audio/wav",
};
const VIDEO: Record<string, string> = {
  h264: 'video/mp4; codecs="avc1.640028"', hevc: 'video/mp4; codecs="hvc1.1.6.L120.90"', av1: 'video/mp4; codecs="av01.0.08M.08"',
  vp9: 'video/webm; codecs="vp9"', vp8: 'video/webm; codecs="vp8"',
};
const AUDIO: Record<string, string> = {
  aac: 'audio/mp4; codecs="mp4a.40.2"', mp3: "audio/mpeg", opus: 'audio/webm; codecs="opus"', vorbis: 'audio/webm; codecs="vorbis"',
  flac: "audio/flac", ac3: 'audio/mp4; codecs="ac-3"', eac3: 'audio/mp4; codecs="ec-3"', pcm_s16le: 'audio/wav; codecs="1"',
};

function supported(table: Record<string, string>, probe: MediaProbe): string[] {
  return Object.entries(table).filter(([, type]) => probe.canPlay(type)).map(([name]) => name);
}

export function capabilitiesOf(probe: MediaProbe): Capabilities {
  return { containers: supported(CONTAINERS, probe), video: supported(VIDEO, probe), audio: supported(AUDIO, probe) };
}

/** The probe of this browser: an answer of "maybe" or "probably" counts as playable. */
export function browserProbe(): MediaProbe {
  const video = document.createElement("video");
  return { canPlay: (type) => video.canPlayType(type) !== "" };
}

const METHODS: Record<string, string> = {
  direct: "Direct play", remux: "Remux (container only)", audio: "Audio transcode", video: "Video transcode",
};

export function methodLabel(method: string): string {
  return METHODS[method] ?? method;
}
