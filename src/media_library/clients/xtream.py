"""Xtream Codes ``player_api.php``: an IPTV provider's account, categories, streams and series.

Every call is ``GET {base}/player_api.php?username=U&password=P[&action=…]`` on a base URL a
person typed, so it goes through the outbound guard (``HttpClient.fetch_untrusted``). Answers
come in many shapes across panels (XC 2.9, XC_VM, Dispatcharr); this module turns them into one:

- ids as numbers or strings → text; ``tmdb`` or ``tmdb_id`` (``""``, ``0``, ``"0"``: none);
  ratings ``"8.7"``, ``8.7``, ``"7,5"``, ``""`` or null → a float or None; ``info: []`` → ``{}``;
  ``episodes`` as an object keyed by season or as a list (PHP's contiguous keys), null slots
  skipped; names with provider prefixes (``|EN| ``, ``EN - ``) and ``(Year)`` → a clean title, a
  language and a year.
- error answers: an HTML page or a ``blocked``/``forbidden`` text with status 200, ``auth: 0``,
  ``{"error": …}``, an empty body — an ``ExternalServiceError`` saying what to check. An empty
  *list* is returned as empty (the sync decides not to trust it).
- one item that cannot be read (no id, no name) is skipped and counted (``Parsed.skipped``),
  never the whole list.

JSON is decoded with ``msgspec`` (Python's ``json`` as the fallback for what it refuses), and a
list item is normalised by ``parse_row`` into a plain tuple, each value's common shape tried first:
a 100,000-item catalog is parsed once per sync (docs/ARCHITECTURE.md, "Measured").

The credentials live in ``XtreamAccount`` (its ``repr`` hides the password) and in URLs built
here for the server's own use (``stream_url``); none is logged: errors name the origin only.
Must not: touch the database or Flask.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import msgspec

from ..errors import ExternalServiceError, InvalidInput
from ..models.iptv import CatalogItem, EpisodeItem
from .http import HttpClient, Opened, origin_of

SERVICE = "IPTV provider"
Section = Literal["live", "vod", "series"]
SECTIONS: tuple[Section, ...] = ("live", "vod", "series")
CATEGORY_ACTIONS = {"live": "get_live_categories", "vod": "get_vod_categories", "series": "get_series_categories"}
STREAM_ACTIONS = {"live": "get_live_streams", "vod": "get_vod_streams", "series": "get_series"}
ID_FIELDS = {"live": "stream_id", "vod": "stream_id", "series": "series_id"}
REFUSAL_TEXTS = ("blocked", "forbidden", "access denied", "unauthorized")
# A browser's User-Agent: some panels refuse empty or unknown ones.
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
_PREFIX = re.compile(r"^\s*(?:\|\s*([A-Za-z]{2,3})\s*\|\s*|([A-Z]{2,3})\s*[-|:]\s+)")
_DATE_YEAR = re.compile(r"^(\d{4})")
_JSON = msgspec.json.Decoder()  # C: twice as fast as ``json`` on a 100,000-item list (bench/xtream.py)
ROW_FIELDS = tuple(CatalogItem.__dataclass_fields__)


@dataclass(frozen=True)
class XtreamAccount:
    base_url: str
    username: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class AccountInfo:
    """``user_info`` + ``server_info``: expiry is judged against the server's clock."""

    status: str
    message: str
    expires_at: float | None
    server_time: float | None
    max_connections: int
    active_connections: int
    formats: tuple[str, ...] = ()

    @property
    def expired(self) -> bool:
        """An account past ``exp_date`` on the server's own clock (ours when it sends none),
        whatever its status says."""
        now = self.server_time if self.server_time is not None else time.time()
        return self.expires_at is not None and self.expires_at <= now

    @property
    def effective_status(self) -> str:
        return "Expired" if self.expired else self.status


@dataclass(frozen=True)
class Category:
    category_id: str
    name: str
    parent_id: str | None = None


@dataclass(frozen=True)
class Parsed:
    """What a list answer held: the readable items and why the others were skipped."""

    items: list[Any]
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SeriesDetails:
    info: dict[str, Any]
    episodes: list[EpisodeItem]
    skipped: list[str] = field(default_factory=list)


# --- the client ------------------------------------------------------------------------------


