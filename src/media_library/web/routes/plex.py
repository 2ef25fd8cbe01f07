"""Plex servers in the app (``/api/plex``): servers (the token is sent, never returned), their
libraries, path mappings and their check, Plex-user mappings, show discovery, unmapped files and
syncs (jobs whose two-level progress arrives as ``plex_sync_progress`` events).

Everything here is for admins: a server's token is an integration secret. Handlers are thin:
``PlexService`` does the work.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from ...errors import InvalidInput
from ...models.plex import PathMapping, PlexServer, UserMap
from ..auth import current_user, services
from ..openapi import ApiBlueprint, obj
from ..schemas import items_of, list_of, ref, shape
from ..security import read_json

bp = ApiBlueprint("plex", __name__, url_prefix="/api/plex")

SERVER = shape(PlexServer, ("id", "name", "url", "machine_id", "version", "enabled", "last_sync_at", "created_at"), token_set=bool)
LIBRARY = shape(id=int, server_id=int, section_key=str, title=str, type=str, agent=str | None, locations=list[str],
                enabled=bool, importable=bool, items=int)
MAPPING = shape(PathMapping, ("id", "server_id", "library_id", "plex_prefix", "local_prefix"))
CHECKED = shape(mappings=list_of(shape(PathMapping, ("id", "server_id", "library_id", "plex_prefix", "local_prefix"),
                                       exists=bool, readable=bool)),
                roots=list_of(shape(library_id=int, library=str, plex_path=str, local_path=str | None, exists=bool)))
USER_MAP = shape(UserMap, ("id", "server_id", "plex_account_id", "plex_name", "user_id", "keep_in_step"), token_set=bool)
ACCOUNT = shape(id=str, name=str)
SHOW = shape(rating_key=str, title=str, year=int | None, library_id=int, library=str, ids=dict[str, str], media_id=str | None)
UNMAPPED = shape(title=str, media_id=str | None, plex_path=str, size=int)
SERVER_EDITS = obj(name="string", url="string", token="string", enabled="boolean")
SYNC = obj(library_id=int | None, force="boolean", watched="boolean", show_key=str | None)
JOB = ref("Job")


def _plex():
    return services().plex


@bp.endpoint_spec("/servers", "GET", "Plex servers (tokens are never returned)", auth="admin", response=items_of(SERVER))
def list_servers():
    return jsonify({"items": [s.to_public() for s in services().state.list_plex_servers()]})


@bp.endpoint_spec("/servers", "POST", "Add a Plex server (checked through /identity; its libraries are listed)",
                  auth="admin", status=201, request=obj(("name", "url", "token"), name="string", url="string", token="string"),
                  response=SERVER)
def add_server():
    body = read_json(required=("name", "url", "token"))
    return jsonify(_plex().add_server(body["name"], body["url"], body["token"]).to_public()), 201


@bp.endpoint_spec("/servers/<int:server_id>", "PATCH", "Rename a server, change its URL or token, or pause it",
                  auth="admin", request=SERVER_EDITS, response=SERVER)
def update_server(server_id: int):
    body = read_json(allowed=tuple(SERVER_EDITS["properties"]))
    return jsonify(_plex().update_server(server_id, body).to_public())


@bp.endpoint_spec("/servers/<int:server_id>", "DELETE", "Remove a server, its mappings and its records (the "
                  "items and files it brought stay in the library)", auth="admin", status=204)
def delete_server(server_id: int):
    services().state.delete_plex_server(server_id)
    return Response(status=204)


@bp.endpoint_spec("/servers/<int:server_id>/test", "POST", "Test the connection (GET /identity with the token)",
                  auth="admin", response=shape(ok=bool, machine_id=str | None, version=str | None))
def test_server(server_id: int):
    return jsonify(_plex().test(server_id))


@bp.endpoint_spec("/servers/<int:server_id>/libraries", "GET", "The server's libraries as last listed, with their "
                  "Location paths and imported item counts", auth="admin", response=items_of(LIBRARY))
def libraries(server_id: int):
    services().state.get_plex_server(server_id)
    return jsonify({"items": _plex().libraries(server_id)})


@bp.endpoint_spec("/servers/<int:server_id>/libraries/refresh", "POST", "List the server's libraries again",
                  auth="admin", response=items_of(LIBRARY))
def refresh_libraries(server_id: int):
    _plex().refresh_libraries(server_id)
    return jsonify({"items": _plex().libraries(server_id)})


@bp.endpoint_spec("/libraries/<int:library_id>", "PATCH", "Include a library in syncs or leave it out", auth="admin",
                  request=obj(("enabled",), enabled="boolean"), response=LIBRARY)
def set_library(library_id: int):
    enabled = read_json(required=("enabled",))["enabled"]
    if not isinstance(enabled, bool):
        raise InvalidInput("enabled must be true or false")
    library = services().state.set_plex_library_enabled(library_id, enabled)
    return jsonify(library.to_public(services().state.plex_item_counts(library.server_id).get(library.id, 0)))


@bp.endpoint_spec("/servers/<int:server_id>/mappings", "GET", "Path mappings (Plex prefix → local prefix)",
                  auth="admin", response=items_of(MAPPING))
def list_mappings(server_id: int):
    return jsonify({"items": [m.to_public() for m in services().state.list_plex_mappings(server_id)]})


@bp.endpoint_spec("/servers/<int:server_id>/mappings", "POST", "Map a Plex path prefix to a local one (for the "
                  "server, or one library)", auth="admin", status=201,
                  request=obj(("plex_prefix", "local_prefix"), plex_prefix="string", local_prefix="string",
                              library_id=int | None), response=MAPPING)
def add_mapping(server_id: int):
    body = read_json(required=("plex_prefix", "local_prefix"), allowed=("library_id",))
    mapping = _plex().add_mapping(server_id, body["plex_prefix"], body["local_prefix"], body.get("library_id"))
    return jsonify(mapping.to_public()), 201


@bp.endpoint_spec("/servers/<int:server_id>/mappings/<int:mapping_id>", "DELETE", "Remove a path mapping",
                  auth="admin", status=204)
def delete_mapping(server_id: int, mapping_id: int):
    services().state.delete_plex_mapping(server_id, mapping_id)
    return Response(status=204)


@bp.endpoint_spec("/servers/<int:server_id>/mappings/check", "GET", "Which mapped folders and library roots exist "
                  "on this machine", auth="admin", response=CHECKED)
def check_mappings(server_id: int):
    services().state.get_plex_server(server_id)
    return jsonify(_plex().check_mappings(server_id))


@bp.endpoint_spec("/servers/<int:server_id>/accounts", "GET", "The server's Plex accounts (whose watched state can "
                  "be imported)", auth="admin", response=items_of(ACCOUNT))
def accounts(server_id: int):
    return jsonify({"items": _plex().accounts(server_id)})


@bp.endpoint_spec("/servers/<int:server_id>/users", "GET", "Plex users mapped to our users", auth="admin",
                  response=items_of(USER_MAP))
def list_user_maps(server_id: int):
    return jsonify({"items": [m.to_public() for m in services().state.list_plex_user_maps(server_id)]})


@bp.endpoint_spec("/servers/<int:server_id>/users", "POST", "Map a Plex user to one of ours (their token, if given, "
                  "reads their own watched state)", auth="admin", status=201,
                  request=obj(("plex_account_id", "user_id"), plex_account_id="string", plex_name="string", user_id=int,
                              token="string", keep_in_step="boolean"), response=USER_MAP)
def add_user_map(server_id: int):
    body = read_json(required=("plex_account_id", "user_id"), allowed=("plex_name", "token", "keep_in_step"))
    return jsonify(_plex().map_user(server_id, body).to_public()), 201


@bp.endpoint_spec("/servers/<int:server_id>/users/<int:map_id>", "DELETE", "Remove a user mapping", auth="admin",
                  status=204)
def delete_user_map(server_id: int, map_id: int):
    services().state.delete_plex_user_map(server_id, map_id)
    return Response(status=204)


@bp.endpoint_spec("/servers/<int:server_id>/sync", "POST", "Sync the server (all enabled libraries, one library, or "
                  "one show) as a job", auth="admin", status=201, also=(200,), request=SYNC, response=JOB)
def sync(server_id: int):
    body = read_json(allowed=tuple(SYNC["properties"]))
    job, created = _plex().queue_sync(server_id, library_id=body.get("library_id"), force=bool(body.get("force")),
                                      watched=bool(body.get("watched")), show_key=body.get("show_key"),
                                      created_by=current_user().id)
    return jsonify(job.to_public()), 201 if created else 200


@bp.endpoint_spec("/servers/<int:server_id>/discover", "GET", "Find shows on the server by title and year",
                  auth="admin", response=items_of(SHOW), query={"title": "part of the title", "year": "first-air year"})
def discover(server_id: int):
    year = request.args.get("year", type=int)
    return jsonify({"items": _plex().discover_shows(server_id, request.args.get("title", ""), year)})


@bp.endpoint_spec("/servers/<int:server_id>/unmapped", "GET", "Imported files whose Plex path no mapping covers",
                  auth="admin", response=items_of(UNMAPPED))
def unmapped(server_id: int):
    services().state.get_plex_server(server_id)
    return jsonify({"items": services().state.list_unmapped_plex_parts(server_id)})
