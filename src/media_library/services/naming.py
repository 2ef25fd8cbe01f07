"""Names on disk: safe path components and the Jellyfin / Plex / Emby / Kodi naming of media.

Pure functions only (no disk, no database): the STRM exporter and the library organizer both build
their paths here, so a title can never steer a write outside its root and every name is portable.

- ``safe_component(text)``: one path component, safe on Linux, Windows and SMB shares: reserved
  characters ``<>:"/\\|?*`` replaced; control characters (C0 and C1), lone surrogates and invisible
  format characters (bidi overrides and isolates such as U+202E, zero-width spaces and joiners, the
  BOM, the word joiner) removed, so a name shows what it is; no leading
  dots (hidden files are skipped by media servers) and no trailing dots or spaces, reserved device
  names (``CON``, ``NUL.txt``, ``COM1`` …) suffixed, at most 255 bytes of UTF-8 without splitting a
  character; ``.``, ``..`` and empty results become a fallback.
- ``join_inside(root, *parts)``: joins and *proves* the result resolves inside ``root``.
- ``movie_name`` / ``show_folder`` / ``season_folder`` / ``episode_name`` / ``music_parts``:
  the folder and file names Jellyfin, Plex, Emby and Kodi each document, with each style's id
  tag (``[tmdbid-603]``, ``{tmdb-603}``…). A title that itself holds such a tag
  (``Heat [tmdbid-603]``) has it removed (``titled``), so a media server never reads an id the
  title smuggled in; only the tag we add from the item's own ids is there.

Must not: touch the filesystem (except ``join_inside`` resolving symlinks) or know about items.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from ..errors import InvalidInput

STYLES = ("jellyfin", "plex", "emby", "kodi")
MAX_COMPONENT_BYTES = 255
# Room kept for ``" - <label>"`` and an extension, so a title never pushes its year or id tag out.
TITLE_BYTES = 180
FALLBACK = "_"

_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in "123456789¹²³"}
_REPLACEMENTS = {":": " - ", "/": "-", "\\": "-", "|": "-", '"': "'", "<": "(", ">": ")", "?": "", "*": ""}
# One translate() pass replaces reserved characters and drops control characters (fast: names are
# built for every file of every export); lone surrogates are rare and removed by a regex.
_INVISIBLE = (*range(0x80, 0xA0), 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
              *range(0x2060, 0x2070), 0xFEFF)  # C1, bidi marks/overrides/isolates, zero-width, BOM
_TABLE = str.maketrans({**_REPLACEMENTS, **{chr(c): None for c in (*range(32), 127, *_INVISIBLE)}})
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_TRAILING_YEAR = re.compile(r"\s*[\(\[]\s*(\d{4})\s*[\)\]]\s*$")
# An id tag as Jellyfin, Plex, Emby or Kodi read it in a name: [tmdbid-603], {tmdb-603}, [imdbid=tt…],
# tvdbid-81189 without brackets too.
_ID_TAG = re.compile(r"[\[{(]?\s*\b(?:tmdb|imdb|tvdb)(?:id)?\s*[-=]\s*\w+\s*[\]})]?", re.IGNORECASE)


# --- safe components ------------------------------------------------------------------------------
def safe_component(text: object, *, fallback: str = FALLBACK, max_bytes: int = MAX_COMPONENT_BYTES) -> str:
    """``text`` as one portable path component (see the module doc); never empty, never ``.``/``..``."""
    name = str(text if text is not None else "").translate(_TABLE)
    if not name.isascii():
        name = unicodedata.normalize("NFC", _SURROGATES.sub("", name)).translate(_TABLE)
    name = _SPACES.sub(" ", name).strip().lstrip(".").strip()
    name = truncate_bytes(name, max_bytes).rstrip(". ")
    if not name:
        return fallback
    return _unreserve(name, max_bytes)


def _unreserve(name: str, max_bytes: int) -> str:
    """``CON`` -> ``CON_``, ``nul.txt`` -> ``nul_.txt``: Windows reserves these with any extension."""
    base, dot, rest = name.partition(".")
    if base.rstrip(" ").upper() not in _RESERVED_NAMES:
        return name
    fixed = f"{base.rstrip(' ')}_{dot}{rest}"
    return fixed if len(fixed.encode("utf-8")) <= max_bytes else f"{base.rstrip(' ')}_"


def truncate_bytes(text: str, max_bytes: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits ``max_bytes`` (no split characters)."""
    data = text.encode("utf-8", "ignore")
    if len(data) <= max_bytes:
        return data.decode("utf-8")
    return data[:max_bytes].decode("utf-8", "ignore")


def safe_filename(stem: str, extension: str, *, fallback: str = FALLBACK) -> str:
    """``stem`` + ``extension`` (``.strm``) as one component of at most 255 bytes."""
    budget = MAX_COMPONENT_BYTES - len(extension.encode("utf-8"))
    return safe_component(stem, fallback=fallback, max_bytes=budget) + extension


def check_component(part: str) -> str:
    """``part`` if it is one path component that cannot climb (no separator, ``.``, ``..``, NUL)."""
    if not part or part in (".", "..") or "/" in part or "\\" in part or "\x00" in part:
        raise InvalidInput(f"{part!r} is not a single path component")
    return part


def join_inside(root: str | os.PathLike, *parts: str) -> Path:
    """``root/part/…`` after proving it resolves inside ``root`` (symlinks included).

    Each part must already be a single safe component; anything that would climb out (an absolute
    part, ``..``, a separator, a symlink pointing elsewhere) raises ``InvalidInput``.
    """
    base = Path(root).resolve()
    for part in parts:
        check_component(part)
    candidate = base.joinpath(*parts)
    resolved = candidate.resolve()
    if resolved != base and base not in resolved.parents:
        raise InvalidInput(f"{candidate} resolves outside {base}")
    return candidate


