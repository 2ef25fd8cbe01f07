// The podcast player: our downloaded copy through the library's stream route, with speed, skip
// back 15 s / forward 30 s, chapters, a sleep timer and "next in queue" when an episode ends.
// Where you are is saved every ~5 s while playing, on pause and seek (PUT …/position: the
// playback service's resume position, also a gPodder play action) and when the page goes away;
// opening the episode again, here or on another device, offers to resume.
import { useEffect, useRef, useState } from "react";
import { playFrom, usePositionSaver } from "../../components/hooks";
import { clock } from "../../components/mediaFormat";
import { ErrorNotice } from "../../components/Notice";
import { messageOf, savePlaybackOnExit } from "../../lib/api";
import { podcastsApi, streamUrl, type Chapter, type Episode } from "../../lib/podcastsApi";

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
const SLEEP_CHOICES = [0, 5, 15, 30, 60]; // minutes; 0 = off
const BACK_S = 15;
const FORWARD_S = 30;

function currentChapter(chapters: Chapter[], at: number): number {
  let index = -1;
  chapters.forEach((c, i) => { if (c.start_s <= at) index = i; });
  return index;
}

function SleepTimer({ audio }: { audio: React.RefObject<HTMLAudioElement | null> }) {
  const [minutes, setMinutes] = useState(0);
  const [endOfEpisode, setEndOfEpisode] = useState(false);
  useEffect(() => {
    if (!minutes) return undefined;
    const timer = window.setTimeout(() => { audio.current?.pause(); setMinutes(0); }, minutes * 60_000);
    return () => window.clearTimeout(timer);
  }, [minutes, audio]);
  useEffect(() => {
    const element = audio.current;
    if (!element || !endOfEpisode) return undefined;
    const stop = () => { element.dataset.sleepAtEnd = "1"; };
    element.addEventListener("ended", stop);
    return () => { element.removeEventListener("ended", stop); delete element.dataset.sleepAtEnd; };
  }, [endOfEpisode, audio]);
  const value = endOfEpisode ? "end" : String(minutes);
  return (
    <label className="player-control">
      Sleep
      <select aria-label="Sleep timer" value={value} onChange={(e) => {
        setEndOfEpisode(e.target.value === "end");
        setMinutes(e.target.value === "end" ? 0 : Number(e.target.value));
      }}>
        {SLEEP_CHOICES.map((m) => <option key={m} value={m}>{m ? `${m} min` : "Off"}</option>)}
        <option value="end">End of episode</option>
      </select>
    </label>
  );
}

export function EpisodePlayer({ episode, onEnded }: { episode: Episode; onEnded: () => void }) {
  const audio = useRef<HTMLAudioElement | null>(null);
  const { started, save } = usePositionSaver(String(episode.id), audio,
    (position, duration) => { podcastsApi.savePosition(episode.id, position, duration).catch(() => undefined); },
    (position, duration) => { if (episode.media_id) savePlaybackOnExit(episode.media_id, position, duration); });
  const [resumeAt, setResumeAt] = useState<number | null>(null);
  const [speed, setSpeed] = useState(1);
  const [at, setAt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const chapters = episode.chapters;

  useEffect(() => {
    if (!episode.media_id) return;
    setResumeAt(null);
    podcastsApi.playback(episode.media_id).then((p) => setResumeAt(p.resume_at ?? null), (e) => setError(messageOf(e)));
  }, [episode.media_id]);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed]);

  const start = (from: number) => {
    const element = audio.current;
    if (!element) return;
    setResumeAt(null);
    started.current = true;
    element.playbackRate = speed;
    playFrom(element, from, (e) => setError(messageOf(e)));
  };
  const skip = (seconds: number) => {
    const element = audio.current;
    if (element) element.currentTime = Math.max(0, element.currentTime + seconds);
  };
  const ended = () => {
    save(true);
    if (audio.current?.dataset.sleepAtEnd) return; // the sleep timer stops after this episode
    onEnded();
  };

  if (!episode.media_id) return null;
  const chapterIndex = currentChapter(chapters, at);
  return (
    <section className="podcast-player card" aria-label="Player">
      <h2 className="player-title">{episode.title}</h2>
      {resumeAt ? (
        <div className="resume-offer" role="group" aria-label="Resume">
          <button type="button" className="button-primary" onClick={() => start(resumeAt)}>Resume from {clock(resumeAt)}</button>
          <button type="button" onClick={() => start(0)}>Start over</button>
        </div>
      ) : null}
      <audio ref={(el) => { audio.current = el; }} src={streamUrl(episode.media_id)} controls preload="metadata"
        onPlay={() => { started.current = true; }} onTimeUpdate={(e) => { setAt(e.currentTarget.currentTime); save(false); }}
        onPause={() => save(true)} onSeeked={() => save(true)} onEnded={ended} />
      <div className="player-controls">
        <button type="button" onClick={() => skip(-BACK_S)} aria-label={`Back ${BACK_S} seconds`}>↺ {BACK_S}</button>
        <button type="button" onClick={() => skip(FORWARD_S)} aria-label={`Forward ${FORWARD_S} seconds`}>{FORWARD_S} ↻</button>
        <label className="player-control">
          Speed
          <select aria-label="Speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        <SleepTimer audio={audio} />
      </div>
      {chapters.length ? (
        <ol className="chapters" aria-label="Chapters">
          {chapters.map((c, i) => (
            <li key={`${c.start_s}-${i}`} className={i === chapterIndex ? "chapter current" : "chapter"}>
              <button type="button" className="button-quiet" onClick={() => { if (audio.current) audio.current.currentTime = c.start_s; }}>
                {clock(c.start_s)} {c.title}
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <ErrorNotice message={error} />
    </section>
  );
}