class XtreamClient:
    """One provider account. ``http`` is the source's session (guarded, no retries of its own)."""

    def __init__(self, http: HttpClient, account: XtreamAccount):
        self.http, self.account = http, account

    def account_info(self) -> AccountInfo:
        data = self._call(None)
        if not isinstance(data, dict) or not isinstance(data.get("user_info"), dict):
            raise ExternalServiceError(SERVICE, "answered without account details; check the server URL", transient=False)
        return parse_account(data)

    def categories(self, section: Section) -> Parsed:
        return parse_list(self._call(CATEGORY_ACTIONS[section]), parse_category)

    def streams(self, section: Section) -> Parsed:
        """A section's items as tuples in ``ROW_FIELDS`` order (``parse_row``)."""
        return parse_list(self._call(STREAM_ACTIONS[section]), lambda raw: parse_row(section, raw))

    def vod_info(self, vod_id: str) -> dict[str, Any]:
        data = self._call("get_vod_info", vod_id=vod_id)
        info = as_dict(data.get("info")) if isinstance(data, dict) else {}
        return {"tmdb_id": tmdb_of(info), "plot": text(info.get("plot")), "cast": text(info.get("cast")),
                "duration_s": as_int(info.get("duration_secs")), "genre": text(info.get("genre"))}

    def series_info(self, series_id: str) -> SeriesDetails:
        data = self._call("get_series_info", series_id=series_id)
        if not isinstance(data, dict):
            return SeriesDetails({}, [])
        parsed = parse_episodes(data.get("episodes"))
        return SeriesDetails(as_dict(data.get("info")), parsed.items, parsed.skipped)

    def xmltv(self) -> bytes:
        """The provider's programme guide (``xmltv.php``), as it sent it."""
        a = self.account
        url = f"{a.base_url}/xmltv.php?{urlencode({'username': a.username, 'password': a.password})}"
        body = self.http.fetch_untrusted(SERVICE, url, headers={"User-Agent": BROWSER_UA})
        if body.strip()[:1] not in (b"<", b""):
            raise ExternalServiceError(SERVICE, f"{origin_of(url)} answered the guide with something that is not XML",
                                       transient=False)
        return body

    # --- stream URLs (server side only: they carry the credentials) ----------------------------
    def stream_url(self, kind: Literal["live", "movie", "series"], stream_id: str, extension: str) -> str:
        a = self.account
        return f"{a.base_url}/{kind}/{_segment(a.username)}/{_segment(a.password)}/{_segment(stream_id)}.{_segment(extension)}"

    @contextmanager
    def open_stream(self, url: str, *, headers: dict[str, str] | None = None) -> Iterator[Opened]:
        """Open a stream URL from ``stream_url`` (redirects through expiring tokens followed, guarded)."""
        try:
            with self.http.open_untrusted(SERVICE, url, headers={"User-Agent": BROWSER_UA, **(headers or {})}) as opened:
                yield opened
        except ExternalServiceError as exc:
            if exc.upstream_status not in (401, 403):
                raise
            raise ExternalServiceError(SERVICE, f"{origin_of(url)} refused the stream ({exc.upstream_status}): every "
                                       "connection of the account may be in use, or the account is not allowed to play "
                                       "it; try again when a player or download stops", transient=True,
                                       upstream_status=exc.upstream_status) from exc

    def _call(self, action: str | None, **params: str) -> Any:
        a = self.account
        query = {"username": a.username, "password": a.password, **({"action": action} if action else {}), **params}
        url = f"{a.base_url}/player_api.php?{urlencode(query)}"
        try:
            body = self.http.fetch_untrusted(SERVICE, url, headers={"User-Agent": BROWSER_UA})
        except ExternalServiceError as exc:
            if exc.upstream_status in (401, 403):
                raise ExternalServiceError(SERVICE, f"{origin_of(url)} refused the user name or password "
                                           f"({exc.upstream_status}); check the account", transient=False) from exc
            raise
        return decode(body, origin_of(url))


def normalize_base_url(url: str) -> str:
    """``http://host:port[/prefix]``: a trailing ``*.php`` segment, query and slash removed."""
    candidate = (url or "").strip()
    if "://" not in candidate:
        candidate = "http://" + candidate
    parts = urlsplit(candidate)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput("the server URL must look like http://host:port")
    if parts.username or parts.password:
        raise InvalidInput("put the user name and password in their own fields, not in the server URL")
    path = parts.path.rstrip("/")
    if path.rsplit("/", 1)[-1].lower().endswith(".php"):
        path = path.rsplit("/", 1)[0]
    return urlunsplit((parts.scheme, parts.netloc, path.rstrip("/"), "", ""))


# --- decoding answers --------------------------------------------------------------------------