# --- titles, years and id tags -------------------------------------------------------------------
def split_year(title: str, year: int | None) -> tuple[str, int | None]:
    """``("Heat (1995)", 1995)`` -> ``("Heat", 1995)``; a trailing year is taken when none is given."""
    title = (title or "").strip()
    found = _TRAILING_YEAR.search(title)
    if found and (year is None or int(found.group(1)) == int(year)):
        return title[: found.start()].strip() or title, int(found.group(1))
    return title, int(year) if year else None


def without_id_tags(text: str) -> str:
    """``Heat [tmdbid-603]`` -> ``Heat``: a tag inside a title is not ours to pass on."""
    return _SPACES.sub(" ", _ID_TAG.sub(" ", text)).strip() if text else text


def titled(title: str, year: int | None) -> str:
    """``Title (Year)`` with the year written once, the title cut to leave room for tags; id tags
    inside the title are removed (``without_id_tags``)."""
    bare, year = split_year(without_id_tags(title or ""), year)
    bare = truncate_bytes(safe_component(bare, fallback="Untitled"), TITLE_BYTES).rstrip(". ")
    return f"{bare} ({year})" if year else bare


def id_tag(style: str, ids: Mapping[str, object] | None, *, kind: str = "movie") -> str:
    """The folder/file id tag of ``style``: `` [tmdbid-603]``, `` {tmdb-603}``, `` [tmdbid=603]`` or ``""``."""
    check_style(style)
    order = ("tmdb", "imdb") if kind == "movie" else ("tmdb", "tvdb", "imdb")
    for provider in order:
        value = _clean_id(provider, (ids or {}).get(provider))
        if value:
            return _format_tag(style, provider, value)
    return ""


def _format_tag(style: str, provider: str, value: str) -> str:
    if style == "jellyfin":
        return f" [{provider}id-{value}]"
    if style == "plex":
        return f" {{{provider}-{value}}}"
    if style == "emby":
        return f" [{provider}id={value}]"
    return ""


def _clean_id(provider: str, value: object) -> str:
    text = str(value).strip() if value is not None else ""
    if not text or text.lower() in {"none", "null", "0"}:
        return ""
    if provider == "imdb":
        return text if re.fullmatch(r"tt\d{5,}", text) else ""
    return text if text.isdigit() else ""


def check_style(style: str) -> str:
    if style not in STYLES:
        raise InvalidInput(f"unknown naming style {style!r}; use one of {', '.join(STYLES)}")
    return style


# --- movies and shows ----------------------------------------------------------------------------
def movie_name(title: str, year: int | None, ids: Mapping[str, object] | None = None, style: str = "jellyfin") -> str:
    """Folder name and file stem of a movie: ``Title (Year) [tmdbid-N]`` (jellyfin)."""
    return safe_component(titled(title, year) + id_tag(style, ids, kind="movie"))


def version_stem(base: str, label: str | None) -> str:
    """``Film (2010)`` + ``1080p`` -> ``Film (2010) - 1080p`` (Jellyfin's multi-version naming)."""
    label = safe_component(without_id_tags(label), fallback="") if label else ""
    return safe_component(f"{base} - {label}") if label else base


def show_folder(title: str, year: int | None, ids: Mapping[str, object] | None = None, style: str = "jellyfin") -> str:
    """``Series (Year) [tmdbid-N]`` (the tag per style, none for kodi)."""
    return safe_component(titled(title, year) + id_tag(style, ids, kind="show"))


def season_folder(season: int | None) -> str:
    """``Season 01``; specials (season 0 or unknown) are ``Season 00``."""
    return f"Season {max(0, int(season or 0)):02d}"


def episode_code(season: int | None, episode: int | None, episode_end: int | None = None) -> str:
    """``S01E01``, ``S01E01-E02`` for a multi-episode file."""
    code = f"S{max(0, int(season or 0)):02d}E{max(0, int(episode or 0)):02d}"
    if episode_end is not None and episode is not None and int(episode_end) > int(episode):
        code += f"-E{int(episode_end):02d}"
    return code


def episode_name(show_title: str, show_year: int | None, season: int | None, episode: int | None,
                 episode_end: int | None = None) -> str:
    """``Series (Year) S01E01`` (file stem of an episode)."""
    return safe_component(f"{titled(show_title, show_year)} {episode_code(season, episode, episode_end)}")


# --- music ---------------------------------------------------------------------------------------
def music_parts(artist: str, album: str, year: int | None, track: int | None, title: str,
                disc: int | None = None) -> tuple[str, str, str]:
    """``("Artist", "Album (Year)", "NN - Title")``; a disc above 1 gives ``D-NN - Title``."""
    number = f"{int(track or 0):02d}"
    if disc and int(disc) > 1:
        number = f"{int(disc)}-{number}"
    return (
        safe_component(artist, fallback="Unknown Artist"),
        safe_component(titled(album, year), fallback="Unknown Album"),
        safe_component(f"{number} - {safe_component(title, fallback='Untitled')}"),
    )


def disambiguate(name: str, key: str) -> str:
    """A stable, distinct variant of ``name`` for the item ``key`` when two items share a name."""
    import hashlib

    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
    return safe_component(f"{truncate_bytes(name, MAX_COMPONENT_BYTES - 40)} [ml-{digest}]")
