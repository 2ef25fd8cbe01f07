"""The book source's settings section, ``books`` (``settings.books``; ``ML_BOOKS__*``)."""

from __future__ import annotations

from dataclasses import dataclass

from ...config import setting

SECTION = "books"


@dataclass(frozen=True)
class BookSettings:
    folder: str = setting("Books", "Folder under the library root where books are placed (`Author/Title (Year)/Title - Author.ext`).")
    openlibrary_url: str = setting("", "Open Library's base URL (such as https://openlibrary.org) to fill in a book's missing title, authors and year by its ISBN. Empty: off; unreachable: skipped.")
    googlebooks_url: str = setting("", "Google Books' base URL (such as https://www.googleapis.com) to fill in what the file and Open Library do not say (title, authors, year, description, language) by ISBN, through its volumes API. Empty: off; unreachable: skipped.")
    max_text_mb: int = setting(20, "Most text (in MiB) taken from one EPUB into the search index.")

    def checks(self) -> list[tuple[str, bool, str]]:
        return [("folder", bool(self.folder.strip()) and "/" not in self.folder and self.folder not in {".", ".."},
                 "one folder name"), ("max_text_mb", self.max_text_mb >= 1, "at least 1")]
