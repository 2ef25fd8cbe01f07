"""A sync against the fake Plex server with the recorded libraries: what is imported (films with
two versions and a flattened Part, legacy-agent GUIDs, episodes each their own record, unmapped
files listed), two-level progress, bad items, no-change re-syncs, deletions behind the guard, and
one film from two servers and the local disk as one item."""

from __future__ import annotations

from sqlalchemy import event, func, select

from media_library.db.plex import plex_items, plex_parts
from media_library.db.schema import external_ids, media, media_files
from media_library.services.plex.events import PlexSyncProgress
from tests.conftest import media_by_external_id
from tests.fakes.plex import FakePlex
from tests.plex.conftest import add_server, run_sync, touch

NINE_WEEKS = "Movies/Nine 1+2 Weeks (1986)/Nine.and.a.Half.Weeks.1986.1080p.BluRay.DTS.x264-HDMaNiAcS.mkv"


def _mapped_server(runtime, plex, tmp_path):
    server = add_server(runtime, plex)
    for prefix, folder in (("/Movies", "movies"), ("/mnt/Movies_1", "m1"), ("/TV Shows", "tv")):
        runtime.services.plex.add_mapping(server.id, prefix, str(tmp_path / folder))
    touch(tmp_path / "movies" / NINE_WEEKS.removeprefix("Movies/"))
    touch(tmp_path / "m1" / "W" / "Wicked (2024).mkv")
    return server


def _snapshot(state) -> tuple:
    with state.db.read() as conn:
        return tuple(conn.execute(select(func.count(), func.max(t.c.updated_at))).one() if "updated_at" in t.c else
                     conn.execute(select(func.count()).select_from(t)).scalar()
                     for t in (media, media_files, external_ids, plex_items, plex_parts))


def test_the_recorded_libraries_import(runtime, plex, tmp_path):
    server = _mapped_server(runtime, plex, tmp_path)
    events = []
    runtime.bus.subscribe(lambda e: events.append(e) if isinstance(e, PlexSyncProgress) else None)
    result, ctx = run_sync(runtime, server.id, tmp_path)
    state = runtime.state

    wicked = media_by_external_id(state, "imdb", "tt1262426", "movie")
    files = {f.path: f for f in state.list_media_files(wicked.id)}
    assert files[str(tmp_path / "m1/W/Wicked (2024).mkv")].missing is False  # playable at once
    assert files[str(tmp_path / "m1/W/Wicked (2024) - 1080p.mkv")].missing is True  # second version, flattened Part
    assert wicked.external_ids == {"imdb": "tt1262426", "tmdb": "402431", "tvdb": "136493"} and wicked.year == 2024

    nine = media_by_external_id(state, "tmdb", "10068", "movie")
    assert [f.path for f in state.list_media_files(nine.id)] == [str(tmp_path / "movies" / NINE_WEEKS.removeprefix("Movies/"))]
    assert nine.original_title == "Nine 1/2 Weeks" and nine.overview

    alice = next(i for i in state.list_media(kind="show") if i.title == "Alice in Borderland")
    seasons = state.list_media(kind="season", parent_id=alice.id)
    episodes = [e for s in seasons for e in state.list_media(kind="episode", parent_id=s.id, limit=100)]
    listed = [i for i in plex.items("2") if i.get("grandparentTitle") == "Alice in Borderland"]
    assert sorted(s.season_number for s in seasons) == sorted({i["parentIndex"] for i in listed})
    assert len(episodes) == len(listed)  # each episode its own record
    assert all(e.external_ids.get("imdb") for e in episodes) and len({(e.season_number, e.episode_number) for e in episodes}) == len(episodes)

    ghost = media_by_external_id(state, "tvdb", "88651", "show")  # legacy com.plexapp.agents.thetvdb GUID
    assert ghost is not None and ghost.title == "07-Ghost"
    unmapped = state.list_unmapped_plex_parts(server.id)
    assert any(p["plex_path"].startswith("/Volumes/Media/TV Shows/Babylon 5/") for p in unmapped)

    movies = next(r for r in result["libraries"] if r["title"] == "Movies")
    assert movies["bad"] == 0 and movies["created"] == movies["listed"] == len(plex.items("1"))
    assert any("Library 1/3" in (m or "") for _, m in ctx.calls) and any("Library 3/3" in (m or "") for _, m in ctx.calls)
    assert events[-1].done and events[-1].libraries_done == 3
    assert {e.library for e in events} >= {"Movies", "TV Series", "Anime"}


def test_every_listing_sends_both_paging_headers(runtime, plex, tmp_path):
    server = add_server(runtime, plex)
    run_sync(runtime, server.id, tmp_path)
    listings = plex.requests_to("/library/sections/1/all") + plex.requests_to("/library/sections/2/all")
    assert listings and all("X-Plex-Container-Start" in r.headers and "X-Plex-Container-Size" in r.headers for r in listings)
    assert all(r.arg("includeGuids") == "1" for r in listings)


def test_a_resync_with_nothing_changed_writes_no_rows(runtime, plex, tmp_path):
    server = _mapped_server(runtime, plex, tmp_path)
    run_sync(runtime, server.id, tmp_path)
    before = _snapshot(runtime.state)
    result, _ = run_sync(runtime, server.id, tmp_path)
    assert _snapshot(runtime.state) == before
    for library in result["libraries"]:
        assert library["created"] == library["updated"] == library["deleted"] == 0
        assert library["unchanged"] == library["listed"]


