"""From export entries to the files the tree should hold: paths, fingerprints and renderers.

Every path is built from components that ``services.naming`` made safe, in the style chosen:

    Movies/[Genre/]Title (Year) [tmdbid-N]/Title (Year) [tmdbid-N][ - Label].strm (+ .nfo)
    Shows/[Genre/]Series (Year) [tmdbid-N]/tvshow.nfo
    Shows/…/Season 01/season.nfo
    Shows/…/Season 01/Series (Year) S01E01[-E02][ - Label].strm (+ .nfo)

Two items that would land on one path (compared case-insensitively, as SMB and macOS do) get
distinct names, and a name stays with the item that has it: the manifest says which item owns
which path (``held``), items that own files are planned first and keep the name they have (the
plain one, or the one with their tag), and an item new to the export that collides gets a short
tag derived from its own key (``naming.disambiguate``) — never a name another item had, since a
media server keeps its watch history on the path. Among items new to the export the smallest key
gets the plain name. Content is rendered lazily: an item whose fingerprint and file are unchanged
is never rendered again. An NFO always has a ``<title>``: a blank one falls back to the file's name.

Re-runs are cheap: what planning one movie or episode makes before any other item is seen (the
name it claims, its files' paths and fingerprints) is a pure function of the entry and the
options, so it is kept from the previous plan with the same options, keyed by the entry itself
(``_Memo``, holding only the last plan's entries); an equal entry skips the naming and hashing.

Must not: touch the disk or the database.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .. import naming, nfo
from .sources import ExportEntry, ShowInfo

PLAN_VERSION = 1  # bump when rendering changes, so fingerprints change and files are re-checked
MOVIES, SHOWS = "Movies", "Shows"


@dataclass(frozen=True, slots=True)
class PlannedFile:
    rel: str                       # relative to the root, "/"-separated
    parts: tuple[str, ...]         # the same path as safe components
    item_key: str
    source_hash: str
    render: Callable[[], bytes]
    url: str | None = None


def fingerprint(*parts: object) -> str:
    return hashlib.blake2b(repr((PLAN_VERSION, *parts)).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class _Made:
    """One item's plan before any other item was seen: the path it claims, and its files as
    ``(parts, fingerprint, url, .strm body)`` (url and body are None for the NFO)."""

    claim: tuple[str, ...]
    files: tuple[tuple[tuple[str, ...], str, str | None, bytes | None], ...]


class _Memo:
    """The last plan's ``_Made`` per entry, for the options it was made with."""

    def __init__(self) -> None:
        self.options: tuple | None = None
        self.made: dict = {}


_MEMO = _Memo()


class Holdings:
    """Which item owns which exported name, from the manifest (``{path: item key}``): a file names
    its folder; one in a season folder also its show folder and its stem with and without a
    version label. Built on every run, so it stays about one dictionary write per file."""

    def __init__(self, held: Mapping[str, str] | None = None):
        self._one: dict[str, str] = {}           # name -> the one key holding it (the usual case)
        self._more: dict[str, set[str]] = {}     # name -> every key, once a second one holds it
        self._keys = set((held or {}).values())
        for rel, key in (held or {}).items():
            for name in _names_of(rel.casefold()):
                self._add(name, key)

    def _add(self, name: str, key: str) -> None:
        first = self._one.setdefault(name, key)
        if first != key:
            self._more.setdefault(name, {first}).add(key)

    def owns_any(self, *keys: str) -> bool:
        return any(key in self._keys for key in keys)

    def holders(self, claim: tuple[str, ...]) -> set[str]:
        name = "/".join(claim).casefold()
        if name in self._more:
            return self._more[name]
        return {self._one[name]} if name in self._one else set()


def _names_of(rel: str) -> list[str]:
    """The names a file stands for: its folder (a movie's), and for a file in a season folder also
    the show folder, its stem and its stem before each `` - `` (a version label)."""
    folder, _, name = rel.rpartition("/")
    parent, _, last = folder.rpartition("/")
    if not last.startswith("season "):
        return [folder]
    stem = f"{folder}/{name.rpartition('.')[0] or name}"
    names = [folder, parent, stem]
    at = stem.find(" - ", len(folder))
    while at != -1:
        names.append(stem[:at])
        at = stem.find(" - ", at + 3)
    return names


