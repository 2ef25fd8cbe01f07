"""Downloads in the app (``/api/downloads``): add a URL with a preset, list, one download with its
entries, cancel, the engine (yt-dlp's version) and the cookies.txt kept for sites that need a login.
Every handler is thin: ``DownloadService`` (``services/downloads``) does the work.
"""

from __future__ import annotations

from flask import Response, jsonify

from ..audit import audit
from ..auth import current_user, services
from ..disposition import as_download
from ..openapi import ApiBlueprint, obj
from ..schemas import items_of, ref
from ..security import read_json

bp = ApiBlueprint("downloads", __name__, url_prefix="/api/downloads", token_area=True)
DOWNLOAD = ref("Download")
PLAYLIST = ref("ImportedPlaylist")
SUBSCRIPTION_FIELDS = ("name", "preset", "schedule", "only_new", "date_after", "title_include", "title_exclude",
                       "min_duration_s", "max_duration_s", "include_shorts", "include_live", "keep_last", "keep_days",
                       "keep_watched")


def _service():
    return services().downloads


@bp.endpoint_spec("", "GET", "Downloads (single videos and playlists), newest first", response=items_of(DOWNLOAD))
def list_downloads():
    return jsonify({"items": [d.to_public() for d in services().state.list_downloads(limit=100)]})


@bp.endpoint_spec("", "POST", "Download a video, playlist or channel by URL (http or https only)", status=202,
                  request=obj(("url",), url="string", preset="string"), response=DOWNLOAD)
def add_download():
    body = read_json(required=("url",), allowed=("preset",))
    download = _service().add(body["url"], body.get("preset"), user_id=current_user().id)
    return jsonify(download.to_public()), 202


@bp.endpoint_spec("/engine", "GET", "The download engine: yt-dlp's version, presets, whether cookies are stored",
                  response=ref("DownloadEngine"))
def engine():
    return jsonify(_service().engine())


@bp.endpoint_spec("/cookies", "PUT", "Store a cookies.txt (Netscape format) for sites with a bot check or login",
                  auth="admin", status=204, request=obj(("cookies",), cookies="string"))
def store_cookies():
    body = read_json(required=("cookies",))
    _service().store_cookies(body["cookies"])
    audit("settings_changed", "changed the downloads cookies.txt")
    return "", 204


@bp.endpoint_spec("/cookies", "DELETE", "Forget the stored cookies.txt", auth="admin", status=204)
def forget_cookies():
    _service().forget_cookies()
    audit("deleted", "the downloads cookies.txt")
    return "", 204


@bp.endpoint_spec("/subscriptions", "GET", "Channel and playlist subscriptions",
                  response=items_of(ref("Subscription")))
def list_subscriptions():
    return jsonify({"items": [s.to_public() for s in services().state.list_subscriptions()]})


@bp.endpoint_spec("/subscriptions", "POST", "Subscribe to a channel or playlist (checked now, then on its schedule)",
                  status=201, request=obj(("url",), url="string", name="string", preset="string", schedule="string",
                                          only_new="boolean", date_after="string", title_include="string",
                                          title_exclude="string", min_duration_s="number", max_duration_s="number",
                                          include_shorts="boolean", include_live="boolean", keep_last="integer",
                                          keep_days="integer", keep_watched="boolean"),
                  response=ref("Subscription"))
def add_subscription():
    body = read_json(required=("url",), allowed=SUBSCRIPTION_FIELDS)
    return jsonify(_service().subscriptions.create(body, current_user().id).to_public()), 201


@bp.endpoint_spec("/subscriptions/<int:subscription_id>", "DELETE", "Stop a subscription (its videos stay)", status=204)
def delete_subscription(subscription_id: int):
    _service().subscriptions.delete(subscription_id)
    audit("deleted", f"download subscription {subscription_id}")
    return "", 204


@bp.endpoint_spec("/subscriptions/<int:subscription_id>/check", "POST", "Check a subscription now", status=202,
                  response=ref("Job"))
def check_subscription(subscription_id: int):
    return jsonify(_service().subscriptions.queue_check(subscription_id).to_public()), 202


@bp.endpoint_spec("/playlists", "GET", "Imported external playlists with their matches", response=items_of(PLAYLIST))
def list_playlists():
    return jsonify({"items": _service().playlists.list()})


@bp.endpoint_spec("/playlists", "POST", "Import a playlist (Exportify CSV, Spotify JSON or M3U) and match it against the music library",
                  status=201, request=obj(("format", "content"), format="string", content="string", name="string"),
                  response=PLAYLIST)
def import_playlist():
    body = read_json(required=("format", "content"), allowed=("name",))
    return jsonify(_service().playlists.import_playlist(body, current_user().id)), 201


@bp.endpoint_spec("/playlists/<int:playlist_id>", "GET", "One imported playlist: matched and missing tracks", response=PLAYLIST)
def get_playlist(playlist_id: int):
    return jsonify(_service().playlists.get(playlist_id))


@bp.endpoint_spec("/playlists/<int:playlist_id>/m3u", "GET", "The matched tracks as M3U8 (for Jellyfin or Navidrome)",
                  media_type="audio/x-mpegurl")
def playlist_m3u(playlist_id: int):
    text = _service().playlists.m3u(playlist_id)
    name = f"playlist-{playlist_id}.m3u8"
    return as_download(Response(text, mimetype="audio/x-mpegurl"), name)


@bp.endpoint_spec("/playlists/<int:playlist_id>/fetch-missing", "POST",
                  "Queue the missing tracks as audio downloads from the admin's downloads.track_search_url",
                  status=202, request=obj((), preset="string"), response=items_of(DOWNLOAD))
def fetch_missing_tracks(playlist_id: int):
    body = read_json(allowed=("preset",))
    queued = _service().fetch_missing(playlist_id, body.get("preset"), user_id=current_user().id)
    return jsonify({"items": [d.to_public() for d in queued]}), 202


@bp.endpoint_spec("/<int:download_id>", "GET", "One download with its entries (a playlist's, in order)",
                  response=ref("DownloadDetail"))
def get_download(download_id: int):
    return jsonify(_service().get(download_id))


@bp.endpoint_spec("/<int:download_id>/cancel", "POST", "Cancel a download (and a playlist's unfinished entries)",
                  response=DOWNLOAD)
def cancel_download(download_id: int):
    return jsonify(_service().cancel(download_id).to_public())
