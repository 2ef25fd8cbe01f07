"""What the exporter exports: a small ``Source`` protocol, ``LibrarySource`` over the library and
``XtreamSource`` over the IPTV catalogs (chained by ``ChainedSource``).

A source yields ``ExportEntry`` objects (movie or episode) that carry everything the files need:
ids, titles, numbers, texts, artwork links, versions and a ready stream URL per version. The
exporter never builds URLs or reads the database itself, so the IPTV (Xtream) catalog plugs in
as another source without any change to it.

Must not: write files (``LibrarySource`` only stores a probed duration on a media file, through
the state layer). A source that cannot be read raises; the exporter then deletes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal, Protocol
from urllib.parse import quote, urlencode

from .durations import DurationProbe

Kind = Literal["movie", "episode"]


@dataclass(frozen=True)
class Version:
    """One playable version of an item; ``label`` is shown as ``Title (Year) - Label``."""

    url: str
    label: str | None = None


@dataclass(frozen=True)
class ShowInfo:
    key: str
    title: str
    year: int | None = None
    ids: tuple[tuple[str, str], ...] = ()
    plot: str | None = None
    genres: tuple[str, ...] = ()
    premiered: str | None = None
    status: str | None = None
    posters: tuple[str, ...] = ()
    fanart: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportEntry:
    """A movie or an episode to export. ``key`` is stable and unique within its source."""

    kind: Kind
    key: str
    title: str
    versions: tuple[Version, ...]
    year: int | None = None
    ids: tuple[tuple[str, str], ...] = ()
    original_title: str | None = None
    plot: str | None = None
    runtime_minutes: float | None = None
    genres: tuple[str, ...] = ()
    premiered: str | None = None
    posters: tuple[str, ...] = ()
    fanart: tuple[str, ...] = ()
    show: ShowInfo | None = None
    season: int | None = None
    episode: int | None = None
    episode_end: int | None = None
    category: str | None = None
    extra_titles: tuple[str, ...] = field(default=())  # titles of the 2nd… episodes of a multi-episode file

    @property
    def id_map(self) -> dict[str, str]:
        return dict(self.ids)


class Source(Protocol):
    """Anything that can list export entries. ``entries()`` raises when the source is unreachable."""

    name: str

    def entries(self) -> Iterator[ExportEntry]: ...


def ids_tuple(ids: Mapping[str, object] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(k), str(v)) for k, v in (ids or {}).items() if v not in (None, "", "None")))


def stream_url_builder(base_url: str, token: str) -> Callable[[str, int | None], str]:
    """``(media_id, file_id) -> <base>/api/media/<id>/stream?token=…`` (``&file=`` for a version)."""
    base = base_url.rstrip("/")

    def build(media_id: str, file_id: int | None = None) -> str:
        query = {"token": token} if file_id is None else {"file": str(file_id), "token": token}
        return f"{base}/api/media/{quote(media_id, safe='')}/stream?{urlencode(query)}"

    return build


class ListSource:
    """A fixed list of entries (tests, benchmarks, and an empty source)."""

    def __init__(self, entries, name: str = "list"):
        self.name = name
        self._entries = list(entries)

    def entries(self) -> Iterator[ExportEntry]:
        return iter(self._entries)


class ChainedSource:
    """Several sources exported as one tree (the library, then the IPTV catalogs)."""

    def __init__(self, *sources: Source):
        self.sources = sources
        self.name = "+".join(s.name for s in sources)

    def entries(self) -> Iterator[ExportEntry]:
        for source in self.sources:
            yield from source.entries()


def iptv_url_builder(base_url: str, token: str) -> Callable[[int, str, str], str]:
    """``(account_id, kind, stream_id) -> <base>/api/iptv/strm/<account>/<kind>/<id>?token=…``:
    our playback proxy, never the provider's URL (which carries the account's password)."""
    base = base_url.rstrip("/")

    def build(account_id: int, kind: str, stream_id: str) -> str:
        return f"{base}/api/iptv/strm/{account_id}/{kind}/{quote(stream_id, safe='')}?{urlencode({'token': token})}"

    return build


class XtreamSource:
    """The IPTV catalogs' films and series episodes (``state.iptv_*``), through our proxy.

    A title several accounts offer appears once: items with the same TMDb id are one entry (the
    first account's stream); items without one are keyed by account and stream. A series'
    episodes are the ones fetched so far (a tracked series' are refreshed every check), so new
    episodes appear on the next export.
    """

    name = "iptv"

    def __init__(self, state, url_for: Callable[[int, str, str], str]):
        self.state, self.url_for = state, url_for

    def entries(self) -> Iterator[ExportEntry]:
        yield from self._movies()
        yield from self._episodes()

    def _movies(self) -> Iterator[ExportEntry]:
        seen: set[str] = set()
        for item in self.state.iptv_catalog_items("vod"):
            key = f"iptv:movie:tmdb:{item.tmdb_id}" if item.tmdb_id else f"iptv:movie:{item.account_id}:{item.stream_id}"
            if key in seen:
                continue
            seen.add(key)
            yield ExportEntry(kind="movie", key=key, title=item.name, year=item.year, plot=item.plot,
                              ids=(("tmdb", item.tmdb_id),) if item.tmdb_id else (), posters=_http(item.icon),
                              genres=_genres(item.genre), versions=(Version(self.url_for(item.account_id, "movie", item.stream_id)),))

    def _episodes(self) -> Iterator[ExportEntry]:
        shows: dict[tuple[int, str], ShowInfo] = {}
        for series in self.state.iptv_catalog_items("series"):
            key = f"iptv:show:tmdb:{series.tmdb_id}" if series.tmdb_id else f"iptv:show:{series.account_id}:{series.stream_id}"
            shows[(series.account_id, series.stream_id)] = ShowInfo(
                key=key, title=series.name, year=series.year, ids=(("tmdb", series.tmdb_id),) if series.tmdb_id else (),
                plot=series.plot, genres=_genres(series.genre), posters=_http(series.icon))
        seen: set[tuple[str, int, int]] = set()
        for episode in self.state.all_iptv_episodes():
            show = shows.get((episode.account_id, episode.series_id))
            if show is None or episode.episode_num is None or (show.key, episode.season, episode.episode_num) in seen:
                continue
            seen.add((show.key, episode.season, episode.episode_num))
            yield ExportEntry(kind="episode", key=f"{show.key}:s{episode.season}e{episode.episode_num}", title=episode.title,
                              show=show, season=episode.season, episode=episode.episode_num, plot=episode.plot,
                              runtime_minutes=episode.duration_s / 60.0 if episode.duration_s else None,
                              versions=(Version(self.url_for(episode.account_id, "episode", episode.episode_id)),))


def _http(url: str | None) -> tuple[str, ...]:
    return (url,) if url and url.startswith(("http://", "https://")) else ()


def _genres(text: str | None) -> tuple[str, ...]:
    return tuple(g.strip() for g in (text or "").split(",") if g.strip())


# --- the library ---------------------------------------------------------------------------------
_PAGE = 500


class LibrarySource:
    """Movies and episodes of the library that have at least one file on disk, read a page at a
    time (``state.strm_library_page``). A runtime the library lacks is probed from the item's file
    (``durations.DurationProbe``, bounded per run).

    ``url_for(media_id, file_id)`` makes the stream URL (see ``stream_url_builder``); the file id
    is passed only when an item has several versions.
    """

    name = "library"

    def __init__(self, state, url_for: Callable[[str, int | None], str], *, runtimes: DurationProbe | None = None):
        self.state, self.url_for = state, url_for
        self.runtimes = runtimes or DurationProbe(state)
        self._shows: dict[str, ShowInfo | None] = {}

    def entries(self) -> Iterator[ExportEntry]:
        for kind in ("movie", "episode"):
            for item, files, art in self._items(kind):
                entry = self._entry(item, files, art)
                if entry is not None:
                    yield entry

    def _items(self, kind: str):
        """Pages of ``(item, files not missing, artwork)``: a few queries per page, not per item."""
        after = None
        while True:
            page = self.state.strm_library_page(kind, after=after, limit=_PAGE)
            yield from page
            if len(page) < _PAGE:
                return
            last = page[-1][0]
            after = (last.sort_title, last.id)

    def _entry(self, item, files, art) -> ExportEntry | None:
        if not files:
            return None
        posters, fanart = _split_artwork(art)
        runtime = item.runtime_minutes or _file_minutes(files) or self.runtimes.minutes(files)
        common = dict(
            key=f"library:{item.kind}:{item.id}", title=_title_or_file_name(item.title, files), year=item.year, ids=ids_tuple(item.external_ids),
            original_title=item.original_title, plot=item.overview, runtime_minutes=runtime, genres=tuple(item.genres),
            posters=posters, fanart=fanart, versions=self._versions(item.id, files),
        )
        if item.kind == "movie":
            return ExportEntry(kind="movie", premiered=item.air_date, **common)
        show = self._show(item.parent_id)
        if show is None:
            return None
        return ExportEntry(kind="episode", premiered=item.air_date, show=show, season=item.season_number,
                           episode=item.episode_number, episode_end=item.episode_end, **common)

    def _versions(self, media_id: str, files) -> tuple[Version, ...]:
        if len(files) == 1:
            return (Version(self.url_for(media_id, None)),)
        labels = _unique_labels([_label(f) for f in files])
        return tuple(Version(self.url_for(media_id, f.id), label) for f, label in zip(files, labels, strict=True))


    def _show(self, parent_id: str | None) -> ShowInfo | None:
        if not parent_id:
            return None
        if parent_id not in self._shows:
            self._shows[parent_id] = self._load_show(parent_id)
        return self._shows[parent_id]

    def _load_show(self, parent_id: str) -> ShowInfo | None:
        parent = self.state.get_media(parent_id)
        if parent.kind == "season" and parent.parent_id:
            parent = self.state.get_media(parent.parent_id)
        if parent.kind != "show":
            return None
        posters, fanart = _split_artwork(self.state.list_artwork(parent.id))
        return ShowInfo(key=f"library:show:{parent.id}", title=parent.title, year=parent.year,
                        ids=ids_tuple(parent.external_ids), plot=parent.overview, genres=tuple(parent.genres),
                        premiered=parent.air_date, posters=posters, fanart=fanart)


def _title_or_file_name(title: str | None, files) -> str:
    """An item without a title is named after its file (``Heat.1995.1080p``), never left blank."""
    return title if title and title.strip() else PurePath(files[0].path).stem


def _split_artwork(art) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(posters, fanart)``: the http(s) links among an item's artwork."""
    linked = [a for a in art if (a.source_url or "").startswith(("http://", "https://"))]
    posters = tuple(a.source_url for a in linked if a.kind in ("poster", "thumb", "cover"))
    fanart = tuple(a.source_url for a in linked if a.kind in ("fanart", "backdrop"))
    return posters, fanart


def _file_minutes(files) -> float | None:
    seconds = max((f.duration_s or 0.0) for f in files)
    return seconds / 60.0 if seconds > 0 else None


def _label(media_file) -> str:
    edition = (media_file.tech or {}).get("edition") if isinstance(media_file.tech, dict) else None
    if edition:
        return str(edition)
    height = media_file.height or 0
    for floor, name in ((2000, "2160p"), (1000, "1080p"), (700, "720p"), (560, "576p"), (470, "480p")):
        if height >= floor:
            return name
    return f"{height}p" if height else "Version"


def _unique_labels(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} {seen[label]}")
    return out
