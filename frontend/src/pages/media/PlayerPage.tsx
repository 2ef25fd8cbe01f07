// The player. It asks the server how this browser plays the file (POST /play with what the
// browser says it decodes): directly, or remuxed / transcoded by ffmpeg on the fly into HLS, and
// says which and why. Audio track and subtitle pickers (text subtitles as WebVTT tracks, image
// subtitles burned in by a new encode), "up next" for episodes (an album played in order goes straight on to its next track), keyboard shortcuts, and a stream
// link for external players. Where you are is saved every ~5 s while playing, on pause and seek,
// and when the page goes away; opening an item again offers to resume. Leaving ends the server's
// playback session (its ffmpeg stops and its segments go).
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { browserProbe, capabilitiesOf, methodLabel } from "../../components/capabilities";
import { playFrom, usePositionSaver } from "../../components/hooks";
import { clock } from "../../components/mediaFormat";
import { ErrorNotice } from "../../components/Notice";
import { isAudioOnly, mediaErrorReason } from "../../components/playability";
import { libraryApi, messageOf, savePlaybackOnExit, type MediaDetail, type PlaybackState } from "../../lib/api";
import { playerApi, type PlayPlan, type PlayRequest } from "../../lib/playerApi";
import { attachSource } from "./player/source";
import { SHORTCUTS, usePlayerShortcuts } from "./player/shortcuts";
import { StreamLink } from "./player/StreamLink";
import { showTextTrack, TrackPickers, type SubtitleChoice, type TextSubtitle } from "./player/TrackPickers";
import { UpNext } from "./player/UpNext";

const UP_NEXT_BEFORE_END_S = 20;

interface Loaded {
  item: MediaDetail;
  playback: PlaybackState;
  texts: TextSubtitle[];
}

