"""Browsing a synced catalog: sections with their category sidebar, search, actors, language
folders, favorites, and a series' seasons and episodes (fetched from the provider on demand and
for tracked series, then kept).

Reads come from the database only (what the last sync stored); ``series_details`` is the one
call that asks the provider, and one unreadable episode is skipped, never the series.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ...clients.xtream import SECTIONS
from ...errors import InvalidInput

MAX_PAGE = 500


def check_section(section: str) -> str:
    if section not in SECTIONS:
        raise InvalidInput(f"section must be one of {', '.join(SECTIONS)}")
    return section


class CatalogService:
    def __init__(self, state, settings, *, http):
        self.state, self.settings, self.http = state, settings, http

    def page(self, account_id: int, section: str, *, user_id: int | None, category_id: str | None = None,
             search: str | None = None, actor: str | None = None, language: str | None = None,
             favorites: bool = False, limit: int = 60, offset: int = 0) -> dict[str, Any]:
        self.state.get_iptv_account(account_id)
        if not 1 <= limit <= MAX_PAGE or offset < 0:
            raise InvalidInput(f"limit must be 1 to {MAX_PAGE} and offset 0 or more")
        items, total = self.state.list_iptv_streams(
            account_id, check_section(section), user_id=user_id, category_id=category_id, search=search, actor=actor,
            language=language, favorites=favorites, limit=limit, offset=offset)
        return {"items": [i.to_public() for i in items], "total": total, "limit": limit, "offset": offset}

    def sidebar(self, account_id: int, section: str) -> dict[str, Any]:
        """The category sidebar, the language folders and the counts of one section."""
        self.state.get_iptv_account(account_id)
        check_section(section)
        return {"categories": self.state.list_iptv_categories(account_id, section),
                "languages": self.state.iptv_languages(account_id, section),
                "counts": self.state.iptv_counts(account_id)}

    def actors(self, account_id: int, section: str) -> list[dict[str, Any]]:
        self.state.get_iptv_account(account_id)
        return self.state.iptv_actors(account_id, check_section(section))

    def item(self, account_id: int, section: str, stream_id: str, *, user_id: int | None) -> dict[str, Any]:
        return self.state.get_iptv_stream(account_id, check_section(section), stream_id, user_id=user_id).to_public()

    def series_details(self, account_id: int, series_id: str, *, user_id: int | None = None,
                       refresh: bool = True) -> dict[str, Any]:
        """A series with its seasons and episodes; ``refresh`` asks the provider first."""
        series = self.state.get_iptv_stream(account_id, "series", series_id, user_id=user_id)
        skipped: list[str] = []
        if refresh:
            skipped = self.refresh_episodes(account_id, series_id)[1]
        episodes = self.state.list_iptv_episodes(account_id, series_id)
        seasons: dict[int, list[dict]] = {}
        for episode in episodes:
            seasons.setdefault(episode.season, []).append(episode.to_public())
        return {"series": series.to_public(), "seasons": [{"season": s, "episodes": seasons[s]} for s in sorted(seasons)],
                "skipped": skipped}

    def refresh_episodes(self, account_id: int, series_id: str) -> tuple[int, list[str]]:
        """Fetch a series' episodes from the provider and keep them; (new episodes, skipped)."""
        account = self.state.get_iptv_account(account_id)
        details = self.http.client(account).series_info(series_id)
        rows = [asdict(e) for e in details.episodes]
        return self.state.store_episodes(account_id, series_id, rows), details.skipped

    def set_favorite(self, user_id: int, account_id: int, section: str, stream_id: str, favorite: bool) -> None:
        self.state.set_iptv_favorite(user_id, account_id, check_section(section), stream_id, favorite)