class Planner:
    def __init__(self, style: str = "jellyfin", *, write_nfo: bool = True, genre_folders: bool = False,
                 held: Mapping[str, str] | None = None):
        self.style = naming.check_style(style)
        self.holdings = Holdings(held)
        self._members: dict[str, set[str]] = defaultdict(set)  # show key -> its episodes' keys
        self._live: set[str] = set()  # every key planned in this run
        self.write_nfo, self.genre_folders = write_nfo, genre_folders
        self.files: dict[str, PlannedFile] = {}
        self._claims: dict[str, str] = {}
        self._show_dirs: dict[str, tuple[str, ...]] = {}
        self._seasons: set[tuple[str, int]] = set()
        self._options = (self.style, write_nfo, genre_folders)
        self._previous = _MEMO.made if _MEMO.options == self._options else {}
        self._current: dict = {}

    def plan(self, entries: Iterable[ExportEntry]) -> list[PlannedFile]:
        entries = list(entries)
        for entry in entries:
            self._live.add(entry.key)
            if entry.show is not None:
                self._members[entry.show.key].add(entry.key)
                self._live.add(entry.show.key)
        for entry in sorted(entries, key=self._order):
            if entry.kind == "movie":
                self._movie(entry)
            elif entry.kind == "episode" and entry.show is not None:
                self._episode(entry)
        _MEMO.options, _MEMO.made = self._options, self._current  # the next plan starts from this one
        return list(self.files.values())

    def _order(self, entry: ExportEntry) -> tuple[int, str]:
        """Items that own exported files first (they keep their names), then by key."""
        owner = self.holdings.owns_any(entry.key, *((entry.show.key,) if entry.show else ()))
        return (0 if owner else 1, entry.key)

    def _made(self, key, make: Callable[[], _Made]) -> _Made:
        made = self._previous.get(key) or make()
        self._current[key] = made
        return made

    # --- claims ----------------------------------------------------------------------------------
    def _name_for(self, top: tuple[str, ...], plain: str, key: str, owners: Iterable[str]) -> str:
        """The name under ``top`` for the item ``key``: the one its ``owners`` (its own key, for a
        show also its episodes') already have on disk; else the plain one unless another item
        still in the export has it on disk or claimed it first; else the item's tagged one."""
        owners = set(owners)
        on_disk = self.holdings.holders((*top, plain))
        name = plain
        if not owners & on_disk:
            tagged = naming.disambiguate(plain, key)
            if (on_disk - owners) & self._live or owners & self.holdings.holders((*top, tagged)):
                name = tagged
        if not self._claim((*top, name), key):
            name = naming.disambiguate(plain, key)
            self._claim((*top, name), key)
        return name

    def _claim(self, parts: tuple[str, ...], key: str) -> bool:
        """Reserve a path for ``key``; False when another item holds it already."""
        folded = "/".join(parts).casefold()
        holder = self._claims.setdefault(folded, key)
        return holder == key

    def _add(self, parts: tuple[str, ...], key: str, source: str, render: Callable[[], bytes], url: str | None = None) -> None:
        rel = "/".join(parts)
        self.files[rel] = PlannedFile(rel, parts, key, source, render, url)

    def _category(self, entry_genres: tuple[str, ...], category: str | None) -> tuple[str, ...]:
        if not self.genre_folders:
            return ()
        name = category or (entry_genres[0] if entry_genres else "Other")
        return (naming.safe_component(name, fallback="Other"),)

    # --- movies ---------------------------------------------------------------------------------
    def _movie(self, entry: ExportEntry) -> None:
        top = (MOVIES, *self._category(entry.genres, entry.category))
        made = self._made(entry, lambda: self._movie_made(entry, top, naming.movie_name(entry.title, entry.year, entry.id_map, self.style)))
        base = self._name_for(top, made.claim[-1], entry.key, (entry.key,))
        if base != made.claim[-1]:
            made = self._movie_made(entry, top, base)
        self._emit(entry.key, made, lambda: nfo.movie_nfo(movie_item(entry, fallback=base)))

    def _movie_made(self, entry: ExportEntry, top: tuple[str, ...], base: str) -> _Made:
        folder = (*top, base)
        meta = fingerprint("movie", self.style, _metadata(entry))
        return _Made(folder, self._version_files(entry, folder, base, meta))

    def _version_files(self, entry: ExportEntry, folder: tuple[str, ...], base: str, meta: str) -> tuple:
        files = []
        for number, version in enumerate(entry.versions, start=1):
            label = (version.label or f"Version {number}") if len(entry.versions) > 1 else None
            stem = naming.version_stem(base, label)
            body = (version.url.strip() + "\n").encode("utf-8")
            files.append(((*folder, naming.safe_filename(stem, ".strm")), fingerprint("strm", body), version.url, body))
            if self.write_nfo:
                files.append(((*folder, naming.safe_filename(stem, ".nfo")), meta, None, None))
        return tuple(files)

    def _emit(self, key: str, made: _Made, render_nfo: Callable[[], bytes]) -> None:
        render = _once(render_nfo)  # one NFO for every version
        for parts, source, url, body in made.files:
            self._add(parts, key, source, render if body is None else _constant(body), url)

    # --- shows -----------------------------------------------------------------------------------
    def _show_dir(self, show: ShowInfo, genres: tuple[str, ...], category: str | None) -> tuple[str, ...]:
        if show.key in self._show_dirs:
            return self._show_dirs[show.key]
        top = (SHOWS, *self._category(show.genres or genres, category))
        plain = naming.show_folder(show.title, show.year, dict(show.ids), self.style)
        base = self._name_for(top, plain, show.key, (show.key, *sorted(self._members[show.key])))
        folder = (*top, base)
        self._show_dirs[show.key] = folder
        if self.write_nfo:
            self._add((*folder, "tvshow.nfo"), show.key, fingerprint("tvshow", show),
                      lambda: nfo.tvshow_nfo(show_item(show, fallback=base)))
        return folder

    def _episode(self, entry: ExportEntry) -> None:
        show = entry.show
        season = max(0, int(entry.season or 0))
        folder = (*self._show_dir(show, entry.genres, entry.category), naming.season_folder(season))
        if self.write_nfo and (show.key, season) not in self._seasons:
            self._seasons.add((show.key, season))
            self._add((*folder, "season.nfo"), f"{show.key}:season:{season}", fingerprint("season", show.key, season),
                      lambda: nfo.season_nfo(season_item(season)))
        made = self._made((entry, folder), lambda: self._episode_made(
            entry, folder, naming.episode_name(show.title, show.year, season, entry.episode, entry.episode_end)))
        stem = self._name_for(folder, made.claim[-1], entry.key, (entry.key,))
        if stem != made.claim[-1]:
            made = self._episode_made(entry, folder, stem)
        self._emit(entry.key, made, lambda: nfo.episode_nfo(episode_items(entry, fallback=stem)))

    def _episode_made(self, entry: ExportEntry, folder: tuple[str, ...], stem: str) -> _Made:
        meta = fingerprint("episode", self.style, _metadata(entry))
        return _Made((*folder, stem), self._version_files(entry, folder, stem, meta))