export function PlayerPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const inAlbum = useSearchParams()[0].get("from") === "album"; // "Play album": on to the next track at once
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [plan, setPlan] = useState<PlayPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [playError, setPlayError] = useState<string | null>(null);
  const [offerResume, setOfferResume] = useState(false);
  const [subtitle, setSubtitle] = useState<SubtitleChoice>("off");
  const [upNext, setUpNext] = useState<"hidden" | "near" | "ended" | "dismissed">("hidden");
  const media = useRef<HTMLMediaElement | null>(null);
  const seekAfterLoad = useRef<number | null>(null);
  const { started, save } = usePositionSaver(id, media,
    (position, duration) => { libraryApi.savePlayback(id, position, duration).catch(() => undefined); },
    (position, duration) => savePlaybackOnExit(id, position, duration));

  const choose = useCallback(async (request: PlayRequest) => {
    try {
      setPlayError(null);
      setPlan(await playerApi.play(id, { capabilities: capabilitiesOf(browserProbe()), ...request }));
    } catch (e) {
      setPlayError(messageOf(e));
    }
  }, [id]);

  useEffect(() => {
    setLoaded(null); setPlan(null); setUpNext("hidden"); setSubtitle("off");
    Promise.all([libraryApi.media(id), libraryApi.playback(id), libraryApi.subtitles(id)])
      .then(([item, playback, sidecars]) => {
        const texts = sidecars.items.map((s) => ({ key: `side-${s.index}`, label: s.label, url: s.url, language: s.language }));
        setLoaded({ item, playback, texts });
        setOfferResume(!!playback.resume_at && !inAlbum);
        if (inAlbum) seekAfterLoad.current = 0; // starts playing from the top once loaded
        void choose({ at: inAlbum ? 0 : playback.resume_at ?? 0 });
      })
      .catch((e) => setError(messageOf(e)));
  }, [id, choose, inAlbum]);

  useSource(media, plan, seekAfterLoad, setPlayError);
  useEndSessionOnLeave(plan?.session_id ?? null);

  const texts = [...(loaded?.texts ?? []), ...(plan?.subtitles ?? []).filter((s) => s.kind === "text" && s.url)
    .map((s) => ({ key: `emb-${s.index}`, label: s.label, url: s.url ?? "", language: s.language }))];
  const next = plan?.next ?? null;
  const goNext = useCallback(() => {
    if (next) navigate(`/media/${encodeURIComponent(next.id)}/play${inAlbum ? "?from=album" : ""}`);
  }, [next, navigate, inAlbum]);
  const pickSubtitle = (choice: SubtitleChoice) => {
    const burning = plan?.burn_subtitle != null;
    setSubtitle(choice);
    if (choice.startsWith("burn:")) return reencode({ burn_subtitle: Number(choice.slice(5)) });
    if (burning) reencode({ burn_subtitle: null });
    showTextTrack(media.current, choice.startsWith("text:") ? Number(choice.slice(5)) : null);
  };
  const reencode = (change: PlayRequest) => {
    const at = media.current?.currentTime ?? 0;
    seekAfterLoad.current = at;
    void choose({ audio: plan?.audio_stream ?? null, burn_subtitle: plan?.burn_subtitle ?? null, ...change, at });
  };
  usePlayerShortcuts({
    media: () => media.current,
    toggleSubtitles: () => pickSubtitle(subtitle === "off" && texts.length ? "text:0" : "off"),
    next: goNext,
  });
  useEffect(() => {
    if (subtitle.startsWith("text:")) showTextTrack(media.current, Number(subtitle.slice(5)));
  });

  const start = (at: number) => {
    const element = media.current;
    if (!element) return;
    setOfferResume(false);
    started.current = true;
    playFrom(element, at, () => setPlayError(mediaErrorReason(element.error?.code, file)));
  };

  if (!loaded) return <section><ErrorNotice message={error} />{error ? null : <p className="loading">Loading…</p>}</section>;
  const { item, playback } = loaded;
  const file = item.files.find((f) => !f.missing) ?? item.files[0];
  const events = {
    onPlay: () => { started.current = true; },
    onTimeUpdate: () => {
      save(false);
      const element = media.current;
      if (next && !inAlbum && element && upNext === "hidden" && element.duration - element.currentTime <= UP_NEXT_BEFORE_END_S) setUpNext("near");
    },
    onPause: () => save(true),
    onSeeked: () => save(true),
    onEnded: () => {
      save(true);
      if (next && inAlbum) goNext();
      else if (next && upNext !== "dismissed") setUpNext("ended");
    },
    onError: () => setPlayError(mediaErrorReason(media.current?.error?.code, file)),
  };
  const tracks = texts.map((s) => <track key={s.key} kind="subtitles" src={s.url} srcLang={s.language ?? undefined} label={s.label} />);
  return (
    <section className="player">
      <div className="player-head">
        <h1>{item.title}</h1>
        <Link to={`/media/${encodeURIComponent(item.id)}`}>Details</Link>
      </div>
      {plan ? (
        <p className="player-method" data-testid="play-method" data-method={plan.method}>
          <strong>{methodLabel(plan.method)}</strong> <span className="muted">{plan.reason}</span>
        </p>
      ) : <p className="loading">Choosing how to play…</p>}
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
        <audio ref={(el) => { media.current = el; }} controls preload="metadata" {...events} />
      ) : (
        <video ref={(el) => { media.current = el; }} controls preload="metadata" playsInline {...events}>{tracks}</video>
      )}
      {next && (upNext === "near" || upNext === "ended") ? (
        <UpNext next={next} ended={upNext === "ended"} onPlay={goNext} onCancel={() => setUpNext("dismissed")} />
      ) : null}
      <div className="player-tools">
        {plan ? <TrackPickers plan={plan} texts={texts} subtitle={subtitle} onAudio={(audio) => reencode({ audio })} onSubtitle={pickSubtitle} /> : null}
        {file ? <StreamLink mediaId={item.id} fileId={file.id} /> : null}
      </div>
      <details className="shortcuts">
        <summary>Keyboard shortcuts</summary>
        <dl>{SHORTCUTS.map(([keys, what]) => <div key={keys}><dt>{keys}</dt><dd>{what}</dd></div>)}</dl>
      </details>
    </section>
  );
}

/** Loads the plan's URL into the element (and seeks to where a re-encode left off). */
function useSource(media: React.RefObject<HTMLMediaElement | null>, plan: PlayPlan | null,
                   seekAfterLoad: React.RefObject<number | null>, onError: (message: string) => void) {
  useEffect(() => {
    const element = media.current;
    if (!element || !plan) return undefined;
    let detach: (() => void) | null = null;
    let cancelled = false;
    const resume = () => {
      const at = seekAfterLoad.current;
      if (at == null) return;
      seekAfterLoad.current = null;
      element.currentTime = at;
      void element.play().catch(() => undefined);
    };
    element.addEventListener("loadedmetadata", resume);
    void attachSource(element, plan, onError).then((d) => { if (cancelled) d(); else detach = d; });
    return () => {
      cancelled = true;
      element.removeEventListener("loadedmetadata", resume);
      detach?.();
    };
  }, [media, plan, seekAfterLoad, onError]);
}

/** Ends the server's playback session when the plan changes, the page unmounts or unloads. */
function useEndSessionOnLeave(sessionId: string | null) {
  useEffect(() => {
    if (!sessionId) return undefined;
    const end = () => playerApi.endSession(sessionId);
    window.addEventListener("pagehide", end);
    return () => {
      window.removeEventListener("pagehide", end);
      end();
    };
  }, [sessionId]);
}
