"""A small, fixed library for the export tests (and the kill -9 subprocess): two films (one with
two versions), a show with a special, a multi-episode file and a regular episode, and an admin
who owns the stream token. Media ids are random, so tests compare trees with ids masked."""

from __future__ import annotations

from types import SimpleNamespace


def add_movie(state, title, year, ids, *, files=1, genres=("Action",), runtime=None, overview="A film.", heights=(1080,)):
    item = state.add_media("movie", title, year=year, external_ids=ids, genres=list(genres), overview=overview,
                           runtime_minutes=runtime, status="identified")
    for n in range(files):
        state.upsert_media_file(f"/media/{item.id}/{n}.mkv", media_id=item.id, size=1000 + n,
                                height=heights[n % len(heights)], duration_s=5400.0)
    return item


def build_library(state):
    if not state.count_users():
        state.add_first_admin("admin", "not-a-real-hash")
    matrix = add_movie(state, "The Matrix", 1999, {"tmdb": "603", "imdb": "tt0133093"}, runtime=136)
    blade = add_movie(state, "Blade Runner (1982)", 1982, {"tmdb": "78"}, files=2, heights=(2160, 1080), genres=("Science Fiction",))
    show = state.add_media("show", "Stargate Atlantis", year=2004, external_ids={"tvdb": "70851", "tmdb": "2290"},
                           overview="An expedition.", genres=["Science Fiction"])
    s1 = state.add_media("season", "Season 1", parent_id=show.id, season_number=1)
    s0 = state.add_media("season", "Specials", parent_id=show.id, season_number=0)
    eps = []
    for season, number, end, title in ((s1, 1, 2, "Rising"), (s1, 3, None, "Hide and Seek"), (s0, 1, None, "Behind the Scenes")):
        ep = state.add_media("episode", title, parent_id=season.id, season_number=season.season_number,
                             episode_number=number, episode_end=end, air_date="2004-07-16", runtime_minutes=44)
        state.upsert_media_file(f"/media/{ep.id}.mkv", media_id=ep.id, size=500, duration_s=2640.0)
        eps.append(ep)
    return SimpleNamespace(matrix=matrix, blade=blade, show=show, episodes=eps)
