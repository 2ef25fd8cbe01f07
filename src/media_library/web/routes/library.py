"""The library API: upload, browse items, the review queue, manual matches, scan and organize.

Thin handlers over ``services.library`` (``runtime.services.library``). Uploads are parsed with
werkzeug's multipart parser writing each part straight into the uploads folder (the service's
``open_part``), so no copy lands in /tmp and the body limit is ``server.max_upload_mb``. Long
work (scan, organize, undo, re-identify) is queued as jobs and answered with 202 and the job.
Reading needs any login; every change (upload, match, re-identify, library jobs) needs a library
manager (the routes' default, ``default_auth``).
"""

from __future__ import annotations

from flask import Response, jsonify, request, send_file
from werkzeug.formparser import FormDataParser

from ...errors import InvalidInput, NotFound
from ...models import MediaItem
from ...models.job_payloads import LIBRARY_ORGANIZE, LIBRARY_ORGANIZE_UNDO, LIBRARY_REIDENTIFY, LIBRARY_SCAN
from ...models.library import proxied_poster
from ...models.library_folders import FOLDER_KINDS
from ...services.activity import SETTINGS_CHANGED, settings_changed
from ...services.library.duplicates import Duplicate
from ...services.library.identify import candidate_public
from ...services.library.search import IdentifyQuery
from ..audit import audit
from ..auth import current_user, services
from ..openapi import ApiBlueprint, obj
from ..schemas import items_of, list_of, one_of, page, ref, shape
from ..security import read_json, upload_route

bp = ApiBlueprint("library", __name__, url_prefix="/api", token_area=True)
ITEM = ref("MediaItem")
JOB = ref("Job")
KINDS = ("movie", "show", "season", "episode", "artist", "album", "track", "video", "podcast_episode", "article",
         "book", "unknown")
STATUSES = ("new", "identified", "review")


def _lib():
    return services().library


def item_public(item: MediaItem) -> dict:
    return {"id": item.id, "kind": item.kind, "title": item.title, "parent_id": item.parent_id, "year": item.year,
            "original_title": item.original_title, "overview": item.overview, "season_number": item.season_number,
            "episode_number": item.episode_number, "episode_end": item.episode_end, "air_date": item.air_date,
            "runtime_minutes": item.runtime_minutes, "genres": item.genres, "status": item.status,
            "confidence": item.confidence, "match_locked": item.match_locked, "external_ids": item.external_ids,
            "added_at": item.added_at, "updated_at": item.updated_at, **track_numbers(item)}


def track_numbers(item: MediaItem) -> dict:
    """A track's disc and track number (identification keeps them in its extra); None otherwise."""
    extra = item.extra if item.kind == "track" and isinstance(item.extra, dict) else {}
    return {name: _whole(extra.get(name)) for name in ("disc_number", "track_number")}


def _whole(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _file_public(f) -> dict:
    return {"id": f.id, "path": f.path, "size": f.size, "duration_s": f.duration_s, "container": f.container,
            "video_codec": f.video_codec, "width": f.width, "height": f.height, "audio_codecs": f.audio_codecs,
            "missing": f.missing, "original_name": (f.tech or {}).get("original_name") or None}


def _queue(kind: str, payload: dict, key: str | None = None):
    """Queue a job for the current user; the payload is checked against the kind's (400 naming the field)."""
    job, _ = services().jobs.enqueue(kind, payload, idempotency_key=key, created_by=current_user().id)
    return jsonify(job.to_public()), 202


def _limit() -> int:
    raw = request.args.get("limit") or "100"
    if not raw.isdigit() or not 1 <= int(raw) <= 500:
        raise InvalidInput("limit must be between 1 and 500")
    return int(raw)


# --- upload --------------------------------------------------------------------------------------


@bp.endpoint_spec("/upload", "POST", "Upload media files (multipart field 'file', one or more); identify is queued",
                  status=201, response=items_of(ref("UploadedItem")))
@upload_route
def upload():
    if request.mimetype != "multipart/form-data":
        raise InvalidInput("send the files as multipart/form-data in the field 'file'")
    limit = services().settings.server.max_upload_mb * 1024 * 1024
    with _lib().uploads.session(limit) as up:
        parser = FormDataParser(stream_factory=up.open_part, max_content_length=limit, max_form_parts=64)
        _, _form, files = parser.parse(request.stream, request.mimetype, request.content_length, request.mimetype_params)
        parts = files.getlist("file")
        if not parts:
            raise InvalidInput("no file in the multipart field 'file'")
        created = [up.finish(part.stream, part.filename) for part in parts]
    return jsonify({"items": [u.to_public() for u in created]}), 201


# --- items ---------------------------------------------------------------------------------------


@bp.endpoint_spec("/media", "GET", "List library items, paged by key (after_id)",
                  query={"kind": "item kind", "status": "new|identified|review", "parent_id": "children of an item",
                         "after_id": "next_after_id of the previous page", "limit": "1-500, default 100"},
                  response=page(ITEM, "next_after_id"))
def list_media():
    kind, status = request.args.get("kind") or None, request.args.get("status") or None
    if kind is not None and kind not in KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(KINDS)}")
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(STATUSES)}")
    limit = _limit()
    items = services().state.list_media(kind=kind, status=status, parent_id=request.args.get("parent_id") or None,
                                   after_id=request.args.get("after_id") or None, limit=limit)
    return jsonify({"items": [item_public(i) for i in items], "next_after_id": items[-1].id if len(items) == limit else None})


