"""Servers, libraries and path mappings: add with the /identity check, the token kept secret,
libraries with their Location paths, longest-prefix mappings and the check of what exists."""

from __future__ import annotations

import pytest

from media_library.errors import ExternalServiceError
from media_library.models.plex import PathMapping
from media_library.services.plex.paths import PathMapper
from tests.fakes.plex import FakePlex
from tests.plex.conftest import add_server


def test_add_server_checks_identity_and_lists_libraries_with_locations(runtime, plex):
    server = add_server(runtime, plex)
    assert server.machine_id == "fake-machine" and server.version
    assert "token" not in server.to_public() and server.to_public()["token_set"] is True
    libraries = {lib["title"]: lib for lib in runtime.services.plex.libraries(server.id)}
    assert libraries["Movies"]["locations"] == ["/Movies", "/mnt/Movies_1"]
    assert libraries["TV Series"]["type"] == "show" and libraries["TV Series"]["importable"]
    identity = [r for r in plex.requests_to("/identity")]
    assert identity and all(r.headers["X-Plex-Token"] == plex.token for r in identity)
    assert all(plex.token not in r.query_string for r in plex.requests)


def test_a_wrong_token_is_refused_and_nothing_is_stored(runtime, plex):
    with pytest.raises(ExternalServiceError) as caught:
        runtime.services.plex.add_server("Bad", plex.url, "wrong-token")
    assert "refused our credentials (401)" in caught.value.message
    assert runtime.state.list_plex_servers() == []


def test_xml_answers_are_read_like_json():
    with FakePlex(xml=True) as fake:
        fake.load_fixtures()
        from media_library.clients.http import HttpClient
        from media_library.clients.plex import PlexServerClient

        client = PlexServerClient(HttpClient(), fake.url, fake.token, page_size=3)
        sections = client.sections()
        assert [s["Location"][0]["path"] for s in sections] == ["/Movies", "/TV Shows", "/Anime"]
        pages = list(client.section_items("1", "movie"))
        assert sum(len(items) for items, _ in pages) == pages[0][1] == len(fake.items("1"))
        assert all(r.headers.get("X-Plex-Container-Start") is not None and r.headers.get("X-Plex-Container-Size") == "3"
                   for r in fake.requests_to("/library/sections/1/all"))


def test_longest_prefix_wins_and_library_mappings_come_first():
    mappings = [PathMapping(1, 1, None, "/data", "/mnt/nas"), PathMapping(2, 1, None, "/data/movies", "/srv/films"),
                PathMapping(3, 1, 7, "/data", "/lib7"), PathMapping(4, 1, None, "D:\\Media", "/mnt/d")]
    mapper = PathMapper(mappings)
    assert mapper.local_path("/data/movies/A (2000)/a.mkv") == "/srv/films/A (2000)/a.mkv"
    assert mapper.local_path("/data/tv/x.mkv") == "/mnt/nas/tv/x.mkv"
    assert mapper.local_path("/data/movies/a.mkv", library_id=7) == "/lib7/movies/a.mkv"
    assert mapper.local_path("/datastore/a.mkv") is None
    assert mapper.local_path("D:\\Media\\Film\\f.mkv") == "/mnt/d/Film/f.mkv"
    assert mapper.local_path("/data/movies/../../../etc/passwd") is None  # never outside a mapped folder
    assert mapper.local_path("/data/tv/./a.mkv") == "/mnt/nas/tv/a.mkv"


def test_mapping_check_says_which_folders_exist(runtime, plex, tmp_path):
    server = add_server(runtime, plex)
    (tmp_path / "movies").mkdir()
    runtime.services.plex.add_mapping(server.id, "/Movies", str(tmp_path / "movies"))
    runtime.services.plex.add_mapping(server.id, "/TV Shows", str(tmp_path / "absent"))
    checked = runtime.services.plex.check_mappings(server.id)
    assert [m["exists"] for m in checked["mappings"]] == [True, False]
    roots = {r["plex_path"]: r for r in checked["roots"]}
    assert roots["/Movies"]["exists"] and roots["/Movies"]["local_path"] == str(tmp_path / "movies")
    assert roots["/Anime"]["local_path"] is None and not roots["/Anime"]["exists"]


def test_mappings_read_backwards_and_plex_refreshes_the_folder_an_export_wrote(runtime, plex, tmp_path):
    mapper = PathMapper([PathMapping(1, 1, None, "/data/movies", "/srv/films")])
    assert mapper.plex_path("/srv/films/A (2000)") == "/data/movies/A (2000)" and mapper.plex_path("/srv/other") is None
    server = add_server(runtime, plex)
    runtime.services.plex.add_mapping(server.id, "/Movies", str(tmp_path / "export" / "Movies"))
    asked = runtime.services.plex.refresh_for_folder(str(tmp_path / "export" / "Movies" / "Film (2000)"))
    assert asked == [{"server_id": server.id, "server": "Living room", "url": plex.url, "library": "Movies",
                      "path": "/Movies/Film (2000)", "ok": True}]
    refresh = plex.requests_to("/library/sections/1/refresh")
    assert [r.arg("path") for r in refresh] == ["/Movies/Film (2000)"]
    assert runtime.services.plex.refresh_for_folder(str(tmp_path / "elsewhere")) == []
