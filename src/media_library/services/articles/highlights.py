"""Readers' highlights with notes, for articles and books: what a highlight may hold, checked.

A highlight is anchored as plain text, never as markup or a DOM path: its character offsets in the
reader's text (``start``, ``end``) and the quote with up to ``MAX_CONTEXT`` characters before and
after it (``prefix``, ``suffix``), as the W3C Web Annotation TextPosition and TextQuote selectors
do. The app re-finds the quote in the sanitised text and wraps it in ``<mark>`` elements it makes
itself, so nothing stored here is ever parsed as HTML; control characters are dropped and every
field has a length cap.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import InvalidInput, NotFound
from ...models.articles import Highlight

READABLE_KINDS = ("article", "book")
MAX_QUOTE = 5000
MAX_CONTEXT = 64
MAX_NOTE = 5000
MAX_PER_ITEM = 1000
MAX_OFFSET = 50_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def add_highlight(state, user_id: int, body: dict[str, Any]) -> Highlight:
    """A new highlight of the caller's, from a request body that was read with ``NEW_FIELDS``."""
    media_id = body.get("media_id")
    item = state.get_media(media_id) if isinstance(media_id, str) else None
    if item is None or item.kind not in READABLE_KINDS:
        raise NotFound(f"no article or book {media_id!r} to highlight in")
    start, end = _offset(body.get("start"), "start"), _offset(body.get("end"), "end")
    if end <= start:
        raise InvalidInput("end must come after start (the highlight's first and last character)")
    if len(state.list_highlights(user_id, media_id)) >= MAX_PER_ITEM:
        raise InvalidInput(f"at most {MAX_PER_ITEM} highlights per item; delete some first")
    return state.add_highlight(user_id, media_id, start=start, end=end,
                               quote=_text(body.get("quote"), "quote", MAX_QUOTE, required=True),
                               prefix=_text(body.get("prefix"), "prefix", MAX_CONTEXT) or "",
                               suffix=_text(body.get("suffix"), "suffix", MAX_CONTEXT) or "",
                               note=_text(body.get("note"), "note", MAX_NOTE) or None)


def note_of(body: dict[str, Any]) -> str | None:
    """The note of a PATCH body (empty or null clears it)."""
    return _text(body.get("note"), "note", MAX_NOTE) or None


def _offset(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_OFFSET:
        raise InvalidInput(f"{name} must be a character offset (a whole number from 0)")
    return value


def _text(value: Any, name: str, limit: int, *, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be text")
    text = _CONTROL.sub("", value)
    if required and not text.strip():
        raise InvalidInput(f"{name} must not be empty: select some text first")
    if len(text) > limit:
        raise InvalidInput(f"{name} must be at most {limit} characters")
    return text
