"""Turning a ``Match`` into library state: items, files, ids, candidates, the review queue.

Owns the rules that make matching trustworthy over time:
- at or above ``library.identify_threshold`` the file joins the item of that TMDb id (one item
  per film, one show → season → episode chain per show, found-or-created in one transaction);
- below it, or when the best candidates tie and nothing in the name breaks the tie, the file's
  item waits with ``status = "review"`` and its top five candidates;
- a person's edit of an item's title or year is what identifying it again searches
  (``search.typed_name``);
- a file coming in from outside the library roots (an upload) that is a second copy of something
  an item already holds (same content or edition) waits in review as a duplicate
  (``duplicates.py``) instead of joining it; files a person placed in the roots are theirs to arrange;
- a manual pick locks the item (``match_locked``): scans, refreshes and bulk re-identify skip it.

Must not: talk to TMDb other than through ``Matcher``, move files (organize does that) or
write the database other than through ``state``.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ... import events
from ...errors import InvalidInput, NotFound
from ...models import MediaFile, MediaItem
from ...tools.mediainfo import MediaInfo
from ...tools.names import ParsedName
from .duplicates import DUPLICATE_KEY, HELD_KINDS, Duplicate, DuplicateFinder
from .identify import Match, Matcher
from .search import info_of, typed_name

log = logging.getLogger(__name__)
PLACEHOLDER_KINDS = ("unknown",)
KNOWN_KEY = "identified_from"  # in a file's ``tech``: the ``known_key`` of its current match


class IdentificationService:
    """Identifies the library's stored files: runs the ``Matcher`` and records what it found (the
    match, or the review candidates), and applies a person's pick. ``services.library.identification``."""

    def __init__(self, state, matcher: Matcher, *, threshold: float, bus: events.EventBus | None = None,
                 roots: dict[str, Path] | None = None, after_match: Callable[[MediaItem, Match], None] | None = None):
        self.state = state
        self.matcher = matcher
        self.threshold = threshold
        self.bus = bus
        self.roots = roots or {}
        self.after_match = after_match
        self.finder = DuplicateFinder(state, self.edition_of)

    # --- one file ------------------------------------------------------------------------------
    def identify_file(self, file_id: int, *, force: bool = False, again: bool = False) -> dict:
        """Identify one file and record the outcome; a locked item is left alone unless ``force``.

        A *known* file (identified before from the same name, size, mtime and a person's same
        edits; see ``known_key``) keeps its match without parsing, probing or asking TMDb, unless
        ``force`` or ``again`` (a person's "identify again") asks for a fresh look."""
        file, item = self.state.file_with_item(file_id)
        if item is not None and item.match_locked and not force:
            return {"file_id": file_id, "media_id": item.id, "status": "locked"}
        key = self.known_key(file, item)
        if not (force or again) and item is not None and item.status == "identified" and file.tech.get(KNOWN_KEY) == key:
            return {"file_id": file_id, "media_id": item.id, "status": item.status, "known": True, "kind": item.kind,
                    "title": item.title, "year": item.year, "tmdb_id": _tmdb_id(item), "confidence": item.confidence}
        parsed = steered(typed_name(item, self.matcher.parse(self.name_for(file))), file)  # a person's edit wins over the name
        match = self.matcher.resolve(parsed, self.matcher.inspect(file.path))
        target = self.record(file, item, match, check_duplicates=self.incoming(file), known_as=key)
        return {"file_id": file_id, "media_id": target.id, "status": target.status, **match.to_public()}

    def known_key(self, file: MediaFile, item: MediaItem | None) -> str:
        """What an identification read: the name guessit reads, the file's size and mtime (what
        MediaInfo reads) and the title and year a person typed, if they did."""
        typed = typed_name(item, ParsedName(kind="movie", title=None))  # (None, None) without edits
        return json.dumps([self.name_for(file), file.size, file.mtime, typed.title, typed.year])

    def name_for(self, file: MediaFile) -> str:
        """What guessit reads: an upload's original name, else the name with its show folders."""
        original = file.tech.get("original_name") if isinstance(file.tech, dict) else None
        if original:
            return os.path.basename(str(original).replace("\\", "/"))
        shows = self.roots.get("shows")
        if shows is not None and file.path.startswith(str(shows) + os.sep):
            return "/".join(Path(file.path).relative_to(shows).parts[-3:])
        return os.path.basename(file.path)

    def record(self, file: MediaFile, item: MediaItem | None, match: Match, *, locked: bool = False,
               follow_up: bool = True, check_duplicates: bool = False, siblings: frozenset[int] = frozenset(),
               known_as: str | None = None) -> MediaItem:
        """Apply ``match`` to ``file``; ``follow_up=False`` skips ``after_match`` (artwork, queued
        organize) for a caller that does those itself (``adopt.py``). ``check_duplicates``: a file the
        matched item already has a copy of (``duplicates.py``; ``siblings`` are files that came with it)
        waits in review for a person's answer instead of joining it. ``known_as``: the
        ``known_key`` this match was made from (None forgets any earlier one)."""
        if locked and match.tmdb_id or self.confident(match):
            target = self._matched_item(match, locked)
            duplicate = self.finder.find(file, target, set(siblings)) if check_duplicates and file.media_id != target.id else None
            if duplicate is not None:
                target = self.hold(file, item, target, duplicate)
        else:
            target = self._review_item(file, item, match)
        self._link_file(file, target, match.info, match.parsed, known_as)
        if item is not None and item.id != target.id:
            self._drop_if_empty(item)
        self.state.set_candidates(target.id, match.candidates[:5])
        self._publish([target.id], "identified" if target.status == "identified" else "review")
        if target.status == "identified" and self.after_match and follow_up:
            self.after_match(target, match)
        return target

    def confident(self, match: Match) -> bool:
        """Sure enough to match without a person: a TMDb id at or above the threshold, and no tie
        between equally good candidates that nothing in the name broke (those go to review)."""
        return bool(match.tmdb_id) and match.confidence >= self.threshold and not match.tied

    def _item_of(self, file: MediaFile) -> MediaItem | None:
        if not file.media_id:
            return None
        try:
            return self.state.get_media(file.media_id)
        except NotFound:
            return None

    # --- matched -------------------------------------------------------------------------------
    def _matched_item(self, match: Match, locked: bool) -> MediaItem:
        if match.kind == "episode":
            target = self._episode_item(match)
        else:
            target = self._movie_item(match)
        fields = {"confidence": 1.0 if locked else match.confidence, "status": "identified"}
        if locked:
            fields["match_locked"] = True
        return self.state.update_media(target.id, **fields)

    def _movie_item(self, match: Match) -> MediaItem:
        d = match.movie
        ids = {"tmdb": str(d.tmdb_id), "imdb": d.imdb_id}
        fields = {"original_title": d.original_title or None, "year": d.year, "overview": d.overview or None,
                  "runtime_minutes": d.runtime, "genres": list(d.genres), "extra": _movie_extra(d)}
        item, created = self.state.ensure_media("movie", d.title, match={"provider": "tmdb", "value": d.tmdb_id},
                                                external_ids=ids, **fields)
        if not created and not item.match_locked:  # refresh what TMDb says; a locked item keeps its fields
            item = self.state.update_media(item.id, title=d.title, external_ids={**item.external_ids, **ids}, **fields)
        if d.cast:  # search finds a film by the people in it
            self.state.set_media_text(item.id, "Cast: " + ", ".join(c.name for c in d.cast[:10]))
        return item

    def _episode_item(self, match: Match) -> MediaItem:
        show = self._show_item(match)
        parent = show
        if match.season is not None:
            parent, _ = self.state.ensure_media("season", _season_title(match.season), parent_id=show.id,
                                                season_number=match.season, year=show.year,
                                                match={"parent_id": show.id, "season_number": match.season})
        first = match.episodes[0] if match.episodes else None
        key = {"parent_id": parent.id, "season_number": match.season, "episode_number": first}
        if first is None:
            key["air_date"] = match.air_date
        details = match.episode_details
        title = " / ".join(e.title for e in details if e.title) or _episode_fallback_title(match)
        fields = {"episode_end": match.episodes[-1] if len(match.episodes) > 1 else None,
                  "overview": details[0].overview if details and details[0].overview else None,
                  "runtime_minutes": sum(e.runtime or 0 for e in details) or None,
                  "air_date": (details[0].air_date if details and details[0].air_date else match.air_date)}
        item, _ = self.state.ensure_media("episode", title, match=key, parent_id=parent.id, season_number=match.season,
                                          episode_number=first, year=show.year, **fields)
        if not item.match_locked:
            item = self.state.update_media(item.id, title=title, **fields)
        return item

    def _show_item(self, match: Match) -> MediaItem:
        s = match.show
        ids = {"tmdb": str(s.tmdb_id), "imdb": s.imdb_id, "tvdb": s.tvdb_id}
        item, _ = self.state.ensure_media("show", s.title, match={"provider": "tmdb", "value": s.tmdb_id}, external_ids=ids,
                                          year=s.year, overview=s.overview or None, genres=list(s.genres),
                                          original_title=s.original_title or None, status="identified", confidence=1.0,
                                          extra={"poster_path": s.poster_path, "backdrop_path": s.backdrop_path})
        return item

    # --- review --------------------------------------------------------------------------------
    def _review_item(self, file: MediaFile, item: MediaItem | None, match: Match) -> MediaItem:
        parsed = match.parsed
        kind = "episode" if match.kind == "episode" else "movie"
        title = (parsed.title if parsed and parsed.title else None) or (item.title if item else None) or Path(file.path).stem
        fields = {"confidence": match.confidence, "status": "review", "year": parsed.year if parsed else None,
                  "season_number": match.season, "episode_number": match.episodes[0] if match.episodes else None,
                  "episode_end": match.episodes[-1] if len(match.episodes) > 1 else None}
        if item is None or item.kind not in (*PLACEHOLDER_KINDS, kind) or self.state.count_media_files(item.id) > 1:
            return self.state.add_media(kind, title, **fields)
        return self.state.update_media(item.id, kind=kind, title=title, **fields)

    # --- duplicates ----------------------------------------------------------------------------
    def incoming(self, file: MediaFile) -> bool:
        """A file neither in a library root nor found by a scan (an upload): checked for being a second
        copy before it joins. What a scan found in a library folder (``tech.root``) a person put there."""
        scanned = isinstance(file.tech, dict) and bool(file.tech.get("root"))
        return not scanned and not any(file.path.startswith(str(root) + os.sep) for root in self.roots.values())

    def edition_of(self, file: MediaFile) -> str | None:
        """The edition a file is (``Director's Cut``): recorded when it was identified, else read from its name."""
        if isinstance(file.tech, dict) and "edition" in file.tech:
            return file.tech["edition"]
        return self.matcher.parse(self.name_for(file)).edition

    def hold(self, file: MediaFile, item: MediaItem | None, original: MediaItem, duplicate: Duplicate) -> MediaItem:
        """``file`` duplicates ``original``'s copies: it waits in review on an item of its own."""
        fields = {"status": "review", "confidence": 1.0, "year": original.year, "season_number": original.season_number,
                  "episode_number": original.episode_number, "extra": {DUPLICATE_KEY: duplicate.to_extra()}}
        reusable = (item is not None and item.id != original.id and item.kind in HELD_KINDS
                    and {f.id for f in self.state.list_media_files(item.id)} <= {file.id})
        if reusable:
            held = self.state.update_media(item.id, kind=original.kind, title=original.title, **fields)
        else:
            held = self.state.add_media(original.kind, original.title, **fields)
        self.state.update_media_file(file.id, media_id=held.id)
        if item is not None and item.id not in (held.id, original.id):
            self._drop_if_empty(item)
        self._publish([held.id], "review")
        log.info("%s is a second copy of %r: it waits in the review queue", os.path.basename(file.path), original.title)
        return held

    # --- files and clean-up --------------------------------------------------------------------
    def _link_file(self, file: MediaFile, target: MediaItem, info: MediaInfo | None, parsed: ParsedName | None = None,
                   known_as: str | None = None) -> None:
        fields: dict = {"media_id": target.id, "tech": {**file.tech, KNOWN_KEY: known_as}}
        if parsed is not None:  # the edition tells versions from duplicates once the name is gone (organized)
            fields["tech"] = {**fields["tech"], "edition": parsed.edition}
        if info is not None:
            fields.update(duration_s=info.duration_s, container=info.container, video_codec=info.video_codec,
                          width=info.width, height=info.height, audio_codecs=list(info.audio_codecs),
                          tech={**fields["tech"], "audio_languages": info.audio_languages,
                                "subtitle_languages": info.subtitle_languages})
        self.state.update_media_file(file.id, **fields)

    def _drop_if_empty(self, item: MediaItem) -> None:
        if self.state.count_media_files(item.id) == 0 and item.kind in (*PLACEHOLDER_KINDS, "movie", "episode"):
            self.state.delete_media(item.id)

    def _publish(self, media_ids: list[str], reason: str) -> None:
        if self.bus is not None:
            self.bus.publish(events.LibraryUpdated(media_ids, reason))

    # --- manual pick and re-identify -----------------------------------------------------------
    def pick(self, media_id: str, tmdb_id: int, kind: str | None = None) -> MediaItem:
        """A person's choice: applied to every file of the item, and locked against later runs."""
        item = self.state.get_media(media_id)
        files = self.state.list_media_files(media_id)
        if not files:
            raise InvalidInput(f"media item {media_id} has no files to match")
        wanted = kind or ("episode" if item.kind in ("episode", "show", "season") else "movie")
        target = item
        for file in files:
            parsed = self.matcher.parse(self.name_for(file))
            parsed = replace(parsed, kind="episode" if wanted in ("episode", "show", "tv") else "movie",
                             provider_ids={"tmdb": str(int(tmdb_id))})
            match = self.matcher.resolve(parsed, info_of(file))
            if match.tmdb_id is None:
                raise NotFound(f"TMDb has no {wanted} with id {tmdb_id}")
            current = self.state.get_media_file(file.id)
            target = self.record(current, self._item_of(current), replace(match, decided_by="manual"), locked=True,
                                 check_duplicates=self.incoming(current), siblings=frozenset(f.id for f in files))
        return target

    def reidentify_media(self, media_id: str, *, force: bool = False) -> list[dict]:
        item = self.state.get_media(media_id)
        if item.match_locked and force:
            self.state.update_media(media_id, match_locked=False)
        return [self.identify_file(f.id, force=force, again=True) for f in self.state.list_media_files(media_id)]