_METADATA_FIELDS = tuple(f.name for f in dataclasses.fields(ExportEntry) if f.name != "versions")


def _metadata(entry: ExportEntry) -> tuple:
    """What an NFO is rendered from: every field but the versions (their URLs are in the .strm)."""
    return tuple(getattr(entry, name) for name in _METADATA_FIELDS)


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _once(render: Callable[[], bytes]) -> Callable[[], bytes]:
    cache: list[bytes] = []

    def cached() -> bytes:
        if not cache:
            cache.append(render())
        return cache[0]

    return cached


# --- entries as NFO items ------------------------------------------------------------------------
def _thumbs(urls: tuple[str, ...], aspect: str) -> tuple[nfo.Thumb, ...]:
    return tuple(nfo.Thumb(url, aspect) for url in urls)


def movie_item(entry: ExportEntry, fallback: str = "") -> nfo.NfoItem:
    """``fallback`` (the file's name) is the title when the entry's is blank: an NFO always has one."""
    title, year = naming.split_year(entry.title, entry.year)
    return nfo.NfoItem(
        title=title or fallback, original_title=entry.original_title, year=year, plot=entry.plot,
        runtime_minutes=entry.runtime_minutes, genres=entry.genres, premiered=entry.premiered,
        thumbs=_thumbs(entry.posters, "poster"), fanart=entry.fanart, ids=entry.id_map,
    )


def show_item(show: ShowInfo, fallback: str = "") -> nfo.NfoItem:
    title, year = naming.split_year(show.title, show.year)
    return nfo.NfoItem(
        title=title or fallback, year=year, plot=show.plot, genres=show.genres, premiered=show.premiered, status=show.status,
        thumbs=_thumbs(show.posters, "poster"), fanart=show.fanart, ids=dict(show.ids),
    )


def season_item(season: int) -> nfo.NfoItem:
    return nfo.NfoItem(title="Specials" if season == 0 else f"Season {season}", season=season)


def episode_items(entry: ExportEntry, fallback: str = "") -> list[nfo.NfoItem]:
    first = int(entry.episode or 0)
    last = int(entry.episode_end) if entry.episode_end and int(entry.episode_end) > first else first
    show_title = naming.split_year(entry.show.title, entry.show.year)[0] if entry.show else None
    items = []
    for index, number in enumerate(range(first, last + 1)):
        extra = entry.extra_titles[index - 1] if 0 < index <= len(entry.extra_titles) else entry.title
        items.append(nfo.NfoItem(
            title=(entry.title if index == 0 else extra) or fallback, show_title=show_title, season=max(0, int(entry.season or 0)),
            episode=number, plot=entry.plot if index == 0 else None, runtime_minutes=entry.runtime_minutes if index == 0 else None,
            aired=entry.premiered, thumbs=_thumbs(entry.posters, "thumb") if index == 0 else (),
            ids=entry.id_map if index == 0 else {},
        ))
    return items
