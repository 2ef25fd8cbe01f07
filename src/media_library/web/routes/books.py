"""Books (``/api/books``): add an EPUB, PDF or CBZ by upload, download a book or its cover, and the
OPDS catalog e-reader apps browse. Those apps (KOReader, Moon+ Reader) send an API token of scope
``books`` as ``Authorization: Bearer`` or as the password of HTTP Basic (any user name: the token
names the user); a credential is never taken from a URL. Every handler is thin: ``BookService``
(``services/books``) does the work."""

from __future__ import annotations

from pathlib import Path

from flask import Response, jsonify, request, send_file

from ...errors import InvalidInput, NotFound
from ..auth import current_user, services
from ..disposition import as_download
from ..openapi import ApiBlueprint, obj
from ..schemas import ref, shape
from ..security import read_json, upload_route

bp = ApiBlueprint("books", __name__, url_prefix="/api/books", token_area=True)
OPDS_REALM = 'Basic realm="Media Library books", charset="UTF-8"'
ADDED = shape(media_id=str, title=str, authors=list[str], year=int | None, format=str, path=str, cover=bool)


def _service():
    return services().books


@bp.endpoint_spec("", "POST", "Add a book: one .epub, .pdf or .cbz file as multipart field 'file'", status=201,
                  response=ADDED)
@upload_route
def add_book():
    upload = request.files.get("file")
    if request.mimetype != "multipart/form-data" or upload is None or not upload.filename:
        raise InvalidInput("send the book as multipart/form-data in the field 'file'")
    part = _service().part_file()
    upload.save(part)
    return jsonify(_service().add_file(part, upload.filename).to_public()), 201


@bp.after_request
def challenge_opds_clients(response: Response) -> Response:
    """A 401 from the catalog asks for HTTP Basic, so an e-reader app prompts for the token. (Only
    there: the app's own pages call the other routes, and a challenge would pop up the browser's
    password dialog.)"""
    if response.status_code == 401 and request.endpoint == f"{bp.name}.opds":
        response.headers["WWW-Authenticate"] = OPDS_REALM
    return response


@bp.endpoint_spec("/opds", "GET", "The OPDS 1.2 catalog of books (Atom acquisition feed; Bearer or HTTP Basic with "
                  "a books token as the password)", media_type="application/atom+xml", basic_any_user=True)
def opds():
    from ...services.books.opds import ACQUISITION, catalog

    base = (services().settings.server.public_base_url or request.host_url).rstrip("/")
    response = Response(catalog(_service().list_books(), base_url=base))
    response.headers["Content-Type"] = ACQUISITION
    return response


def _book_file(media_id: str) -> Path:
    return _service().book_file(media_id)


def _book(item) -> dict:
    """A book as the API shows it: its details, its file's format (None when entered by hand) and
    the caller's reading state."""
    path = _service().file_or_none(item.id)
    reading = services().state.get_reading_state(current_user().id, item.id)
    return {"media_id": item.id, "title": item.title, "year": item.year, "overview": item.overview,
            "authors": item.extra.get("authors", []), "series": item.extra.get("series"),
            "series_index": item.extra.get("series_index"), "language": item.extra.get("language"),
            "isbn": item.extra.get("isbn"), "format": path.suffix.lstrip(".") if path else None,
            "manual": path is None, "reading": reading.to_public()}


BOOK_FIELDS = obj(title=str, authors=list[str], year=int | None, isbn=str | None, series=str | None,
                  series_index=float | None, overview=str | None)


@bp.endpoint_spec("/manual/new", "POST", "Add a book by hand (no file): title, authors, year, ISBN, series", status=201,
                  request=BOOK_FIELDS, response=ref("Book"))
def add_manual():
    from ...services.books.manual import FIELDS, read_fields

    fields = read_fields(read_json(allowed=FIELDS), creating=True)
    return jsonify(_book(_service().add_manual(fields))), 201


@bp.endpoint_spec("/<media_id>", "GET", "A book with the caller's reading state", response=ref("Book"))
def get_book(media_id: str):
    return jsonify(_book(_service().book(media_id)))


@bp.endpoint_spec("/<media_id>/details", "PATCH", "Change a book's details (its file, if any, stays where it is)",
                  request=BOOK_FIELDS, response=ref("Book"))
def edit_book(media_id: str):
    from ...services.books.manual import FIELDS, read_fields

    fields = read_fields(read_json(allowed=FIELDS), creating=False)
    if not fields:
        raise InvalidInput(f"send at least one of {', '.join(FIELDS)}")
    return jsonify(_book(_service().edit(media_id, fields)))


@bp.endpoint_spec("/<media_id>/text", "GET", "An EPUB's chapters as sanitised HTML, for the app's reader",
                  response=shape(html=str))
def book_text(media_id: str):
    return jsonify({"html": _service().epub_html(media_id)})


@bp.endpoint_spec("/<media_id>/reading", "PUT", "Save the caller's progress (0-1), archive or favourite mark",
                  auth="user", request=obj(progress="number", location=str | None, archived="boolean", favourite="boolean"),
                  response=ref("ReadingState"))
def set_reading(media_id: str):
    from .articles import reading_values

    _service().book(media_id)
    body = read_json(allowed=("progress", "location", "archived", "favourite"))
    return jsonify(services().state.set_reading_state(current_user().id, media_id, **reading_values(body)).to_public())


@bp.endpoint_spec("/<media_id>/file", "GET", "Download a book (PDF opens in the browser's viewer)",
                  media_type="application/octet-stream", basic_any_user=True)
def book_file(media_id: str):
    path = _book_file(media_id)
    inline = path.suffix == ".pdf"
    response = as_download(send_file(path, conditional=True), path.name, inline=inline)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.endpoint_spec("/<media_id>/cover", "GET", "A book's cover.jpg", media_type="image/jpeg", basic_any_user=True)
def cover(media_id: str):
    path = _book_file(media_id).parent / "cover.jpg"
    if not path.is_file():
        raise NotFound(f"book {media_id} has no cover")
    response = send_file(path, mimetype="image/jpeg", max_age=86400, conditional=True)
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
