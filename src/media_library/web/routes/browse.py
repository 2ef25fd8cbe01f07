"""The library grid, search while typing, the home page rows, and an item's extra details.

Thin handlers over ``services.browse`` (built once by the runtime; the other issue-5 blueprints
reach theirs through ``service()`` too). Every listing carries the caller's own
playback state and nobody else's.
"""

from __future__ import annotations

from flask import jsonify, request

from ...errors import InvalidInput
from ...services.browse import item_about
from ..auth import current_user, services
from ..openapi import ApiBlueprint, obj
from ..schemas import items_of, list_of, page, ref, shape
from ..security import read_json

bp = ApiBlueprint("browse", __name__, url_prefix="/api", token_area=True)
PAGE = page(ref("MediaCard"), "next")


def service(name: str):
    """``services().<name>``: browse, playback, collections or subtitles (built once by the runtime)."""
    return getattr(services(), name)


@bp.endpoint_spec("/library", "GET", "The library grid: filtered, sorted, paged by an opaque cursor",
                  query={"kind": "item kind", "genre": "genre name", "year": "release year",
                         "watched": "true|false (for you)", "added_after": "YYYY-MM-DD or epoch seconds",
                         "added_before": "YYYY-MM-DD or epoch seconds", "parent": "children of an item",
                         "sort": "title|-title|year|-year|added|-added|number", "after": "next of the previous page",
                         "limit": "1-200, default 60"}, response=PAGE)
def library():
    return jsonify(service("browse").library(current_user().id, request.args.to_dict()).to_public())


@bp.endpoint_spec("/library/genres", "GET", "Genres of the top-level items, for the filter",
                  response=shape(items=list[str]))
def genres():
    return jsonify({"items": service("browse").genres()})


@bp.endpoint_spec("/search", "GET", "Search every kind by title, forgiving accents, punctuation and typos, then full texts (with a marked snippet)",
                  query={"q": "what to look for", "limit": "1-50, default 30"}, response=items_of(ref("SearchHit")))
def search():
    raw = request.args.get("limit") or "30"
    if not raw.isdigit() or not 1 <= int(raw) <= 50:
        raise InvalidInput("limit must be between 1 and 50")
    return jsonify({"items": service("browse").search(current_user().id, request.args.get("q", ""), int(raw))})


@bp.endpoint_spec("/home", "GET", "Next up in the shows you watch, continue watching and recently added, for you",
                  response=shape(next_up=list_of(ref("NextUpCard")),
                                 continue_watching=list_of(ref("MediaCard")), recently_added=list_of(ref("MediaCard"))))
def home():
    return jsonify(service("browse").home(current_user().id))


@bp.endpoint_spec("/media/<media_id>/about", "GET",
                  "An item's cast, tagline, external links, parents, collections and your playback",
                  response=ref("MediaAbout"))
def about(media_id: str):
    user_id = current_user().id
    playback = service("playback").get(user_id, media_id)
    has_poster = services().library.artwork.find(media_id, "poster") is not None  # an album's cover too
    return jsonify({**item_about(services().state, media_id), "has_poster": has_poster, "playback": playback,
                    "collections": service("collections").of_item(media_id)})


@bp.endpoint_spec("/media/<media_id>", "PATCH", "Edit an item's title, year, overview or genres (kept over refreshes)",
                  auth="manager", request=obj(title="string", original_title=str | None, year=int | None,
                                            overview=str | None, genres=list[str]), response=ref("ItemEdit"))
def edit(media_id: str):
    body = read_json(allowed=("title", "original_title", "year", "overview", "genres"))
    return jsonify(service("browse").edit(media_id, body))