def _tmdb_id(item: MediaItem) -> int | None:
    value = str(item.external_ids.get("tmdb") or "")
    return int(value) if value.isdigit() else None


def _movie_extra(d) -> dict:
    extra = {"poster_path": d.poster_path, "backdrop_path": d.backdrop_path, "tagline": d.tagline or None,
             "cast": [{"name": c.name, "role": c.character} for c in d.cast[:10]]}
    if d.collection is not None:
        extra["collection"] = {"tmdb_id": d.collection.tmdb_id, "name": d.collection.name}
    return extra


def _season_title(number: int) -> str:
    return "Specials" if number == 0 else f"Season {number}"


def _episode_fallback_title(match: Match) -> str:
    if match.episodes:
        return ", ".join(f"Episode {n}" for n in match.episodes)
    return match.air_date or "Episode"


def steered(parsed: ParsedName, file: MediaFile) -> ParsedName:
    """The kind of the library folder a file was found in decides film or episode (``folders.py``):
    a file in a films folder is a film even if its name reads like an episode, and the other way
    round; in a mixed folder (and for uploads) the name decides."""
    root = file.tech.get("root") if isinstance(file.tech, dict) else None
    if root == "movies" and parsed.kind == "episode":
        return replace(parsed, kind="movie", season=None, episodes=[], air_date=None)
    if root == "shows" and parsed.kind != "episode":
        return replace(parsed, kind="episode")
    return parsed