def decode(body: bytes, origin: str) -> Any:
    """The JSON of an answer, or the reason it is not one (an error page with status 200)."""
    stripped = body.strip()
    if not stripped:
        return None
    if stripped[:1] == b"<":
        raise ExternalServiceError(SERVICE, f"{origin} answered with an HTML page instead of data; check the server "
                                   "URL and the account", transient=False)
    lowered = stripped[:64].decode("utf-8", "replace").strip().lower()
    if lowered in REFUSAL_TEXTS:
        raise ExternalServiceError(SERVICE, f"{origin} answered {lowered!r}; the account is refused", transient=False)
    try:
        data = _JSON.decode(stripped)
    except msgspec.DecodeError:
        try:  # what msgspec refuses and Python's parser takes (NaN, numbers past 64 bits)
            data = json.loads(stripped)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ExternalServiceError(SERVICE, f"{origin} answered with something that is not JSON",
                                       transient=True) from exc
    check_refusal(data, origin)
    return data


def check_refusal(data: Any, origin: str) -> None:
    if not isinstance(data, dict):
        return
    user = data.get("user_info")
    if isinstance(user, dict) and str(user.get("auth", "1")) == "0":
        detail = text(user.get("message")) or "invalid user name or password"
        raise ExternalServiceError(SERVICE, f"{origin} refused the account: {detail}", transient=False)
    if "error" in data and "user_info" not in data and len(data) <= 2:
        raise ExternalServiceError(SERVICE, f"{origin} answered an error: {str(data['error'])[:200]}", transient=False)


def parse_account(data: dict[str, Any]) -> AccountInfo:
    user, server = as_dict(data.get("user_info")), as_dict(data.get("server_info"))
    formats = user.get("allowed_output_formats")
    return AccountInfo(
        status=text(user.get("status")) or "Unknown", message=text(user.get("message")) or "",
        expires_at=as_float(user.get("exp_date")) or None, server_time=as_float(server.get("timestamp_now")),
        max_connections=as_int(user.get("max_connections")) or 1, active_connections=as_int(user.get("active_cons")) or 0,
        formats=tuple(str(f) for f in formats) if isinstance(formats, list) else (),
    )


def parse_list(data: Any, parse_one: Callable[[dict], Any]) -> Parsed:
    """Every readable item of a list answer; ``[]``, ``{}``, ``null`` and ``""`` are empty."""
    if isinstance(data, dict):
        data = list(data.values()) if data and all(isinstance(v, dict) for v in data.values()) else []
    items, skipped = [], []
    for position, raw in enumerate(data if isinstance(data, list) else []):
        try:
            if not isinstance(raw, dict):
                raise ValueError("not an object")
            items.append(parse_one(raw))
        except (ValueError, TypeError) as exc:
            skipped.append(f"item {position + 1}: {exc}")
    return Parsed(items, skipped)


def parse_category(raw: dict[str, Any]) -> Category:
    return Category(required_id(raw, "category_id"), text(raw.get("category_name")) or "Uncategorised",
                    as_id(raw.get("parent_id")) or None)


def parse_item(section: Section, raw: dict[str, Any]) -> CatalogItem:
    return CatalogItem(*parse_row(section, raw))


def parse_row(section: Section, raw: dict[str, Any]) -> tuple:
    """One catalog item's values in ``CatalogItem``'s field order (``ROW_FIELDS``).

    The sync's hot loop (one call per item, 100,000 for a large catalog): a plain tuple rather
    than a frozen dataclass, and each value's common shape (text as text, a number as a number)
    tried first, the quirks after (``_text``, ``_id``, ``_int``).
    """
    get = raw.get
    stream_id = _id(get(ID_FIELDS[section]))
    if stream_id is None:
        raise ValueError(f"no usable {ID_FIELDS[section]}")
    raw_name = _text(get("name"))
    if not raw_name:
        raise ValueError(f"{ID_FIELDS[section]} {stream_id} has no name")
    title, language, year = split_name(raw_name)
    return (stream_id, _text(get("title")) or title, raw_name, _id(get("category_id")),
            _int(get("year")) or year or year_of_date(get("release_date") or get("releaseDate")),
            language, _text(get("stream_icon") or get("cover")), rating(get("rating")),
            tmdb_of(raw), _text(get("container_extension")), _int(get("added")), _text(get("plot")), _text(get("cast")),
            _text(get("director")), _text(get("genre")), _text(get("epg_channel_id")))


def parse_episodes(data: Any) -> Parsed:
    """``episodes`` keyed by season (``{"1": [...]}``) or a list indexed by season; null slots skipped."""
    if isinstance(data, list):
        groups = [(str(index), group) for index, group in enumerate(data)]
    elif isinstance(data, dict):
        groups = list(data.items())
    else:
        groups = []
    items, skipped = [], []
    for season_key, group in groups:
        for raw in group if isinstance(group, list) else []:
            if raw is None:
                continue
            try:
                items.append(parse_episode(raw, season_key))
            except (ValueError, TypeError) as exc:
                skipped.append(f"season {season_key}: {exc}")
    return Parsed(items, skipped)


