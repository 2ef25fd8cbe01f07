"""Ripping an encrypted Blu-ray with MakeMKV's ``makemkvcon`` (only when installed), then HandBrake.

HandBrake cannot decrypt AACS. When ``makemkvcon`` is on PATH an encrypted Blu-ray goes this way:

- **List**: ``makemkvcon -r --progress=-same --minlength=N info <source>``; its ``TINFO`` durations
  become a ``DiscScan`` without a main-feature hint (so: the title nearest the TMDb runtime, else
  the longest), and the plan is the HandBrake path's (``rip.plan_outputs``: minimum duration, most
  outputs, TV episodes, extras). ``N`` is ``disc.min_title_seconds``: MakeMKV numbers the titles
  it keeps, so ``info`` and ``mkv`` always get the same value.
- **Decrypt**: ``makemkvcon -r --progress=-same --minlength=N mkv <source> <title> <folder>`` into
  ``<work>/makemkv-tNN.partial/`` (progress from ``PRGV``); the folder becomes ``makemkv-tNN`` only
  after exit 0 and an MKV lasting ``disc.min_duration_ratio`` of the title (ffprobe), so a retry
  reuses a finished one and never a half-written one.
- **Encode**: that MKV through HandBrakeCLI like any rip (``disc.makemkv_reencode``, default), or
  kept as it is: moved into the staging folder (copied through ``*.partial.mkv`` when the work
  folder is on another filesystem). The decrypted MKV is removed once its output is staged.

Without ``makemkvcon`` an encrypted Blu-ray stops with ``ENCRYPTED_MESSAGE``, which names it.

Must not: run a shell, put the disc label in an argv (the source is a path), or require MakeMKV.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...errors import ToolError
from ...tools import handbrake, makemkv
from . import rip
from .monitor import encrypted_bluray

TOOL = "makemkvcon"
INFO_TIMEOUT_S = 900.0  # a scratched disc can keep MakeMKV reading for minutes
ENCRYPTED_MESSAGE = ("This Blu-ray is encrypted (AACS) and HandBrake cannot decrypt it. Install MakeMKV "
                     "(makemkvcon, optional) on this machine to rip it, or rip it elsewhere.")  # fmt: skip

Progress = Callable[[float, str], None]


def needed(kind: str, source: str) -> bool:
    """An encrypted Blu-ray: HandBrake alone cannot read it."""
    return kind == "bluray" and encrypted_bluray(source)


def require() -> str:
    """The path of ``makemkvcon``, or the clear "encrypted Blu-ray" error naming the optional tool."""
    found = makemkv.available()
    if not found:
        raise ToolError(TOOL, None, message=ENCRYPTED_MESSAGE)
    return found


def scan(makemkvcon: str, source: str, opts: rip.RipOptions, *, run) -> handbrake.DiscScan:
    """The disc's titles as MakeMKV lists them (``ToolError`` with MakeMKV's last message when none)."""
    done = run(makemkv.info_argv(source, makemkvcon, min_length=_min_length(opts)), timeout=INFO_TIMEOUT_S,
               line_source="stdout", check=False)  # fmt: skip
    titles = makemkv.parse_titles(done.stdout)
    if not titles:
        reason = last_message(done.stdout) or f"exit status {done.returncode}"
        raise ToolError(TOOL, done.returncode, done.stderr_tail, message=f"MakeMKV found no titles: {reason}")
    return handbrake.DiscScan([handbrake.Title(t.index, t.duration_s, name=t.output_name) for t in titles], None)


def last_message(text: str) -> str:
    """MakeMKV's last ``MSG`` text (what it would show a person), or ""."""
    found = [m[1] for m in map(makemkv.parse_message, text.splitlines()) if m is not None and m[1]]
    return found[-1] if found else ""


def _min_length(opts: rip.RipOptions) -> int:
    return max(0, int(opts.min_title_seconds))


