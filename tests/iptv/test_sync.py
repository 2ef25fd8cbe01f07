"""Catalog sync against the fake provider: every quirk, empty and failed answers, no-op re-syncs."""

from __future__ import annotations

import pytest

from tests.fakes.xtream import QUIRKS


def _sync(runtime, account, ctx):
    return runtime.services.iptv_sync.sync(account.id, ctx)


def test_every_quirk_on_counts_equal_served_minus_broken_which_are_reported(iptv_runtime, account, provider, ctx):
    provider.quirks = set(QUIRKS)
    result = _sync(iptv_runtime, account, ctx)
    counts = iptv_runtime.state.iptv_counts(account.id)
    served = {"live": len(provider.live), "vod": len(provider.vod), "series": len(provider.series)}
    assert counts == served
    for section, broken in provider.broken.items():
        report = result["sections"][section]
        assert report["served"] == served[section] + broken
        assert report["skipped"] == broken and len(report["skipped_items"]) == broken
    stored = iptv_runtime.state.get_iptv_account(account.id)
    assert stored.sync_status == "idle" and stored.sync_report["vod"]["skipped"] == 2


def test_quirky_values_are_normalised(iptv_runtime, account, provider, ctx):
    provider.quirks = {"string_ids", "tmdb_key", "prefixes", "rating_mixed"}
    _sync(iptv_runtime, account, ctx)
    matrix = iptv_runtime.state.get_iptv_stream(account.id, "vod", "456")
    assert (matrix.name, matrix.language, matrix.year, matrix.tmdb_id) == ("The Matrix", "EN", 1999, "603")
    ratings = {s.stream_id: s.rating for s in iptv_runtime.state.list_iptv_streams(account.id, "vod")[0]}
    assert ratings["456"] == 8.5 and ratings["457"] == 7.5
    braceface = iptv_runtime.state.get_iptv_stream(account.id, "series", "1")
    assert (braceface.name, braceface.year) == ("Braceface", 2001)
    categories = iptv_runtime.state.list_iptv_categories(account.id, "vod")
    assert {c["language"] for c in categories} == {"EN"}


def test_a_resync_with_nothing_changed_writes_no_rows(iptv_runtime, account, provider, ctx):
    provider.quirks = set(QUIRKS)
    first = _sync(iptv_runtime, account, ctx)
    assert first["sections"]["vod"]["inserted"] == len(provider.vod)
    second = _sync(iptv_runtime, account, ctx)
    for section in ("live", "vod", "series"):
        written = second["sections"][section]
        assert (written["inserted"], written["updated"], written["deleted"], written["categories_changed"]) == (0, 0, 0, 0)
    provider.vod[0]["name"] = "The Matrix (Remastered)"
    provider.vod.pop()
    third = _sync(iptv_runtime, account, ctx)["sections"]["vod"]
    assert (third["inserted"], third["updated"], third["deleted"]) == (0, 1, 1)


def test_an_empty_answer_keeps_the_previous_catalog(iptv_runtime, account, provider, ctx):
    _sync(iptv_runtime, account, ctx)
    before = iptv_runtime.state.iptv_counts(account.id)
    provider.empty_sections = {"vod"}
    result = _sync(iptv_runtime, account, ctx)
    assert result["sections"]["vod"]["empty"] is True and result["sections"]["vod"]["kept"] == before["vod"]
    assert iptv_runtime.state.iptv_counts(account.id) == before


@pytest.mark.parametrize("failure", ["html", "refused"])
def test_a_failed_answer_keeps_the_catalog_and_says_why(iptv_runtime, account, provider, ctx, failure):
    _sync(iptv_runtime, account, ctx)
    before = iptv_runtime.state.iptv_counts(account.id)
    if failure == "html":
        provider.html_errors = True
    else:
        provider.password = "changed"
    _sync(iptv_runtime, account, ctx)
    stored = iptv_runtime.state.get_iptv_account(account.id)
    assert stored.sync_status == "error"
    assert ("HTML page" if failure == "html" else "refused the account") in stored.sync_error
    assert provider.password not in stored.sync_error and account.password not in stored.sync_error
    assert iptv_runtime.state.iptv_counts(account.id) == before


def test_start_up_resets_a_sync_left_running(iptv_runtime, account):
    iptv_runtime.state.update_iptv_account(account.id, sync_status="syncing")
    assert iptv_runtime.state.reset_iptv_syncing() == 1
    assert iptv_runtime.state.get_iptv_account(account.id).sync_status == "idle"


def test_a_parsed_item_is_a_catalog_row_and_its_fingerprint_is_the_same_in_every_process():
    import subprocess
    import sys

    from media_library.clients.xtream import ROW_FIELDS, parse_row
    from media_library.services.iptv.sync import catalog_rows
    from media_library.state.iptv import CATALOG_ROW_COLUMNS

    assert (*ROW_FIELDS, "fingerprint") == CATALOG_ROW_COLUMNS
    raw = {"stream_id": 7, "name": "|EN| Heat (1995)", "category_id": "3", "rating": "7,5", "tmdb": "949", "added": "17"}
    row = catalog_rows([parse_row("vod", raw)], {"3": "FR"})[0]
    assert row[:9] == ("7", "Heat", "|EN| Heat (1995)", "3", 1995, "EN", None, 7.5, "949")
    code = ("from media_library.clients.xtream import parse_row; from media_library.services.iptv.sync import catalog_rows;"
            f"print(catalog_rows([parse_row('vod', {raw!r})], {{'3': 'FR'}})[0][-1])")
    for seed in ("1", "2"):
        other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                               env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout.strip()
        assert other == row[-1]