def parse_episode(raw: Any, season_key: str) -> EpisodeItem:
    if not isinstance(raw, dict):
        raise ValueError("an episode that is not an object")
    episode_id = required_id(raw, "id")
    info = as_dict(raw.get("info"))
    season = as_int(raw.get("season"))
    season = season if season is not None else as_int(info.get("season"))
    season = season if season is not None else as_int(season_key)
    number = as_int(raw.get("episode_num"))
    title = text(raw.get("title")) or f"Episode {number or episode_id}"
    return EpisodeItem(episode_id=episode_id, season=season or 0, episode_num=number, title=title,
                       container=text(raw.get("container_extension")), tmdb_id=tmdb_of(info),
                       plot=text(info.get("plot")), duration_s=as_int(info.get("duration_secs")),
                       image=text(info.get("movie_image") or info.get("cover_big")), added=as_int(raw.get("added")))


# --- value normalisation -----------------------------------------------------------------------


def split_name(name: str) -> tuple[str, str | None, int | None]:
    """``"|EN| The Matrix (1999)"`` → ``("The Matrix", "EN", 1999)``."""
    language = None
    start = name.lstrip()[:3]
    match = _PREFIX.match(name) if start[:1] == "|" or start[:2].isupper() else None  # the regex only when it can match
    if match:
        language = (match.group(1) or match.group(2)).upper()
        name = name[match.end():]
    title, year = year_suffix(name)
    return title.strip() or title, language, year


def year_suffix(name: str) -> tuple[str, int | None]:
    """``"Heat (1995)"``, ``"Heat [1995]"`` or ``"Heat - 1995"`` → ``("Heat", 1995)``; a year alone
    is a title (``"1917"``). String tests, not a regular expression: this runs once per item."""
    tail = name.rstrip()
    if tail[-1:] in (")", "]") and tail[-6:-5] in ("(", "[") and tail[-5:-1].isdecimal():
        head = tail[:-6].rstrip()
    elif tail[-4:].isdecimal() and len(tail) > 4 and tail[-5].isspace():
        dash = tail[:-4].rstrip()
        if dash[-1:] != "-" or not dash[-2:-1].isspace():
            return name, None
        head = dash[:-1].rstrip()
    else:
        return name, None
    return (head, int(tail[-5:-1] if tail[-1:] in (")", "]") else tail[-4:])) if head else (name, None)


def category_language(name: str) -> str | None:
    """``"EN | Movies"`` → ``"EN"``: the language folder the provider's category names."""
    match = re.match(r"^\s*\|?\s*([A-Za-z]{2,3})\s*[|\-:]\s*\S", name or "")
    return match.group(1).upper() if match else None


def required_id(raw: dict[str, Any], key: str) -> str:
    value = as_id(raw.get(key))
    if value is None:
        raise ValueError(f"no usable {key}")
    return value


def as_id(value: Any) -> str | None:
    """An id sent as a number or a string, as text; None for empty, bool or structured values."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list, float)):
        return None
    value = str(value).strip()
    return value or None


def as_int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(float(str(value).strip()))
    except ValueError:
        return None


def as_float(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return None


def rating(value: Any) -> float | None:
    if value.__class__ is float or value.__class__ is int:
        return float(value) if 0 <= value <= 10 else None
    number = as_float(value)
    return number if number is not None and 0 <= number <= 10 else None


def tmdb_of(data: dict[str, Any]) -> str | None:
    """``tmdb`` or ``tmdb_id``; ``""``, ``0`` and ``"0"`` mean none."""
    for key in ("tmdb", "tmdb_id"):
        value = _id(data.get(key))
        if value and value != "0" and value.isdigit():
            return value
    return None


def year_of_date(value: Any) -> int | None:
    match = _DATE_YEAR.match(text(value) or "")
    return int(match.group(1)) if match else None


def text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    value = str(value).strip()
    return value or None


def _text(value: Any) -> str | None:
    """``text`` with its common case first."""
    if value.__class__ is str:
        return value.strip() or None
    return text(value)


def _id(value: Any) -> str | None:
    """``as_id`` with its common cases first."""
    if value.__class__ is int:
        return str(value)
    if value.__class__ is str:
        return value.strip() or None
    return as_id(value)


def _int(value: Any) -> int | None:
    """``as_int`` with its common cases first."""
    if value.__class__ is int:
        return value
    if value.__class__ is str and value.isascii() and value.isdigit():
        return int(value)
    return as_int(value)


def as_dict(value: Any) -> dict[str, Any]:
    """``info: []`` (an empty PHP array) and anything else that is not an object → ``{}``."""
    return value if isinstance(value, dict) else {}


def _segment(value: str) -> str:
    return quote(str(value), safe="")
