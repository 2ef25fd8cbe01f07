"""ffmpeg copying a live MPEG-TS stream into fragmented MP4, which browsers play in ``<video>``.

The stream is fed on ffmpeg's stdin from an iterator of bytes (the bytes our guarded client
relays: ffmpeg never fetches a URL, so the provider's credentials are never in an argv) by one
thread; its stdout is read back in chunks. No re-encoding (``-c copy``). ffmpeg runs behind the
group guard in its own process group (``tools/proc.py``), so it dies with the request (the
``ExitStack`` the caller closes), or with the daemon.

Must not: import the database, Flask or any service.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterable, Iterator
from contextlib import ExitStack

from .proc import group_guard_prefix, kill_group, which

ARGS = ["-hide_banner", "-loglevel", "error", "-fflags", "+genpts", "-f", "mpegts", "-i", "pipe:0", "-map", "0:v:0?",
        "-map", "0:a:0?", "-c", "copy", "-bsf:a", "aac_adtstoasc", "-f", "mp4", "-movflags", "frag_keyframe+empty_moov+default_base_moof", "pipe:1"]
CHUNK = 64 * 1024


def remux_to_fmp4(source: Iterable[bytes], stack: ExitStack) -> Iterator[bytes]:
    """Start ffmpeg on ``source`` and return its output; ``stack`` ends ffmpeg when closed."""
    argv = [*group_guard_prefix(), which("ffmpeg"), *ARGS]
    popen = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,  # noqa: S603 - an argv list
                             stderr=subprocess.DEVNULL, start_new_session=True)
    stack.callback(kill_group, popen, 1.0)
    feeder = threading.Thread(target=_feed, args=(source, popen), name="ffmpeg-remux-feed", daemon=True)
    feeder.start()
    return _read(popen)


def _feed(source: Iterable[bytes], popen: subprocess.Popen) -> None:
    try:
        for chunk in source:
            popen.stdin.write(chunk)
    except Exception:  # noqa: BLE001 - the source broke off or ffmpeg went away: the reader side ends the answer
        pass
    finally:
        try:
            popen.stdin.close()
        except OSError:
            pass


def _read(popen: subprocess.Popen) -> Iterator[bytes]:
    while True:
        chunk = popen.stdout.read1(CHUNK)
        if not chunk:
            popen.stdout.close()
            popen.wait()
            return
        yield chunk
