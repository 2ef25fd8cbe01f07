"""Encrypted Blu-rays: MakeMKV's ``makemkvcon`` when it is installed, a clear message when it is not.

The installed ``makemkvcon`` is a shim put first on PATH by the test: a small Python script that
answers in MakeMKV's robot mode (``MSG``/``DRV``-free ``info`` with ``TCOUNT``, ``CINFO``,
``TINFO``, ``SINFO``; ``mkv`` with ``PRGT``/``PRGC``/``PRGV`` and ``MSG:5036``, in the format of
MakeMKV's usage.txt and apdefs.h), honours ``--minlength`` like MakeMKV does, records its argv and
writes a real MKV (made with ffmpeg) into the output folder. The rest is real: the watch folder,
the fake TMDb, HandBrakeCLI, ffprobe and the library's organizer.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from media_library import events
from media_library.tools import ffprobe
from tests.discs.conftest import job_done, wait_for
from tests.media import make_video

pytestmark = [
    pytest.mark.slow,
]
HOSTILE_LABEL = 'THE_FILM" & touch pwned & "'

SHIM = r'''#!{python}
"""A stand-in for makemkvcon (robot mode), written by tests/discs/test_makemkv.py."""
import json, os, shutil, sys

RECORD, MKV, NAME = {record!r}, {mkv!r}, "THE_FILM"
TITLES = [("00800.mpls", 20, "0:00:20"), ("00801.mpls", 5, "0:00:05")]


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


with open(RECORD, "a") as fh:
    fh.write(json.dumps(sys.argv) + "\n")
options = [a for a in sys.argv[1:] if a.startswith("-")]
command, source, *rest = [a for a in sys.argv[1:] if not a.startswith("-")]
min_length = 120  # MakeMKV's default
for option in options:
    if option.startswith("--minlength="):
        min_length = int(option.split("=", 1)[1])
titles = [t for t in TITLES if t[1] >= min_length]
out('MSG:1005,0,1,"MakeMKV v1.17.7 linux(x64-release) started","%1 started","MakeMKV v1.17.7 linux(x64-release)"')
kind, _, path = source.partition(":")
if kind != "file" or not os.path.isdir(os.path.join(path, "BDMV")):
    out('MSG:5010,0,0,"Failed to open disc","Failed to open disc"')
    out("TCOUNT:0")
    sys.exit(0)
out('MSG:3007,0,0,"Using direct disc access mode","Using direct disc access mode"')
if command == "info":
    for number, (playlist, _, _) in enumerate(titles):
        out(f'MSG:3307,0,2,"File {{playlist}} was added as title #{{number}}","File %1 was added as title #%2","{{playlist}}","{{number}}"')
    out('MSG:5011,0,0,"Operation successfully completed","Operation successfully completed"')
    out(f"TCOUNT:{{len(titles)}}")
    out('CINFO:1,6209,"Blu-ray disc"')
    out(f'CINFO:2,0,"{{NAME}}"')
    out('CINFO:28,0,"eng"')
    out('CINFO:29,0,"English"')
    out(f'CINFO:30,0,"{{NAME}}"')
    out('CINFO:33,0,"0"')
    for number, (playlist, seconds, clock) in enumerate(titles):
        out(f'TINFO:{{number}},2,0,"{{NAME}}"')
        out(f'TINFO:{{number}},8,0,"3"')
        out(f'TINFO:{{number}},9,0,"{{clock}}"')
        out(f'TINFO:{{number}},10,0,"{{seconds * 0.1:.1f}} MB"')
        out(f'TINFO:{{number}},11,0,"{{seconds * 104857}}"')
        out(f'TINFO:{{number}},16,0,"{{playlist}}"')
        out(f'TINFO:{{number}},25,0,"1"')
        out(f'TINFO:{{number}},26,0,"{{number + 1}}"')
        out(f'TINFO:{{number}},27,0,"{{NAME}}_t{{number:02d}}.mkv"')
        out(f'TINFO:{{number}},30,0,"{{NAME}} - 3 chapter(s) , {{seconds * 0.1:.1f}} MB"')
        out(f'TINFO:{{number}},33,0,"0"')
        out(f'SINFO:{{number}},0,1,6201,"Video"')
        out(f'SINFO:{{number}},0,5,0,"V_MPEG4/ISO/AVC"')
        out(f'SINFO:{{number}},1,1,6202,"Audio"')
        out(f'SINFO:{{number}},1,3,0,"eng"')
    sys.exit(0)
title, folder = int(rest[0]), rest[1]
out('PRGT:5018,0,"Saving to MKV file"')
out('PRGC:5017,0,"Saving all titles to MKV files"')
target = os.path.join(folder, f"{{NAME}}_t{{title:02d}}.mkv")
size = os.path.getsize(MKV)
with open(MKV, "rb") as src, open(target, "wb") as dst:
    while chunk := src.read(64 * 1024):
        dst.write(chunk)
        out(f"PRGV:{{dst.tell() * 65536 // size}},{{dst.tell() * 65536 // size}},65536")
out('MSG:5036,0,1,"Copy complete. 1 titles saved.","Copy complete. %1 titles saved.","1"')
'''


def install_shim(tmp_path: Path, tmp_path_factory, monkeypatch) -> tuple[Path, Path]:
    """``makemkvcon`` first on PATH; returns (its path, the file it records each argv in)."""
    mkv = make_video(tmp_path / "decrypted" / "title.mkv", 20.0, cache=tmp_path_factory)
    folder = tmp_path / "bin"
    folder.mkdir()
    shim, record = folder / "makemkvcon", tmp_path / "makemkvcon-argv.jsonl"
    shim.write_text(SHIM.format(python=sys.executable, record=str(record), mkv=str(mkv)))
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return shim, record


def without_makemkv(monkeypatch) -> None:
    """PATH without any real ``makemkvcon`` this machine may have."""
    kept = [d for d in os.environ.get("PATH", "").split(os.pathsep) if not (Path(d) / "makemkvcon").exists()]
    monkeypatch.setenv("PATH", os.pathsep.join(kept))


def make_encrypted_bluray(folder: Path) -> Path:
    """The shape of an AACS Blu-ray: ``BDMV`` (index, playlists, streams) and an ``AACS`` folder."""
    for rel, data in (("BDMV/index.bdmv", b"INDX0200" + bytes(32)), ("BDMV/MovieObject.bdmv", b"MOBJ0200"),
                      ("BDMV/PLAYLIST/00800.mpls", b"MPLS0200"), ("BDMV/STREAM/00000.m2ts", bytes(192 * 64)),
                      ("AACS/Unit_Key_RO.inf", bytes(64)), ("AACS/MKB_RO.inf", bytes(64)),
                      ("CERTIFICATE/id.bdmv", b"BDID0200")):  # fmt: skip
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def insert(tmp_path: Path, name: str) -> Path:
    built = make_encrypted_bluray(tmp_path / "build" / name)
    (tmp_path / "watch").mkdir(exist_ok=True)
    return built.rename(tmp_path / "watch" / name)


@pytest.mark.parametrize("reencode", [True, False], ids=["reencoded", "kept"])
def test_encrypted_bluray_rips_through_makemkvcon(tmp_path, tmp_path_factory, monkeypatch, rig, fake_tmdb, reencode):
    shim, record = install_shim(tmp_path, tmp_path_factory, monkeypatch)
    fake_tmdb.add_movie(5050, "The Film", year=2019, poster_path="/thefilm.jpg")
    runtime, recorder = rig(**{"disc.confirm_window_seconds": 3600, "disc.makemkv_reencode": reencode})
    bluray = insert(tmp_path, HOSTILE_LABEL)

    disc = wait_for(lambda: (runtime.state.list_discs() or [None])[0], 30, what="disc detected")
    assert disc.kind == "bluray" and disc.status == "waiting" and disc.label == HOSTILE_LABEL
    runtime.services.discs.confirm(disc.id, {"mode": "movie", "title": "The Film", "year": 2019, "tmdb_id": 5050})
    done = wait_for(lambda: job_done(runtime, disc.id), 180, what="rip done")

    name = "The Film (2019) [tmdbid-5050]"
    path = runtime.settings.media_dir / "Movies" / name / f"{name}.mkv"
    assert [o["path"] for o in done.result["outputs"]] == [f"Movies/{name}/{name}.mkv"]
    assert done.result["titles_on_disc"] == 1  # the 5 s title is below disc.min_title_seconds (--minlength=8)
    probe = ffprobe.probe(path)
    assert 19.0 <= probe.duration_s <= 21.5
    # Re-encoded by HandBrake with the disc settings (--width 160), or MakeMKV's MKV kept as it was.
    assert probe.of_type("video")[0].width == (160 if reencode else 320)
    assert path.with_suffix(".nfo").is_file()

    # The shim's argv: lists, the source one argument (the hostile label only inside that path).
    job = runtime.state.get_job(done.job_id)
    work = runtime.settings.work_dir / str(job.id)
    calls = [json.loads(line) for line in record.read_text().splitlines()]
    source = f"file:{bluray}"
    assert calls == [
        [str(shim), "-r", "--progress=-same", "--minlength=8", "info", source],
        [str(shim), "-r", "--progress=-same", "--minlength=8", "mkv", source, "0", str(work / "makemkv-t00.partial")],
    ]
    assert not (Path.cwd() / "pwned").exists()
    assert not list(work.glob("makemkv-*")), "the decrypted MKV is removed once its output is staged"
    assert not list(runtime.settings.media_dir.rglob("*.partial.mkv"))

    messages = [p["message"] or "" for p in recorder.named(events.JobProgress) if p["kind"] == "disc.rip"]
    assert any(m.startswith("decrypting title 1/1 with MakeMKV") for m in messages)
    assert any(m.startswith("encoding title 1/1") for m in messages) == reencode


def test_encrypted_bluray_without_makemkvcon_is_refused_at_once(tmp_path, monkeypatch, rig):
    without_makemkv(monkeypatch)
    runtime, _ = rig()
    insert(tmp_path, "SOME_BLURAY")
    disc = wait_for(lambda: (runtime.state.list_discs() or [None])[0], 30, what="disc detected")
    # Straight from detection: no window, no job, and the message names the optional tool.
    assert disc.status == "unsupported" and disc.kind == "bluray" and disc.job_id is None
    assert "encrypted" in disc.message and "makemkvcon" in disc.message and "optional" in disc.message
    assert not [j for j in runtime.state.list_jobs(limit=50) if j.kind.startswith("disc.")]


def test_rip_job_of_an_encrypted_bluray_without_makemkvcon_fails_with_the_message(tmp_path, monkeypatch, rig):
    """MakeMKV uninstalled between insert and rip: the job stops before any tool runs, saying why."""
    without_makemkv(monkeypatch)
    runtime, _ = rig()
    bluray = make_encrypted_bluray(tmp_path / "elsewhere" / "BD")
    disc = runtime.state.add_disc("fp-bd", label="BD", kind="bluray", source=str(bluray), status="confirmed",
                                  choice={"mode": "movie", "title": "Some Film", "year": 2001})
    runtime.jobs.enqueue("disc.rip", {"disc_id": disc.id})
    failed = wait_for(lambda: (d := runtime.state.get_disc(disc.id)).status == "failed" and d, 60, what="rip failed")
    assert "makemkvcon" in failed.error and "encrypted" in failed.error
