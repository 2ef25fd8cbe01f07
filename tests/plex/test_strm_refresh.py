"""Plex as the STRM export's refresh target: after a run that changed files, every Plex server
on the Plex page whose library holds a changed folder scans just that folder
(``GET /library/sections/<id>/refresh?path=…``, the Plex path read from the mappings); nothing
when nothing changed; the older ``strm.refresh_plex_*`` settings only for a server the
integration did not ask (fake Plex servers on 127.0.0.1)."""

from __future__ import annotations

import pytest

from media_library.services.plex.service import MAX_SCANNED_FOLDERS, _scan_paths
from media_library.services.strm.service import run_export, update_settings
from tests.fakes.plex import FakePlex
from tests.strm.library import build_library


@pytest.fixture
def films_and_shows():
    """A Plex server reading the export as it is mounted there: /plexdata/strm/{Movies,Shows}."""
    with FakePlex() as fake:
        fake.add_section("1", "movie", "STRM films", ["/plexdata/strm/Movies"])
        fake.add_section("2", "show", "STRM shows", ["/plexdata/strm/Shows"])
        fake.add_section("3", "movie", "Films on the NAS", ["/nas/films"])
        yield fake


def export(runtime, out, **options):
    return run_export(runtime.state, runtime.settings, output=str(out), media_servers=runtime.services.clients.media_servers,
                      plex=runtime.services.plex, **options)


def refreshed(fake) -> list[tuple[str, str | None]]:
    return sorted((r.path, r.arg("path")) for r in fake.requests_to("/library/sections/"))


def test_an_export_refreshes_only_the_folders_it_changed_in_the_library_that_holds_them(strm_runtime, films_and_shows, tmp_path):
    library, out = build_library(strm_runtime.state), tmp_path / "export"
    server = strm_runtime.services.plex.add_server("Living room", films_and_shows.url, films_and_shows.token)
    strm_runtime.services.plex.add_mapping(server.id, "/plexdata/strm", str(out))

    first = export(strm_runtime, out)
    assert refreshed(films_and_shows) == [
        ("/library/sections/1/refresh", "/plexdata/strm/Movies/Blade Runner (1982) [tmdbid-78]"),
        ("/library/sections/1/refresh", "/plexdata/strm/Movies/The Matrix (1999) [tmdbid-603]"),
        ("/library/sections/2/refresh", "/plexdata/strm/Shows/Stargate Atlantis (2004) [tmdbid-2290]")  # its seasons with it,
    ]
    assert all(r.headers["X-Plex-Token"] == films_and_shows.token for r in films_and_shows.requests_to("/library/sections/"))
    assert {r["server"] for r in first["refresh"]} == {"plex Living room (STRM films)", "plex Living room (STRM shows)"}
    assert all(r["ok"] for r in first["refresh"])

    films_and_shows.requests.clear()
    assert export(strm_runtime, out)["refresh"] == [] and refreshed(films_and_shows) == []  # nothing changed

    strm_runtime.state.delete_media(library.matrix.id)
    export(strm_runtime, out)  # the film's folder is pruned: its library's root is scanned instead
    assert refreshed(films_and_shows) == [("/library/sections/1/refresh", "/plexdata/strm/Movies")]


def test_plex_on_this_machine_needs_no_mapping_and_a_refusing_server_does_not_fail_the_export(strm_runtime, tmp_path):
    build_library(strm_runtime.state)
    out = tmp_path / "export"
    with FakePlex() as fake, FakePlex(token="other") as down:
        fake.add_section("1", "movie", "Films", [str(out / "Movies")])
        down.add_section("7", "show", "Shows", [str(out / "Shows")])
        strm_runtime.services.plex.add_server("Here", fake.url, fake.token)
        strm_runtime.services.plex.add_server("Den", down.url, down.token)
        down.script(401, "revoked", path="/library/sections/7/refresh")
        summary = export(strm_runtime, out)
        assert [r.arg("path") for r in fake.requests_to("/library/sections/1/refresh")] == [
            str(out / "Movies" / "Blade Runner (1982) [tmdbid-78]"), str(out / "Movies" / "The Matrix (1999) [tmdbid-603]")]
    failed = [r for r in summary["refresh"] if not r["ok"]]
    assert summary["counts"]["created"] > 0 and [r["server"] for r in failed] == ["plex Den (Shows)"] and failed[0]["error"]


def test_the_strm_plex_settings_are_a_fallback_for_a_server_not_on_the_plex_page(strm_runtime, films_and_shows, tmp_path):
    build_library(strm_runtime.state)
    out = tmp_path / "export"
    server = strm_runtime.services.plex.add_server("Living room", films_and_shows.url, films_and_shows.token)
    strm_runtime.services.plex.add_mapping(server.id, "/plexdata/strm", str(out))
    update_settings(strm_runtime.settings, strm_runtime.state, {"refresh_plex_url": films_and_shows.url + "/",
                                                                    "refresh_plex_token": films_and_shows.token, "refresh_plex_section": "1"})
    export(strm_runtime, out)
    assert all(r.arg("path") for r in films_and_shows.requests_to("/library/sections/"))  # the integration asked it: no whole-section scan

    with FakePlex(token="old-token") as other:
        other.add_section("5", "movie", "Old set-up", ["/strm"])
        update_settings(strm_runtime.settings, strm_runtime.state, {"refresh_plex_url": other.url, "refresh_plex_token": "old-token",
                                                                        "refresh_plex_section": "5"})
        summary = export(strm_runtime, out, force=True, style="plex")
        legacy = other.requests_to("/library/sections/5/refresh")
    assert len(legacy) == 1 and legacy[0].arg("path") is None and legacy[0].headers["X-Plex-Token"] == "old-token"
    assert {"server": "plex", "ok": True, "status": 200} in summary["refresh"]


def test_many_changed_folders_are_one_scan_of_the_library():
    nested = ["/m/A", "/m/A/Season 1", "/m/B"]
    assert _scan_paths(nested) == ["/m/A", "/m/B"]
    many = [f"/m/{n:03}" for n in range(MAX_SCANNED_FOLDERS + 1)]
    assert _scan_paths(many) == [None] and _scan_paths(many[:-1]) == many[:-1]
