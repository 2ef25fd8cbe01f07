"""The IPTV catalogs as the STRM export's second source: our proxy URLs with the export's stream
token (never the provider's), one entry for a title several accounts offer (by TMDb id), and new
episodes on the next export."""

from __future__ import annotations

from pathlib import Path

from media_library.services.strm.service import run_export
from media_library.services.strm.sources import XtreamSource, iptv_url_builder

URLS = iptv_url_builder("https://media.example.test", "mlt_TEST")


def _two_accounts(runtime, provider, ctx):
    accounts = [runtime.state.add_iptv_account(name, provider.url, provider.username, provider.password)
                for name in ("One", "Two")]
    for account in accounts:
        runtime.services.iptv_sync.sync(account.id, ctx)
        runtime.services.iptv_catalog.refresh_episodes(account.id, "77")
    return accounts


def test_titles_of_several_accounts_appear_once_with_our_proxy_urls(iptv_runtime, provider, ctx):
    first, _second = _two_accounts(iptv_runtime, provider, ctx)
    entries = list(XtreamSource(iptv_runtime.state, URLS).entries())
    movies = [e for e in entries if e.kind == "movie"]
    with_tmdb = [e for e in movies if e.id_map.get("tmdb")]
    assert sorted(e.id_map["tmdb"] for e in with_tmdb) == ["603", "604"]  # once each, though two accounts list them
    assert len(movies) == 2 + 2 * 1  # Inception has no TMDb id: one per account
    matrix = next(e for e in with_tmdb if e.id_map["tmdb"] == "603")
    assert matrix.versions[0].url == f"https://media.example.test/api/iptv/strm/{first.id}/movie/456?token=mlt_TEST"
    episodes = [e for e in entries if e.kind == "episode"]
    assert [(e.show.title, e.season, e.episode) for e in episodes] == [("Breaking Bad", 1, 1), ("Breaking Bad", 1, 2)]
    assert all(provider.password not in v.url for e in entries for v in e.versions)


def test_export_writes_strm_files_that_play_and_new_episodes_appear_next_time(runtime, admin_client, provider, ctx,
                                                                              tmp_path, movie_bytes):
    admin_client.put("/api/strm/settings", json={"public_base_url": "http://media.test", "output_dir": str(tmp_path / "strm")})
    _two_accounts(runtime, provider, ctx)
    run_export(runtime.state, runtime.settings, refresh=False, media_servers=runtime.services.clients.media_servers)
    out = tmp_path / "strm"
    strm_files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.strm"))
    assert any(p.startswith("Movies/The Matrix (1999)") for p in strm_files)
    assert sum("S01E" in p for p in strm_files) == 2
    url = (next(p for p in out.rglob("*.strm") if "Matrix (1999)" in p.name)).read_text().strip()
    played = admin_client.application.test_client().get(url.removeprefix("http://media.test"))
    assert played.status_code == 200 and played.data == movie_bytes
    provider.add_episode("77", 2, 1, "Seven Thirty-Seven")
    runtime.services.iptv_catalog.refresh_episodes(1, "77")
    run_export(runtime.state, runtime.settings, refresh=False, media_servers=runtime.services.clients.media_servers)
    assert any("S02E01" in p.name for p in Path(out).rglob("*.strm"))
