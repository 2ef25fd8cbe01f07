"""Saved articles in the app (``/api/articles``): save by URL or as the HTML a browser sent (the
bookmarklet), list, read (sanitised HTML, local images, the original page as a download), tags,
each reader's progress, archive and favourite marks, and each reader's highlights with notes (in
articles and books alike). Every handler is thin: ``ArticleService``
(``services/articles``) does the work.
"""

from __future__ import annotations

from flask import Response, jsonify, request, send_file

from ...errors import InvalidInput
from ...models.articles import ARTICLE_STATUSES
from ..audit import audit
from ..auth import current_user, services
from ..disposition import as_download
from ..openapi import ApiBlueprint, obj
from ..schemas import items_of, list_of, ref, shape
from ..security import read_json

bp = ApiBlueprint("articles", __name__, url_prefix="/api/articles", token_area=True)
ARTICLE = ref("Article")
STRICT = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def _service():
    return services().articles


def _detail(article) -> dict:
    reading = services().state.get_reading_state(current_user().id, article.media_id) if article.media_id else None
    return {**article.to_public(), "reading": reading.to_public() if reading else _unread()}


def _unread() -> dict:
    return {"progress": 0.0, "location": None, "archived": False, "favourite": False, "updated_at": None}


@bp.endpoint_spec("", "GET", "Saved articles, newest first (status, tag, archived=0|1 filters; before=<id> pages on)",
                  query={"status": "queued, saved or failed", "tag": "one tag", "archived": "0 or 1",
                         "before": "an article id: the next page", "limit": "1-200, default 50"},
                  response=items_of(ref("ArticleDetail")))
def list_articles():
    status, tag = request.args.get("status") or None, request.args.get("tag") or None
    if status is not None and status not in ARTICLE_STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(ARTICLE_STATUSES)}")
    limit = _int_arg("limit", 50, 1, 200)
    before = _int_arg("before", None, 1, 2**62)
    found = services().state.list_articles(status=status, tag=tag, limit=limit, before_id=before)
    items = [_detail(a) for a in found]
    archived = request.args.get("archived")
    if archived in ("0", "1"):
        items = [i for i in items if i["reading"]["archived"] == (archived == "1")]
    return jsonify({"items": items})


def _int_arg(name: str, default, low: int, high: int):
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise InvalidInput(f"{name} must be a whole number between {low} and {high}")
    return int(raw)


@bp.endpoint_spec("", "POST", "Save an article by URL (queued as an article.save job)", status=202,
                  request=obj(("url",), url="string", tags=list[str]), response=ARTICLE)
def save():
    body = read_json(required=("url",), allowed=("tags",))
    article = _service().save_url(body["url"], tags=body.get("tags"), user_id=current_user().id)
    return jsonify(article.to_public()), 202


@bp.endpoint_spec("/bookmarklet", "POST",
                  "Save a page as the browser rendered it (for pages that need JavaScript or a login)", status=202,
                  request=obj(("url", "html"), url="string", html="string", tags=list[str]), response=ARTICLE)
def save_rendered():
    body = read_json(required=("url", "html"), allowed=("tags",))
    article = _service().save_rendered(body["url"], body["html"], tags=body.get("tags"), user_id=current_user().id)
    return jsonify(article.to_public()), 202


@bp.endpoint_spec("/import", "POST", "Queue every link of a Pocket (CSV/HTML), Wallabag or Omnivore (JSON), Readwise Reader (CSV) or browser bookmarks export",
                  status=202, request=obj(("content",), content="string", format="string"),
                  response=shape(queued=int, article_ids=list[int], skipped=list_of(shape(url=str, reason=str))))
def import_export():
    body = read_json(required=("content",), allowed=("format",))
    result = _service().import_export(body["content"], body.get("format", "auto"), user_id=current_user().id)
    return jsonify(result.to_public()), 202


@bp.endpoint_spec("/feed.atom", "GET", "An Atom feed of the newest saved articles (session or a token in the "
                  "Authorization header)", media_type="application/atom+xml")
def feed():
    base = services().settings.server.public_base_url or request.host_url
    return Response(_service().feed(base), mimetype="application/atom+xml")


@bp.endpoint_spec("/export.epub", "GET", "Every saved article with a tag, as one EPUB", query={"tag": "the tag"},
                  media_type="application/epub+zip")
def export_tag():
    tag = (request.args.get("tag") or "").strip().lower()
    if not tag:
        raise InvalidInput("tag is required: the tag whose articles go into the book")
    return _epub(*_service().epub_of_tag(tag))


@bp.endpoint_spec("/<int:article_id>/epub", "GET", "One saved article as an EPUB", media_type="application/epub+zip")
def export_one(article_id: int):
    return _epub(*_service().epub(article_id))


def _epub(name: str, data: bytes) -> Response:
    return as_download(Response(data, mimetype="application/epub+zip"), name)


@bp.endpoint_spec("/highlights", "GET", "The caller's highlights in one article or book, in reading order",
                  query={"media_id": "the article's or book's library item"}, response=items_of(ref("Highlight")))
