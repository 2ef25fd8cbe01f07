"""Browse and search use cases: the library grid, search while typing, the home page rows.

Search (the design and its measurements are in docs/BROWSE.md):

1. The text is folded like the search index folds titles (NFKD, accents dropped, lower case) and
   split into word tokens; they become a ``TextQuery`` (the database backend writes it in its own
   query syntax, every token quoted, so punctuation never reaches it): the last token is a prefix
   (results while typing), all are ANDed; several tokens also match glued together
   (``spider man`` → ``spiderman*`` on the titles written without in-word punctuation).
2. The titles are searched first (few matches, so ranking is cheap). When that finds fewer than
   ``limit`` items and a token is not a known title term, each unknown token is corrected against
   the index's own title vocabulary (only the terms with the token's first
   letter: a bounded candidate set) with rapidfuzz, and the corrected query runs; then, if still
   short, the exact words are looked for in overviews too. Later hits follow earlier ones.
3. Then the full texts (``media_texts``: articles' bodies, books' text, in their own index so a
   body never outranks a title): every word must occur; each such hit carries a ``snippet``, the
   words around the match as segments with the matched words marked (``{"text", "mark"}``), so the
   app highlights them without rendering any HTML.

Cursors are opaque to clients: base64 of ``[sort, values]``, checked on the way back in.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from rapidfuzz import fuzz, process

from ..errors import InvalidInput
from ..models.library import MEDIA_KINDS, MediaItem
from ..models.search import Term, TextQuery
from ..state.browse import SORTS, BrowseFilter, BrowseItem

MAX_LIMIT = 200
MAX_QUERY_CHARS = 200
MAX_TOKENS = 8
FUZZY_MIN_LENGTH = 3
FUZZY_CUTOFF = 78.0
FUZZY_ALTERNATIVES = 3
NESTED_KINDS = frozenset({"season", "episode", "album", "track"})  # listed across parents by ?kind=
TOP_LEVEL = "none"  # ?parent=none: only items without a parent
_TOKEN = re.compile(r"[^\W_]+")
MARKS = ("\x02", "\x03")  # around each matched word of a full-text snippet; never in stored text


# --- item shape -----------------------------------------------------------------------------------


def item_card(item: BrowseItem) -> dict[str, Any]:
    """What the app needs to draw a tile; the poster URL is ours (relative), never upstream's.

    ``duration_s`` is the file's probed length (a track's, a film's once identified); the playback
    duration falls back to it before the caller has played the item."""
    duration = round(item.file_duration_s, 3) if item.file_duration_s else None
    return {"id": item.id, "kind": item.kind, "title": item.title, "year": item.year, "parent_id": item.parent_id,
            "season_number": item.season_number, "episode_number": item.episode_number,
            "episode_end": item.episode_end, "disc_number": item.disc_number, "track_number": item.track_number,
            "duration_s": duration, "runtime_minutes": item.runtime_minutes, "genres": item.genres,
            "status": item.status, "confidence": item.confidence, "added_at": item.added_at,
            "poster": f"/api/media/{item.id}/artwork/poster" if item.has_poster else None,
            "playback": {"position_s": round(item.position_s, 1), "duration_s": item.duration_s or duration,
                         "watched": item.watched}}


def _next_up_card(episode: BrowseItem, show: BrowseItem) -> dict[str, Any]:
    """An episode's card with its show, and the show's poster when the episode has none of its own."""
    card, show_card = item_card(episode), item_card(show)
    return {**card, "poster": card["poster"] or show_card["poster"], "show": {"id": show.id, "title": show.title}}


# --- cursors --------------------------------------------------------------------------------------


def snippet_segments(snippet: str) -> list[dict[str, Any]]:
    """``"a \x02word\x03 b"`` → ``[{"text": "a ", "mark": False}, {"text": "word", "mark": True}, …]``."""
    segments, marked = [], False
    for part in re.split(f"([{MARKS[0]}{MARKS[1]}])", snippet):
        if part in MARKS:
            marked = part == MARKS[0]
        elif part:
            segments.append({"text": part, "mark": marked})
    return segments


def encode_cursor(sort: str, values: list[Any]) -> str:
    raw = json.dumps([sort, values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_sort, values = json.loads(raw)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise InvalidInput("after is not a cursor this server gave out") from exc
    if got_sort != sort or not isinstance(values, list) or len(values) != len(SORTS[sort]):
        raise InvalidInput("after belongs to another sort order: start again without it")
    if not all(v is None or isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in values):
        raise InvalidInput("after is not a cursor this server gave out")
    return values


# --- query parsing --------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, the way ``unicode61 remove_diacritics 2`` folds titles."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokens_of(text: str) -> list[str]:
    return _TOKEN.findall(fold(text[:MAX_QUERY_CHARS]))[:MAX_TOKENS]


def exact_query(tokens: list[str]) -> TextQuery:
    """All tokens, the last as a prefix; several tokens may also be one glued word (Spider-Man).

    A last token of one letter (``spider m``) is left to the glued form: as a prefix of its own it
    would expand to every term with that letter."""
    words = tokens[:-1] if len(tokens) > 1 and len(tokens[-1]) == 1 else tokens
    groups = tuple((Term(t, i == len(words) - 1),) for i, t in enumerate(words))
    glued = Term("".join(tokens), True) if len(tokens) > 1 else None
    return TextQuery(groups, glued)


def in_titles(query: TextQuery) -> TextQuery:
    return replace(query, titles_only=True)


def corrected_query(groups: list[list[tuple[str, bool]]]) -> TextQuery:
    return TextQuery(tuple(tuple(Term(t, p) for t, p in group) for group in groups))


def _parse_date(raw: str, name: str) -> float:
    try:
        if raw.replace(".", "", 1).isdigit():
            return float(raw)
        day = date.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidInput(f"{name} must be a date (YYYY-MM-DD) or epoch seconds") from exc
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    next: str | None

    def to_public(self) -> dict[str, Any]:
        return {"items": self.items, "next": self.next}


class BrowseService:
    def __init__(self, state):
        self.state = state

    # --- the grid --------------------------------------------------------------------------------
    def library(self, user_id: int, args: dict[str, str]) -> Page:
        f = self.parse_filter(user_id, args)
        items, more = self.state.browse_media(f)
        nxt = encode_cursor(f.sort, items[-1].sort_values(f.sort)) if more and items else None
        return Page([item_card(i) for i in items], nxt)

    def parse_filter(self, user_id: int, args: dict[str, str]) -> BrowseFilter:
        """Top-level items unless ``parent`` names one, or ``kind`` is one that lives inside another
        (every album, every track); ``parent=none`` keeps only items without a parent (the tracks
        no album claimed: the unidentified shelf)."""
        kind, parent = args.get("kind") or None, args.get("parent") or None
        if kind is not None and kind not in MEDIA_KINDS:
            raise InvalidInput(f"kind must be one of {', '.join(MEDIA_KINDS)}")
        top_level = parent == TOP_LEVEL or kind not in NESTED_KINDS
        parent = None if parent == TOP_LEVEL else parent
        sort = args.get("sort") or ("number" if parent else "title")
        if sort not in SORTS:
            raise InvalidInput(f"sort must be one of {', '.join(SORTS)}")
        f = BrowseFilter(user_id=user_id, kind=kind, genre=(args.get("genre") or None), parent_id=parent,
                         top_level=top_level, sort=sort,
                         year=_int(args.get("year"), "year", 1800, 3000), watched=_watched(args.get("watched")),
                         limit=_int(args.get("limit"), "limit", 1, MAX_LIMIT) or 60)
        if args.get("added_after"):
            f = replace(f, added_after=_parse_date(args["added_after"], "added_after"))
        if args.get("added_before"):
            f = replace(f, added_before=_parse_date(args["added_before"], "added_before"))
        if args.get("after"):
            f = replace(f, after=decode_cursor(args["after"], sort))
        return f

    def genres(self) -> list[str]:
        return self.state.list_genres()

    # --- search ----------------------------------------------------------------------------------
    def search(self, user_id: int, text: str, limit: int = 30) -> list[dict[str, Any]]:
        tokens = tokens_of(text or "")
        if not tokens or sum(len(t) for t in tokens) < 2:  # one letter matches half the library
            return []
        found: list[BrowseItem] = []
        for query in self._queries(tokens):
            if len(found) >= limit:
                break
            seen = {i.id for i in found}
            found += [i for i in self.state.search_media(query, user_id, limit=limit) if i.id not in seen]
        cards = [item_card(i) for i in found[:limit]]
        return cards + self._text_hits(tokens, user_id, {c["id"] for c in cards}, limit - len(cards))

    def _text_hits(self, tokens: list[str], user_id: int, seen: set[str], limit: int) -> list[dict[str, Any]]:
        """Items whose full text holds every word (the last as a prefix), with a marked snippet; when
        none does, the words corrected from the full texts' vocabulary (typos, as for titles)."""
        if limit <= 0:
            return []
        hits = self.state.search_texts(replace(exact_query(tokens), glued=None), limit * 2, MARKS)
        groups = None if hits else self.corrections(tokens, texts=True)
        if groups is not None:
            hits = self.state.search_texts(corrected_query(groups), limit * 2, MARKS)
        hits = [(i, s) for i, s in hits if i not in seen]
        cards = self.state.get_browse_items(user_id, [i for i, _ in hits])
        return [{**item_card(cards[i]), "snippet": snippet_segments(s)} for i, s in hits if i in cards][:limit]

    def _queries(self, tokens: list[str]):
        """Titles first (few matches, cheap to rank), then corrected titles, then overviews too."""
        exact = exact_query(tokens)
        yield in_titles(exact)
        groups = self.corrections(tokens)
        if groups is not None:
            yield in_titles(corrected_query(groups))
        yield exact

    def corrections(self, tokens: list[str], *, texts: bool = False) -> list[list[tuple[str, bool]]] | None:
        """Each token with its spelling alternatives from the title (``texts``: full-text) vocabulary;
        None if nothing to fix."""
        groups, changed = [], False
        for n, token in enumerate(tokens):
            last = n == len(tokens) - 1
            group = [(token, last)]
            if len(token) >= FUZZY_MIN_LENGTH and not self.state.search_term_known(token, prefix=last, texts=texts):
                close = self._close_terms(token, texts)
                group += [(t, False) for t in close]
                changed = changed or bool(close)
            groups.append(group)
        return groups if changed else None

    def _close_terms(self, token: str, texts: bool = False) -> list[str]:
        first = token[0]
        candidates = self.state.search_terms_between(first, chr(ord(first) + 1), texts=texts)
        candidates = [c for c in candidates if abs(len(c) - len(token)) <= max(2, len(token) // 3)]
        hits = process.extract(token, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_ALTERNATIVES)
        return [term for term, _score, _ in hits]

    # --- home ------------------------------------------------------------------------------------
    def recently_added(self, user_id: int, limit: int = 20) -> list[dict[str, Any]]:
        items, _ = self.state.browse_media(BrowseFilter(user_id=user_id, sort="-added", limit=limit))
        return [item_card(i) for i in items]

    def continue_watching(self, user_id: int, limit: int = 20) -> list[dict[str, Any]]:
        rows = self.state.list_continue_watching(user_id, limit)
        cards = self.state.get_browse_items(user_id, [p.media_id for p in rows])
        return [item_card(cards[p.media_id]) for p in rows if p.media_id in cards]

    def next_up(self, user_id: int, limit: int = 20) -> list[dict[str, Any]]:
        """The next episode of each show the user is watching, with its show (``state.list_next_up``)."""
        rows = self.state.list_next_up(user_id, limit)
        cards = self.state.get_browse_items(user_id, [i for row in rows for i in row])
        return [_next_up_card(cards[episode], cards[show]) for episode, show in rows if episode in cards and show in cards]

    def home(self, user_id: int) -> dict[str, Any]:
        return {"next_up": self.next_up(user_id), "continue_watching": self.continue_watching(user_id),
                "recently_added": self.recently_added(user_id)}

    # --- edits ----------------------------------------------------------------------------------
    def edit(self, media_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """A person's edit: applied and locked, so refreshes and rescans keep it (like a manual match)."""
        values = _edit_values(body)
        if not values:
            raise InvalidInput(f"send at least one of {', '.join(EDITABLE)}")
        before = self.state.get_media(media_id).extra or {}
        extra = {**before, "edited": sorted({*(before.get("edited") or ()), *values})}  # re-identify searches these
        item = self.state.update_media(media_id, match_locked=True, extra=extra, **values)
        return {"id": item.id, "title": item.title, "original_title": item.original_title, "year": item.year,
                "overview": item.overview, "genres": item.genres, "match_locked": item.match_locked}


# --- music ---------------------------------------------------------------------------------------


def track_order(track: MediaItem) -> tuple:
    """Disc, then track number (from the track's extra), then title: the order of an album."""
    extra = track.extra if isinstance(track.extra, dict) else {}
    numbers = [extra.get(n) if isinstance(extra.get(n), int) else None for n in ("disc_number", "track_number")]
    return (*((n is None, n or 0) for n in numbers), track.sort_title, track.id)


def next_track(state, item: MediaItem) -> dict[str, Any] | None:
    """The track after ``item`` in its album (or under its artist), for playing an album in order."""
    if item.kind != "track" or not item.parent_id:
        return None
    tracks = sorted(state.list_media(kind="track", parent_id=item.parent_id, limit=1000), key=track_order)
    ids = [t.id for t in tracks]
    if item.id not in ids or ids.index(item.id) + 1 >= len(ids):
        return None
    nxt = tracks[ids.index(item.id) + 1]
    return {"id": nxt.id, "title": nxt.title, "season_number": None, "episode_number": None}


def _int(raw: str | None, name: str, low: int, high: int) -> int | None:
    if raw in (None, ""):
        return None
    if not raw.lstrip("-").isdigit() or not low <= int(raw) <= high:
        raise InvalidInput(f"{name} must be a whole number between {low} and {high}")
    return int(raw)


def _watched(raw: str | None) -> bool | None:
    if raw in (None, "", "any"):
        return None
    if raw in ("true", "1", "watched"):
        return True
    if raw in ("false", "0", "unwatched"):
        return False
    raise InvalidInput("watched must be true or false")


# --- an item's details ----------------------------------------------------------------------------

_LINK_RULES = {
    "tmdb": (re.compile(r"^\d{1,10}$"), "https://www.themoviedb.org/{kind}/{value}", "TMDb"),
    "imdb": (re.compile(r"^(tt|nm)\d{5,10}$"), "https://www.imdb.com/title/{value}/", "IMDb"),
    "tvdb": (re.compile(r"^\d{1,10}$"), "https://thetvdb.com/dereferrer/series/{value}", "TheTVDB"),
    "musicbrainz": (re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
                    "https://musicbrainz.org/{kind}/{value}", "MusicBrainz"),
}
_TMDB_KINDS = {"movie": "movie", "show": "tv"}
_MB_KINDS = {"artist": "artist", "album": "release", "track": "recording"}
EDITABLE = ("title", "original_title", "year", "overview", "genres")


def external_links(kind: str, ids: dict[str, str]) -> list[dict[str, str]]:
    """https links to known sites, only for ids of the expected shape (nothing else is linked)."""
    links = []
    for provider, value in sorted(ids.items()):
        rule = _LINK_RULES.get(provider)
        target_kind = (_TMDB_KINDS if provider == "tmdb" else _MB_KINDS).get(kind, "")
        if rule is None or not rule[0].match(str(value)) or ("{kind}" in rule[1] and not target_kind):
            continue
        links.append({"provider": provider, "label": rule[2], "id": str(value),
                      "url": rule[1].format(kind=target_kind, value=value)})
    return links


def _cast(extra: dict) -> list[dict[str, str]]:
    cast = extra.get("cast") if isinstance(extra, dict) else None
    if not isinstance(cast, list):
        return []
    return [{"name": str(c.get("name") or ""), "role": str(c.get("role") or "")}
            for c in cast[:20] if isinstance(c, dict) and c.get("name")]


def item_about(state, media_id: str) -> dict[str, Any]:
    """What an item's page shows besides its row (``has_poster`` comes from the artwork service,
    which also finds an album's cover)."""
    item = state.get_media(media_id)
    extra = item.extra if isinstance(item.extra, dict) else {}
    parents, seen, parent_id = [], set(), item.parent_id
    while parent_id and parent_id not in seen and len(parents) < 4:
        seen.add(parent_id)
        parent = state.get_media(parent_id)
        parents.insert(0, {"id": parent.id, "kind": parent.kind, "title": parent.title})
        parent_id = parent.parent_id
    collection = extra.get("collection") if isinstance(extra.get("collection"), dict) else None
    return {"id": item.id, "cast": _cast(extra), "tagline": extra.get("tagline") if isinstance(extra.get("tagline"), str) else None,
            "links": external_links(item.kind, item.external_ids), "parents": parents,
            "tmdb_collection": {"name": str(collection.get("name") or "")} if collection else None,
            "has_backdrop": any(a.kind == "backdrop" for a in state.list_artwork(media_id))}


def _edit_values(body: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ("title", "original_title", "overview"):
        if name in body:
            value = body[name]
            if value is not None and (not isinstance(value, str) or len(value) > 5000):
                raise InvalidInput(f"{name} must be text")
            if name == "title" and not (value or "").strip():
                raise InvalidInput("title cannot be empty")
            values[name] = value.strip() if isinstance(value, str) else None
    if "year" in body:
        year = body["year"]
        if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1800 <= year <= 3000):
            raise InvalidInput("year must be a whole number between 1800 and 3000")
        values["year"] = year
    if "genres" in body:
        genres = body["genres"]
        if not isinstance(genres, list) or not all(isinstance(g, str) and 0 < len(g) <= 100 for g in genres):
            raise InvalidInput("genres must be a list of names")
        values["genres"] = list(dict.fromkeys(g.strip() for g in genres))
    return values
