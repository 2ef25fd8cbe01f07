"""Manual music matching in a real Chromium against the real daemon (issue 21, item 4), with fake
MusicBrainz, AcoustID and Cover Art Archive servers on 127.0.0.1: an untagged 3-track folder waits
in the review queue as ONE album item; "Identify…" shows the music dialog, and a MusicBrainz
release id pasted there files the whole album (three tagged tracks and ``cover.jpg`` in
``Music/The Testers/Three Tones (2015)/``). At 1280 and 375 px, without sideways scrolling;
screenshots go to artifacts/screenshots/music-*.png.

Every wait is bounded (Playwright timeouts, bounded polls); nothing asserts on how long anything took.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.fakes.acoustid import FakeAcoustId
from tests.fakes.coverart import FakeCoverArt
from tests.fakes.musicbrainz import FakeMusicBrainz
from tests.media import make_audio

from .conftest import create_first_admin, open_page, run_server
from .test_library_flow import ADMIN, ADMIN_PW, WAIT_MS, Api, no_sideways_scroll

pytestmark = pytest.mark.browser
RELEASE = "c0000000-0000-4000-8000-000000000003"
TESTERS = ("a74b1b7f-71a5-4011-9441-d0b5e4122711", "The Testers", "Testers, The")
LENGTHS = ((1, 10), (2, 14), (3, 18))


@pytest.fixture
def music_daemon(tmp_path, built_app):
    with FakeMusicBrainz() as mb, FakeAcoustId() as acoustid, FakeCoverArt() as coverart:
        mb.add_release(RELEASE, "Three Tones", artist=TESTERS, date="2015-01-01", country="GB",
                       release_group=("f0000000-0000-4000-8000-000000000333", "EP"),
                       tracks=[(f"{n:08d}-1111-4000-8000-000000000003", f"Part {n}", s * 1000) for n, s in LENGTHS])
        coverart.add_release(RELEASE)
        with run_server(tmp_path, "music", {
            "ML_MUSICBRAINZ__BASE_URL": mb.url, "ML_MUSICBRAINZ__REQUESTS_PER_SECOND": "1000",
            "ML_ACOUSTID__BASE_URL": acoustid.url, "ML_ACOUSTID__API_KEY": acoustid.api_key,
            "ML_COVERART__BASE_URL": coverart.url, "ML_HTTP__RETRIES": "0", "ML_HTTP__ALLOW_HOSTS": "127.0.0.1",
            "ML_SCHEDULER__ENABLED": "false", "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false",
        }) as srv:
            yield srv


@pytest.mark.parametrize("width", [1280, 375])
def test_a_release_id_from_the_review_queue_files_the_whole_album(music_daemon, browser, screenshots, width,
                                                                    tmp_path_factory):
    folder = music_daemon.media_dir / "Music" / "incoming" / "unsorted"
    for n, seconds in LENGTHS:
        make_audio(folder / f"{n:02d}.flac", float(seconds), melody=n, cache=tmp_path_factory)
    context, page, watch = open_page(browser, music_daemon, wait_ms=WAIT_MS, width=width)
    try:
        create_first_admin(page, music_daemon, ADMIN, ADMIN_PW)
        api = Api(music_daemon.base_url).login(ADMIN, ADMIN_PW)
        assert api.post("/api/library/scan").status_code == 202
        api.wait_jobs_idle()

        page.goto("/review")
        entries = page.locator("li.review-item")
        expect(entries).to_have_count(1)
        entry = entries.first
        expect(entry).to_contain_text("Album folder · 3 files")
        entry.get_by_role("button", name="Identify…").click()
        dialog = page.get_by_role("dialog", name="Identify unsorted")
        expect(dialog.get_by_text("The files' own tags (3 files)")).to_be_visible()
        dialog.get_by_label("MusicBrainz release id").fill(RELEASE)
        no_sideways_scroll(page, "the music identify dialog")
        page.screenshot(path=str(screenshots / f"music-identify-{width}.png"), full_page=True)
        dialog.get_by_role("button", name="Apply release to album").click()
        expect(page.locator("li.review-item")).to_have_count(0)
        api.wait_jobs_idle()
        page.screenshot(path=str(screenshots / f"music-filed-{width}.png"), full_page=True)
    finally:
        context.close()
    watch.assert_clean()
    album = music_daemon.media_dir / "Music" / "The Testers" / "Three Tones (2015)"
    assert sorted(p.name for p in album.iterdir()) == ["01 - Part 1.flac", "02 - Part 2.flac", "03 - Part 3.flac", "cover.jpg"]