def list_highlights():
    media_id = request.args.get("media_id") or ""
    if not media_id:
        raise InvalidInput("media_id is required: the article's or book's library item")
    return jsonify({"items": [h.to_public() for h in services().state.list_highlights(current_user().id, media_id)]})


@bp.endpoint_spec("/highlights", "POST", "Highlight a passage (plain-text anchor: offsets and the quote with its "
                  "context), with an optional note", auth="user", status=201,
                  request=obj(("media_id", "start", "end", "quote"), media_id=str, start=int, end=int, quote=str,
                              prefix=str, suffix=str, note=str | None), response=ref("Highlight"))
def add_highlight():
    from ...services.articles.highlights import add_highlight as add

    body = read_json(required=("media_id", "start", "end", "quote"), allowed=("prefix", "suffix", "note"))
    return jsonify(add(services().state, current_user().id, body).to_public()), 201


@bp.endpoint_spec("/highlights/<int:highlight_id>", "PATCH", "Change the note of one of the caller's highlights",
                  auth="user", request=obj(("note",), note=str | None), response=ref("Highlight"))
def update_highlight(highlight_id: int):
    from ...services.articles.highlights import note_of

    body = read_json(allowed=("note",))
    if "note" not in body:
        raise InvalidInput("send note: the new note (null clears it)")
    return jsonify(services().state.update_highlight(current_user().id, highlight_id, note=note_of(body)).to_public())


@bp.endpoint_spec("/highlights/<int:highlight_id>", "DELETE", "Delete one of the caller's highlights", auth="user",
                  status=204)
def delete_highlight(highlight_id: int):
    services().state.delete_highlight(current_user().id, highlight_id)
    return Response(status=204)


@bp.endpoint_spec("/<int:article_id>", "GET", "One article with the caller's reading state", response=ref("ArticleDetail"))
def get_article(article_id: int):
    return jsonify(_detail(services().state.get_article(article_id)))


@bp.endpoint_spec("/by-media/<media_id>", "GET", "The article that is this library item, with the caller's reading state",
                  response=ref("ArticleDetail"))
def get_by_media(media_id: str):
    return jsonify(_detail(services().state.get_article_by_media(media_id)))


@bp.endpoint_spec("/<int:article_id>", "PATCH", "Change an article's tags", request=obj(("tags",), tags=list[str]),
                  response=ARTICLE)
def update_article(article_id: int):
    body = read_json(required=("tags",))
    return jsonify(_service().update(article_id, body).to_public())


@bp.endpoint_spec("/<int:article_id>", "DELETE", "Forget an article and its library item (its folder stays on disk)",
                  status=204)
def delete_article(article_id: int):
    _service().delete(article_id)
    audit("deleted", f"article {article_id}")
    return Response(status=204)


@bp.endpoint_spec("/<int:article_id>/content", "GET", "A saved article's sanitised HTML (images on our origin)",
                  response=shape(html=str))
def content(article_id: int):
    return jsonify({"html": _service().content(article_id)})


@bp.endpoint_spec("/<int:article_id>/images/<name>", "GET", "An image saved with an article", media_type="image/*")
def image(article_id: int, name: str):
    response = send_file(_service().image_path(article_id, name), max_age=86400, conditional=True)
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response


@bp.endpoint_spec("/<int:article_id>/original", "GET", "The page as it was fetched, as a download (never rendered)",
                  media_type="text/plain")
def original(article_id: int):
    response = as_download(Response(_service().original(article_id), mimetype="text/plain"), f"article-{article_id}.html")
    response.headers["Content-Security-Policy"] = STRICT
    return response


@bp.endpoint_spec("/<int:article_id>/reading", "PUT", "Save the caller's progress (0-1), archive or favourite mark",
                  auth="user", request=obj(progress="number", location=str | None, archived="boolean", favourite="boolean"),
                  response=ref("ReadingState"))
def set_reading(article_id: int):
    body = read_json(allowed=("progress", "location", "archived", "favourite"))
    article = services().state.get_article(article_id)
    if not article.media_id:
        raise InvalidInput(f"article {article_id} is not saved yet ({article.status})")
    values = reading_values(body)
    return jsonify(services().state.set_reading_state(current_user().id, article.media_id, **values).to_public())


def reading_values(body: dict) -> dict:
    """The reading-state fields of a request body, checked (shared with the books' reader)."""
    values = {}
    if "progress" in body:
        progress = body["progress"]
        if isinstance(progress, bool) or not isinstance(progress, (int, float)) or not 0 <= progress <= 1:
            raise InvalidInput("progress must be a number from 0 to 1")
        values["progress"] = float(progress)
    if "location" in body:
        if body["location"] is not None and (not isinstance(body["location"], str) or len(body["location"]) > 500):
            raise InvalidInput("location must be text of at most 500 characters")
        values["location"] = body["location"]
    for flag in ("archived", "favourite"):
        if flag in body:
            if not isinstance(body[flag], bool):
                raise InvalidInput(f"{flag} must be true or false")
            values[flag] = body[flag]
    if not values:
        raise InvalidInput("send at least one of progress, location, archived, favourite")
    return values
