"""The one way the project runs an external program.

Owns: starting a child from an argv list (never a shell) in its own process group, reading its
output incrementally (lines split on both ``\\r`` and ``\\n`` because HandBrakeCLI redraws its
progress with ``\\r``), an overall deadline, cancellation through a ``threading.Event``, and killing
the whole group (SIGTERM, then SIGKILL after a grace) so no encoder outlives its job. The group's
first process is the group guard (``groupguard.py``), which kills the group when the daemon dies,
even by SIGKILL. Also: whether a process id still names the process that once held it
(``process_start_time``), so a zombie or a reused pid never passes for a live daemon.

Must not: build command strings, use ``shell=True``, import the database, Flask or any service.
Callers pass paths as absolute paths so a file named ``-i.mkv`` is never read as an option.
"""

from __future__ import annotations

import codecs
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from media_library.errors import JobCancelled, ToolError, ToolMissing

LineSource = Literal["stderr", "stdout", "both"]

# How to install each program on Debian; shown in ToolMissing so start-up checks can print a hint.
INSTALL_HINTS = {
    "ffprobe": "apt-get install ffmpeg",
    "ffmpeg": "apt-get install ffmpeg",
    "pdftoppm": "apt-get install poppler-utils",
    "HandBrakeCLI": "apt-get install handbrake-cli",
    "mediainfo": "apt-get install mediainfo",
    "fpcalc": "apt-get install libchromaprint-tools",
    "dvdauthor": "apt-get install dvdauthor",
    "genisoimage": "apt-get install genisoimage",
    "cdparanoia": "apt-get install cdparanoia",
    "flac": "apt-get install flac",
    "yt-dlp": "pip install yt-dlp",
}

STDERR_TAIL_BYTES = 8192
_POLL_S = 0.1  # how often the read loop looks at the cancel event and the deadline
_PIPE_GRACE_S = 2.0  # after the child exits, how long grandchildren may keep our pipes open
_LINE_SPLIT = re.compile(r"[\r\n]")


@dataclass(frozen=True)
class Completed:
    """A finished program: its exit status, all of stdout and the last few KiB of stderr."""

    returncode: int
    stdout: str
    stderr_tail: str


def which(tool: str) -> str:
    """The absolute path of ``tool`` on PATH, or ``ToolMissing`` with an install hint."""
    found = shutil.which(tool)
    if not found:
        raise ToolMissing(tool, hint=INSTALL_HINTS.get(tool, ""))
    return found


def low_priority_prefix() -> list[str]:
    """``ionice -c3 nice -n 10`` for whichever of the two exist, so big encodes yield to playback."""
    prefix: list[str] = []
    if shutil.which("ionice"):
        prefix += ["ionice", "-c3"]
    if shutil.which("nice"):
        prefix += ["nice", "-n", "10"]
    return prefix


def group_guard_prefix() -> list[str]:
    """The group guard (``tools/groupguard.py``) in front of a program: the program and everything
    it starts die with the daemon thread that started them, even on a SIGKILL of the daemon.

    Linux's parent-death signal alone reaches only the direct child, so an ffmpeg started by a
    wrapper, or HandBrakeCLI's own helpers, would keep running with nobody to publish their work.
    """
    return [sys.executable, "-I", "-S", str(Path(__file__).with_name("groupguard.py")), str(os.getpid()), "--"]


