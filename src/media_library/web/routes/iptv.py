"""IPTV in the app (``/api/iptv``): accounts (admins: they hold the provider's password, which no
answer carries), test and sync, browsing (sections, category sidebar, search, actors, languages,
favorites, a series' seasons and episodes), playback through our proxy, downloads (pause, resume,
cancel) and tracked series; and ``/api/iptv/tv`` for other players (the M3U playlist, the XMLTV
guide and live channels, only with an API token of scope ``iptv_tv``, which may sit in the URL
because players cannot send headers).

Handlers are thin: the ``iptv_*`` services do the work.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from ...errors import InvalidInput
from ...models.iptv import (
    IPTV_TRACK_CHECK,
    TRACK_MODES,
    IptvDownload,
    IptvEpisode,
    IptvStream,
    TrackCheckPayload,
    TrackedSeries,
)
from ..auth import current_user, services
from ..openapi import ApiBlueprint, obj
from ..schemas import extend, items_of, list_of, nullable, one_of, ref, shape
from ..security import read_json

bp = ApiBlueprint("iptv", __name__, url_prefix="/api/iptv", token_area=True)
tv_bp = ApiBlueprint("iptv_tv", __name__, url_prefix="/api/iptv/tv", token_area=True)
BLUEPRINTS = (bp, tv_bp)

SECTIONS = ("live", "vod", "series")
ACCOUNT = ref("IptvAccount")
STREAM = shape(IptvStream, ("account_id", "section", "stream_id", "name", "category_id", "year", "language", "icon",
                            "rating", "tmdb_id", "container", "added", "plot", "cast", "director", "genre",
                            "epg_channel_id", "favorite"))
EPISODE = shape(IptvEpisode, ("account_id", "episode_id", "series_id", "season", "episode_num", "title", "container",
                              "tmdb_id", "plot", "duration_s", "image", "added"))
DOWNLOAD = shape(IptvDownload, ("id", "account_id", "kind", "stream_id", "title", "series_id", "tmdb_id", "season",
                                "episode_num", "status", "job_id", "total_bytes", "done_bytes", "error", "media_id",
                                "created_at", "updated_at", "retry"),
                 retry=nullable(shape(attempt=int, max_attempts=int, next_try_at=float)))
TRACKED = shape(TrackedSeries, ("account_id", "series_id", "mode", "from_season", "last_checked_at", "created_at", "name"),
                mode=one_of(TRACK_MODES))
COUNTED = shape(count=int)
SIDEBAR = shape(categories=list_of(extend(COUNTED, category_id=str, name=str, language=str | None)),
                languages=list_of(extend(COUNTED, language=str)), counts=shape(live=int, vod=int, series=int))
PAGE = shape(items=list_of(STREAM), total=int, limit=int, offset=int)
SERIES = shape(series=STREAM, seasons=list_of(shape(season=int, episodes=list_of(EPISODE))), skipped=list[str])
TEST = shape(account=ACCOUNT, status=str, provider_status=str, expired=bool, expires_at=float | None,
             server_time=float | None, max_connections=int, active_connections=int, message=str)
ACCOUNT_FIELDS = obj(name="string", base_url="string", username="string", password="string")
JOB = ref("Job")
PLAY_QUERY = {"format": "live only: mp4 (remuxed for browsers) or ts (default)"}
BROWSE_QUERY = {"category": "category id", "search": "words of the title", "actor": "a name in the cast",
                "language": "language folder (EN, FR…)", "favorites": "1: only your favorites",
                "limit": "page size (default 60, at most 500)", "offset": "items to skip"}


def _section(section: str) -> str:
    if section not in SECTIONS:
        raise InvalidInput(f"section must be one of {', '.join(SECTIONS)}")
    return section


def _accounts():
    return services().iptv_accounts


# --- accounts ----------------------------------------------------------------------------------
@bp.endpoint_spec("/accounts", "GET", "IPTV accounts (never their passwords)", response=items_of(ACCOUNT))
def list_accounts():
    return jsonify({"items": [a.to_public() for a in services().state.list_iptv_accounts()]})


@bp.endpoint_spec("/accounts", "POST", "Add an Xtream Codes account (its first sync is queued)", auth="admin",
                  status=201, request=obj(("base_url", "username", "password"), **ACCOUNT_FIELDS["properties"]),
                  response=ACCOUNT)
def add_account():
    body = read_json(required=("base_url", "username", "password"), allowed=("name",))
    return jsonify(_accounts().add(body, user_id=current_user().id).to_public()), 201


@bp.endpoint_spec("/accounts/<int:account_id>", "PATCH", "Rename an account or change its server or credentials",
                  auth="admin", request=ACCOUNT_FIELDS, response=ACCOUNT)
def edit_account(account_id: int):
    return jsonify(_accounts().edit(account_id, read_json(allowed=("name", "base_url", "username", "password"))).to_public())


@bp.endpoint_spec("/accounts/<int:account_id>", "DELETE", "Remove an account and its catalog (downloaded files stay)",
                  auth="admin", status=204)
def remove_account(account_id: int):
    _accounts().remove(account_id)
    return Response(status=204)


@bp.endpoint_spec("/accounts/<int:account_id>/test", "POST", "Test the connection: status, expiry on the server's "
                  "clock, max and active connections", auth="manager", response=TEST)
def test_account(account_id: int):
    return jsonify(_accounts().test(account_id))


@bp.endpoint_spec("/accounts/<int:account_id>/sync", "POST", "Sync the catalog now (an iptv.sync job)", auth="manager",
                  status=202, response=JOB)
def sync_account(account_id: int):
    return jsonify(_accounts().queue_sync(account_id, user_id=current_user().id).to_public()), 202


# --- browsing ----------------------------------------------------------------------------------
@bp.endpoint_spec("/accounts/<int:account_id>/catalog/<section>", "GET", "A page of films, series or live channels",
                  response=PAGE, query=BROWSE_QUERY)
def browse(account_id: int, section: str):
    args = request.args
    return jsonify(services().iptv_catalog.page(
        account_id, _section(section), user_id=current_user().id, category_id=args.get("category") or None,
        search=args.get("search") or None, actor=args.get("actor") or None, language=args.get("language") or None,
        favorites=args.get("favorites") == "1", limit=args.get("limit", 60, type=int), offset=args.get("offset", 0, type=int)))


@bp.endpoint_spec("/accounts/<int:account_id>/catalog/<section>/sidebar", "GET", "Categories, language folders and counts",
                  response=SIDEBAR)
def sidebar(account_id: int, section: str):
    return jsonify(services().iptv_catalog.sidebar(account_id, _section(section)))


@bp.endpoint_spec("/accounts/<int:account_id>/catalog/<section>/actors", "GET", "Actors of a section's cast lists",
                  response=items_of(extend(COUNTED, name=str)))
def actors(account_id: int, section: str):
    return jsonify({"items": services().iptv_catalog.actors(account_id, _section(section))})


@bp.endpoint_spec("/accounts/<int:account_id>/series/<series_id>/episodes", "GET",
                  "A series with its seasons and episodes (asked of the provider, then kept)", response=SERIES,
                  query={"refresh": "0: only what was fetched before"})
def series(account_id: int, series_id: str):
    return jsonify(services().iptv_catalog.series_details(account_id, series_id, user_id=current_user().id,
                                                          refresh=request.args.get("refresh") != "0"))


@bp.endpoint_spec("/accounts/<int:account_id>/catalog/<section>/<stream_id>/favorite", "PUT", "Mark or unmark one of your "
                  "favorites", auth="user", request=obj(("favorite",), favorite="boolean"), response=STREAM)
def favorite(account_id: int, section: str, stream_id: str):
    value = read_json(required=("favorite",))["favorite"]
    if not isinstance(value, bool):
        raise InvalidInput("favorite must be true or false")
    user_id = current_user().id
    services().iptv_catalog.set_favorite(user_id, account_id, _section(section), stream_id, value)
    return jsonify(services().iptv_catalog.item(account_id, section, stream_id, user_id=user_id))


# --- playback ----------------------------------------------------------------------------------
def _relay(account_id: int, kind: str, stream_id: str) -> Response:
    if kind not in ("movie", "episode", "live"):
        raise InvalidInput("kind must be movie, episode or live")
    relayed = services().iptv_playback.open(
        account_id, kind, stream_id, range_header=request.headers.get("Range"), remux=request.args.get("format") == "mp4")
    response = Response(relayed, status=relayed.status, headers=relayed.headers, direct_passthrough=True)
    response.call_on_close(relayed.close)
    return response


@bp.endpoint_spec("/accounts/<int:account_id>/play/<kind>/<stream_id>", "GET", "Play a film, an episode (single Range "
                  "passed through) or a live channel through our proxy", media_type="video/mp4", query=PLAY_QUERY)
def play(account_id: int, kind: str, stream_id: str):
    return _relay(account_id, kind, stream_id)


def _part(part) -> Response:
    return Response(part.body, mimetype=part.content_type, headers={"Cache-Control": "no-store"})


@bp.endpoint_spec("/accounts/<int:account_id>/live/<stream_id>/index.m3u8", "GET", "A live channel as HLS through our "
                  "proxy: the provider's playlist with every URI replaced by one of ours", media_type="application/vnd.apple.mpegurl")
def live_playlist(account_id: int, stream_id: str):
    return _part(services().iptv_live.playlist(account_id, stream_id))


@bp.endpoint_spec("/accounts/<int:account_id>/live/<stream_id>/hls/<part_name>", "GET", "A segment or variant playlist "
                  "a live channel's HLS playlist names (by our opaque id)", media_type="video/mp2t")
def live_part(account_id: int, stream_id: str, part_name: str):
    return _part(services().iptv_live.part(account_id, stream_id, part_name.rsplit(".", 1)[0]))


@bp.endpoint_spec("/strm/<int:account_id>/<kind>/<stream_id>", "GET", "A film or an episode for STRM files (the "
                  "export's stream-only token in ?token=), through our proxy", tokens="any", query_credentials=True,
                  media_type="video/mp4", query={"token": "the STRM export's stream-only token"})
def strm_play(account_id: int, kind: str, stream_id: str):
    if kind not in ("movie", "episode"):
        raise InvalidInput("kind must be movie or episode")
    return _relay(account_id, kind, stream_id)


# --- downloads ---------------------------------------------------------------------------------
@bp.endpoint_spec("/downloads", "GET", "IPTV downloads, newest first", response=items_of(DOWNLOAD))
def list_downloads():
    return jsonify({"items": [d.to_public() for d in services().state.list_iptv_downloads()]})


@bp.endpoint_spec("/downloads", "POST", "Download a film or an episode into the library", auth="manager", status=201,
                  request=obj(("account_id", "kind", "stream_id"), account_id="integer", kind=one_of(("movie", "episode")),
                              stream_id="string"), response=DOWNLOAD)
def add_download():
    body = read_json(required=("account_id", "kind", "stream_id"))
    if not isinstance(body["account_id"], int) or not isinstance(body["stream_id"], str):
        raise InvalidInput("account_id must be a number and stream_id a text")
    downloads, user_id = services().iptv_downloads, current_user().id
    if body["kind"] == "movie":
        created = downloads.queue_movie(body["account_id"], body["stream_id"], user_id=user_id)
    elif body["kind"] == "episode":
        created = downloads.queue_episode(body["account_id"], body["stream_id"], user_id=user_id)
    else:
        raise InvalidInput("kind must be movie or episode")
    return jsonify(created.to_public()), 201


@bp.endpoint_spec("/downloads/<int:download_id>/<action>", "POST", "Pause, resume or cancel a download",
                  auth="manager", response=DOWNLOAD)
def control_download(download_id: int, action: str):
    downloads = services().iptv_downloads
    if action == "pause":
        return jsonify(downloads.pause(download_id).to_public())
    if action == "resume":
        return jsonify(downloads.resume(download_id, user_id=current_user().id).to_public())
    if action == "cancel":
        return jsonify(downloads.cancel(download_id).to_public())
    raise InvalidInput("action must be pause, resume or cancel")


@bp.endpoint_spec("/downloads/<int:download_id>", "DELETE", "Remove a finished, failed or cancelled download from the "
                  "list (a published file stays in the library)", auth="manager", status=204)
def remove_download(download_id: int):
    services().iptv_downloads.remove(download_id)
    return Response(status=204)


# --- tracked series ----------------------------------------------------------------------------
@bp.endpoint_spec("/tracked", "GET", "Tracked series", response=items_of(TRACKED))
def list_tracked():
    return jsonify({"items": [t.to_public() for t in services().state.list_tracked_series()]})


@bp.endpoint_spec("/accounts/<int:account_id>/series/<series_id>/track", "PUT", "Track a series: all episodes, from a "
                  "season on, or only new ones", auth="manager", request=obj(("mode",), mode=one_of(TRACK_MODES),
                                                                               from_season=int | None), response=TRACKED)
def track(account_id: int, series_id: str):
    body = read_json(required=("mode",), allowed=("from_season",))
    return jsonify(services().iptv_tracking.track(account_id, series_id, body["mode"], body.get("from_season")).to_public())


@bp.endpoint_spec("/accounts/<int:account_id>/series/<series_id>/track", "DELETE", "Stop tracking a series",
                  auth="manager", status=204)
def untrack(account_id: int, series_id: str):
    services().iptv_tracking.untrack(account_id, series_id)
    return Response(status=204)


@bp.endpoint_spec("/tracked/check", "POST", "Look for new episodes of tracked series now (an iptv.track_check job)",
                  auth="manager", status=202, response=JOB)
def check_tracked():
    job, _ = services().jobs.enqueue(IPTV_TRACK_CHECK, TrackCheckPayload(), idempotency_key="iptv.track_check",
                                     created_by=current_user().id)
    return jsonify(job.to_public()), 202


# --- live TV for other players (token of scope iptv_tv only) -----------------------------------
TV_SPEC = {"auth": "user", "tokens": "only", "query_credentials": True, "query": {"token": "an API token of scope iptv_tv"}}


@tv_bp.endpoint_spec("/playlist.m3u", "GET", "Every live channel as an M3U playlist of our proxy URLs",
                     media_type="audio/x-mpegurl", **TV_SPEC)
def playlist():
    token = request.args.get("token") or request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return Response(services().iptv_tv.playlist(request.host_url.rstrip("/"), token), mimetype="audio/x-mpegurl")


@tv_bp.endpoint_spec("/xmltv.xml", "GET", "The programme guide of the playlist's channels (XMLTV)",
                     media_type="application/xml", **TV_SPEC)
def guide():
    return Response(services().iptv_tv.guide(), mimetype="application/xml")


@tv_bp.endpoint_spec("/live/<int:account_id>/<stream_id>.ts", "GET", "A live channel as MPEG-TS, through our proxy",
                     media_type="video/mp2t", **TV_SPEC)
def live(account_id: int, stream_id: str):
    return _relay(account_id, "live", stream_id)
