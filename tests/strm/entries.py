"""Fixed export entries with fixed URLs, so golden trees are byte-for-byte stable."""

from __future__ import annotations

from media_library.services.strm.sources import ExportEntry, ShowInfo, Version

BASE = "https://media.example.test/api/media"


def url(media_id: str, file_id: int | None = None) -> str:
    return f"{BASE}/{media_id}/stream?{'file=' + str(file_id) + '&' if file_id else ''}token=mlt_TEST"


ATLANTIS = ShowInfo(
    key="t:show:sga", title="Stargate Atlantis", year=2004, ids=(("tmdb", "2290"), ("tvdb", "70851")),
    plot="An expedition finds the lost city.", genres=("Science Fiction", "Action"), premiered="2004-07-16",
    status="Ended", posters=("https://image.tmdb.org/t/p/original/sga.jpg",), fanart=("https://image.tmdb.org/t/p/original/sga-bg.jpg",),
)


def movie(key, title, year, ids=(), versions=None, **fields):
    return ExportEntry(kind="movie", key=f"t:movie:{key}", title=title, year=year, ids=tuple(ids),
                       versions=tuple(versions or (Version(url(key)),)), **fields)


def episode(key, title, season, number, end=None, show=ATLANTIS, **fields):
    return ExportEntry(kind="episode", key=f"t:episode:{key}", title=title, show=show, season=season, episode=number,
                       episode_end=end, versions=(Version(url(key)),), **fields)


def sample() -> list[ExportEntry]:
    return [
        movie("matrix", "The Matrix", 1999, (("imdb", "tt0133093"), ("tmdb", "603")), original_title="The Matrix",
              plot="A hacker learns the truth & more.", runtime_minutes=136.0, genres=("Action", "Science Fiction"),
              premiered="1999-03-31", posters=("https://image.tmdb.org/t/p/original/matrix.jpg",),
              fanart=("https://image.tmdb.org/t/p/original/matrix-bg.jpg",)),
        movie("blade", "Blade Runner (1982)", 1982, (("tmdb", "78"),), genres=("Science Fiction",), runtime_minutes=117.0,
              versions=(Version(url("blade", 1), "2160p"), Version(url("blade", 2), "1080p"))),
        movie("noid", "Plan 9 from Outer Space", 1957, plot=None),
        episode("e1", "Rising", 1, 1, 2, premiered="2004-07-16", extra_titles=("Rising (2)",),
                ids=(("tvdb", "25333"),), runtime_minutes=88.0),
        episode("e3", "Hide and Seek", 1, 3, premiered="2004-07-23"),
        episode("s1", "Behind the Scenes", 0, 1),
    ]
