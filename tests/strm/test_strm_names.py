"""Names that stay put and say what they are: a path keeps its item, a layout change is a move,
a killed cleanup is finished by the next run, invisible characters and id tags in titles never
reach a name, a blank title still gives an NFO title, and a busy lock is said plainly."""

from __future__ import annotations

import json
import threading

from media_library.cli.main import main
from media_library.services import naming
from media_library.services.strm import service
from media_library.services.strm.exporter import Exporter, ExportOptions
from media_library.services.strm.sources import ListSource, ShowInfo

from .entries import episode, movie


def run(state, out, entries, **options):
    return Exporter(state, ExportOptions(out, fsync=False, **options)).run(ListSource(entries))


def stream_url(out, folder):
    return (out / "Movies" / folder / f"{folder}.strm").read_text()


# --- 17: a path stays with its item ------------------------------------------------------------
def test_a_new_film_with_the_same_name_never_takes_an_existing_path(strm_runtime, out):
    state = strm_runtime.state
    run(state, out, [movie("m5", "Heat", 1995)])
    plain = stream_url(out, "Heat (1995)")
    assert "/m5/" in plain
    # a second film with the same name and a smaller key arrives: it gets the tagged name
    result = run(state, out, [movie("m5", "Heat", 1995), movie("m1", "Heat", 1995)])
    assert stream_url(out, "Heat (1995)") == plain and result.counts["updated"] == 0
    tagged = naming.disambiguate("Heat (1995)", "t:movie:m1")
    assert "/m1/" in stream_url(out, tagged)
    # and a third: both names stay where they are
    run(state, out, [movie("m0", "Heat", 1995), movie("m5", "Heat", 1995), movie("m1", "Heat", 1995)])
    assert stream_url(out, "Heat (1995)") == plain and "/m1/" in stream_url(out, tagged)
    assert "/m0/" in stream_url(out, naming.disambiguate("Heat (1995)", "t:movie:m0"))


def test_a_tagged_film_keeps_its_tag_when_the_plain_name_frees_up(strm_runtime, out):
    state = strm_runtime.state
    run(state, out, [movie("m1", "Heat", 1995), movie("m5", "Heat", 1995)])
    tagged = naming.disambiguate("Heat (1995)", "t:movie:m5")
    assert "/m5/" in stream_url(out, tagged)
    result = run(state, out, [movie("m5", "Heat", 1995)])
    assert "/m5/" in stream_url(out, tagged) and result.counts["created"] == 0


def test_a_show_keeps_its_folder_when_a_namesake_arrives(strm_runtime, out):
    state = strm_runtime.state
    office_us = ShowInfo(key="t:show:us", title="The Office", year=None)
    office_uk = ShowInfo(key="t:show:uk", title="The Office", year=None)
    run(state, out, [episode("us1", "Pilot", 1, 1, show=office_us)])
    assert (out / "Shows" / "The Office" / "Season 01" / "The Office S01E01.strm").read_text().count("/us1/") == 1
    run(state, out, [episode("us1", "Pilot", 1, 1, show=office_us), episode("uk1", "Downsize", 1, 1, show=office_uk)])
    assert "/us1/" in (out / "Shows" / "The Office" / "Season 01" / "The Office S01E01.strm").read_text()
    tagged = naming.disambiguate("The Office", "t:show:uk")
    assert "/uk1/" in (out / "Shows" / tagged / "Season 01" / "The Office S01E01.strm").read_text()


# --- 18: layout changes, killed cleanups -------------------------------------------------------
def test_a_new_style_or_genre_folders_replaces_the_tree(strm_runtime, out):
    state = strm_runtime.state
    films = [movie(f"m{i:02d}", f"Film {i:02d}", 2000 + i, (("tmdb", str(100 + i)),), genres=("Drama",))
             for i in range(15)]
    run(state, out, films)
    moved = run(state, out, films, genre_folders=True)
    assert moved.guard is None and moved.counts["deleted"] == 30 and moved.counts["created"] == 30
    assert sorted(p.name for p in (out / "Movies").iterdir()) == ["Drama"]
    restyled = run(state, out, films, genre_folders=True, style="plex")
    assert restyled.guard is None and restyled.counts["deleted"] == 30
    assert sorted(p.name for p in (out / "Movies" / "Drama").iterdir())[0] == "Film 00 (2000) {tmdb-100}"
    assert all("moved" in r.reason for r in restyled.rows if r.action == "deleted")


