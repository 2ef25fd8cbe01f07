"""Per-user playback positions ("continue watching") and watched state."""

from __future__ import annotations

from sqlalchemy import select

from ..db.schema import media, playback
from ..models import Playback

WATCHED_SHARE = 0.9


def _playback(row) -> Playback:
    m = row._mapping
    return Playback(user_id=m["user_id"], media_id=m["media_id"], position_s=m["position_s"], duration_s=m["duration_s"],
                    watched=bool(m["watched"]), play_count=m["play_count"], updated_at=m["updated_at"])


class PlaybackRepository:
    def save_position(self, user_id: int, media_id: str, position_s: float, duration_s: float | None = None) -> Playback:
        """Store where ``user_id`` is in ``media_id``; near the end it counts as watched."""
        position_s = max(0.0, float(position_s))
        now = self.now()
        finished = bool(duration_s) and position_s >= WATCHED_SHARE * float(duration_s)
        with self.db.write() as conn:
            row = conn.execute(select(playback).where(playback.c.user_id == user_id, playback.c.media_id == media_id)).first()
            if row is None:
                conn.execute(playback.insert().values(user_id=user_id, media_id=media_id, position_s=position_s,
                                                      duration_s=duration_s, watched=finished, play_count=int(finished), updated_at=now))
            else:
                was_watched = bool(row._mapping["watched"])
                conn.execute(playback.update().where(playback.c.user_id == user_id, playback.c.media_id == media_id).values(
                    position_s=position_s, duration_s=duration_s or row._mapping["duration_s"], updated_at=now,
                    watched=was_watched or finished, play_count=row._mapping["play_count"] + int(finished and not was_watched)))
            return _playback(conn.execute(select(playback).where(playback.c.user_id == user_id, playback.c.media_id == media_id)).one())

    def set_watched(self, user_id: int, media_id: str, watched: bool) -> Playback:
        now = self.now()
        with self.db.write() as conn:
            row = conn.execute(select(playback).where(playback.c.user_id == user_id, playback.c.media_id == media_id)).first()
            if row is None:
                conn.execute(playback.insert().values(user_id=user_id, media_id=media_id, watched=watched, play_count=int(watched), updated_at=now))
            else:
                conn.execute(playback.update().where(playback.c.user_id == user_id, playback.c.media_id == media_id).values(
                    watched=watched, position_s=0 if watched else row._mapping["position_s"], updated_at=now))
            return _playback(conn.execute(select(playback).where(playback.c.user_id == user_id, playback.c.media_id == media_id)).one())

    def get_playback(self, user_id: int, media_id: str) -> Playback | None:
        with self.db.read() as conn:
            row = conn.execute(select(playback).where(playback.c.user_id == user_id, playback.c.media_id == media_id)).first()
        return _playback(row) if row else None

    def list_continue_watching(self, user_id: int, limit: int = 20) -> list[Playback]:
        query = (select(playback).join(media, media.c.id == playback.c.media_id)
                 .where(playback.c.user_id == user_id, playback.c.watched.is_(False), playback.c.position_s > 0)
                 .order_by(playback.c.updated_at.desc()).limit(limit))
        with self.db.read() as conn:
            return [_playback(r) for r in conn.execute(query)]
