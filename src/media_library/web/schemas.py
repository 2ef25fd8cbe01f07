"""The JSON schemas of the API's public shapes (``components.schemas`` of ``/api/openapi.json``).

Each shape is derived from the dataclass whose ``to_public()`` (or service function) produces it:
``shape(Job, JOB_FIELDS)`` reads the field types from the dataclass, so a field that becomes
nullable or changes type changes the schema with it. Names the dataclass does not have (computed
keys such as ``revoked`` or ``poster``) are given as Python types or schemas. Nullable is written the
JSON Schema 2020-12 way (``"type": ["string", "null"]``), which OpenAPI 3.1 uses.

What keeps these true: every test under ``tests/web`` and ``tests/browse`` checks each JSON answer
against the schema of its route (``tests/openapi_check.py``), with ``additionalProperties: false``,
so a key added to, renamed in or dropped from an answer fails a test until the shape here follows.
Why not pydantic or a schema library: the shapes are plain dataclasses and dicts; mapping their
type hints is the few lines below, and pulling in a validation framework for it is not worth it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, Union

from ..config import StrmSettings
from ..models.activity import ActivityEntry
from ..models.articles import ARTICLE_ORIGINS, ARTICLE_STATUSES, Article, ReadingState
from ..models.auth import ROLES, ApiToken, User
from ..models.discs import DISC_KINDS, DISC_STATUSES, Disc
from ..models.downloads import DOWNLOAD_STATUSES, Download, PlaylistTrack, Subscription
from ..models.iptv import IptvAccount
from ..models.jobs import JOB_STATUSES, Job
from ..models.library import MEDIA_KINDS, Candidate, MediaFile, MediaItem, Playback
from ..services.library.organize import PlannedMove
from ..services.strm.exporter import ExportResult
from ..services.subtitles import Sidecar
from ..state.browse import BrowseItem

_SIMPLE = {bool: "boolean", int: "integer", float: "number", str: "string", type(None): "null"}
Schema = dict[str, Any]


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def type_schema(tp: Any) -> Schema:
    """The JSON schema of a Python type hint (``float | None`` -> ``{"type": ["number", "null"]}``)."""
    if isinstance(tp, dict):
        return tp
    if tp is Any:
        return {}
    if tp in _SIMPLE:
        return {"type": _SIMPLE[tp]}
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        return _union(args)
    if origin is Literal:
        return {"type": _SIMPLE[type(args[0])], "enum": list(args)}
    if origin in (list, tuple):
        return {"type": "array", "items": type_schema(args[0]) if args else {}}
    if origin is dict:
        return {"type": "object", "additionalProperties": type_schema(args[1]) if args else {}}
    raise TypeError(f"no JSON schema for {tp!r}")


def _union(args: tuple) -> Schema:
    members = [type_schema(a) for a in args]
    if all(set(m) == {"type"} and isinstance(m["type"], str) for m in members):
        return {"type": [m["type"] for m in members]}
    return {"anyOf": members}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def one_of(values: tuple[str, ...]) -> Schema:
    return {"type": "string", "enum": list(values)}


def shape(source: type | None = None, fields: tuple[str, ...] = (), *, optional: tuple[str, ...] = (),
          **extra: Any) -> Schema:
    """An object schema: ``fields`` typed from the dataclass ``source``, then ``extra`` (name -> type
    hint or schema; it may also override a field). Every key is required unless named in ``optional``."""
    hints = typing.get_type_hints(source) if source is not None else {}
    properties = {name: type_schema(hints[name]) for name in fields}
    properties.update({name: type_schema(kind) for name, kind in extra.items()})
    return {"type": "object", "additionalProperties": False,
            "required": [name for name in properties if name not in optional], "properties": properties}


def extend(base: Schema, *, optional: tuple[str, ...] = (), **extra: Any) -> Schema:
    """``base`` with more properties (same rules as ``shape``)."""
    added = shape(optional=optional, **extra)
    return {**base, "required": [*base["required"], *added["required"]],
            "properties": {**base["properties"], **added["properties"]}}


def page(item: Schema, cursor: str, cursor_type: Any = str) -> Schema:
    return shape(items=list_of(item), **{cursor: cursor_type | None})


def list_of(item: Schema) -> Schema:
    return {"type": "array", "items": item}


def items_of(item: Schema) -> Schema:
    """``{"items": [...]}``, the shape of every list answer."""
    return shape(items=list_of(item))


# --- accounts --------------------------------------------------------------------------------------
USER = shape(User, ("id", "username", "role", "disabled", "created_at"), role=one_of(ROLES))
TOKEN = shape(ApiToken, ("id", "name", "scope", "created_at", "last_used_at"), revoked=bool)
SESSION = shape(user=ref("User"), csrf_token=str | None)
ACTIVITY_ENTRY = shape(ActivityEntry, ("id", "event", "user_id", "username", "address", "what", "count", "at", "last_at"))
DEVICE_SESSION = shape(id=str, user_id=int, username=str, browser=str, os=str, device=str, address=str,
                       created_at=float, last_seen_at=float, current=bool)
DEVICE_TOKEN = extend(TOKEN, user_id=int, username=str)
ME = extend(SESSION, auth=one_of(("session", "token")), scope=str | None)
SERVICE_STATE = shape(state=str, restarts=int, error=str | None)
DISK_SPACE = shape(state=one_of(("ok", "low", "full")), free_bytes=int, total_bytes=int, low_space_bytes=int)
HEALTH = shape(status=one_of(("ok", "degraded")), version=str, mode=str, uptime_s=float,
               services={"type": "object", "additionalProperties": ref("ServiceState")},
               needs_setup=bool, disk=ref("DiskSpace"))

# --- jobs --------------------------------------------------------------------------------------------
JOB = shape(Job, ("id", "kind", "payload", "status", "progress", "message", "result", "error", "attempts",
                  "max_attempts", "priority", "run_after", "cancel_requested", "parent_id", "created_at",
                  "started_at", "finished_at", "updated_at"), status=one_of(JOB_STATUSES))

# --- library -------------------------------------------------------------------------------------------
ITEM_FIELDS = ("id", "kind", "title", "parent_id", "year", "original_title", "overview", "season_number",
               "episode_number", "episode_end", "air_date", "runtime_minutes", "genres", "status", "confidence",
               "match_locked", "external_ids", "added_at", "updated_at")
MEDIA_ITEM = extend(shape(MediaItem, ITEM_FIELDS, kind=one_of(MEDIA_KINDS)),
                    disc_number=int | None, track_number=int | None)  # a track's, from its extra
MEDIA_FILE = shape(MediaFile, ("id", "path", "size", "duration_s", "container", "video_codec", "width", "height",
                               "audio_codecs", "missing"), original_name=str | None)  # the uploader's file name
CANDIDATE = shape(Candidate, ("rank", "provider", "provider_id", "kind", "title", "year", "runtime_minutes",
                              "poster_url", "score", "overview"), optional=("overview",))
DUPLICATE_OF = shape(media_id=str, title=str, year=int | None, same_content=bool, files=list_of(ref("MediaFile")),
                     collision_path=str | None)
REVIEW_ITEM = extend(MEDIA_ITEM, files=list_of(ref("MediaFile")), candidates=list_of(ref("Candidate")),
                     duplicate_of=nullable(ref("DuplicateOf")))
MEDIA_DETAIL = extend(REVIEW_ITEM, artwork=list[str])
# --- music (manual match) ---
MUSIC_TRACK = shape(disc=int | None, position=int | None, title=str, length_s=float | None)
MUSIC_RELEASE = shape(musicbrainz_release=str, title=str, artist=str, year=int | None, date=str, country=str, status=str,
                      track_count=int | None, formats=list[str], label=str, score=int | None, tracks=list_of(MUSIC_TRACK))
MUSIC_RECORDING = shape(musicbrainz_recording=str, title=str, artist=str, length_s=float | None, score=int | None,
                        releases=list_of(shape(musicbrainz_release=str, title=str, year=int | None, country=str)))
MUSIC_SEARCH = shape(releases=list_of(ref("MusicRelease")), recordings=list_of(ref("MusicRecording")))
MUSIC_TAGS = shape(media_id=str, files=list_of(shape(file_id=int, name=str, duration_s=float | None,
                                                     tags={"type": "object", "additionalProperties": {"type": "string"}})))
UPLOADED = extend(shape(MediaItem, ("id", "kind", "title", "status")), file_id=int, size=int, job_id=int | None)
PLANNED_MOVE = shape(PlannedMove, ("file_id", "media_id", "source", "target", "status", "reason"))
ITEM_EDIT = shape(MediaItem, ("id", "title", "original_title", "year", "overview", "genres", "match_locked"))

# --- browse, playback, collections, subtitles ------------------------------------------------------------
PLAYBACK_SUMMARY = shape(BrowseItem, ("position_s", "duration_s", "watched"))
MEDIA_CARD = extend(shape(BrowseItem, ("id", "kind", "title", "year", "parent_id", "season_number", "episode_number",
                                       "episode_end", "disc_number", "track_number", "runtime_minutes", "genres",
                                       "status", "confidence", "added_at")),
                    duration_s=float | None, poster=str | None, playback=ref("PlaybackSummary"))
PLAYBACK = extend(shape(Playback, ("position_s", "duration_s", "watched", "play_count")),
                  updated_at=float | None, resume_at=float | None)
MEDIA_ABOUT = shape(
    id=str, cast=list_of(shape(name=str, role=str)), tagline=str | None,
    links=list_of(shape(provider=str, label=str, id=str, url=str)),
    parents=list_of(shape(id=str, kind=str, title=str)), tmdb_collection=nullable(shape(name=str)),
    has_poster=bool, has_backdrop=bool, playback=ref("Playback"), collections=list[int])
COLLECTION = shape(id=int, name=str, kind=str, automatic=bool, tmdb_collection_id=str | None, item_count=int,
                   cover=str | None, optional=("tmdb_collection_id", "cover"))
COLLECTION_DETAIL = shape(id=int, name=str, kind=str, automatic=bool, tmdb_collection_id=str | None,
                          can_edit=bool, items=list_of(ref("MediaCard")))
SUBTITLE = extend(shape(Sidecar, ("index", "format", "language", "label", "forced")), url=str)

NEXT_UP_CARD = extend(MEDIA_CARD, show=shape(id=str, title=str))
SEARCH_HIT = extend(MEDIA_CARD, optional=("snippet",), snippet=list_of(shape(text=str, mark=bool)))

# --- articles ------------------------------------------------------------------------------------------
READING_STATE = shape(ReadingState, ("progress", "location", "archived", "favourite", "updated_at"))
ARTICLE = extend(shape(Article, ("id", "url", "status", "origin", "media_id", "title", "author", "site", "published",
                                 "language", "excerpt", "words", "top_image", "tags", "job_id", "error", "created_at",
                                 "updated_at"), status=one_of(ARTICLE_STATUSES), origin=one_of(ARTICLE_ORIGINS)),
                 reading_minutes=int)
ARTICLE_DETAIL = extend(ARTICLE, reading=ref("ReadingState"))
HIGHLIGHT = shape(id=int, media_id=str, start=int, end=int, quote=str, prefix=str, suffix=str, note=str | None,
                  created_at=float, updated_at=float)
BOOK = shape(media_id=str, title=str, year=int | None, overview=str | None, authors=list[str], series=str | None,
             series_index=float | None, language=str | None, isbn=str | None, format=str | None, manual=bool,
             reading=ref("ReadingState"))

# --- discs ---------------------------------------------------------------------------------------------
DISC_CHOICE_FIELDS = dict(mode=one_of(("movie", "tv", "audio", "image")), title=str | None, year=int | None,
                          titles=list[int] | None,
                          tmdb_id=int | None, runtime_minutes=float | None, title_index=int | None,
                          include_extras=bool, series=str | None, season=int | None, first_episode=int | None,
                          auto=bool, duplicate=one_of(("keep_both", "discard")))
DISC_CHOICE = shape(optional=tuple(DISC_CHOICE_FIELDS), **DISC_CHOICE_FIELDS)
DISC = shape(Disc, ("id", "origin", "label", "title_guess", "kind", "status", "candidates", "choice",
                    "confirm_deadline", "job_id", "progress", "message", "result", "error", "created_at",
                    "updated_at"), kind=one_of(DISC_KINDS), status=one_of(DISC_STATUSES),
             candidates=list_of(ref("Candidate")), choice=ref("DiscChoice"))
DISC_PLAN = shape(
    titles=list_of(shape(index=int, duration_s=float, main_feature=bool)),
    planned=list_of(shape(title_index=int, duration_s=float, role=one_of(("main", "extra", "episode")), number=int,
                          episode_name=str | None, target=str)),
    tracks=list_of(shape(number=int, duration_s=float)), note=str)

# --- downloads -----------------------------------------------------------------------------------------
DOWNLOAD = shape(Download, ("id", "url", "preset", "status", "parent_id", "position", "job_id", "title", "media_id",
                            "collection_id", "subscription_id", "message", "error", "created_at", "updated_at"),
                 status=one_of(DOWNLOAD_STATUSES))
DOWNLOAD_DETAIL = extend(DOWNLOAD, entries=list_of(ref("Download")))
DOWNLOAD_ENGINE = shape(name=str, version=str, cookies=bool, presets=list[str])
PLAYLIST_TRACK = shape(PlaylistTrack, tuple(f.name for f in dataclasses.fields(PlaylistTrack)))
IMPORTED_PLAYLIST = shape(id=int, name=str, format=str, created_at=float, matched=int, missing=int,
                          tracks=list_of(ref("PlaylistTrack")))
SUBSCRIPTION = shape(Subscription, tuple(f.name for f in dataclasses.fields(Subscription) if f.name != "user_id"))

# --- STRM export ---------------------------------------------------------------------------------------
_STRM_SECRETS = tuple(f.name for f in dataclasses.fields(StrmSettings) if f.metadata.get("secret"))
STRM_SETTINGS = shape(StrmSettings, tuple(f.name for f in dataclasses.fields(StrmSettings)),
                      **dict.fromkeys(_STRM_SECRETS, bool), auto_export=shape(active=bool, reasons=list[str]))
STRM_CHANGES = {**shape(StrmSettings, tuple(f.name for f in dataclasses.fields(StrmSettings))), "required": []}
STRM_COUNTS = shape(**dict.fromkeys(("created", "updated", "unchanged", "deleted", "stale", "skipped"), int))
STRM_REFRESH = shape(server=str, ok=bool, error=str, status=int | str, path=str, optional=("error", "status", "path"))
STRM_RUN = extend(shape(ExportResult, ("root", "dry_run", "guard", "source_error", "writers")),
                  counts=ref("StrmCounts"), planned_files=int, refresh=list_of(ref("StrmRefresh")),
                  finished_at=float, report_url=str)

# --- the player ------------------------------------------------------------------------------------
PLAY_TRACK = shape(index=int, label=str, codec=str | None, language=str | None, default=bool)
PLAY_SUBTITLE = extend(PLAY_TRACK, kind=one_of(("text", "image")), url=str | None)
NEXT_EPISODE = shape(id=str, title=str, season_number=int | None, episode_number=int | None)
PLAY_PLAN = shape(method=one_of(("direct", "remux", "audio", "video")), reason=str, url=str, session_id=str | None,
                  file_id=int, duration_s=float | None, audio=list_of(ref("PlayTrack")), subtitles=list_of(ref("PlaySubtitle")),
                  audio_stream=int | None, burn_subtitle=int | None, next=nullable(ref("NextEpisode")))

ERROR = shape(error=str, status=int, message=str)
IPTV_ACCOUNT = shape(IptvAccount, ("id", "name", "base_url", "username", "status", "expires_at", "max_connections",
                                   "active_connections", "checked_at", "sync_status", "sync_error", "synced_at",
                                   "sync_report", "created_at"))

COMPONENTS: dict[str, Schema] = {
    "Error": ERROR, "User": USER, "Token": TOKEN, "Session": SESSION, "Me": ME, "Health": HEALTH, "DiskSpace": DISK_SPACE,
    "ServiceState": SERVICE_STATE, "Job": JOB, "MediaItem": MEDIA_ITEM, "MediaFile": MEDIA_FILE,
    "Candidate": CANDIDATE, "DuplicateOf": DUPLICATE_OF, "MusicRelease": MUSIC_RELEASE, "MusicRecording": MUSIC_RECORDING,
    "MusicSearch": MUSIC_SEARCH, "MusicTags": MUSIC_TAGS, "ReviewItem": REVIEW_ITEM, "MediaDetail": MEDIA_DETAIL, "UploadedItem": UPLOADED, "PlannedMove": PLANNED_MOVE,
    "ItemEdit": ITEM_EDIT, "PlaybackSummary": PLAYBACK_SUMMARY, "MediaCard": MEDIA_CARD, "Playback": PLAYBACK,
    "MediaAbout": MEDIA_ABOUT, "Collection": COLLECTION, "CollectionDetail": COLLECTION_DETAIL,
    "Subtitle": SUBTITLE, "Disc": DISC, "DiscChoice": DISC_CHOICE, "DiscPlan": DISC_PLAN, "Download": DOWNLOAD, "DownloadDetail": DOWNLOAD_DETAIL,
    "DownloadEngine": DOWNLOAD_ENGINE, "Subscription": SUBSCRIPTION,
    "PlaylistTrack": PLAYLIST_TRACK, "ImportedPlaylist": IMPORTED_PLAYLIST, "StrmSettings": STRM_SETTINGS, "StrmChanges": STRM_CHANGES,
    "SearchHit": SEARCH_HIT, "ReadingState": READING_STATE, "Article": ARTICLE, "ArticleDetail": ARTICLE_DETAIL, "Book": BOOK,
    "Highlight": HIGHLIGHT,
    "StrmCounts": STRM_COUNTS, "StrmRefresh": STRM_REFRESH, "StrmRun": STRM_RUN,
    "PlayTrack": PLAY_TRACK, "PlaySubtitle": PLAY_SUBTITLE, "NextEpisode": NEXT_EPISODE, "PlayPlan": PLAY_PLAN,
    "ActivityEntry": ACTIVITY_ENTRY, "DeviceSession": DEVICE_SESSION, "DeviceToken": DEVICE_TOKEN,
    "IptvAccount": IPTV_ACCOUNT,
    "NextUpCard": NEXT_UP_CARD,
}
