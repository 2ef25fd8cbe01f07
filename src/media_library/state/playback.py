"""Per-user playback positions ("continue watching"), watched state, and what is next up in the
shows a user is watching."""

from __future__ import annotations

from sqlalchemy import and_, case, exists, select

from ..db.schema import media, media_files, playback
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

    def list_next_up(self, user_id: int, limit: int = 20) -> list[tuple[str, str]]:
        """``(episode id, show id)``: in each show ``user_id`` has finished an episode of, the first
        unwatched episode with a file after the last finished one (by season and number, specials
        left out: Jellyfin's rule), the show with the newest activity first."""
        episode, parent = media.alias("episode"), media.alias("parent")
        show_id = case((parent.c.kind == "show", parent.c.id), else_=parent.c.parent_id).label("show_id")
        mine = and_(playback.c.media_id == episode.c.id, playback.c.user_id == user_id)
        rows = (select(episode.c.id, show_id, episode.c.season_number, episode.c.episode_number, episode.c.episode_end,
                       playback.c.watched, playback.c.updated_at)
                .select_from(episode.join(parent, parent.c.id == episode.c.parent_id).outerjoin(playback, mine))
                .where(episode.c.kind == "episode",
                       exists().where(media_files.c.media_id == episode.c.id, media_files.c.missing.is_(False))))
        with self.db.read() as conn:
            shows: dict[str, list] = {}
            for row in conn.execute(rows):
                shows.setdefault(row.show_id, []).append(row)
        found = [(activity, found_id, show) for show, episodes in shows.items()
                 for activity, found_id in [_next_in_show(episodes)] if found_id]
        return [(episode_id, show) for _, episode_id, show in sorted(found, key=lambda t: -t[0])[:limit]]


def _number(row) -> tuple[int, int]:
    return (row.season_number or 0, row.episode_number or 0)


def _next_in_show(episodes: list) -> tuple[float, str | None]:
    """The newest activity in a show and its next episode (None: nothing finished, or nothing left)."""
    finished = [e for e in episodes if e.watched and (e.season_number or 0) > 0]
    if not finished:
        return 0.0, None
    last = max(finished, key=_number)
    after = (last.season_number, last.episode_end or last.episode_number or 0)
    waiting = [e for e in episodes if not e.watched and (e.season_number or 0) > 0 and _number(e) > after]
    activity = max(e.updated_at or 0.0 for e in episodes)
    return activity, (min(waiting, key=_number).id if waiting else None)
