"""The plan shown before a rip (``GET /api/discs/<id>/plan``, ``preview.py``) with the real HandBrakeCLI
scanning a DVD image: the titles, the film's one output and where it lands; switched to TV, three
episodes numbered from the first episode with their TMDb names, the "play all" title left out; a
monitor's disc says why it lists nothing; an audio CD lists its tracks. No window runs out meanwhile (``auto_rip`` off)."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from tests.discs.conftest import wait_for
from tests.discs.test_identity_and_review import insert_dvd

pytestmark = pytest.mark.slow


def test_the_plan_lists_titles_then_names_the_episodes_of_a_tv_disc(tmp_path, tmp_path_factory, rig, fake_tmdb):
    fake_tmdb.add_tv(4600, "Tiny Show", year=2011)
    for number, name in ((1, "Pilot"), (2, "The Second"), (3, "Third Time")):
        fake_tmdb.add_episode(4600, 1, number, name)
    runtime, _ = rig(**{"disc.auto_rip": False})
    insert_dvd(tmp_path, tmp_path_factory, "tiny", [10.0, 11.0, 10.5, 31.5], "TINY_SHOW_S1")
    disc = wait_for(lambda: runtime.state.list_discs(), 60, what="the disc")[0]
    discs = runtime.services.discs

    film = discs.plan(disc.id)
    assert [t["index"] for t in film["titles"]] == [1, 2, 3, 4] and film["note"] == ""
    assert [(p["role"], p["title_index"]) for p in film["planned"]] == [("main", 4)]
    assert film["planned"][0]["target"].startswith("Movies/Tiny Show") and film["planned"][0]["target"].endswith(".mkv")

    discs.update_choice(disc.id, {"mode": "tv", "series": "Tiny Show", "year": 2011, "season": 1, "first_episode": 1})
    show = discs.plan(disc.id)
    assert [(p["number"], p["title_index"], p["episode_name"]) for p in show["planned"]] == [
        (1, 1, "Pilot"), (2, 2, "The Second"), (3, 3, "Third Time")]
    assert show["planned"][0]["target"] == "Shows/Tiny Show (2011) [tmdbid-4600]/Season 01/Tiny Show (2011) S01E01.mkv"

    discs.update_choice(disc.id, {"titles": [2, 4]})  # ticked: the "play all" counts as an episode when a person says so
    assert [(p["number"], p["title_index"]) for p in discs.plan(disc.id)["planned"]] == [(1, 2), (2, 4)]
    discs.update_choice(disc.id, {"titles": [2, 9]})  # a title the disc does not have: listed titles stay to fix it
    wrong = discs.plan(disc.id)
    assert wrong["planned"] == [] and len(wrong["titles"]) == 4 and wrong["note"] == "nothing would be ripped: the disc has no title 9"


def test_a_monitor_disc_has_no_plan_on_the_server(rig):
    runtime, _ = rig()
    disc = runtime.services.discs.announce("drive-1", "fp-1", "SOME_FILM", "dvd")
    plan = runtime.services.discs.plan(disc.id)
    assert plan["titles"] == [] and plan["planned"] == [] and "monitor-mode" in plan["note"]


TOC = ("Table of contents (audio tracks only):\ntrack        length               begin        copy pre ch\n"
       "===========================================================\n"
       "  1.    13500 [03:00.00]        0 [00:00.00]    no   no  2\n"
       "  2.     9000 [02:00.00]    13500 [03:00.00]    no   no  2\n")


def test_an_audio_cd_lists_its_tracks_from_cdparanoia(tmp_path, monkeypatch, rig):
    """A ``cdparanoia`` shim first on PATH prints a real-format TOC for ``-Q`` (no CD drive here)."""
    shim = tmp_path / "bin" / "cdparanoia"
    shim.parent.mkdir()
    shim.write_text(f"#!{sys.executable}\nimport sys\nassert sys.argv[1:] == ['-Q', '-d', '/dev/sr0'], sys.argv\n"
                    f"sys.stderr.write({TOC!r})\n")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{shim.parent}{os.pathsep}{os.environ['PATH']}")
    runtime, _ = rig(**{"disc.auto_rip": False})
    disc = runtime.services.discs.register("cd-1", label="Audio CD", kind="audio_cd", source="/dev/sr0", device="/dev/sr0")
    plan = runtime.services.discs.plan(disc.id)
    assert plan["tracks"] == [{"number": 1, "duration_s": 180.0}, {"number": 2, "duration_s": 120.0}]
    assert plan["titles"] == [] and plan["planned"] == []