def decrypt(makemkvcon: str, source: str, item: rip.Planned, work_dir: Path, opts: rip.RipOptions, *, run,
            on_percent: Callable[[float], None]) -> Path:  # fmt: skip
    """The verified MKV of one title in ``work_dir`` (made now, or found from an earlier attempt)."""
    done_dir = Path(work_dir) / f"makemkv-t{item.title_index:02d}"
    found = _verified_mkv(done_dir, item, opts)
    if found is not None:
        return found
    shutil.rmtree(done_dir, ignore_errors=True)
    partial = done_dir.with_name(done_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)

    def on_line(line: str) -> None:
        percent = makemkv.parse_progress(line)
        if percent is not None:
            on_percent(percent)

    try:
        done = run(makemkv.rip_argv(source, item.title_index, partial, makemkvcon, min_length=_min_length(opts)),
                   on_line=on_line, line_source="stdout", timeout=None, low_priority=True)  # fmt: skip
        mkv = _only_mkv(partial, done.stdout)
        rip.verify_duration(mkv, item.duration_s, opts.min_duration_ratio, tool=TOOL)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    os.replace(partial, done_dir)
    return done_dir / mkv.name


def _verified_mkv(folder: Path, item: rip.Planned, opts: rip.RipOptions) -> Path | None:
    mkvs = sorted(folder.glob("*.mkv")) if folder.is_dir() else []
    if len(mkvs) != 1:
        return None
    try:
        rip.verify_duration(mkvs[0], item.duration_s, opts.min_duration_ratio, tool=TOOL)
    except ToolError:
        return None
    return mkvs[0]


def _only_mkv(folder: Path, stdout: str) -> Path:
    mkvs = sorted(folder.glob("*.mkv"))
    if len(mkvs) != 1:
        reason = last_message(stdout) or "no MKV file was written"
        raise ToolError(TOOL, 0, message=f"MakeMKV did not save the title: {reason}")
    return mkvs[0]


def rip_outputs(source: str, choice: dict[str, Any], staging: Path, work_dir: Path, opts: rip.RipOptions, *,
                reencode: bool, run, progress: Progress, check_cancelled: Callable[[], None]):  # fmt: skip
    """Plan, decrypt and encode (or keep) each title: ``(scan, [(Planned, staged path, duration)])``."""
    makemkvcon = require()
    progress(0.0, "listing the disc's titles with MakeMKV")
    disc_scan = scan(makemkvcon, source, opts, run=run)
    planned = rip.plan_outputs(disc_scan, choice, opts)
    staging.mkdir(parents=True, exist_ok=True)
    rip.clean_partials(staging)
    outputs = []
    for n, item in enumerate(planned, 1):
        check_cancelled()
        final = rip.staged_output(staging, item)
        duration = rip.reuse_verified(final, item, opts)
        if duration is None:
            duration = _one_title(makemkvcon, source, item, final, work_dir, opts, reencode=reencode, run=run,
                                  report=_reporter(progress, n, len(planned), reencode))  # fmt: skip
        outputs.append((item, final, duration))
    return disc_scan, outputs


def _one_title(makemkvcon: str, source: str, item: rip.Planned, final: Path, work_dir: Path, opts: rip.RipOptions,
               *, reencode: bool, run, report) -> float:  # fmt: skip
    mkv = decrypt(makemkvcon, source, item, work_dir, opts, run=run, on_percent=lambda p: report("decrypt", p, None))
    if reencode:
        duration = rip.encode_title(str(mkv), 1, item, final, opts, run=run,
                                    on_progress=lambda p: report("encode", p.overall_percent, p))  # fmt: skip
    else:
        duration = rip.verify_duration(mkv, item.duration_s, opts.min_duration_ratio, tool=TOOL)
        move_staged(mkv, final)
    shutil.rmtree(mkv.parent, ignore_errors=True)
    return duration


def _reporter(progress: Progress, n: int, count: int, reencode: bool):
    """Overall percent across titles; with re-encoding, decrypting is the first half of a title."""

    def report(phase: str, percent: float, parsed: handbrake.Progress | None) -> None:
        share = percent / 100.0
        if reencode:
            share = share / 2 if phase == "decrypt" else 0.5 + share / 2
        overall = 100.0 * (n - 1 + share) / count
        if parsed is not None:
            progress(overall, rip.progress_text(parsed, n, count))
        else:
            progress(overall, f"decrypting title {n}/{count} with MakeMKV: {percent:.1f} %")

    return report


def move_staged(mkv: Path, final: Path) -> None:
    """``mkv`` to ``final``: a rename, or across filesystems a copy to ``*.partial.mkv`` then a rename."""
    try:
        os.replace(mkv, final)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    partial = final.with_name(final.name.removesuffix(".mkv") + rip.PARTIAL_SUFFIX)
    try:
        shutil.copyfile(mkv, partial)
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    mkv.unlink()
