"""What a download URL must be before yt-dlp ever sees it.

Only ``http`` and ``https`` with a host and no credentials (the outbound guard's own URL rule,
``OutboundGuard.check_url``); nothing that looks like an option (``--exec …``, ``-o /etc/x``): a
leading ``-`` is refused here, and yt-dlp's argv puts ``--`` before the URL as well
(``tools/ytdlp.py``), so even a bug here could not turn it into an option. No whitespace or
control characters, at most 2,000 characters.
"""

from __future__ import annotations

import re

from ...clients.guard import OutboundGuard, OutboundRefused
from ...errors import InvalidInput

MAX_URL = 2000
_UNSAFE = re.compile(r"[\x00-\x20\x7f]")


def valid_url(url: object) -> str:
    """``url`` stripped, or ``InvalidInput`` saying what is wrong with it."""
    if not isinstance(url, str) or not url.strip():
        raise InvalidInput("url must be the address of a video, playlist or channel (http:// or https://)")
    text = url.strip()
    if text.startswith("-"):
        raise InvalidInput("url looks like a command-line option, not an address; paste an http:// or https:// link")
    if len(text) > MAX_URL:
        raise InvalidInput(f"url is longer than {MAX_URL} characters")
    if _UNSAFE.search(text):
        raise InvalidInput("url must not contain spaces or control characters")
    try:
        OutboundGuard().check_url(text)
    except OutboundRefused as exc:
        raise InvalidInput(f"url is not downloadable: {exc.reason}") from None
    return text
