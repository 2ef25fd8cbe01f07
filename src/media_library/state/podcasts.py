"""Podcast feeds and their episodes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..db.schema import podcast_episodes, podcasts
from ..errors import NotFound


@dataclass(frozen=True)
class Podcast:
    id: int
    feed_url: str
    title: str
    auto_download: bool


class PodcastsRepository:
    def add_podcast(self, feed_url: str, title: str = "", auto_download: bool = False) -> Podcast:
        with self.db.write() as conn:
            row = conn.execute(select(podcasts).where(podcasts.c.feed_url == feed_url)).first()
            if row is None:
                row = conn.execute(podcasts.insert().values(feed_url=feed_url, title=title, auto_download=auto_download,
                                                            created_at=self.now()).returning(*podcasts.c)).one()
        m = row._mapping
        return Podcast(m["id"], m["feed_url"], m["title"], bool(m["auto_download"]))

    def list_podcasts(self) -> list[Podcast]:
        with self.db.read() as conn:
            return [Podcast(r.id, r.feed_url, r.title, bool(r.auto_download)) for r in conn.execute(select(podcasts).order_by(podcasts.c.title))]

    def add_podcast_episodes(self, podcast_id: int, episodes: list[dict]) -> int:
        """Insert episodes not seen before (by guid); returns how many were new."""
        with self.db.write() as conn:
            if conn.execute(select(podcasts.c.id).where(podcasts.c.id == podcast_id)).first() is None:
                raise NotFound(f"podcast {podcast_id} does not exist")
            known = set(conn.execute(select(podcast_episodes.c.guid).where(podcast_episodes.c.podcast_id == podcast_id)).scalars())
            fresh = [dict(e, podcast_id=podcast_id) for e in episodes if e["guid"] not in known]
            if fresh:
                conn.execute(podcast_episodes.insert(), fresh)
            conn.execute(podcasts.update().where(podcasts.c.id == podcast_id).values(last_checked_at=self.now()))
        return len(fresh)
