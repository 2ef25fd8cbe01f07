"""Podcasts in the app (``/api/podcasts``): subscribe, list, a podcast with its episodes, settings
per podcast, check now, download, star and played, the listening position (the playback
service's, shared with every other item), OPML import and export, and directory search.

Managing subscriptions is for admins; starring, marking played, saving a position and asking
for a download are for every signed-in user. Handlers are thin: ``PodcastService`` and
``PodcastSync`` do the work.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from ...errors import InvalidInput, PayloadTooLarge
from ...models.podcasts import DOWNLOAD_MODES, Episode, Podcast
from ..audit import audit
from ..auth import current_user, services
from ..disposition import as_download
from ..openapi import ApiBlueprint, obj
from ..schemas import extend, items_of, list_of, one_of, ref, shape
from ..security import read_json

bp = ApiBlueprint("podcasts", __name__, url_prefix="/api/podcasts", token_area=True)
MAX_OPML_CHARS = 2 * 1024 * 1024

PODCAST = shape(Podcast, ("id", "feed_url", "title", "description", "image_url", "author", "link", "download_mode",
                          "download_latest", "keep_count", "delete_played_days", "schedule", "notify", "failures",
                          "last_error", "retry_at", "last_checked_at", "created_at"),
                download_mode=one_of(DOWNLOAD_MODES), episodes=int, unplayed=int)
CHAPTER = shape(start_s=float, title=str, url=str | None)
EPISODE = shape(Episode, ("id", "podcast_id", "guid", "title", "published_at", "duration_s", "description", "link",
                          "enclosure_url", "enclosure_type", "enclosure_size", "image_url", "season", "episode",
                          "transcripts", "media_id", "downloaded", "starred", "played_at", "download_error"),
                chapters=list_of(CHAPTER), played=bool, deleted=bool,
                transcripts=list_of(shape(url=str, type=str | None, language=str | None)))
PODCAST_DETAIL = extend(PODCAST, items=list_of(EPISODE))
JOB = ref("Job")
EDITS = obj(download_mode=one_of(DOWNLOAD_MODES), download_latest="integer", keep_count=int | None,
            delete_played_days=float | None, schedule="string", notify="boolean", title="string")
DIRECTORY_HIT = shape(title=str, author=str | None, feed_url=str, image_url=str | None)
IMPORTED = shape(added=list[str], existing=list[str], refused=list_of(shape(url=str, reason=str)))


def _service():
    return services().podcasts


def _public(podcast: Podcast) -> dict:
    return podcast.to_public(services().state.episode_counts().get(podcast.id))


@bp.endpoint_spec("", "GET", "Podcasts subscribed to, by title", response=items_of(PODCAST))
def list_podcasts():
    counts = services().state.episode_counts()
    return jsonify({"items": [p.to_public(counts.get(p.id)) for p in services().state.list_podcasts()]})


@bp.endpoint_spec("", "POST", "Subscribe to a feed (its first check is queued)", auth="manager", status=201,
                  request=obj(("feed_url",), feed_url="string", download_mode=one_of(DOWNLOAD_MODES)), response=PODCAST)
def subscribe():
    body = read_json(required=("feed_url",), allowed=("download_mode",))
    podcast = _service().subscribe(body["feed_url"], download_mode=body.get("download_mode", "none"))
    return jsonify(_public(podcast)), 201


@bp.endpoint_spec("/<int:podcast_id>", "GET", "A podcast and its episodes, newest first", response=PODCAST_DETAIL,
                  query={"limit": "most episodes returned (default 200, at most 1000)"})
def get_podcast(podcast_id: int):
    podcast = services().state.get_podcast(podcast_id)
    limit = min(max(request.args.get("limit", 200, type=int) or 200, 1), 1000)
    episodes = services().state.list_episodes(podcast_id, limit=limit)
    return jsonify({**_public(podcast), "items": [e.to_public() for e in episodes]})


@bp.endpoint_spec("/<int:podcast_id>", "PATCH", "Change a podcast's download mode, retention, schedule or notifications",
                  auth="manager", request=EDITS, response=PODCAST)
def update_podcast(podcast_id: int):
    body = read_json(allowed=tuple(EDITS["properties"]))
    return jsonify(_public(_service().update(podcast_id, body)))


@bp.endpoint_spec("/<int:podcast_id>", "DELETE", "Unsubscribe (downloaded files stay in the library)", auth="manager",
                  status=204)
def unsubscribe(podcast_id: int):
    _service().unsubscribe(podcast_id)
    audit("deleted", f"podcast subscription {podcast_id}")
    return Response(status=204)


@bp.endpoint_spec("/<int:podcast_id>/refresh", "POST", "Check the feed now", auth="manager", status=201, response=JOB)
def refresh(podcast_id: int):
    services().state.get_podcast(podcast_id)
    return jsonify(_service().queue_refresh(podcast_id, created_by=current_user().id).to_public()), 201


@bp.endpoint_spec("/episodes/<int:episode_id>/download", "POST", "Download an episode into the library", status=201,
                  response=JOB)
def download(episode_id: int):
    return jsonify(_service().queue_download(episode_id, created_by=current_user().id).to_public()), 201


@bp.endpoint_spec("/episodes/<int:episode_id>", "PATCH", "Star an episode or mark it played",
                  request=obj(starred="boolean", played="boolean"), response=EPISODE)
def mark(episode_id: int):
    body = read_json(allowed=("starred", "played"))
    return jsonify(_service().mark(episode_id, starred=body.get("starred"), played=body.get("played")).to_public())


@bp.endpoint_spec("/episodes/<int:episode_id>/position", "PUT",
                  "Save where you are in a downloaded episode (your resume position; played near the end)",
                  auth="user", request=obj(("position_s",), position_s="number", duration_s=float | None), response=ref("Playback"))
def save_position(episode_id: int):
    body = read_json(required=("position_s",), allowed=("duration_s",))
    return jsonify(services().podcast_sync.save_position(current_user().id, episode_id, body["position_s"],
                                                         body.get("duration_s")))


@bp.endpoint_spec("/opml", "GET", "Every subscription as OPML", media_type="text/x-opml")
def export_opml():
    body = services().podcast_sync.export_opml()
    return as_download(Response(body, mimetype="text/x-opml"), "podcasts.opml")


@bp.endpoint_spec("/opml", "POST", "Subscribe to every feed of an OPML file (its text, as AntennaPod, Pocket Casts "
                  "or Overcast export it)", auth="manager", request=obj(("opml",), opml="string"), response=IMPORTED)
def import_opml():
    text = read_json(required=("opml",))["opml"]
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("opml must be the text of an OPML file")
    if len(text) > MAX_OPML_CHARS:
        raise PayloadTooLarge(f"an OPML file may be at most {MAX_OPML_CHARS // 1024} KiB")
    return jsonify(services().podcast_sync.import_opml(text.encode("utf-8")))


@bp.endpoint_spec("/directory", "GET", "Search the podcast directory (podcasts.directory_url)",
                  response=items_of(DIRECTORY_HIT), query={"term": "what to look for"})
def directory():
    return jsonify({"items": services().podcast_sync.search_directory(request.args.get("term", ""))})
