"""The Plex source's settings section, ``plex`` (``settings.plex``; ``ML_PLEX__*``).

Servers, mappings and user mappings are data (the ``plex_*`` tables, managed in the app); these
are the knobs of how a sync runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...config import setting

SECTION = "plex"


@dataclass(frozen=True)
class PlexSettings:
    page_size: int = setting(200, "Items asked of a Plex server per page (`X-Plex-Container-Size`) during a sync.")
    max_delete_share: float = setting(0.2, "Mass-deletion guard: a sync that finds more than this share of a library's imported items gone from Plex removes none of them unless forced.")
    artwork: bool = setting(True, "Fetch a poster from Plex (through our server) for imported items that have none.")

    def checks(self) -> list[tuple[str, bool, str]]:
        return [
            ("page_size", 1 <= self.page_size <= 5000, "between 1 and 5000"),
            ("max_delete_share", 0 <= self.max_delete_share <= 1, "between 0 and 1"),
        ]
