"""The article source's publish step: a finished article folder moved into the library.

Articles are not identified (there is nothing to match against TMDb or MusicBrainz), so they do not
go through ``Publisher.accept``/``adopt``; this step follows the same rules instead. The job builds
the folder in its work folder (``article.html`` sanitised, ``original.html`` as fetched,
``article.json`` the metadata, ``images/``); here it is copied next to its place as a hidden
``.part`` folder, checked (every file there, the same sizes), then renamed into place in one step,
``<media_dir>/<articles.folder>/<Site>/<Title> [<id>]``. An existing folder is never overwritten:
one holding this same article (a retry after a crash between the move and the database write) is
taken as published; any other is a conflict.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ...errors import Conflict
from ..naming import join_inside, safe_component

META = "article.json"


def target_folder(root: Path, site: str | None, title: str, article_id: int) -> Path:
    site_name = safe_component(site, fallback="Unknown site")
    title_name = safe_component(title, fallback="Untitled", max_bytes=150)
    return join_inside(root, site_name, f"{title_name} [{article_id}]")


def publish_folder(work: Path, target: Path, article_id: int) -> Path:
    """Move ``work`` to ``target`` atomically (see the module doc); returns ``target``."""
    if target.exists():
        if _article_id(target) == article_id:
            return target
        raise Conflict(f"{target} already exists and holds something else; nothing was overwritten")
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    if part.exists():
        shutil.rmtree(part)
    shutil.copytree(work, part)
    _verify_copy(work, part)
    part.rename(target)
    shutil.rmtree(work, ignore_errors=True)
    return target


def _verify_copy(source: Path, copy: Path) -> None:
    for path in source.rglob("*"):
        if path.is_file() and (copy / path.relative_to(source)).stat().st_size != path.stat().st_size:
            raise Conflict(f"copy of {path.name} is incomplete; the article was not published")


def _article_id(folder: Path) -> int | None:
    try:
        return json.loads((folder / META).read_text(encoding="utf-8")).get("id")
    except (OSError, ValueError):
        return None
