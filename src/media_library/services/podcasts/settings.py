"""The podcast source's settings section, ``podcasts`` (``settings.podcasts``; ``ML_PODCASTS__*``).

Declared here, beside the podcast use cases, and contributed to the settings by the podcast
source (``media_library/sources/podcasts.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...config import setting

SECTION = "podcasts"


@dataclass(frozen=True)
class PodcastSettings:
    folder: str = setting("", "Where downloaded episodes are published, as `<folder>/<Show>/YYYY-MM-DD - Title.ext`. Empty: `<media_dir>/Podcasts`.")
    max_feed_mb: int = setting(10, "Largest feed document read, in MiB; a bigger feed fails alone with that reason.")
    feed_timeout_seconds: float = setting(20.0, "Overall deadline of one feed fetch.")
    max_episode_mb: int = setting(2048, "Largest enclosure downloaded, in MiB.")
    read_timeout_seconds: float = setting(60.0, "An enclosure download that receives nothing for this long breaks off (and resumes on its retry).")
    backoff_max_hours: float = setting(24.0, "A failing feed is tried again after 5 minutes, doubling each failure, at most this long apart.")
    directory_url: str = setting("https://itunes.apple.com", "Base URL of a podcast directory speaking the iTunes Search API (`<url>/search?media=podcast&term=…`). Empty: directory search is off.")

    def checks(self) -> list[tuple[str, bool, str]]:
        """``(setting, valid, what it must be)`` for ``config`` to refuse a bad value at start-up."""
        return [
            ("max_feed_mb", self.max_feed_mb >= 1, "at least 1"),
            ("max_episode_mb", self.max_episode_mb >= 1, "at least 1"),
            ("feed_timeout_seconds", self.feed_timeout_seconds > 0, "a positive number of seconds"),
            ("read_timeout_seconds", self.read_timeout_seconds > 0, "a positive number of seconds"),
            ("backoff_max_hours", self.backoff_max_hours > 0, "a positive number of hours"),
        ]
