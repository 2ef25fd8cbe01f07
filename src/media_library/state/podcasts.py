"""Podcasts: subscribed feeds, their episodes, and the gPodder logs (subscription changes and
episode actions) that phone apps sync from.

Recording a feed's episodes is one write transaction per fetch: new guids are inserted, known
ones get the feed's current details, and what the source itself tracks (downloaded file,
starred, played) is never touched by a refresh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import case, func, select, update

from ..db.podcasts import podcast_episode_actions, podcast_episodes, podcast_subscription_changes, podcasts
from ..errors import Conflict, InvalidInput, NotFound
from ..models.podcasts import DOWNLOAD_MODES, Episode, Podcast
from .base import dumps, loads

_PODCAST_FIELDS = {c.name for c in podcasts.c} - {"id", "created_at"}
_EPISODE_FIELDS = {c.name for c in podcast_episodes.c} - {"id", "podcast_id", "guid", "created_at"}
# What a refresh may change on a known episode (the feed's own details).
FEED_EPISODE_FIELDS = ("title", "published_at", "enclosure_url", "duration_s", "description", "link", "enclosure_type",
                       "enclosure_size", "image_url", "season", "episode", "chapters_url", "transcripts")
ACTION_FIELDS = ("device", "podcast_url", "episode_url", "action", "position", "started", "total", "timestamp")


def _podcast(row) -> Podcast:
    return Podcast(**dict(row._mapping))


def _episode(row) -> Episode:
    m = dict(row._mapping)
    m["chapters"] = loads(m["chapters"], None)
    m["transcripts"] = loads(m["transcripts"], [])
    return Episode(**m)


def _encode_episode(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - _EPISODE_FIELDS
    if unknown:
        raise InvalidInput(f"unknown episode field(s): {', '.join(sorted(unknown))}")
    out = dict(values)
    for name in ("chapters", "transcripts"):
        if name in out and out[name] is not None:
            out[name] = dumps(out[name])
    return out


def _check_podcast(values: Mapping[str, Any]) -> None:
    unknown = set(values) - _PODCAST_FIELDS
    if unknown:
        raise InvalidInput(f"unknown podcast field(s): {', '.join(sorted(unknown))}")
    if "download_mode" in values and values["download_mode"] not in DOWNLOAD_MODES:
        raise InvalidInput(f"download_mode must be one of {', '.join(DOWNLOAD_MODES)}")


class PodcastsRepository:
    # --- podcasts ---------------------------------------------------------------------------
    def add_podcast(self, feed_url: str, *, device: str = "", **fields: Any) -> Podcast:
        _check_podcast(fields)
        now = self.now()
        with self.db.write() as conn:
            if conn.execute(select(podcasts.c.id).where(podcasts.c.feed_url == feed_url)).first():
                raise Conflict(f"already subscribed to {feed_url}")
            row = conn.execute(podcasts.insert().values(feed_url=feed_url, created_at=now, **fields).returning(*podcasts.c)).one()
            self._log_subscription(conn, feed_url, "add", device)
        return _podcast(row)

    def get_podcast(self, podcast_id: int) -> Podcast:
        with self.db.read() as conn:
            row = conn.execute(select(podcasts).where(podcasts.c.id == podcast_id)).first()
        if row is None:
            raise NotFound(f"podcast {podcast_id} does not exist")
        return _podcast(row)

    def find_podcast(self, feed_url: str) -> Podcast | None:
        with self.db.read() as conn:
            row = conn.execute(select(podcasts).where(podcasts.c.feed_url == feed_url)).first()
        return _podcast(row) if row else None

    def list_podcasts(self) -> list[Podcast]:
        with self.db.read() as conn:
            rows = conn.execute(select(podcasts).order_by(func.lower(podcasts.c.title), podcasts.c.id)).all()
        return [_podcast(r) for r in rows]

    def update_podcast(self, podcast_id: int, **fields: Any) -> Podcast:
        _check_podcast(fields)
        with self.db.write() as conn:
            row = conn.execute(update(podcasts).where(podcasts.c.id == podcast_id).values(**fields).returning(*podcasts.c)).first()
            if row is None:
                raise NotFound(f"podcast {podcast_id} does not exist")
            if "feed_url" in fields:
                self._log_subscription(conn, fields["feed_url"], "add", "")
        return _podcast(row)

    def move_podcast(self, podcast_id: int, new_url: str) -> Podcast:
        """The feed moved (a 301, ``itunes:new-feed-url``): keep its episodes, log remove + add for sync."""
        old = self.get_podcast(podcast_id)
        if old.feed_url == new_url or self.find_podcast(new_url):
            return old
        with self.db.write() as conn:
            self._log_subscription(conn, old.feed_url, "remove", "")
        return self.update_podcast(podcast_id, feed_url=new_url, etag=None, last_modified=None)

    def delete_podcast(self, podcast_id: int, device: str = "") -> Podcast:
        found = self.get_podcast(podcast_id)
        with self.db.write() as conn:
            conn.execute(podcasts.delete().where(podcasts.c.id == podcast_id))
            self._log_subscription(conn, found.feed_url, "remove", device)
        return found

    def episode_counts(self) -> dict[int, dict[str, int]]:
        unplayed = func.sum(case((podcast_episodes.c.played_at.is_(None), 1), else_=0))
        with self.db.read() as conn:
            rows = conn.execute(select(podcast_episodes.c.podcast_id, func.count(), unplayed)
                                .group_by(podcast_episodes.c.podcast_id)).all()
        return {r[0]: {"episodes": int(r[1]), "unplayed": int(r[2] or 0)} for r in rows}

    # --- episodes ---------------------------------------------------------------------------
    def record_episodes(self, podcast_id: int, episodes: Iterable[Mapping[str, Any]]) -> list[Episode]:
        """Insert the feed's new episodes and refresh the known ones; return the new ones."""
        now, new_ids = self.now(), []
        with self.db.write() as conn:
            known = {r[0]: r[1] for r in conn.execute(select(podcast_episodes.c.guid, podcast_episodes.c.id)
                                                       .where(podcast_episodes.c.podcast_id == podcast_id))}
            for entry in episodes:
                values = _encode_episode({k: entry.get(k) for k in FEED_EPISODE_FIELDS if k in entry})
                if entry["guid"] in known:
                    conn.execute(update(podcast_episodes).where(podcast_episodes.c.id == known[entry["guid"]]).values(**values))
                    continue
                row = conn.execute(podcast_episodes.insert().values(podcast_id=podcast_id, guid=entry["guid"], created_at=now,
                                                                     **values).returning(podcast_episodes.c.id)).one()
                known[entry["guid"]] = row[0]
                new_ids.append(row[0])
            rows = conn.execute(select(podcast_episodes).where(podcast_episodes.c.id.in_(new_ids))).all() if new_ids else []
        return sorted((_episode(r) for r in rows), key=lambda e: -(e.published_at or 0))

    def get_episode(self, episode_id: int) -> Episode:
        with self.db.read() as conn:
            row = conn.execute(select(podcast_episodes).where(podcast_episodes.c.id == episode_id)).first()
        if row is None:
            raise NotFound(f"episode {episode_id} does not exist")
        return _episode(row)

    def find_episode(self, *, enclosure_url: str | None = None, media_id: str | None = None) -> Episode | None:
        column, value = (podcast_episodes.c.media_id, media_id) if media_id else (podcast_episodes.c.enclosure_url, enclosure_url)
        with self.db.read() as conn:
            row = conn.execute(select(podcast_episodes).where(column == value).order_by(podcast_episodes.c.id).limit(1)).first()
        return _episode(row) if row else None

    def list_episodes(self, podcast_id: int | None = None, *, limit: int = 500, downloaded: bool | None = None) -> list[Episode]:
        """Newest first; of one podcast or all; only those with (or without) a local copy."""
        query = select(podcast_episodes)
        if podcast_id is not None:
            query = query.where(podcast_episodes.c.podcast_id == podcast_id)
        if downloaded is not None:
            query = query.where(podcast_episodes.c.downloaded.is_(downloaded))
        query = query.order_by(podcast_episodes.c.published_at.desc(), podcast_episodes.c.id.desc()).limit(limit)
        with self.db.read() as conn:
            return [_episode(r) for r in conn.execute(query)]

    def update_episode(self, episode_id: int, **fields: Any) -> Episode:
        values = _encode_episode(fields)
        with self.db.write() as conn:
            row = conn.execute(update(podcast_episodes).where(podcast_episodes.c.id == episode_id).values(**values)
                               .returning(*podcast_episodes.c)).first()
        if row is None:
            raise NotFound(f"episode {episode_id} does not exist")
        return _episode(row)

    # --- gPodder logs -----------------------------------------------------------------------
    def _log_subscription(self, conn, url: str, action: str, device: str) -> None:
        conn.execute(podcast_subscription_changes.insert().values(url=url, action=action, device=device or "",
                                                                  changed_at=self.now()))

    def subscription_changes(self, since: int) -> tuple[list[tuple[str, str]], int]:
        """``[(url, "add" | "remove")]`` after change ``since``, the last change of each URL winning, and the newest id."""
        with self.db.read() as conn:
            rows = conn.execute(select(podcast_subscription_changes.c.id, podcast_subscription_changes.c.url,
                                       podcast_subscription_changes.c.action)
                                .where(podcast_subscription_changes.c.id > since)
                                .order_by(podcast_subscription_changes.c.id)).all()
            newest = conn.execute(select(func.max(podcast_subscription_changes.c.id))).scalar() or 0
        last: dict[str, str] = {}
        for _, url, action in rows:
            last[url] = action
        return list(last.items()), int(newest)

    def add_episode_actions(self, user_id: int, actions: Iterable[Mapping[str, Any]]) -> int:
        """Append actions; return the newest action id (the client's next ``since``)."""
        now = self.now()
        with self.db.write() as conn:
            for action in actions:
                values = {k: action.get(k) for k in ACTION_FIELDS if action.get(k) is not None}
                conn.execute(podcast_episode_actions.insert().values(user_id=user_id, created_at=now, **values))
            return int(conn.execute(select(func.max(podcast_episode_actions.c.id))).scalar() or 0)

    def episode_actions(self, user_id: int, since: int, podcast_url: str | None = None) -> tuple[list[dict[str, Any]], int]:
        query = select(podcast_episode_actions).where(podcast_episode_actions.c.user_id == user_id,
                                                     podcast_episode_actions.c.id > since)
        if podcast_url:
            query = query.where(podcast_episode_actions.c.podcast_url == podcast_url)
        with self.db.read() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query.order_by(podcast_episode_actions.c.id))]
            newest = conn.execute(select(func.max(podcast_episode_actions.c.id))).scalar() or 0
        return rows, int(newest)
