"""Collections: manual ones (create, add, remove, reorder, delete) and the automatic TMDb ones.

Manual collections are shared: everyone sees them and anyone may make one; only its maker, a
library manager or an admin may change or delete it (checked by the service, so 403 otherwise)."""

from __future__ import annotations

from flask import jsonify

from ..audit import audit
from ..auth import current_user
from ..openapi import ApiBlueprint, obj
from ..schemas import items_of, ref
from ..security import read_json
from .browse import service

bp = ApiBlueprint("collections", __name__, url_prefix="/api/collections", token_area=True)
COLLECTION = ref("Collection")


@bp.endpoint_spec("", "GET", "Every collection, manual and automatic, with its size", response=items_of(COLLECTION))
def list_collections():
    return jsonify({"items": service("collections").list()})


@bp.endpoint_spec("", "POST", "Create a manual collection", auth="user", status=201, request=obj(("name",), name="string"),
                  response=COLLECTION)
def create_collection():
    body = read_json(required=("name",))
    return jsonify(service("collections").create(body["name"], current_user().id)), 201


@bp.endpoint_spec("/<int:collection_id>", "GET", "A collection with its items in order",
                  response=ref("CollectionDetail"))
def get_collection(collection_id: int):
    return jsonify(service("collections").get(collection_id, current_user()))


@bp.endpoint_spec("/<int:collection_id>", "DELETE", "Delete a manual collection (its items stay)", auth="user", status=204)
def delete_collection(collection_id: int):
    service("collections").delete(collection_id, current_user())
    audit("deleted", f"collection {collection_id}")
    return "", 204


@bp.endpoint_spec("/<int:collection_id>/items", "POST", "Add an item at the end of a manual collection",
                  auth="user", status=204, request=obj(("media_id",), media_id="string"))
def add_item(collection_id: int):
    body = read_json(required=("media_id",))
    service("collections").add(collection_id, body["media_id"], current_user())
    return "", 204


@bp.endpoint_spec("/<int:collection_id>/items/<media_id>", "DELETE", "Take an item out of a manual collection",
                  auth="user", status=204)
def remove_item(collection_id: int, media_id: str):
    service("collections").remove(collection_id, media_id, current_user())
    return "", 204


@bp.endpoint_spec("/<int:collection_id>/order", "PUT", "Put a manual collection's items in a new order",
                  auth="user", status=204, request=obj(("media_ids",), media_ids=list[str]))
def reorder(collection_id: int):
    body = read_json(required=("media_ids",))
    service("collections").reorder(collection_id, body["media_ids"], current_user())
    return "", 204
