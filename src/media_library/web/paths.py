"""Absolute server paths are for admins only: every JSON answer and Socket.IO event a non-admin
gets has them rewritten (``ServerPaths.hide``).

One place does it for every route, so a new route (or a job result, an error message, a source's
disc or download record) cannot leak where the server keeps things. A path under the library root
(``paths.media_dir``) becomes relative to it (``Movies/Heat (1995)/Heat (1995).mkv``); a path
under another configured folder (the data folder, the STRM output, a source's watch folder…)
keeps only that folder's own name (``MediaLibrary/uploads/ab12.mkv``). The roots are the
absolute folder settings, matched as whole path components inside any string, so error messages
are covered too; URLs (``/api/…``) are not paths under a root and stay as they are.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from typing import Any

from flask import Flask, Response, g, request

from ..config import Settings, iter_settings

FOLDER_SUFFIXES = ("_dir", "_folder", "_path", "path", "dir", "folder")


def configured_folders(settings: Settings) -> list[str]:
    """Every absolute folder the settings name: the data and media folders and each ``*_dir``,
    ``*_folder`` or ``*_path`` setting holding an absolute path."""
    folders = [str(settings.data_dir), str(settings.media_dir)]
    for key, value, _meta in iter_settings(settings):
        if isinstance(value, str) and key.endswith(FOLDER_SUFFIXES) and os.path.isabs(os.path.expanduser(value)):
            folders.append(os.path.expanduser(value))
    folders += [os.path.expanduser(p) for p in settings.library.allowed_folders if os.path.isabs(os.path.expanduser(p))]
    return folders


def _spellings(folder: str) -> Iterable[str]:
    """A folder as written and as resolved (a symlinked data folder is reported either way)."""
    normal = os.path.normpath(folder)
    yield normal
    yield os.path.realpath(normal)


class ServerPaths:
    """Rewrites absolute paths under the configured folders (see the module doc)."""

    def __init__(self, folders: Iterable[str], library_root: str):
        library = {os.path.normpath(library_root), os.path.realpath(library_root)}
        labels: dict[str, str] = {}
        for folder in folders:
            for spelling in _spellings(folder):
                if spelling != os.sep:
                    labels.setdefault(spelling, "" if spelling in library else os.path.basename(spelling))
        self._labels = labels
        roots = sorted(labels, key=len, reverse=True)  # the longest root first: media_dir before data_dir
        self._pattern = re.compile("(" + "|".join(map(re.escape, roots)) + r")(?:(/)|(?![\w.\-]))") if roots else None

    @classmethod
    def from_settings(cls, settings: Settings) -> ServerPaths:
        return cls(configured_folders(settings), str(settings.media_dir))

    def _replace(self, match: re.Match) -> str:
        label = self._labels[match.group(1)]
        if match.group(2):  # something under the root: relative to it, or under its name
            return f"{label}/" if label else ""
        return label or os.path.basename(match.group(1))

    def hide_text(self, text: str) -> str:
        if self._pattern is None or os.sep not in text:
            return text
        return self._pattern.sub(self._replace, text)

    def hide(self, value: Any) -> Any:
        """``value`` (JSON data) with every server path rewritten; dictionary keys stay."""
        if isinstance(value, str):
            return self.hide_text(value)
        if isinstance(value, list):
            return [self.hide(v) for v in value]
        if isinstance(value, dict):
            return {k: self.hide(v) for k, v in value.items()}
        return value


def caller_sees_paths() -> bool:
    identity = g.get("identity")
    return identity is not None and identity.user.is_admin


def init_paths(app: Flask, settings: Settings) -> ServerPaths:
    """Rewrite server paths in every ``/api`` JSON answer to anyone but an admin."""
    hider = ServerPaths.from_settings(settings)

    @app.after_request
    def _hide_paths(response: Response) -> Response:
        if (request.path.startswith("/api/") and response.mimetype == "application/json" and not response.is_streamed
                and not caller_sees_paths()):
            data = json.loads(response.get_data(as_text=True) or "null")
            hidden = hider.hide(data)
            if hidden != data:
                response.set_data(app.json.dumps(hidden))
        return response

    return hider
