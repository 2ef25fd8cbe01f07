"""LibrarySource reads the library a page at a time (``state.strm_library_page``: a few queries
per page, not per item) and gives the same entries as reading each item on its own would."""

from __future__ import annotations

from media_library.services.strm import sources
from media_library.services.strm.sources import LibrarySource, stream_url_builder

from .library import add_movie, build_library

URLS = stream_url_builder("https://media.example.test", "mlt_TEST")


def test_pages_cross_ties_in_the_sort_title_without_losing_or_repeating_items(strm_runtime, monkeypatch):
    state = strm_runtime.state
    films = [add_movie(state, "Same Title", 2000 + n, {"tmdb": str(n + 1)}) for n in range(5)]
    monkeypatch.setattr(sources, "_PAGE", 2)  # five items with one sort title: pages break inside the tie
    keys = [e.key for e in LibrarySource(state, URLS).entries()]
    assert sorted(keys) == sorted(f"library:movie:{f.id}" for f in films) and len(set(keys)) == 5


def test_entries_carry_each_items_own_ids_files_and_artwork(strm_runtime):
    state = strm_runtime.state
    lib = build_library(state)
    state.set_artwork(lib.matrix.id, "poster", "/cache/p.jpg", "https://image.tmdb.org/t/p/original/matrix.jpg")
    state.set_artwork(lib.matrix.id, "fanart", "/cache/f.jpg", "https://image.tmdb.org/t/p/original/matrix-bg.jpg")
    gone = add_movie(state, "Gone Film", 2001, {"tmdb": "9"})
    [missing] = state.list_media_files(gone.id)
    state.update_media_file(missing.id, missing=True)
    entries = {e.key: e for e in LibrarySource(state, URLS).entries()}
    matrix = entries[f"library:movie:{lib.matrix.id}"]
    assert matrix.id_map == {"tmdb": "603", "imdb": "tt0133093"} and matrix.runtime_minutes == 136
    assert matrix.posters == ("https://image.tmdb.org/t/p/original/matrix.jpg",)
    assert matrix.fanart == ("https://image.tmdb.org/t/p/original/matrix-bg.jpg",)
    blade = entries[f"library:movie:{lib.blade.id}"]
    assert [v.label for v in blade.versions] == ["2160p", "1080p"] and blade.posters == ()
    assert f"library:movie:{gone.id}" not in entries  # its only file is missing
    episodes = [e for e in entries.values() if e.kind == "episode"]
    assert len(episodes) == 3 and all(e.show.title == "Stargate Atlantis" for e in episodes)
