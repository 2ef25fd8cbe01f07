"""Playback sessions of the remux and transcode paths: one folder of HLS segments per viewer and
file, and at most one ffmpeg writing into it.

A segment request is answered from the folder once ffmpeg lists the segment as finished. When
it is not there, the request waits while the running ffmpeg is about to write it (at most
``AHEAD`` segments ahead of the last one written); otherwise, a seek, ffmpeg is started again at
that segment and the segments written so far stay. Each run writes its own list of finished
segments (``segments-<run>.csv``), so a restart never hides what an earlier run finished.

At most ``transcode.max_sessions`` ffmpeg processes run at once; one more is refused (``Busy``)
rather than slowing every viewer down. ffmpeg is stopped when nobody asked for a segment for
``idle_seconds`` (a paused viewer) and started again when they play on; the session and its
folder go when the player leaves (``stop``) or after ``forget_minutes`` without a request.

Must not: answer a segment that is still being written, or let a session be read by another user.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import Busy, NotFound, ToolError
from ...tools import hls, proc
from .plan import Decision, SegmentPlan

log = logging.getLogger(__name__)

AHEAD = 6  # segments a running ffmpeg may be ahead of, and still be waited for rather than restarted
POLL_S = 0.05


@dataclass(frozen=True)
class Limits:
    max_running: int = 2
    segment_wait_s: float = 30.0
    idle_s: float = 60.0
    forget_s: float = 1800.0


@dataclass
class Session:
    id: str
    user_id: int
    media_id: str
    source: Path
    decision: Decision
    plan: SegmentPlan
    encode: hls.Encode
    folder: Path
    last_access: float = 0.0
    process: subprocess.Popen | None = None
    run: int = 0
    run_start: int = 0  # the segment the current run started at
    finished: set[int] = field(default_factory=set)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def refresh_finished(self) -> None:
        if self.run:
            self.finished |= hls.finished_segments(self.folder, self.run)

    def segment_path(self, index: int) -> Path:
        return self.folder / f"{index}.ts"


class Sessions:
    def __init__(self, root: Path, limits: Limits, clock=time.monotonic):
        self.limits, self.clock = limits, clock
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Condition()
        self._reaper: threading.Thread | None = None
        self._closed = threading.Event()
        remove_orphans(root)
        self.root = root / owner_name(os.getpid())  # this process's own folder; created on first use

    # --- life cycle -----------------------------------------------------------------------

    def open(self, user_id: int, media_id: str, source: Path, decision: Decision, plan: SegmentPlan,
             encode: hls.Encode, start_index: int) -> Session:
        """A new session; the viewer's earlier session of the same item ends (a new audio track,
        subtitles burned in: a new encode)."""
        with self._lock:
            for old in [s for s in self._sessions.values() if s.user_id == user_id and s.media_id == media_id]:
                self._end(old)
            session = Session(secrets.token_urlsafe(16), user_id, media_id, source, decision, plan, encode,
                              self.root / secrets.token_hex(8), last_access=self.clock())
            session.folder.mkdir(parents=True)
            try:
                self._start(session, start_index)
            except BaseException:
                shutil.rmtree(session.folder, ignore_errors=True)
                raise
            self._sessions[session.id] = session
            self._ensure_reaper()
            return session

    def get(self, user_id: int, session_id: str) -> Session:
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None or session.user_id != user_id:
                raise NotFound("this playback session has ended; start playing again")
            session.last_access = self.clock()
            return session

    def stop(self, user_id: int, session_id: str) -> None:
        with self._lock:
            self._end(self.get(user_id, session_id))

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            for session in list(self._sessions.values()):
                self._end(session)
        shutil.rmtree(self.root, ignore_errors=True)

    def running_count(self) -> int:
        with self._lock:
            return sum(1 for s in self._sessions.values() if s.running())

    # --- segments -------------------------------------------------------------------------

    def segment(self, user_id: int, session_id: str, index: int) -> Path:
        """The finished segment ``index``, waiting for ffmpeg (and starting it there) as needed."""
        session = self.get(user_id, session_id)
        if not 0 <= index < len(session.plan.starts):
            raise NotFound(f"segment {index} does not exist (0–{len(session.plan.starts) - 1})")
        deadline = self.clock() + self.limits.segment_wait_s
        with self._lock:
            while True:
                if session.id not in self._sessions:
                    raise NotFound("this playback session has ended; start playing again")
                session.refresh_finished()
                if index in session.finished:
                    session.last_access = self.clock()
                    return session.segment_path(index)
                if not self._coming(session, index):
                    self._failed_before(session, index)
                    self._start(session, index)
                if self.clock() >= deadline:
                    raise Busy(f"segment {index} was not ready within {self.limits.segment_wait_s:g} s; the server is busy")
                self._lock.wait(POLL_S)

    def _coming(self, session: Session, index: int) -> bool:
        """Whether the running ffmpeg will write ``index`` soon."""
        if not session.running() or index < session.run_start:
            return False
        written = [i for i in session.finished if i >= session.run_start]
        return index <= max(written, default=session.run_start) + AHEAD

    def _failed_before(self, session: Session, index: int) -> None:
        """An ffmpeg that ended with an error at the segment now asked for again: say why."""
        process = session.process
        if process is None or process.returncode in (None, 0) or session.run_start != index:
            return
        tail = (session.folder / f"ffmpeg-{session.run}.log").read_text(errors="replace")[-800:]
        raise ToolError("ffmpeg", process.returncode, tail, message=f"ffmpeg could not convert this file: {tail.strip()[-300:]}")

    def _start(self, session: Session, index: int) -> None:
        self._halt(session)
        if self._running_elsewhere(session) >= self.limits.max_running:
            raise Busy(f"{self.limits.max_running} conversions are running already (transcode.max_sessions); "
                       "try again when one ends")
        session.run += 1
        session.run_start = index
        argv = hls.segmenter_argv(session.source, session.folder, session.encode, start=session.plan.source_time(index),
                                  start_number=index, cuts=session.plan.cuts_after(index), run=session.run)
        log_file = open(session.folder / f"ffmpeg-{session.run}.log", "wb")  # noqa: SIM115 - handed to the child
        try:
            session.process = subprocess.Popen(proc.group_guard_prefix() + argv, stdin=subprocess.DEVNULL,
                                               stdout=subprocess.DEVNULL, stderr=log_file, start_new_session=True)
        finally:
            log_file.close()
        log.info("transcode %s: %s from segment %d", session.id[:6], session.decision.method, index)

    def _running_elsewhere(self, session: Session) -> int:
        return sum(1 for s in self._sessions.values() if s is not session and s.running())

    def _halt(self, session: Session) -> None:
        if session.process is not None and session.process.poll() is None:
            proc.kill_group(session.process, grace=1.0)
        session.refresh_finished()

    def _end(self, session: Session) -> None:
        self._halt(session)
        self._sessions.pop(session.id, None)
        shutil.rmtree(session.folder, ignore_errors=True)
        self._lock.notify_all()

    # --- idle viewers ---------------------------------------------------------------------

    def _ensure_reaper(self) -> None:
        if self._reaper is None or not self._reaper.is_alive():
            self._reaper = threading.Thread(target=self._reap_loop, name="transcode-reaper", daemon=True)
            self._reaper.start()

    def _reap_loop(self) -> None:
        while not self._closed.wait(min(5.0, self.limits.idle_s / 2)):
            self.reap()
            with self._lock:
                if not self._sessions:
                    self._reaper = None
                    return

    def reap(self) -> None:
        now = self.clock()
        with self._lock:
            for session in list(self._sessions.values()):
                idle = now - session.last_access
                if idle >= self.limits.forget_s:
                    self._end(session)
                elif idle >= self.limits.idle_s and session.running():
                    self._halt(session)


def owner_name(pid: int) -> str:
    """``<pid>-<start time>``: names one process for the machine's uptime (a reused pid differs)."""
    return f"{pid}-{proc.process_start_time(pid) or 0}"


def remove_orphans(root: Path) -> None:
    """Segment folders of processes that are gone (a crash, a kill -9): nobody will read them."""
    if not root.is_dir():
        return
    for folder in root.iterdir():
        pid, _, _started = folder.name.partition("-")
        if not (pid.isdigit() and owner_name(int(pid)) == folder.name):
            shutil.rmtree(folder, ignore_errors=True)
