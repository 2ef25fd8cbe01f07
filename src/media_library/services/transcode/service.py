"""The player's use cases: choose how a file plays in this browser, serve the HLS playlist and
segments of a remux or transcode, list the audio and subtitle tracks inside a file, extract an
embedded text subtitle as WebVTT, and name the next episode.

What a file holds is read once with ffprobe (and its keyframes, for a copy) and remembered by
path, size and modification time.

Must not: read a file the stream path would refuse (every file is chosen and checked by
``StreamService``), or start ffmpeg beyond the limit (``sessions.Sessions``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ...errors import InvalidInput
from ...models import MediaFile, MediaItem, User
from ...tools import ffprobe, hls, proc
from ..browse import next_track
from ..streaming import StreamService
from .plan import TEXT_SUBTITLES, Capabilities, Choice, Decision, FileStreams, decide, plan_segments, playlist
from .sessions import Limits, Session, Sessions

VTT_TIMEOUT_S = 120.0
CACHE_SIZE = 256


class PlayerService:
    def __init__(self, streaming: StreamService, settings, root: Path):
        self.streaming, self.settings = streaming, settings
        self.sessions = Sessions(root, Limits(settings.max_sessions, settings.segment_wait_seconds,
                                              settings.idle_seconds, settings.forget_minutes * 60))
        self._facts: OrderedDict[tuple, Any] = OrderedDict()
        self._facts_lock = threading.Lock()

    def close(self) -> None:
        self.sessions.close()

    # --- play -----------------------------------------------------------------------------

    def play(self, user: User, media_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """How this browser plays the file from ``at`` seconds, and the URL to load."""
        item, media_file, source = self._source(user, media_id, body.get("file_id"))
        streams = self._streams(source, media_file)
        choice = Choice(_optional_index(body, "audio"), _optional_index(body, "burn_subtitle"))
        decision = decide(streams, Capabilities.parse(body.get("capabilities")), choice)
        answer = {"method": decision.method, "reason": decision.reason, "file_id": media_file.id,
                  "duration_s": streams.duration_s or media_file.duration_s,
                  "audio": [_track(t, "Audio") for t in streams.audio],
                  "subtitles": [self._subtitle(media_id, media_file, t) for t in streams.subtitles],
                  "audio_stream": decision.audio_stream, "burn_subtitle": decision.burn_subtitle,
                  "next": next_episode(self.streaming.state, item)}
        if decision.method == "direct":
            return {**answer, "url": f"/api/media/{media_id}/stream?file={media_file.id}", "session_id": None}
        session = self._open(user, media_id, source, media_file, streams, decision, _seconds(body.get("at")))
        return {**answer, "url": f"/api/transcode/{session.id}/index.m3u8", "session_id": session.id}

    def _open(self, user: User, media_id: str, source: Path, media_file: MediaFile, streams: FileStreams,
              decision: Decision, at: float) -> Session:
        s = self.settings
        keyframes = self._keyframes(source, media_file) if decision.video_mode == "copy" and streams.video else ()
        plan = plan_segments(streams, decision, s.segment_seconds, keyframes)
        encode = hls.Encode(video=decision.video_mode if streams.video else None,
                            audio=decision.audio_mode if streams.audio else None,
                            audio_stream=decision.audio_stream or 0, burn_subtitle=decision.burn_subtitle,
                            preset=s.preset, crf=s.crf, max_height=s.max_height, audio_bitrate_k=s.audio_bitrate_k)
        return self.sessions.open(user.id, media_id, source, decision, plan, encode, plan.segment_at(at))

    def playlist(self, user: User, session_id: str) -> str:
        session = self.sessions.get(user.id, session_id)
        return playlist(session.plan, lambda index: f"{index}.ts")

    def segment(self, user: User, session_id: str, index: int) -> Path:
        return self.sessions.segment(user.id, session_id, index)

    def stop(self, user: User, session_id: str) -> None:
        self.sessions.stop(user.id, session_id)

    # --- subtitles ------------------------------------------------------------------------

    def embedded_vtt(self, user: User, media_id: str, file_id: int | None, ordinal: int) -> str:
        """Embedded text subtitle ``ordinal`` (among the file's subtitle streams) as WebVTT."""
        _item, media_file, source = self._source(user, media_id, file_id)
        tracks = self._streams(source, media_file).subtitles
        if not 0 <= ordinal < len(tracks):
            raise InvalidInput(f"this file has no subtitle stream {ordinal}")
        if tracks[ordinal].codec not in TEXT_SUBTITLES:
            raise InvalidInput("this subtitle stream is images; choose it to have it burned into the video")
        argv = [proc.which("ffmpeg"), "-hide_banner", "-nostdin", "-loglevel", "error", "-protocol_whitelist", "file,crypto",
                "-format_whitelist", ffprobe.safe_demuxers(proc.which("ffprobe")), "-i", ffprobe.file_url(source),
                "-map", f"0:s:{ordinal}", "-f", "webvtt", "pipe:1"]
        return proc.run(argv, timeout=VTT_TIMEOUT_S, line_source="stderr").stdout

    def _subtitle(self, media_id: str, media_file: MediaFile, track) -> dict[str, Any]:
        text = track.codec in TEXT_SUBTITLES
        url = f"/api/media/{media_id}/subtitles/embedded/{track.ordinal}.vtt?file={media_file.id}" if text else None
        return {**_track(track, "Subtitles"), "kind": "text" if text else "image", "url": url}

    # --- facts about files ------------------------------------------------------------------

    def _source(self, user: User, media_id: str, file_id: Any) -> tuple[MediaItem, MediaFile, Path]:
        if file_id is not None and (not isinstance(file_id, int) or isinstance(file_id, bool)):
            raise InvalidInput("file_id must be a file id")
        item, media_file = self.streaming.choose_file(user, media_id, file_id)
        opened = self.streaming.open(media_file)  # the same root and symlink checks as a stream
        opened.close()
        return item, media_file, opened.path

    def _streams(self, source: Path, media_file: MediaFile) -> FileStreams:
        return self._remember(("streams", str(source), media_file.size, media_file.mtime),
                              lambda: FileStreams.from_probe(ffprobe.probe(source)))

    def _keyframes(self, source: Path, media_file: MediaFile) -> list[float]:
        return self._remember(("keyframes", str(source), media_file.size, media_file.mtime),
                              lambda: ffprobe.keyframe_times(source))

    def _remember(self, key: tuple, compute):
        with self._facts_lock:
            if key in self._facts:
                self._facts.move_to_end(key)
                return self._facts[key]
        value = compute()
        with self._facts_lock:
            self._facts[key] = value
            while len(self._facts) > CACHE_SIZE:
                self._facts.popitem(last=False)
        return value


def next_episode(state, item: MediaItem) -> dict[str, Any] | None:
    """The episode after ``item`` in its season, else the first of the next season; the track after
    a track in its album; None for a film."""
    if item.kind == "track":
        return next_track(state, item)
    if item.kind != "episode" or not item.parent_id:
        return None
    episodes = _ordered(state.list_media(kind="episode", parent_id=item.parent_id, limit=1000), "episode_number")
    later = [e for e in episodes if (e.episode_number or 0) > (item.episode_number or 0)]
    if not later:
        season = state.get_media(item.parent_id)
        seasons = _ordered(state.list_media(kind="season", parent_id=season.parent_id, limit=1000), "season_number") if season.parent_id else []
        for following in (s for s in seasons if (s.season_number or 0) > (season.season_number or 0)):
            later = _ordered(state.list_media(kind="episode", parent_id=following.id, limit=1000), "episode_number")
            if later:
                break
    if not later:
        return None
    nxt = later[0]
    return {"id": nxt.id, "title": nxt.title, "season_number": nxt.season_number, "episode_number": nxt.episode_number}


def _ordered(items: list[MediaItem], number: str) -> list[MediaItem]:
    return sorted(items, key=lambda i: (getattr(i, number) is None, getattr(i, number) or 0, i.sort_title))


def _track(track, kind: str) -> dict[str, Any]:
    return {"index": track.ordinal, "label": track.label(kind), "codec": track.codec, "language": track.language,
            "default": track.default}


def _optional_index(body: dict[str, Any], key: str) -> int | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 100:
        raise InvalidInput(f"{key} must be a track number")
    return value


def _seconds(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 7 * 24 * 3600:
        raise InvalidInput("at must be a number of seconds")
    return float(value)
