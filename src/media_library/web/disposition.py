"""``content_disposition(name)``: the one ``Content-Disposition`` header of every download.

RFC 6266 with RFC 8187 encoding: ``attachment; filename="<ASCII fallback>"; filename*=UTF-8''<name
percent-encoded>``. Browsers take ``filename*`` (the real name, accents and all); old clients the
quoted fallback, which holds only safe ASCII (letters, digits, space and ``._()-``; accents are
stripped, anything else becomes ``_``), so no quote, backslash, CR or LF can end the header or start
another. Control characters and path separators are dropped from both. Werkzeug builds the same
inside ``send_file`` but offers no function for the other download routes (CSV reports, OPML, M3U,
EPUB), and having two ways would let them drift, so every download route uses this one.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from flask import Response

# RFC 8187 attr-char beside ALPHA / DIGIT: what may stand unencoded in filename*.
_ATTR_CHARS = "!#$&+-.^_`|~"
_UNSAFE_FALLBACK = re.compile(r"[^A-Za-z0-9 ._()-]")
_DROPPED = re.compile(r"[\x00-\x1f\x7f/\\]")
FALLBACK_NAME = "download"


def clean_name(name: str) -> str:
    """The name without control characters (CR, LF …) or path separators, at most 200 characters."""
    return _DROPPED.sub("", name or "").strip()[:200] or FALLBACK_NAME


def ascii_fallback(name: str) -> str:
    """``name`` in safe ASCII: accents stripped (é -> e), anything else outside the safe set -> ``_``."""
    stripped = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE_FALLBACK.sub("_", stripped).strip() or FALLBACK_NAME


def content_disposition(name: str, *, inline: bool = False) -> str:
    clean = clean_name(name)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_fallback(clean)}\"; filename*=UTF-8''{quote(clean, safe=_ATTR_CHARS)}"


def as_download(response: Response, name: str, *, inline: bool = False) -> Response:
    """``response`` with the Content-Disposition of a download named ``name``."""
    response.headers["Content-Disposition"] = content_disposition(name, inline=inline)
    return response
