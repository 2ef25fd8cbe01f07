"""Resume positions and watched state, per user (nobody sees another's): the player saves where it is every few
seconds and when the page closes; near the end (``state.playback.WATCHED_SHARE``) counts as
watched. Every call takes the caller's own user id; no route names another user's id.

Must not: trust the client's numbers blindly (they are checked to be finite, bounded and, where
the file's duration is known, clamped to it).
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import InvalidInput
from ..models import Playback
from ..state.playback import WATCHED_SHARE

MAX_SECONDS = 7 * 24 * 3600.0
RESUME_MIN_S = 5.0  # below this there is nothing worth offering to resume


def _seconds(value: Any, name: str, *, required: bool = True) -> float | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidInput(f"{name} must be a number of seconds")
    if not 0 <= value <= MAX_SECONDS:
        raise InvalidInput(f"{name} must be between 0 and {int(MAX_SECONDS)} seconds")
    return float(value)


def playback_public(p: Playback | None, duration_s: float | None = None) -> dict[str, Any]:
    if p is None:
        return {"position_s": 0.0, "duration_s": duration_s, "watched": False, "play_count": 0, "updated_at": None,
                "resume_at": None}
    resume = p.position_s if p.position_s >= RESUME_MIN_S and not p.watched else None
    return {"position_s": round(p.position_s, 3), "duration_s": p.duration_s or duration_s, "watched": p.watched,
            "play_count": p.play_count, "updated_at": p.updated_at, "resume_at": resume}


class PlaybackService:
    def __init__(self, state):
        self.state = state

    def file_duration(self, media_id: str) -> float | None:
        durations = [f.duration_s for f in self.state.list_media_files(media_id) if f.duration_s]
        return max(durations) if durations else None

    def get(self, user_id: int, media_id: str) -> dict[str, Any]:
        self.state.get_media(media_id)  # 404 for an unknown item
        return playback_public(self.state.get_playback(user_id, media_id), self.file_duration(media_id))

    def save(self, user_id: int, media_id: str, position: Any, duration: Any = None) -> dict[str, Any]:
        self.state.get_media(media_id)
        position_s = _seconds(position, "position_s")
        duration_s = _seconds(duration, "duration_s", required=False) or self.file_duration(media_id)
        if duration_s:
            position_s = min(position_s, duration_s)
        return playback_public(self.state.save_position(user_id, media_id, position_s, duration_s))

    def set_watched(self, user_id: int, media_id: str, watched: Any) -> dict[str, Any]:
        if not isinstance(watched, bool):
            raise InvalidInput("watched must be true or false")
        self.state.get_media(media_id)
        return playback_public(self.state.set_watched(user_id, media_id, watched))


__all__ = ["PlaybackService", "WATCHED_SHARE", "playback_public"]
