// The player: HTML5 video or audio on the stream endpoint (Range requests, so seeking works).
// Where you are is saved every ~5 s while playing, on pause and seek, and when the page goes away
// (fetch with keepalive, which can carry the CSRF header). Opening an item again offers to resume.
// Sidecar subtitles come as WebVTT <track>s. When the browser cannot play the file, the page says
// why (its container and codecs) instead of showing a black box.
import { useEffect, useRef, useState } from "react";
import { playFrom, usePositionSaver } from "../../components/hooks";
import { Link, useParams } from "react-router-dom";
import { clock } from "../../components/mediaFormat";
import { ErrorNotice } from "../../components/Notice";
import { isAudioOnly, mediaErrorReason, unplayableReason } from "../../components/playability";
import {
  libraryApi, messageOf, savePlaybackOnExit, type MediaDetail, type PlaybackState, type Subtitle,
} from "../../lib/api";


interface Loaded {
  item: MediaDetail;
  playback: PlaybackState;
  subtitles: Subtitle[];
}

export function PlayerPage() {
  const { id = "" } = useParams();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [playError, setPlayError] = useState<string | null>(null);
  const [offerResume, setOfferResume] = useState(false);
  const media = useRef<HTMLMediaElement | null>(null);
  const { started, save } = usePositionSaver(id, media,
    (position, duration) => { libraryApi.savePlayback(id, position, duration).catch(() => undefined); },
    (position, duration) => savePlaybackOnExit(id, position, duration));

  useEffect(() => {
    Promise.all([libraryApi.media(id), libraryApi.playback(id), libraryApi.subtitles(id)])
      .then(([item, playback, subtitles]) => {
        setLoaded({ item, playback, subtitles: subtitles.items });
        setOfferResume(!!playback.resume_at);
      })
      .catch((e) => setError(messageOf(e)));
  }, [id]);

  const start = (at: number) => {
    const element = media.current;
    if (!element) return;
    setOfferResume(false);
    started.current = true;
    playFrom(element, at, () => setPlayError(mediaErrorReason(element.error?.code, loaded?.item.files[0])));
  };

  if (!loaded) return <section><ErrorNotice message={error} />{error ? null : <p className="loading">Loading…</p>}</section>;
  const { item, playback, subtitles } = loaded;
  const file = item.files.find((f) => !f.missing) ?? item.files[0];
  const warning = unplayableReason(file);
  const src = `/api/media/${encodeURIComponent(item.id)}/stream${file ? `?file=${file.id}` : ""}`;
  const events = {
    onPlay: () => { started.current = true; },
    onTimeUpdate: () => save(false),
    onPause: () => save(true),
    onSeeked: () => save(true),
    onEnded: () => save(true),
    onError: () => setPlayError(mediaErrorReason(media.current?.error?.code, file)),
  };
  const tracks = subtitles.map((s) => (
    <track key={s.index} kind="subtitles" src={s.url} srcLang={s.language ?? undefined} label={s.label} default={s.index === 0 && s.forced} />
  ));
  return (
    <section className="player">
      <div className="player-head">
        <h1>{item.title}</h1>
        <Link to={`/media/${encodeURIComponent(item.id)}`}>Details</Link>
      </div>
      {warning ? <p className="notice notice-error" role="note">{warning}</p> : null}
      {playError ? <p className="notice notice-error" role="alert" data-testid="play-error">{playError}</p> : null}
      {offerResume && playback.resume_at ? (
        <div className="resume-offer card" role="group" aria-label="Resume">
          <span>You stopped at {clock(playback.resume_at)}.</span>
          <button type="button" className="button-primary" onClick={() => start(playback.resume_at ?? 0)}>
            Resume from {clock(playback.resume_at)}
          </button>
          <button type="button" onClick={() => start(0)}>Start over</button>
        </div>
      ) : null}
      {isAudioOnly(file) ? (
        <audio ref={(el) => { media.current = el; }} src={src} controls preload="metadata" {...events} />
      ) : (
        <video ref={(el) => { media.current = el; }} src={src} controls preload="metadata" playsInline {...events}>
          {tracks}
        </video>
      )}
      {subtitles.length ? <p className="muted">Subtitles: {subtitles.map((s) => s.label).join(", ")} (choose them in the player’s menu).</p> : null}
    </section>
  );
}
