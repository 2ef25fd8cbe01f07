"""Media-server refresh after an export that changed files: Jellyfin/Emby and Plex, keys in
headers only, failures reported but never failing the export (fakes on 127.0.0.1)."""

from __future__ import annotations

import dataclasses

from flask import Response

from media_library.services.strm.refresh import refresh_media_servers
from media_library.services.strm.service import run_export, update_settings
from tests.fakes.server import FakeServer


class FakeMediaServers(FakeServer):
    """Answers Jellyfin's POST /Library/Refresh (204) and Plex's section refresh (200)."""

    name = "mediaservers"

    def routes(self, app):
        app.add_url_rule("/Library/Refresh", "jf", lambda: Response(status=204), methods=["POST"])
        app.add_url_rule("/library/sections/<section>/refresh", "plex", lambda section: Response(status=200), methods=["GET"])


def test_both_servers_are_asked_with_their_headers(strm_runtime):
    with FakeMediaServers() as fake:
        strm = dataclasses.replace(strm_runtime.settings.strm, refresh_jellyfin_url=fake.url, refresh_jellyfin_api_key="jf-key",
                                   refresh_plex_url=fake.url + "/", refresh_plex_token="plex-token", refresh_plex_section="3")
        results = refresh_media_servers(strm, strm_runtime.services.clients.media_servers)
        jf, = fake.requests_to("/Library/Refresh")
        plex, = fake.requests_to("/library/sections/3/refresh")
    assert results == [{"server": "jellyfin", "ok": True, "status": 204}, {"server": "plex", "ok": True, "status": 200}]
    assert jf.method == "POST" and jf.headers["X-Emby-Token"] == "jf-key"
    assert jf.headers["Authorization"] == 'MediaBrowser Token="jf-key"'
    assert plex.headers["X-Plex-Token"] == "plex-token" and "plex-token" not in plex.full_url_part


def test_a_refused_key_is_reported_not_raised(strm_runtime):
    with FakeMediaServers() as fake:
        fake.script(401, {"message": "bad key"})
        strm = dataclasses.replace(strm_runtime.settings.strm, refresh_jellyfin_url=fake.url, refresh_jellyfin_api_key="x")
        [result] = refresh_media_servers(strm, strm_runtime.services.clients.media_servers)
    assert result["ok"] is False and "credentials" in result["error"]


def test_refresh_only_after_a_run_that_changed_files(strm_runtime, library, out):
    with FakeMediaServers() as fake:
        update_settings(strm_runtime.settings, strm_runtime.state, {"refresh_jellyfin_url": fake.url, "refresh_jellyfin_api_key": "k"})
        http = strm_runtime.services.clients.media_servers
        first = run_export(strm_runtime.state, strm_runtime.settings, output=str(out), media_servers=http)
        second = run_export(strm_runtime.state, strm_runtime.settings, output=str(out), media_servers=http)
        dry = run_export(strm_runtime.state, strm_runtime.settings, output=str(out / "dry"), dry_run=True, media_servers=http)
        calls = fake.requests_to("/Library/Refresh")
    assert [r["ok"] for r in first["refresh"]] == [True]
    assert second["refresh"] == [] and dry["refresh"] == [] and len(calls) == 1