def test_bad_items_are_skipped_and_counted(runtime, plex, tmp_path):
    plex.add_items("1", [{"type": "movie", "title": "no rating key"}, {"type": "movie", "ratingKey": "77", "title": ""}])
    server = add_server(runtime, plex)
    result, _ = run_sync(runtime, server.id, tmp_path)
    movies = next(r for r in result["libraries"] if r["title"] == "Movies")
    assert movies["bad"] == 2 and movies["created"] == len(plex.items("1")) - 2


def test_changes_and_deletions_touch_only_those_items_and_the_guard_holds_mass_deletions(runtime, plex, tmp_path):
    plex.generate_movies("1", 100)
    server = add_server(runtime, plex)
    library = next(lib for lib in runtime.state.list_plex_libraries(server.id) if lib.title == "Movies")
    run_sync(runtime, server.id, tmp_path, library_id=library.id)
    plex.touch("1", {"100001"}, 1_800_000_000)
    plex.remove("1", {"100002", "100003", "100004"})
    result, _ = run_sync(runtime, server.id, tmp_path, library_id=library.id)
    report = result["libraries"][0]
    assert (report["updated"], report["created"], report["deleted"]) == (1, 0, 3)
    assert media_by_external_id(runtime.state, "imdb", "tt9100001").title == "Film 100001 (edited)"
    assert media_by_external_id(runtime.state, "imdb", "tt9100002") is None

    plex.remove("1", {str(100010 + n) for n in range(40)})
    held = run_sync(runtime, server.id, tmp_path, library_id=library.id)[0]["libraries"][0]
    assert held["deleted"] == 0 and held["held_back"] == 40
    assert media_by_external_id(runtime.state, "imdb", "tt9100010") is not None
    forced = run_sync(runtime, server.id, tmp_path, library_id=library.id, force=True)[0]["libraries"][0]
    assert forced["deleted"] == 40 and media_by_external_id(runtime.state, "imdb", "tt9100010") is None


def test_one_film_on_two_servers_and_local_disk_is_one_item_with_three_files(runtime, tmp_path):
    local = touch(tmp_path / "local" / "Film 100005 (1995).mkv")
    item = runtime.state.add_media("movie", "Film 100005", year=1995, external_ids={"imdb": "tt9100005"}, status="identified")
    runtime.state.upsert_media_file(str(local), media_id=item.id, size=10)
    with FakePlex(token="a-token", machine_id="a") as first, FakePlex(token="b-token", machine_id="b") as second:
        for fake, root in ((first, "/data/movies"), (second, "/share/films")):
            fake.add_section("1", "movie", "Films", [root])
            fake.generate_movies("1", 10, root=root)
            server = runtime.services.plex.add_server(f"server {fake.machine_id}", fake.url, fake.token)
            runtime.services.plex.add_mapping(server.id, root, str(tmp_path / fake.machine_id))
            touch(tmp_path / fake.machine_id / "Film 100005 (1995)" / "Film 100005.mkv")
            run_sync(runtime, server.id, tmp_path)
    files = runtime.state.list_media_files(item.id)
    assert sorted(f.path for f in files) == sorted([str(local), str(tmp_path / "a/Film 100005 (1995)/Film 100005.mkv"),
                                                    str(tmp_path / "b/Film 100005 (1995)/Film 100005.mkv")])
    assert not any(f.missing for f in files)
    assert len([m for m in runtime.state.list_media(kind="movie", limit=1000) if m.external_ids.get("imdb") == "tt9100005"]) == 1


def test_a_resync_writes_the_changed_items_together(runtime, tmp_path):
    """100 changed films cost a handful of write statements, not a few per film; a film whose Part
    was replaced gets the new file (present here) and loses the old Part's record."""
    with FakePlex() as fake:
        fake.add_section("1", "movie", "Films", ["/data/movies"])
        fake.generate_movies("1", 300)
        server = runtime.services.plex.add_server("bench", fake.url, fake.token)
        runtime.services.plex.add_mapping(server.id, "/data/movies", str(tmp_path / "movies"))
        run_sync(runtime, server.id, tmp_path)
        changed = {str(100000 + n) for n in range(0, 300, 3)}
        fake.touch("1", changed, 1_900_000_000)
        replaced = next(i for i in fake.items("1") if i["ratingKey"] == "100000")
        replaced["Media"][0]["Part"] = [{"id": 999, "file": "/data/movies/Film 100000 (1950)/Film 100000 - remux.mkv", "size": 5}]
        new_file = touch(tmp_path / "movies" / "Film 100000 (1950)" / "Film 100000 - remux.mkv")
        writes = []
        listener = lambda conn, cursor, statement, params, context, many: writes.append(statement) if not statement.startswith("SELECT") else None  # noqa: E731
        event.listen(runtime.db.engine, "before_cursor_execute", listener)
        try:
            result, _ = run_sync(runtime, server.id, tmp_path)
        finally:
            event.remove(runtime.db.engine, "before_cursor_execute", listener)
    report = result["libraries"][0]
    assert (report["updated"], report["created"], report["unchanged"], report["files"]) == (100, 0, 200, 1)
    assert len([s for s in writes if s.startswith(("INSERT", "UPDATE", "DELETE"))]) <= 8, writes
    film = media_by_external_id(runtime.state, "imdb", "tt9100000")
    assert film.title == "Film 100000 (edited)" and media_by_external_id(runtime.state, "imdb", "tt9100003").title.endswith("(edited)")
    assert str(new_file) in {f.path for f in runtime.state.list_media_files(film.id) if not f.missing}
    with runtime.state.db.read() as conn:
        parts = conn.execute(select(plex_parts.c.part_key).join(plex_items, plex_items.c.id == plex_parts.c.item_id)
                             .where(plex_items.c.rating_key == "100000")).scalars().all()
    assert parts == ["999"]
