"""What phone podcast apps call: the RSS feeds of our downloaded episodes and their files
(``/api/podcast-feeds``) and the gPodder sync API v2 (``/api/2``), as AntennaPod and Kasts speak it.

Both take HTTP Basic (``Authorization: Basic base64(user:token)``, ``web/auth.py``), the only
credential phone apps send besides one in the URL, which is never accepted. The password is an API
token of exactly the blueprint's scope (``tokens="only"``): ``podcast_feeds`` reads feeds and
files and nothing else; ``gpodder`` syncs subscriptions and episode actions and nothing else. A
browser session is refused on both, so a page cannot be tricked into calling them.
"""

from __future__ import annotations

from flask import Response, jsonify, request, send_file

from ...errors import Forbidden, InvalidInput, NotFound
from ...services.streaming import resolve_under_roots
from ..auth import current_user, services
from ..openapi import ApiBlueprint, obj
from ..schemas import list_of, shape

feeds_bp = ApiBlueprint("podcast_feeds", __name__, url_prefix="/api/podcast-feeds", token_area=True)
gpodder_bp = ApiBlueprint("gpodder", __name__, url_prefix="/api/2", token_area=True)
RSS = "application/rss+xml"
SYNC_ANSWER = shape(timestamp=int, update_urls=list_of({"type": "array", "items": {"type": "string"}}))
CHANGES = shape(add=list[str], remove=list[str], timestamp=int, update_urls=list[str])
ACTION = shape(podcast=str, episode=str, action=str, device=str, timestamp=str, position=int, started=int, total=int,
               optional=("position", "started", "total"))
ACTIONS = shape(actions=list_of(ACTION), timestamp=int)


def _base_url() -> str:
    configured = services().settings.server.public_base_url
    return (configured or request.url_root).rstrip("/")


def _feed(title: str, description: str, image: str | None, rows) -> Response:
    base = _base_url()
    body = services().podcast_sync.phone_feed(title, description, image, f"{base}/", rows,
                                              lambda episode: f"{base}/api/podcast-feeds/episodes/{episode.id}/file")
    return Response(body, mimetype=RSS)


@feeds_bp.endpoint_spec("/all.xml", "GET", "RSS of every downloaded episode (HTTP Basic, token of scope podcast_feeds)",
                        tokens="only", media_type=RSS)
def all_feed():
    return _feed("Media Library podcasts", "Every downloaded episode", None, services().podcast_sync.downloaded())


@feeds_bp.endpoint_spec("/<int:podcast_id>.xml", "GET", "RSS of one podcast's downloaded episodes (HTTP Basic)",
                        tokens="only", media_type=RSS)
def podcast_feed(podcast_id: int):
    podcast = services().state.get_podcast(podcast_id)
    return _feed(podcast.title, podcast.description or podcast.title, podcast.image_url,
                 services().podcast_sync.downloaded(podcast_id))


@feeds_bp.endpoint_spec("/episodes/<int:episode_id>/file", ["GET", "HEAD"], "A downloaded episode's file (Range, If-Range)",
                        tokens="only", media_type="application/octet-stream")
def episode_file(episode_id: int):
    episode = services().state.get_episode(episode_id)
    if not episode.downloaded or not episode.file_path:
        raise NotFound(f"episode {episode_id} is not downloaded")
    real = resolve_under_roots(episode.file_path, services().streaming.roots)
    return send_file(real, mimetype=episode.enclosure_type or "audio/mpeg", conditional=True, etag=True)


# --- gPodder API v2 --------------------------------------------------------------------------------
def _check_user(username: str) -> None:
    if username.lower() != current_user().username.lower():
        raise Forbidden("the user name in the URL is not the token's user")


def _since() -> int:
    raw = request.args.get("since", "0")
    if not raw.isdigit() or len(raw) > 18:
        raise InvalidInput("since must be the timestamp of an earlier answer (a whole number)")
    return int(raw)


def _json_body():
    data = request.get_json(silent=True)
    if data is None:
        raise InvalidInput("send the body as JSON")
    return data


@gpodder_bp.endpoint_spec("/auth/<username>/login.json", "POST", "gPodder log-in check (HTTP Basic)", tokens="only",
                          response=shape())
def gpodder_login(username: str):
    _check_user(username)
    return jsonify({})


@gpodder_bp.endpoint_spec("/auth/<username>/logout.json", "POST", "gPodder log-out (nothing to end: each call authenticates)",
                          tokens="only", response=shape())
def gpodder_logout(username: str):
    _check_user(username)
    return jsonify({})


@gpodder_bp.endpoint_spec("/devices/<username>.json", "GET", "gPodder devices (none are kept; clients create theirs)",
                          tokens="only", response=list_of(shape(id=str, caption=str, type=str, subscriptions=int)))
def gpodder_devices(username: str):
    _check_user(username)
    return jsonify([])


@gpodder_bp.endpoint_spec("/devices/<username>/<device>.json", "POST", "gPodder device update (accepted, not kept)",
                          tokens="only", request=obj(caption="string", type="string"), response=shape())
def gpodder_device(username: str, device: str):
    _check_user(username)
    return jsonify({})


@gpodder_bp.endpoint_spec("/subscriptions/<username>/<device>.json", "GET", "Subscription changes since a timestamp",
                          tokens="only", response=CHANGES, query={"since": "timestamp of the last answer"})
def gpodder_subscriptions(username: str, device: str):
    _check_user(username)
    return jsonify(services().podcast_sync.subscriptions_since(_since()))


@gpodder_bp.endpoint_spec("/subscriptions/<username>/<device>.json", "POST", "Upload subscription changes",
                          tokens="only", request=obj(add=list[str], remove=list[str]), response=SYNC_ANSWER)
def gpodder_upload_subscriptions(username: str, device: str):
    _check_user(username)
    body = _json_body()
    if not isinstance(body, dict):
        raise InvalidInput("send {\"add\": [...], \"remove\": [...]}")
    return jsonify(services().podcast_sync.upload_subscriptions(device[:100], body.get("add"), body.get("remove")))


@gpodder_bp.endpoint_spec("/episodes/<username>.json", "GET", "Episode actions since a timestamp", tokens="only",
                          response=ACTIONS, query={"since": "timestamp of the last answer", "podcast": "one feed URL only"})
def gpodder_actions(username: str):
    _check_user(username)
    return jsonify(services().podcast_sync.actions_since(current_user().id, _since(), request.args.get("podcast")))


@gpodder_bp.endpoint_spec("/episodes/<username>.json", "POST", "Upload episode actions (play positions, downloads, deletes)",
                          tokens="only", request={"type": "array", "items": {"type": "object"}}, response=SYNC_ANSWER)
def gpodder_upload_actions(username: str):
    _check_user(username)
    return jsonify(services().podcast_sync.upload_actions(current_user().id, _json_body()))
