"""The download source's settings section, ``downloads`` (``settings.downloads``; ``ML_DOWNLOADS__*``).

Declared beside the download use cases and contributed by ``sources/downloads.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...config import setting
from ...tools.ytdlp import PRESETS

SECTION = "downloads"


@dataclass(frozen=True)
class DownloadSettings:
    default_preset: str = setting("best_mp4", "Preset used when a download names none: best_mp4 (H.264 + AAC, plays in Safari), mp4_1080, mp4_720, mp4_480 (height caps), audio_m4a or audio_mp3.")
    single_videos_as: str = setting("web_videos", "Where a single downloaded video goes: `web_videos` (`Web videos/Channel/Season YYYY/Channel - sYYYYeMMDDNN - Title.ext` with NFO, thumbnail, tvshow.nfo and poster, for Jellyfin) or `films` (identified against TMDb like an upload).")
    redownload_deleted: bool = setting(False, "Asking again for a video already in the download archive downloads it again only when its file was deleted and this is on; otherwise it is skipped.")
    subtitles: bool = setting(False, "Also download subtitles (as .srt beside the video).")
    subtitle_langs: str = setting("en.*", "Subtitle languages yt-dlp asks for (its `--sub-langs` syntax).")
    thumbnails: bool = setting(True, "Download the thumbnail (the episode's thumb and the channel's poster).")
    chapters: bool = setting(True, "Embed chapters in the video file.")
    sponsorblock: str = setting("off", "SponsorBlock: `off`, `mark` (chapters) or `remove` (cut the segments). Needs a network that reaches the SponsorBlock API.")
    sponsorblock_categories: str = setting("sponsor", "SponsorBlock categories to mark or remove (comma-separated, yt-dlp's names).")
    sponsorblock_api: str = setting("", "SponsorBlock API base URL; empty: yt-dlp's default.")
    rate_limit: str = setting("", "Most bytes per second one download may take (yt-dlp's `--limit-rate`, such as `2M`); empty: no limit.")
    retries: int = setting(10, "Retries of a failed request or fragment inside yt-dlp (with exponential back-off up to 30 s).")
    sleep_seconds: float = setting(0.0, "Pause before each entry of a playlist or subscription (politeness towards the site).")
    timeout_seconds: float = setting(21600.0, "Longest one download may run before it is stopped.")
    track_search_url: str = setting("", "A search URL an imported playlist's missing tracks are fetched from as audio downloads (`POST /api/downloads/playlists/{id}/fetch-missing`): `{query}` becomes the URL-encoded \"artist title\". Empty: off. Every fetch still passes the outbound guard.")

    def checks(self) -> list[tuple[str, bool, str]]:
        return [
            ("default_preset", self.default_preset in PRESETS, " or ".join(PRESETS)),
            ("single_videos_as", self.single_videos_as in ("web_videos", "films"), "web_videos or films"),
            ("sponsorblock", self.sponsorblock in ("off", "mark", "remove"), "off, mark or remove"),
            ("retries", self.retries >= 0, "0 or more"),
            ("sleep_seconds", self.sleep_seconds >= 0, "0 or more"),
            ("track_search_url", not self.track_search_url or (
                self.track_search_url.startswith(("http://", "https://")) and "{query}" in self.track_search_url),
             "empty, or an http(s) URL holding {query}"),
        ]