def process_start_time(pid: int, proc_root: str = "/proc") -> int | None:
    """When ``pid`` started (clock ticks after boot, from ``/proc/<pid>/stat``), or None when no
    live process has that id: gone, or a zombie that has exited but was not reaped yet.

    A pid plus its start time names one process for the whole uptime: a pid reused by another
    program has another start time. None as well where there is no ``/proc`` (not Linux).
    """
    try:
        with open(f"{proc_root}/{pid}/stat", encoding="ascii", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return None
    fields = text[text.rfind(")") + 2:].split()  # the name (field 2) may hold spaces and parentheses
    if len(fields) < 20 or fields[0] in ("Z", "X"):
        return None
    return int(fields[19])  # field 22 of stat(5); fields[0] is field 3, the state


def kill_group(popen: subprocess.Popen, grace: float = 3.0) -> None:
    """SIGTERM the child's whole process group, then SIGKILL it if it is still there after ``grace``.

    Returns once the group leader is reaped; orphaned grandchildren have been sent SIGKILL too but
    die asynchronously (init reaps them), so "gone" may lag this call by a scheduler tick.
    """
    if not _signal_group(popen, signal.SIGTERM):
        return
    try:
        popen.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    # Grandchildren (ffmpeg spawned by a wrapper, say) may outlive the leader: always finish the group.
    _signal_group(popen, signal.SIGKILL)
    try:
        popen.wait(timeout=grace)
    except subprocess.TimeoutExpired:  # pragma: no cover - a process that ignores SIGKILL (D state)
        pass


def _signal_group(popen: subprocess.Popen, sig: int) -> bool:
    try:
        os.killpg(popen.pid, sig)  # start_new_session=True makes pgid == pid
    except (ProcessLookupError, PermissionError):
        return False
    return True


class LineSplitter:
    """Turns chunks of bytes into complete lines, splitting on ``\\r`` and ``\\n``; empty lines dropped."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""

    def feed(self, data: bytes) -> list[str]:
        text = self._pending + self._decoder.decode(data)
        parts = _LINE_SPLIT.split(text)
        self._pending = parts.pop()
        return [p for p in parts if p.strip()]

    def close(self) -> list[str]:
        rest = self._pending + self._decoder.decode(b"", final=True)
        self._pending = ""
        return [rest] if rest.strip() else []


def run(
    argv: list[str],
    *,
    timeout: float | None,
    cancel: threading.Event | None = None,
    on_start: Callable[[subprocess.Popen], None] | None = None,
    on_line: Callable[[str], None] | None = None,
    cwd: str | os.PathLike | None = None,
    env: dict[str, str] | None = None,
    low_priority: bool = False,
    line_source: LineSource = "stderr",
    check: bool = True,
) -> Completed:
    """Run ``argv`` to completion and return what it printed.

    ``timeout`` is an overall deadline in seconds (``None`` = none); when it passes the group is
    killed and ``ToolError`` raised. ``cancel`` set → group killed and ``JobCancelled`` raised.
    ``on_start`` receives the ``Popen`` (so a supervisor can kill it on shutdown); ``on_line``
    receives each line of ``line_source`` as it arrives, on the calling thread.
    A non-zero exit raises ``ToolError(tool, rc, stderr_tail)`` unless ``check=False``.
    """
    if not argv:
        raise ValueError("empty argv")
    tool = os.path.basename(str(argv[0]))
    full = [str(a) for a in argv]
    resolved = shutil.which(full[0])
    if resolved is None:  # checked here: behind the group guard a missing tool is only an exit code
        raise ToolMissing(tool, hint=INSTALL_HINTS.get(tool, ""))
    full[0] = resolved
    if low_priority:
        full = low_priority_prefix() + full
    full = group_guard_prefix() + full
    try:
        popen = subprocess.Popen(  # noqa: S603 - argv list, never a shell
            full,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
    except FileNotFoundError as exc:
        raise ToolMissing(tool, hint=INSTALL_HINTS.get(tool, "")) from exc
    try:
        if on_start is not None:
            on_start(popen)
        stdout, stderr_tail = _pump(popen, tool, timeout, cancel, on_line, line_source)
    except BaseException:
        kill_group(popen, grace=1.0)
        raise
    finally:
        for stream in (popen.stdout, popen.stderr):
            if stream is not None:
                stream.close()
    returncode = popen.wait()
    if check and returncode != 0:
        raise ToolError(tool, returncode, stderr_tail)
    return Completed(returncode, stdout, stderr_tail)


def _pump(
    popen: subprocess.Popen,
    tool: str,
    timeout: float | None,
    cancel: threading.Event | None,
    on_line: Callable[[str], None] | None,
    line_source: LineSource,
) -> tuple[str, str]:
    """Read both pipes until EOF, feeding lines to ``on_line``; honour the deadline and ``cancel``."""
    deadline = None if timeout is None else time.monotonic() + timeout
    out_chunks: list[bytes] = []
    err_tail: deque[bytes] = deque()
    err_size = 0
    splitters = {name: LineSplitter() for name in ("stdout", "stderr") if line_source in (name, "both")}
    sel = selectors.DefaultSelector()
    sel.register(popen.stdout, selectors.EVENT_READ, "stdout")
    sel.register(popen.stderr, selectors.EVENT_READ, "stderr")
    exited_at: float | None = None
    try:
        while sel.get_map():
            if cancel is not None and cancel.is_set():
                raise JobCancelled(f"{tool} cancelled")
            now = time.monotonic()
            if deadline is not None and now > deadline:
                raise ToolError(tool, None, _tail(err_tail), message=f"{tool} timed out after {timeout:g}s")
            if exited_at is None and popen.poll() is not None:
                exited_at = now
            elif exited_at is not None and now - exited_at > _PIPE_GRACE_S:
                _signal_group(popen, signal.SIGKILL)  # orphans holding our pipes open
            for key, _ in sel.select(timeout=_POLL_S):
                name = key.data
                data = os.read(key.fd, 65536)
                if not data:
                    sel.unregister(key.fileobj)
                    lines = splitters[name].close() if name in splitters else []
                elif name == "stdout":
                    out_chunks.append(data)
                    lines = splitters[name].feed(data) if name in splitters else []
                else:
                    err_tail.append(data)
                    err_size += len(data)
                    while err_size - len(err_tail[0]) >= STDERR_TAIL_BYTES:
                        err_size -= len(err_tail.popleft())
                    lines = splitters[name].feed(data) if name in splitters else []
                if on_line is not None:
                    for line in lines:
                        on_line(line)
    finally:
        sel.close()
    return b"".join(out_chunks).decode("utf-8", errors="replace"), _tail(err_tail)


def _tail(chunks: deque[bytes]) -> str:
    return b"".join(chunks)[-STDERR_TAIL_BYTES:].decode("utf-8", errors="replace")
