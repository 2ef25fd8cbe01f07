"""Audio CDs without a real CD: WAVs made by ffmpeg stand in for cdparanoia's output, and a
``cdparanoia`` shim on PATH records its argv and prints a real-format TOC."""

from __future__ import annotations

import json
import os
import stat
import sys

from mutagen.flac import FLAC

from media_library.models.metadata import Release, Track
from media_library.services.discs.audio_cd import AudioCdRipper
from media_library.tools import cdparanoia, discid
from tests.discs.conftest import disc_settings
from tests.media import make_audio

JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + b"\x08" * 64 + bytes.fromhex("ffd9")


def wavs(folder, count=3, seconds=2.0):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        make_audio(folder / f"track{n:02d}.cdda.wav", seconds, melody=n)
    return folder


def ripper(settings, release=None):
    return AudioCdRipper(None, settings, lookup_release=lambda disc_id, toc: release, fetch_cover=lambda mbid: JPEG)


def test_identified_cd_becomes_a_tagged_album_with_cover(tmp_path):
    settings = disc_settings(tmp_path)
    release = Release(mbid="11111111-2222-3333-4444-555555555555", title="Test Album", year=1999, artist="The Band",
                      tracks=tuple(Track(position=n, title=f"Song {n}") for n in (1, 2, 3)))
    result = ripper(settings, release).process(wavs(tmp_path / "wav"))
    album = settings.media_dir / "Music" / "The Band" / "Test Album (1999)"
    assert sorted(p.name for p in album.iterdir()) == ["01 - Song 1.flac", "02 - Song 2.flac", "03 - Song 3.flac"]
    tags = FLAC(album / "02 - Song 2.flac")
    assert tags["ARTIST"] == ["The Band"] and tags["TITLE"] == ["Song 2"] and tags["TRACKNUMBER"] == ["2"]
    assert tags.pictures and tags.pictures[0].data == JPEG
    assert result["identified"] and tags["MUSICBRAINZ_DISCID"] == [result["disc_id"]]


def test_two_unidentified_cds_never_overwrite_each_other(tmp_path):
    settings = disc_settings(tmp_path)
    first = ripper(settings).process(wavs(tmp_path / "cd1", 2, 2.0))
    second = ripper(settings).process(wavs(tmp_path / "cd2", 3, 3.0))
    assert first["disc_id"] != second["disc_id"]
    files = sorted(p.relative_to(settings.media_dir).as_posix() for p in (settings.media_dir / "Music").rglob("*.flac"))
    assert len(files) == 5
    assert {f.split("/")[2] for f in files} == {f"Unknown Album [{first['disc_id']}]", f"Unknown Album [{second['disc_id']}]"}


def test_same_unidentified_cd_twice_keeps_both_copies(tmp_path):
    settings = disc_settings(tmp_path)
    ripper(settings).process(wavs(tmp_path / "a", 1))
    ripper(settings).process(wavs(tmp_path / "b", 1))
    assert len(list((settings.media_dir / "Music").rglob("*.flac"))) == 2


def test_acoustid_fallback_names_the_album(tmp_path):
    settings = disc_settings(tmp_path)
    hits = {1: "One", 2: "Two"}
    lookup = lambda wav: {"title": hits[int(wav.name[5:7])], "artist": "Finger Print", "album": "Prints", "year": 2005}  # noqa: E731
    AudioCdRipper(None, settings, lookup_track=lookup).process(wavs(tmp_path / "wav", 2))
    assert (settings.media_dir / "Music" / "Finger Print" / "Prints (2005)" / "02 - Two.flac").exists()


def test_mp3_by_setting(tmp_path):
    settings = disc_settings(tmp_path, **{"disc.audio_format": "mp3"})
    ripper(settings).process(wavs(tmp_path / "wav", 1))
    assert len(list((settings.media_dir / "Music").rglob("01 - Track 01.mp3"))) == 1


def test_rip_device_runs_cdparanoia_with_argv_lists(tmp_path, monkeypatch):
    """The shim prints a real-format TOC for -Q and 'rips' prepared WAVs for -B, recording its argv."""
    source = wavs(tmp_path / "prepared", 2)
    record = tmp_path / "argv.jsonl"
    toc = "Table of contents (audio tracks only):\ntrack        length               begin        copy pre ch\n" \
          "===========================================================\n" \
          "  1.      150 [00:02.00]        0 [00:00.00]    no   no  2\n" \
          "  2.      150 [00:02.00]      150 [00:02.00]    no   no  2\n"
    shim_dir = tmp_path / "bin"
    shim_dir.mkdir()
    shim = shim_dir / "cdparanoia"
    shim.write_text(
        f"#!{sys.executable}\nimport json, shutil, sys, os\n"
        f"open({str(record)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"if '-Q' in sys.argv: sys.stderr.write({toc!r})\n"
        f"else:\n"
        f"    for n in (1, 2):\n"
        f"        sys.stderr.write('outputting to track%02d.cdda.wav\\n' % n)\n"
        f"        shutil.copy(os.path.join({str(source)!r}, 'track%02d.cdda.wav' % n), os.getcwd())\n"
    )
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{shim_dir}{os.pathsep}{os.environ['PATH']}")
    settings = disc_settings(tmp_path)
    seen = []
    result = ripper(settings).rip_device("/dev/sr0", tmp_path / "work", run=__import__("media_library.tools.proc", fromlist=["run"]).run,
                                         progress=lambda p, m: seen.append(m), check_cancelled=lambda: None)
    calls = [json.loads(line) for line in record.read_text().splitlines()]
    assert calls == [["-Q", "-d", "/dev/sr0"], ["-B", "-d", "/dev/sr0", "--", "1-"]]
    assert result["disc_id"] == discid.disc_id(1, 2, 450, [150, 300])
    assert any("reading track 2" in m for m in seen) and len(result["outputs"]) == 2
    assert cdparanoia.parse_toc(toc).leadout == 450
