"""Real files made with ffmpeg for the player's tests, each registered in the library."""

from __future__ import annotations

import pytest

from tests.media import make_video
from tests.web.conftest import admin_client, app, client, user_client  # noqa: F401 - fixtures

# What headless Chromium answers to canPlayType/isTypeSupported (no HEVC, no AC-3).
CHROMIUM = {"containers": ["mp4", "webm"], "video": ["h264", "vp8", "vp9", "av1"], "audio": ["aac", "mp3", "opus", "flac", "vorbis"]}
MOVIES = {
    "direct": ("Direct (2020).mp4", {"vcodec": "libx264"}),
    "audio": ("Ac3 (2020).mkv", {"vcodec": "libx264", "acodec": "ac3", "audio_languages": ("eng", "fra"), "subtitle_language": "eng"}),
    "mpeg2": ("Mpeg2 (2020).avi", {"vcodec": "mpeg2video", "acodec": "ac3"}),
    "hevc": ("Hevc (2020).mkv", {"vcodec": "libx265"}),
}
DURATION_S = 12.0


@pytest.fixture
def library(settings, state, tmp_path_factory):
    """name → (item, file) for each file of MOVIES, under the media folder."""
    made = {}
    for name, (filename, options) in MOVIES.items():
        path = settings.media_dir / "Movies" / filename.rsplit(".", 1)[0] / filename
        make_video(path, DURATION_S, size="320x240", fps=25, cache=tmp_path_factory, **options)
        item = state.add_media("movie", filename.split(" (")[0], year=2020)
        media_file = state.upsert_media_file(str(path), media_id=item.id, size=path.stat().st_size, mtime=path.stat().st_mtime)
        made[name] = (item, media_file)
    return made
