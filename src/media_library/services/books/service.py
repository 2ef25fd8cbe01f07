"""``BookService``: add a book file (EPUB, PDF, CBZ) to the library, and what the OPDS catalog lists.

The book source's ingestion (``services/ingest.py``'s contract): **discover** is the upload; **fetch**
is the request body written to a hidden part file in ``<data_dir>/books/`` (the web layer's job) and
checked here (magic bytes, then the format's own reader); **publish** is this module's own step,
because there is nothing to identify (``Publisher.accept`` would queue a TMDb/MusicBrainz identify):
the file is copied beside its place as ``.<name>.part``, its size checked, and linked to its final
name with ``os.link``, which fails instead of overwriting, so an existing book is never replaced;
then the cover (``cover.jpg``, written the same way when absent) and one item with its file, poster,
ISBN and (EPUB) full text for search.

Layout: ``<media_dir>/<books.folder>/<Author>/<Title> (<Year>)/<Title> - <Author>.<ext>``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import Conflict, InvalidInput, NotFound
from ...events import LibraryUpdated
from ...tools import covers
from ..articles.sanitize import sanitize
from ..naming import join_inside, safe_component
from .enrich import enrich_book
from .metadata import FORMATS, BookMeta, epub_chapters, read_book

MAGIC = {"pdf": (b"%PDF-",), "epub": (b"PK\x03\x04",), "cbz": (b"PK\x03\x04",)}


@dataclass(frozen=True)
class AddedBook:
    media_id: str
    title: str
    authors: list[str]
    year: int | None
    format: str
    path: str
    cover: bool

    def to_public(self) -> dict[str, Any]:
        return {"media_id": self.media_id, "title": self.title, "authors": self.authors, "year": self.year,
                "format": self.format, "path": self.path, "cover": self.cover}


def book_format(filename: str) -> str:
    fmt = Path(filename or "").suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InvalidInput("send an .epub, .pdf or .cbz file")
    return fmt


def check_magic(path: Path, fmt: str) -> None:
    with open(path, "rb") as fh:
        head = fh.read(64)
    if not head.startswith(MAGIC[fmt]) or (fmt == "epub" and b"mimetypeapplication/epub+zip" not in head):
        raise InvalidInput(f"the file is not a valid {fmt.upper()} (its first bytes say otherwise)")


class BookService:
    def __init__(self, state, settings, *, artwork_root: Path, bus=None, http=None):
        self.state, self.bus, self.artwork_root, self.http = state, bus, Path(artwork_root), http
        self.options = settings.books
        self.root = settings.media_dir / self.options.folder
        self.incoming = settings.data_dir / "books"

    def part_file(self) -> Path:
        """A new hidden part file for an upload to be written into."""
        self.incoming.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=self.incoming)
        os.close(handle)
        return Path(name)

    def add_file(self, part: Path, filename: str) -> AddedBook:
        """Publish the uploaded ``part`` (named ``filename`` by the client); the part file is removed."""
        try:
            fmt = book_format(filename)
            check_magic(part, fmt)
            meta = read_book(part, fmt, fallback_title=Path(filename).stem, max_text=self.options.max_text_mb * 1024 * 1024)
            enrich_book(meta, self.options, self.http, title_from_file=meta.title == Path(filename).stem)
            return self._publish(part, meta)
        finally:
            part.unlink(missing_ok=True)

    def _publish(self, part: Path, meta: BookMeta) -> AddedBook:
        author = meta.authors[0] if meta.authors else "Unknown Author"
        title_dir = f"{meta.title} ({meta.year})" if meta.year else meta.title
        folder = join_inside(self.root, safe_component(author), safe_component(title_dir))
        final = folder / safe_component(f"{meta.title} - {author}.{meta.format}")
        if final.exists():
            raise Conflict(f"{final.relative_to(self.root)} is already in the library; nothing was overwritten")
        folder.mkdir(parents=True, exist_ok=True)
        place_file(part, final)
        cover = self._cover(final, meta, folder / "cover.jpg")
        item = self.state.add_media("book", meta.title, year=meta.year, overview=meta.description, status="identified",
                                    extra=_extra(meta), external_ids={"isbn": meta.isbn} if meta.isbn else {})
        stat = final.stat()
        self.state.upsert_media_file(str(final), media_id=item.id, size=stat.st_size, mtime=stat.st_mtime,
                                     container=meta.format)
        if cover:
            poster = self.artwork_root / item.id / "poster.jpg"
            poster.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cover, poster)
            self.state.set_artwork(item.id, "poster", str(poster))
        if meta.text:
            self.state.set_media_text(item.id, meta.text)
        self._announce(item.id, "book")
        return AddedBook(item.id, meta.title, meta.authors, meta.year, meta.format, str(final), cover is not None)

    def add_manual(self, fields: dict[str, Any]):
        """A book entered by hand (``manual.read_fields``): an item of kind book without a file,
        filled in by its ISBN from the metadata services when they are set."""
        meta = BookMeta(format="", title=fields["title"], authors=fields.get("authors") or [], series=fields.get("series"),
                        series_index=fields.get("series_index"), isbn=fields.get("isbn"), year=fields.get("year"),
                        description=fields.get("overview"))
        enrich_book(meta, self.options, self.http, title_from_file=False)
        item = self.state.add_media("book", meta.title, year=meta.year, overview=meta.description, status="identified",
                                    extra={**_extra(meta), "manual": True},
                                    external_ids={"isbn": meta.isbn} if meta.isbn else {})
        self._announce(item.id, "book added by hand")
        return item

    def edit(self, media_id: str, fields: dict[str, Any]):
        """Change a book's details (``manual.read_fields``); a book's file, if it has one, stays put."""
        item = self.state.get_media(media_id)
        if item.kind != "book":
            raise NotFound(f"item {media_id} is not a book")
        extra = dict(item.extra)
        for name in ("authors", "isbn", "series", "series_index"):
            if name in fields:
                extra[name] = fields[name]
        changes = {k: fields[k] for k in ("title", "year", "overview") if k in fields}
        if "isbn" in fields:
            others = {k: v for k, v in item.external_ids.items() if k != "isbn"}
            changes["external_ids"] = {**others, **({"isbn": fields["isbn"]} if fields["isbn"] else {})}
        updated = self.state.update_media(media_id, extra={k: v for k, v in extra.items() if v not in (None, [], "")},
                                          **changes)
        self._announce(media_id, "book edited")
        return updated

    def _announce(self, media_id: str, reason: str) -> None:
        if self.bus is not None:
            self.bus.publish(LibraryUpdated(media_ids=[media_id], reason=reason))

    def _cover(self, book: Path, meta: BookMeta, target: Path) -> Path | None:
        """``cover.jpg`` beside the book (kept if one is there already); None when the file has none."""
        if target.exists():
            return target
        with tempfile.TemporaryDirectory(prefix="ml-cover-", dir=self.incoming) as work:
            made = self._cover_jpeg(book, meta, Path(work))
            if made is None:
                return None
            place_file(made, target)
        return target

    @staticmethod
    def _cover_jpeg(book: Path, meta: BookMeta, work: Path) -> Path | None:
        if meta.format == "pdf":
            return covers.pdf_first_page(book, work / "cover.jpg")
        if not meta.cover:
            return None
        if meta.cover_ext in (".jpg", ".jpeg"):
            (work / "cover.jpg").write_bytes(meta.cover)
            return work / "cover.jpg"
        source = work / f"source{meta.cover_ext or '.img'}"
        source.write_bytes(meta.cover)
        return covers.to_jpeg(source, work / "cover.jpg")

    def book(self, media_id: str):
        """The item ``media_id`` when it is a book (with or without a file); NotFound otherwise."""
        item = self.state.get_media(media_id)
        if item.kind != "book":
            raise NotFound(f"item {media_id} is not a book")
        return item

    def file_or_none(self, media_id: str) -> Path | None:
        """The book's file, or None for a book entered by hand."""
        files = self.state.list_media_files(self.book(media_id).id)
        return Path(files[0].path) if files and Path(files[0].path).is_file() else None

    def book_file(self, media_id: str) -> Path:
        """The file of the book that is item ``media_id``; NotFound when it is not a book on disk."""
        path = self.file_or_none(media_id)
        if path is None:
            raise NotFound(f"book {media_id} has no file (it was entered by hand)")
        return path

    def epub_html(self, media_id: str) -> str:
        """An EPUB's chapters in reading order as one sanitised HTML document, for the app's reader
        (the same allow-list as articles; the book's own images and styles are left out)."""
        path = self.book_file(media_id)
        if path.suffix != ".epub":
            raise InvalidInput("only EPUB books open in the reader; a PDF opens in the browser's viewer")
        return "<hr>".join(sanitize(chapter, {}) for chapter in epub_chapters(path))

    def list_books(self, *, limit: int = 500) -> list[dict[str, Any]]:
        """Books with their file, for the OPDS catalog, newest first."""
        found = []
        for item in self.state.list_media(kind="book", limit=limit):
            files = self.state.list_media_files(item.id)
            if files:
                found.append({"item": item, "file": files[0]})
        return sorted(found, key=lambda b: b["item"].added_at, reverse=True)


def place_file(source: Path, final: Path) -> None:
    """Copy ``source`` to ``final`` through ``.<name>.part`` beside it; never overwrites ``final``."""
    part = final.with_name(f".{final.name}.part")
    shutil.copyfile(source, part)
    try:
        if part.stat().st_size != source.stat().st_size:
            raise Conflict(f"the copy of {final.name} is incomplete; nothing was published")
        os.link(part, final)  # fails with FileExistsError rather than replacing a file
    except FileExistsError as exc:
        raise Conflict(f"{final.name} already exists; nothing was overwritten") from exc
    finally:
        part.unlink(missing_ok=True)


def _extra(meta: BookMeta) -> dict[str, Any]:
    values = {"authors": meta.authors, "series": meta.series, "series_index": meta.series_index,
              "language": meta.language, "isbn": meta.isbn, "format": meta.format}
    return {k: v for k, v in values.items() if v not in (None, [], "")}