def test_a_cleanup_killed_before_pruning_is_finished_by_the_next_run(strm_runtime, out, monkeypatch):
    state = strm_runtime.state
    run(state, out, [movie("a", "Alpha", 2000), movie("b", "Beta", 2001)])

    def killed(self, folders):
        raise KeyboardInterrupt  # the process dies after unlinking, before pruning

    monkeypatch.setattr(Exporter, "_prune", killed)
    try:
        run(state, out, [movie("a", "Alpha", 2000)])
    except KeyboardInterrupt:
        pass
    monkeypatch.undo()
    assert (out / "Movies" / "Beta (2001)").is_dir() and not any((out / "Movies" / "Beta (2001)").iterdir())
    again = run(state, out, [movie("a", "Alpha", 2000)])
    assert not (out / "Movies" / "Beta (2001)").exists()
    assert {r.reason for r in again.rows if r.action == "deleted"} == {"already gone"}


# --- 18: names ---------------------------------------------------------------------------------
def test_invisible_and_bidi_characters_never_reach_a_name():
    hostile = "Evil\u202egnp.exe\u200b\u200d\ufeff\x85\u2066x\u2069"
    assert naming.safe_component(hostile) == "Evilgnp.exex"
    assert naming.movie_name("\ufeffHeat\u200b", 1995) == "Heat (1995)"


def test_an_id_tag_inside_a_title_is_removed(strm_runtime, out):
    run(strm_runtime.state, out, [movie("x", "Heat [tmdbid-603] {tmdb-1} [imdbid=tt0000001]", 1995, (("tmdb", "949"),))])
    assert [p.name for p in (out / "Movies").iterdir()] == ["Heat (1995) [tmdbid-949]"]
    assert naming.movie_name("tvdbid-81189", None) == "Untitled"


def test_a_blank_title_still_gives_an_nfo_title(strm_runtime, out):
    run(strm_runtime.state, out, [movie("blank", "  ", 1995)])
    nfo = (out / "Movies" / "Untitled (1995)" / "Untitled (1995).nfo").read_text()
    assert "<title>Untitled (1995)</title>" in nfo


def test_a_library_item_without_a_title_is_named_after_its_file(strm_runtime, out, tmp_path):
    from media_library.services.strm.sources import LibrarySource

    state = strm_runtime.state
    item = state.add_media("movie", "", year=None)
    state.upsert_media_file(str(tmp_path / "Heat.1995.1080p.mkv"), media_id=item.id, size=10, mtime=0.0)
    entries = list(LibrarySource(state, lambda media_id, file_id: f"https://x.test/{media_id}").entries())
    assert [e.title for e in entries] == ["Heat.1995.1080p"]


# --- 18: the lock ------------------------------------------------------------------------------
def _cli(strm_runtime, out, *extra):
    return ["--data-dir", str(strm_runtime.settings.data_dir), "strm", "export", "--output", str(out),
            "--base-url", "https://media.example.test", "--no-refresh", *extra]


def test_a_busy_export_says_so_with_its_own_exit_code(strm_runtime, out, capsys):
    with service.export_lock(strm_runtime.settings):
        assert main(_cli(strm_runtime, out, "--json")) == 75
        answer = json.loads(capsys.readouterr().out)
        assert answer["error"] == "ExportBusy" and answer["exit_code"] == 75 and "running" in answer["message"]
        assert main(_cli(strm_runtime, out)) == 75
        assert "--wait" in capsys.readouterr().err


def test_an_export_waits_for_the_lock_when_asked(strm_runtime, library, out, capsys):
    lock = service.export_lock(strm_runtime.settings)
    lock.__enter__()
    threading.Timer(0.5, lock.__exit__, (None, None, None)).start()
    assert main(_cli(strm_runtime, out, "--json", "--wait", "20")) == 0
    assert json.loads(capsys.readouterr().out)["guard"] is None


def test_every_failure_prints_json(strm_runtime, out, capsys):
    assert main([*_cli(strm_runtime, out, "--json")[:-4], "--base-url", "ftp://nope", "--no-refresh", "--json"]) != 0
    answer = json.loads(capsys.readouterr().out)
    assert set(answer) == {"error", "message", "exit_code"} and answer["message"]
