"""The article source's settings section, ``articles`` (``settings.articles``; ``ML_ARTICLES__*``)."""

from __future__ import annotations

from dataclasses import dataclass

from ...config import setting

SECTION = "articles"


@dataclass(frozen=True)
class ArticleSettings:
    folder: str = setting("Articles", "Folder under the library root where saved articles are placed (`<site>/<title> [<id>]/`).")
    max_page_mb: int = setting(10, "Largest page (or HTML sent by the bookmarklet) read for one article, in MiB.")
    timeout_seconds: float = setting(20.0, "Deadline for fetching one page or one image, redirects included.")
    max_images: int = setting(40, "Most images saved with one article; later ones are left out.")
    max_image_mb: int = setting(10, "Largest image saved with an article, in MiB; larger ones are left out.")
    min_words: int = setting(40, "An extraction with fewer words than this fails the job (a page that needs JavaScript or a login).")

    def checks(self) -> list[tuple[str, bool, str]]:
        """``(setting, valid, what it must be)`` for ``config`` to refuse a bad value at start-up."""
        return [
            ("max_page_mb", self.max_page_mb >= 1, "at least 1"),
            ("max_image_mb", self.max_image_mb >= 1, "at least 1"),
            ("timeout_seconds", self.timeout_seconds > 0, "more than 0"),
            ("max_images", self.max_images >= 0, "0 or more"),
            ("folder", bool(self.folder.strip()) and "/" not in self.folder and self.folder not in {".", ".."},
             "one folder name"),
        ]
