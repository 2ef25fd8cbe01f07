"""IPTV downloads against the fake provider: whole files, resume from persisted progress with a
checked 206, a clean restart when the server ignores ranges, the connection budget, segments,
expiring token redirects, pause/resume/cancel and the publish step."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from media_library.clients.resumable import Segment, Transfer
from media_library.errors import ExternalServiceError, RetryJob
from tests.conftest import build_runtime, make_settings


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def synced(iptv_runtime, account, ctx):
    iptv_runtime.services.iptv_sync.sync(account.id, ctx)
    return account


def _published_bytes(runtime, download_id: int) -> bytes:
    download = runtime.state.get_iptv_download(download_id)
    assert download.status == "done" and download.media_id
    return Path(download.path).read_bytes()


def test_a_movie_downloads_and_is_published_byte_identical(iptv_runtime, synced, provider, ctx, movie_bytes):
    download = iptv_runtime.services.iptv_downloads.queue_movie(synced.id, "456")
    result = iptv_runtime.services.iptv_downloads.run(download.id, ctx)
    assert result["status"] == "done"
    assert _sha(_published_bytes(iptv_runtime, download.id)) == _sha(movie_bytes)
    item = iptv_runtime.state.get_media(result["media_id"])
    assert item.title.startswith("The Matrix (1999) [tmdbid-603]")
    assert not iptv_runtime.services.iptv_downloads.part_path(download.id).exists()
    assert all(provider.password not in (r["range"] or "") for r in provider.media_requests)


def _half_done(runtime, download_id: int, data: bytes) -> int:
    """A part file holding the first half, and that progress persisted, as a killed job leaves it."""
    half = len(data) // 2
    part = runtime.services.iptv_downloads.part_path(download_id)
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(data[:half])
    transfer = Transfer(len(data), '"fake-xtream-1"', [Segment(0, len(data) - 1, half)])
    runtime.state.update_iptv_download(download_id, segments=transfer.to_json(), done_bytes=half,
                                       total_bytes=len(data), validator=transfer.validator)
    return half


def test_resume_asks_for_the_rest_and_checks_the_206(iptv_runtime, synced, provider, ctx, movie_bytes):
    download = iptv_runtime.services.iptv_downloads.queue_movie(synced.id, "456")
    half = _half_done(iptv_runtime, download.id, movie_bytes)
    iptv_runtime.services.iptv_downloads.run(download.id, ctx)
    assert provider.media_requests[-1]["range"] == f"bytes={half}-" and provider.media_requests[-1]["status"] == 206
    assert _sha(_published_bytes(iptv_runtime, download.id)) == _sha(movie_bytes)


def test_a_server_that_ignores_range_gets_a_clean_restart_not_a_corrupt_file(iptv_runtime, synced, provider, ctx, movie_bytes):
    download = iptv_runtime.services.iptv_downloads.queue_movie(synced.id, "456")
    part = iptv_runtime.services.iptv_downloads.part_path(download.id)
    _half_done(iptv_runtime, download.id, movie_bytes)
    part.write_bytes(b"\0" * (len(movie_bytes) // 2))  # whatever is there must not survive
    provider.ignore_range = True
    iptv_runtime.services.iptv_downloads.run(download.id, ctx)
    assert provider.media_requests[-1]["status"] == 200
    assert _sha(_published_bytes(iptv_runtime, download.id)) == _sha(movie_bytes)


def test_a_short_answer_fails_the_size_check_and_keeps_progress(iptv_runtime, synced, provider, ctx, movie_bytes):
    download = iptv_runtime.services.iptv_downloads.queue_movie(synced.id, "456")
    _half_done(iptv_runtime, download.id, movie_bytes)
    iptv_runtime.state.update_iptv_download(download.id, total_bytes=len(movie_bytes) + 10,
                                            segments=[[0, len(movie_bytes) + 9, len(movie_bytes) // 2]])
    with pytest.raises(ExternalServiceError, match="stopped at"):
        iptv_runtime.services.iptv_downloads.run(download.id, ctx)
    assert iptv_runtime.state.get_iptv_download(download.id).done_bytes == len(movie_bytes)


def test_with_a_budget_of_one_the_provider_never_sees_a_second_connection(tmp_path, provider, ctx):
    provider.max_connections = 1
    provider.media["movie/456"] = os.urandom(3 * 1024 * 1024)
    runtime = build_runtime(make_settings(tmp_path, **{"iptv.segments_per_file": 4, "iptv.min_segment_mb": 1}))
    try:
        account = runtime.state.add_iptv_account("Fake", provider.url, provider.username, provider.password)
        runtime.services.iptv_sync.sync(account.id, ctx)
        download = runtime.services.iptv_downloads.queue_movie(account.id, "456")
        runtime.services.iptv_downloads.run(download.id, ctx)
        assert provider.peak_connections == 1
        assert _sha(_published_bytes(runtime, download.id)) == _sha(provider.media["movie/456"])
    finally:
        runtime.stop()


def test_segments_when_budget_and_size_allow_through_expiring_tokens(tmp_path, provider, ctx):
    provider.max_connections, provider.quirks = 4, {"token_redirect"}
    provider.media["movie/456"] = os.urandom(3 * 1024 * 1024)
    provider.bytes_per_second = 4 * 1024 * 1024
    runtime = build_runtime(make_settings(tmp_path, **{"iptv.segments_per_file": 3, "iptv.min_segment_mb": 1}))
    try:
        account = runtime.state.add_iptv_account("Fake", provider.url, provider.username, provider.password)
        runtime.services.iptv_sync.sync(account.id, ctx)
        download = runtime.services.iptv_downloads.queue_movie(account.id, "456")
        runtime.services.iptv_downloads.run(download.id, ctx)
        ranges = sorted(r["range"] for r in provider.media_requests if r["range"] != "bytes=0-0")
        assert len(ranges) == 3 and all(r.startswith("bytes=") for r in ranges)
        assert 2 <= provider.peak_connections <= 3
        assert _sha(_published_bytes(runtime, download.id)) == _sha(provider.media["movie/456"])
    finally:
        runtime.stop()


def test_no_free_connection_makes_the_job_wait(iptv_runtime, synced, provider, ctx):
    provider.max_connections, provider.active = 1, 1
    download = iptv_runtime.services.iptv_downloads.queue_movie(synced.id, "456")
    with pytest.raises(RetryJob, match="connections"):
        iptv_runtime.services.iptv_downloads.run(download.id, ctx)
    assert iptv_runtime.state.get_iptv_download(download.id).status == "queued"


def test_pause_resume_and_cancel(iptv_runtime, synced, ctx, movie_bytes):
    downloads = iptv_runtime.services.iptv_downloads
    download = downloads.queue_movie(synced.id, "456")
    _half_done(iptv_runtime, download.id, movie_bytes)
    assert downloads.pause(download.id).status == "paused"
    assert iptv_runtime.state.get_job(download.job_id).status == "cancelled"
    assert downloads.run(download.id, ctx)["status"] == "paused"
    resumed = downloads.resume(download.id)
    assert resumed.status == "queued" and resumed.done_bytes == len(movie_bytes) // 2
    cancelled = downloads.cancel(download.id)
    assert cancelled.status == "cancelled" and not downloads.part_path(download.id).exists()


def test_an_episode_downloads_as_series_season_episode(iptv_runtime, synced, ctx, movie_bytes):
    iptv_runtime.services.iptv_catalog.series_details(synced.id, "77")
    download = iptv_runtime.services.iptv_downloads.queue_episode(synced.id, "1002")
    result = iptv_runtime.services.iptv_downloads.run(download.id, ctx)
    item = iptv_runtime.state.get_media(result["media_id"])
    assert item.title == "Breaking Bad (2008) [tmdbid-1396] S01E02"
    assert _sha(_published_bytes(iptv_runtime, download.id)) == _sha(movie_bytes)


def test_with_tmdb_the_providers_id_decides_and_the_film_lands_in_movies(tmp_path, provider, ctx, movie_bytes):
    from tests.fakes.tmdb import FakeTmdb

    with FakeTmdb() as tmdb:
        tmdb.add_movie(603, "The Matrix", year=1999)
        settings = make_settings(tmp_path, **{"tmdb.base_url": tmdb.url, "tmdb.api_key": tmdb.api_key})
        runtime = build_runtime(settings)
        try:
            account = runtime.state.add_iptv_account("Fake", provider.url, provider.username, provider.password)
            provider.quirks = {"prefixes", "tmdb_key"}
            runtime.services.iptv_sync.sync(account.id, ctx)
            download = runtime.services.iptv_downloads.queue_movie(account.id, "456")
            result = runtime.services.iptv_downloads.run(download.id, ctx)
            placed = Path(runtime.state.get_iptv_download(download.id).path)
            assert placed.relative_to(settings.media_dir).parts[0] == "Movies"
            assert "The Matrix (1999)" in placed.parent.name
            assert runtime.state.get_media(result["media_id"]).external_ids.get("tmdb") == "603"
            assert _sha(placed.read_bytes()) == _sha(movie_bytes)
        finally:
            runtime.stop()