@bp.endpoint_spec("/media/<media_id>", "GET", "One item with its files, ids, artwork and match candidates",
                  response=ref("MediaDetail"))
def get_media(media_id: str):
    state = services().state
    item = state.get_media(media_id)
    return jsonify({**item_public(item), "files": [_file_public(f) for f in state.list_media_files(media_id)],
                    "artwork": sorted(a.kind for a in state.list_artwork(media_id)),
                    "candidates": _candidates(media_id), "duplicate_of": _duplicate_of(item)})


@bp.endpoint_spec("/media/<media_id>/artwork/<kind>", "GET", "Cached artwork (poster, backdrop) of an item; an "
                  "album's poster is its cover, an artist's its first album's", media_type="image/*")
def get_artwork(media_id: str, kind: str):
    if kind not in ("poster", "backdrop"):
        raise InvalidInput("kind must be poster or backdrop")
    return image_file(*_lib().artwork.open(media_id, kind))


@bp.endpoint_spec("/media/<media_id>/artwork", "GET", "An item's main picture: its poster, an album's cover",
                  media_type="image/*")
def get_main_artwork(media_id: str):
    return image_file(*_lib().artwork.open(media_id, "poster"))


@bp.endpoint_spec("/media/<media_id>/candidates/<int:rank>/poster", "GET",
                  "A review candidate's poster, fetched through TMDb once and served from here", media_type="image/*")
def get_candidate_poster(media_id: str, rank: int):
    return image_file(*_lib().artwork.candidate_poster(media_id, rank))


@bp.endpoint_spec("/posters/<name>", "GET", "A TMDb poster of a search result or a disc's candidate, fetched "
                  "through TMDb once and served from here", media_type="image/*")
def get_tmdb_poster(name: str):
    return image_file(*_lib().artwork.tmdb_poster(name))


