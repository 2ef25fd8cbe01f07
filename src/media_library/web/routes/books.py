"""Books (``/api/books``): add an EPUB, PDF or CBZ by upload, download a book or its cover, and the
OPDS catalog e-reader apps browse (with a token of scope ``books`` in ``Authorization: Bearer``).
Every handler is thin: ``BookService`` (``services/books``) does the work."""

from __future__ import annotations

from pathlib import Path

from flask import Response, jsonify, request, send_file

from ...errors import InvalidInput, NotFound
from ..auth import services
from ..openapi import ApiBlueprint
from ..schemas import shape
from ..security import upload_route

bp = ApiBlueprint("books", __name__, url_prefix="/api/books", token_area=True)
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


@bp.endpoint_spec("/opds", "GET", "The OPDS 1.2 catalog of books (Atom acquisition feed)",
                  media_type="application/atom+xml")
def opds():
    from ...services.books.opds import ACQUISITION, catalog

    base = (services().settings.server.public_base_url or request.host_url).rstrip("/")
    response = Response(catalog(_service().list_books(), base_url=base))
    response.headers["Content-Type"] = ACQUISITION
    return response


def _book_file(media_id: str) -> Path:
    state = services().state
    item = state.get_media(media_id)
    files = state.list_media_files(media_id)
    if item.kind != "book" or not files or not Path(files[0].path).is_file():
        raise NotFound(f"no book file for item {media_id}")
    return Path(files[0].path)


@bp.endpoint_spec("/<media_id>/file", "GET", "Download a book (PDF opens in the browser's viewer)",
                  media_type="application/octet-stream")
def book_file(media_id: str):
    path = _book_file(media_id)
    inline = path.suffix == ".pdf"
    response = send_file(path, as_attachment=not inline, download_name=path.name, conditional=True)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.endpoint_spec("/<media_id>/cover", "GET", "A book's cover.jpg", media_type="image/jpeg")
def cover(media_id: str):
    path = _book_file(media_id).parent / "cover.jpg"
    if not path.is_file():
        raise NotFound(f"book {media_id} has no cover")
    response = send_file(path, mimetype="image/jpeg", max_age=86400, conditional=True)
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
