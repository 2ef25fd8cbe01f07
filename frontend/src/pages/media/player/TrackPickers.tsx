// The audio track and subtitle pickers under the player. Text subtitles (sidecar files and the
// file's own text streams, as WebVTT) are switched on the <video>'s text tracks; image subtitles
// (PGS, VobSub) can only be burned into the video, which asks the server for a new encode.
import type { PlayPlan } from "../../../lib/playerApi";

export interface TextSubtitle {
  key: string;
  label: string;
  url: string;
  language: string | null;
}

/** "off", "text:<n>" (the n-th text track) or "burn:<stream>" (an image subtitle stream). */
export type SubtitleChoice = string;

interface Props {
  plan: PlayPlan;
  texts: TextSubtitle[];
  subtitle: SubtitleChoice;
  onAudio: (index: number) => void;
  onSubtitle: (choice: SubtitleChoice) => void;
}

export function TrackPickers({ plan, texts, subtitle, onAudio, onSubtitle }: Props) {
  const images = plan.subtitles.filter((s) => s.kind === "image");
  return (
    <div className="player-pickers">
      {plan.audio.length > 1 ? (
        <label>
          Audio
          <select value={plan.audio_stream ?? 0} onChange={(e) => onAudio(Number(e.target.value))} data-testid="audio-picker">
            {plan.audio.map((t) => <option key={t.index} value={t.index}>{t.label}</option>)}
          </select>
        </label>
      ) : null}
      {texts.length || images.length ? (
        <label>
          Subtitles
          <select value={subtitle} onChange={(e) => onSubtitle(e.target.value)} data-testid="subtitle-picker">
            <option value="off">Off</option>
            {texts.map((t, i) => <option key={t.key} value={`text:${i}`}>{t.label}</option>)}
            {images.map((s) => <option key={`burn-${s.index}`} value={`burn:${s.index}`}>{s.label} (burned in)</option>)}
          </select>
        </label>
      ) : null}
    </div>
  );
}

/** Shows text track ``chosen`` (or none) on the element; the rest are disabled. */
export function showTextTrack(element: HTMLMediaElement | null, chosen: number | null): void {
  if (!element) return;
  Array.from(element.textTracks).forEach((track, i) => { track.mode = i === chosen ? "showing" : "disabled"; });
}
