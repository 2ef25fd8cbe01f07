"""Tracked series: a new episode added to the provider is queued by the next check and downloaded."""

from __future__ import annotations

import pytest

from media_library.errors import InvalidInput


@pytest.fixture
def synced(iptv_runtime, account, ctx):
    iptv_runtime.services.iptv_sync.sync(account.id, ctx)
    return account


def test_new_only_downloads_the_episode_added_after_tracking(iptv_runtime, synced, provider, ctx, movie_bytes):
    tracking = iptv_runtime.services.iptv_tracking
    tracking.track(synced.id, "77", "new")
    assert tracking.check(synced.id, ctx) == {"queued": 0, "errors": []}
    new_id = provider.add_episode("77", 2, 1, "Seven Thirty-Seven")
    assert tracking.check(synced.id, ctx) == {"queued": 1, "errors": []}
    queued = iptv_runtime.state.list_iptv_downloads()
    assert [(d.stream_id, d.season, d.episode_num) for d in queued] == [(new_id, 2, 1)]
    assert iptv_runtime.services.iptv_downloads.run(queued[0].id, ctx)["status"] == "done"
    assert tracking.check(synced.id, ctx) == {"queued": 0, "errors": []}  # never twice
    assert iptv_runtime.state.get_tracked_series(synced.id, "77").last_checked_at is not None


def test_all_and_from_season_modes(iptv_runtime, synced, provider, ctx):
    provider.add_episode("77", 2, 1, "Seven Thirty-Seven")
    tracking = iptv_runtime.services.iptv_tracking
    tracking.track(synced.id, "77", "from_season", 2)
    assert tracking.check(None, ctx)["queued"] == 1
    tracking.track(synced.id, "77", "all")
    assert tracking.check(None, ctx)["queued"] == 2  # season 1's two; season 2's is already queued
    with pytest.raises(InvalidInput):
        tracking.track(synced.id, "77", "from_season")


def test_tracking_adds_the_hourly_check_schedule(iptv_runtime, synced):
    iptv_runtime.services.iptv_tracking.track(synced.id, "1", "all")
    schedules = {s.name: s for s in iptv_runtime.state.list_schedules()}
    assert schedules["iptv-track"].kind == "iptv.track_check"
    assert schedules["iptv-track"].expression == iptv_runtime.settings.iptv.track_schedule == "15 * * * *"