def image_file(path, mime: str):
    """A cached image from our origin: cacheable, never sniffed, never run as a document."""
    response = send_file(path, mimetype=mime, max_age=86400, conditional=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response


def _duplicate_of(item: MediaItem) -> dict | None:
    """What a held second copy duplicates (the item and its copies, or for an organize collision the
    file on disk that holds its name: ``collision_path``), or None."""
    duplicate = Duplicate.from_item(item)
    if duplicate is None:
        return None
    state = services().state
    try:
        original = state.get_media(duplicate.media_id)
    except NotFound:
        return None
    files = [f for f in state.list_media_files(original.id) if f.id in duplicate.file_ids] or state.list_media_files(original.id)
    return {"media_id": original.id, "title": original.title, "year": original.year,
            "same_content": duplicate.same_content, "files": [_file_public(f) for f in files],
            "collision_path": duplicate.path}


def _candidates(media_id: str) -> list[dict]:
    """Candidates as the app shows them: posters through our own origin, never TMDb's."""
    return [{**candidate_public(c), "poster_url": f"/api/media/{media_id}/candidates/{c.rank}/poster" if c.poster_url else None}
            for c in services().state.list_candidates(media_id)]


# --- identification ------------------------------------------------------------------------------


@bp.endpoint_spec("/review", "GET", "Items waiting for a person: below the identify threshold, with candidates",
                  query={"after_id": "next_after_id of the previous page", "limit": "1-500, default 100"},
                  response=page(ref("ReviewItem"), "next_after_id"))
def review():
    state, limit = services().state, _limit()
    items = state.list_media(status="review", after_id=request.args.get("after_id") or None, limit=limit)
    out = [{**item_public(i), "files": [_file_public(f) for f in state.list_media_files(i.id)],
            "candidates": _candidates(i.id), "duplicate_of": _duplicate_of(i)} for i in items]
    return jsonify({"items": out, "next_after_id": items[-1].id if len(items) == limit else None})


MUSIC_MATCH_FIELDS = ("musicbrainz_release_id", "scope", "musicbrainz_recording_id")


@bp.endpoint_spec("/media/<media_id>/match", "POST",
                  "Pick the match by hand (sticky: rescans never undo it): a TMDb id for a film or show; for music a "
                  "MusicBrainz release (scope album: every file of the album's folder; track: this file) or recording",
                  request=obj(tmdb_id="integer", kind="string", musicbrainz_release_id="string", scope="string",
                              musicbrainz_recording_id="string"), response=ITEM)
def match(media_id: str):
    body = read_json(allowed=("tmdb_id", "kind", *MUSIC_MATCH_FIELDS))
    if any(body.get(name) for name in MUSIC_MATCH_FIELDS):
        return _music_match(media_id, body)
    if "tmdb_id" not in body:
        raise InvalidInput("send tmdb_id (a film or show), musicbrainz_release_id or musicbrainz_recording_id")
    tmdb_id, kind = body["tmdb_id"], body.get("kind")
    if not isinstance(tmdb_id, int) or isinstance(tmdb_id, bool) or tmdb_id <= 0:
        raise InvalidInput("tmdb_id must be a positive whole number")
    if kind is not None and kind not in ("movie", "episode"):
        raise InvalidInput("kind must be movie or episode")
    return jsonify(item_public(_lib().identification.pick(media_id, tmdb_id, kind)))


def _music_match(media_id: str, body: dict):
    if "tmdb_id" in body or "kind" in body:
        raise InvalidInput("a music match takes MusicBrainz ids, not tmdb_id or kind")
    for name in MUSIC_MATCH_FIELDS:
        if name in body and not isinstance(body[name], str):
            raise InvalidInput(f"{name} must be a string")
    done = _lib().music_match.apply(media_id, body)
    return jsonify(item_public(services().state.get_media(done["media_id"])))


@bp.endpoint_spec("/media/<media_id>/tags", "GET", "The audio files' own tags (what a manual music match starts from)",
                  auth="manager", response=ref("MusicTags"))
def media_tags(media_id: str):
    services().state.get_media(media_id)  # 404 for an unknown item
    return jsonify(_lib().music_match.tags(media_id))


@bp.endpoint_spec("/music/search", "GET", "Search MusicBrainz for releases (by album, artist) and recordings (by title); writes nothing",
                  query={"artist": "artist name", "album": "album (release) title", "title": "track title"},
                  auth="manager", response=ref("MusicSearch"))
def music_search():
    args = request.args
    return jsonify(_lib().music_match.search(args.get("artist"), args.get("album"), args.get("title")))


@bp.endpoint_spec("/media/<media_id>/search", "GET",
                  "Search TMDb for an item by what a person typed (title, year) or by a TMDb/IMDb/TVDB id; writes nothing",
                  query={"q": "title to search for", "year": "release or first-air year", "kind": "movie|show",
                         "provider": "tmdb|imdb|tvdb (an id starting with tt is IMDb)", "id": "the id at that provider"},
                  auth="manager", response=items_of(ref("Candidate")))
def search(media_id: str):
    match = _lib().search.search(media_id, IdentifyQuery.parse(request.args))
    # No TMDb image URL reaches the browser: posters come from our origin (/api/posters/<file>).
    return jsonify({"items": [{**candidate_public(c), "poster_url": proxied_poster(c.poster_url)} for c in match.candidates]})


@bp.endpoint_spec("/media/<media_id>/duplicate", "POST",
                  "Decide about a second copy waiting in review: keep both (versions), replace the old copy "
                  "(moved to the trash) or discard the new one; answers the item the library keeps. For a music "
                  "track, scope album gives the same answer for every held copy of a track of that album",
                  request=obj(("action",), action="string", scope="string"), response=ITEM)
def decide_duplicate(media_id: str):
    body = read_json(required=("action",), allowed=("scope",))
    if body.get("scope", "item") not in ("item", "album"):
        raise InvalidInput("scope must be item or album")
    if body.get("scope") == "album":
        return jsonify(item_public(_lib().duplicates.resolve_album(media_id, body["action"])[0]))
    return jsonify(item_public(_lib().duplicates.resolve(media_id, body["action"])))


@bp.endpoint_spec("/media/<media_id>/identify", "POST", "Identify an item's files again (also releases a manual match)",
                  status=202, response=shape(jobs=list_of(JOB)))
def reidentify(media_id: str):
    jobs = _lib().identify_jobs.again(media_id, created_by=current_user().id)
    return jsonify({"jobs": [j.to_public() for j in jobs]}), 202


# --- library-wide work ---------------------------------------------------------------------------


@bp.endpoint_spec("/library/scan", "POST",
                  "Scan every library folder and the media folder's own files (or one folder: folder_id) now; "
                  "the job reports progress and ends with found, new, changed and removed",
                  auth="manager", status=202, request=obj(folder_id=int | None), response=JOB)
def scan():
    body = read_json(allowed=("folder_id",)) if request.content_length else {}
    folder_id = body.get("folder_id")
    if isinstance(folder_id, int) and not isinstance(folder_id, bool):
        services().state.get_library_folder(folder_id)  # 404 for a folder that is not there
    key = LIBRARY_SCAN if folder_id is None else f"{LIBRARY_SCAN}:{folder_id}"
    return _queue(LIBRARY_SCAN, {"folder_id": folder_id}, key)


# --- library folders -----------------------------------------------------------------------------
FOLDER = shape(id=int, kind=one_of(FOLDER_KINDS), path=str, builtin=str | None, exists=bool, created_at=float)


@bp.endpoint_spec("/library/folders", "GET",
                  "The library folders with their kinds, the media folder (whose own files are scanned too) "
                  "and the folders outside it that may hold library folders", auth="manager",
                  response=shape(media_root=str, allowed=list[str], kinds=list[str], items=list_of(FOLDER)))
def list_folders():
    return jsonify(_lib().folders.listing())


@bp.endpoint_spec("/library/folders", "POST",
                  "Add a library folder (absolute, or relative to the media folder) with its kind; "
                  "it must lie inside the media folder or library.allowed_folders", auth="manager", status=201,
                  request=obj(("path", "kind"), path="string", kind=one_of(FOLDER_KINDS)), response=FOLDER)
def add_folder():
    body = read_json(required=("path", "kind"))
    folders = _lib().folders
    added = folders.public(folders.add(body["path"], body["kind"]))
    audit(SETTINGS_CHANGED, settings_changed(["library.folders"]))
    return jsonify(added), 201


@bp.endpoint_spec("/library/folders/<int:folder_id>", "DELETE",
                  "Stop scanning a library folder (its files and items stay in the library)", auth="manager", status=204)
def remove_folder(folder_id: int):
    _lib().folders.remove(folder_id)
    audit(SETTINGS_CHANGED, settings_changed(["library.folders"]))
    return Response(status=204)


@bp.endpoint_spec("/library/reidentify", "POST", "Identify every unlocked item again", auth="manager", status=202,
                  response=JOB)
def reidentify_all():
    return _queue(LIBRARY_REIDENTIFY, {}, LIBRARY_REIDENTIFY)


@bp.endpoint_spec("/library/organize/preview", "GET", "Every move organize would make, with collisions",
                  auth="manager", response=items_of(ref("PlannedMove")))
def organize_preview():
    return jsonify({"items": [p.to_dict() for p in _lib().organizer.plan()]})


@bp.endpoint_spec("/library/organize", "POST", "Move identified files into the library naming", auth="manager",
                  status=202, request=obj(media_ids=list[str]), response=JOB)
def organize():
    return _queue(LIBRARY_ORGANIZE, read_json(allowed=("media_ids",)) if request.content_length else {})


@bp.endpoint_spec("/library/organize/undo", "POST", "Move the last organized batch back", auth="manager", status=202,
                  response=JOB)
def organize_undo():
    return _queue(LIBRARY_ORGANIZE_UNDO, {}, LIBRARY_ORGANIZE_UNDO)
