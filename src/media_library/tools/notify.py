"""Telling people: Apprise URLs and, on macOS, a desktop notification through ``osascript``.

The desktop notification passes the title and message as *arguments* of a fixed AppleScript
(``on run argv … item 1 of argv``), after ``--``: a disc labelled
``" & do shell script "touch /tmp/x" & "`` is shown as text and never becomes script.

Must not: build a script from data, raise (a failing notification is logged, never fatal).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

APPLESCRIPT = (
    "on run argv",
    "display notification (item 2 of argv) with title (item 1 of argv)",
    "end run",
)
MAX_TEXT = 400


def osascript_argv(title: str, message: str, osascript: str = "osascript") -> list[str]:
    """The fixed script as ``-e`` lines, then ``--`` and the two texts as plain arguments."""
    argv = [osascript]
    for line in APPLESCRIPT:
        argv += ["-e", line]
    return argv + ["--", _clip(title), _clip(message)]


def _clip(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in str(text))[:MAX_TEXT]


def desktop_notify(
    title: str,
    message: str,
    *,
    run: Callable[..., object] | None = None,
    platform: str = sys.platform,
    osascript: str = "osascript",
) -> bool:
    """Show a macOS notification; False (and nothing run) on other systems or on failure."""
    if platform != "darwin" and run is None:
        return False
    from . import proc

    runner = run or proc.run
    try:
        runner(osascript_argv(title, message, osascript), timeout=10, check=False)
    except Exception as exc:  # a notification must never fail a rip
        log.warning("Desktop notification failed: %s", exc)
        return False
    return True


def apprise_notify(urls: Sequence[str], title: str, body: str) -> bool:
    """Send through every Apprise URL; False when none is configured or all failed."""
    if not urls:
        return False
    try:
        import apprise

        sender = apprise.Apprise()
        for url in urls:
            sender.add(url)
        return bool(sender.notify(title=_clip(title), body=_clip(body)))
    except Exception as exc:  # noqa: BLE001 - third-party transports raise anything
        log.warning("Apprise notification failed: %s", type(exc).__name__)
        return False
