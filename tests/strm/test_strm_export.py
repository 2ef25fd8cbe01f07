"""Generation: nothing rewritten when nothing changed, atomic rewrites, missing files written
again, files the export does not own left alone, dry runs, token rotation, the library source."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from media_library.services import files
from media_library.services.strm.exporter import Exporter, ExportOptions
from media_library.services.strm.service import run_export
from media_library.services.strm.sources import ListSource, Version
from media_library.services.strm.stream_token import stream_token

from .entries import sample, url


class CountingWriter:
    def __init__(self):
        self.paths: list[Path] = []

    def __call__(self, path, data):
        self.paths.append(Path(path))
        files.write_atomic(path, data, fsync=False)


def run(state, out, entries=None, **options):
    writer = CountingWriter()
    result = Exporter(state, ExportOptions(out, fsync=False, **options), writer=writer).run(ListSource(entries or sample()))
    return result, writer


def snapshot(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_second_run_writes_nothing_and_keeps_mtimes(strm_runtime, out):
    first, writer = run(strm_runtime.state, out)
    assert first.counts["created"] == len(writer.paths) == first.planned > 0
    before = snapshot(out)
    second, writer = run(strm_runtime.state, out)
    assert writer.paths == []
    assert second.counts["unchanged"] == first.planned and second.counts["created"] == second.counts["updated"] == 0
    assert snapshot(out) == before


def test_changed_item_is_rewritten_alone(strm_runtime, out):
    run(strm_runtime.state, out)
    entries = sample()
    entries[0] = dataclasses.replace(entries[0], plot="A new plot.")
    result, writer = run(strm_runtime.state, out, entries)
    assert [p.name for p in writer.paths] == ["The Matrix (1999) [tmdbid-603].nfo"]
    assert result.counts["updated"] == 1
    assert b"A new plot." in writer.paths[0].read_bytes()


def test_missing_file_is_written_again(strm_runtime, out):
    run(strm_runtime.state, out)
    victim = out / "Shows/Stargate Atlantis (2004) [tmdbid-2290]/tvshow.nfo"
    victim.unlink()
    result, writer = run(strm_runtime.state, out)
    assert writer.paths == [victim] and victim.exists()
    assert [r.reason for r in result.rows if r.action == "created"] == ["missing on disk"]


def test_a_file_edited_behind_our_back_is_restored(strm_runtime, out):
    run(strm_runtime.state, out)
    target = out / "Movies/The Matrix (1999) [tmdbid-603]/The Matrix (1999) [tmdbid-603].strm"
    target.write_text("http://evil.example/\n")
    result, _ = run(strm_runtime.state, out)
    assert target.read_text() == url("matrix") + "\n"
    assert result.counts["updated"] == 1


def test_a_file_we_do_not_own_is_left_alone_unless_forced(strm_runtime, out):
    target = out / "Movies/The Matrix (1999) [tmdbid-603]/The Matrix (1999) [tmdbid-603].strm"
    target.parent.mkdir(parents=True)
    target.write_text("the user's own file\n")
    result, _ = run(strm_runtime.state, out)
    assert target.read_text() == "the user's own file\n"
    assert [r.path for r in result.rows if r.action == "skipped"] == [target.relative_to(out).as_posix()]
    result, _ = run(strm_runtime.state, out, force=True)
    assert target.read_text() == url("matrix") + "\n"


def test_identical_unrecorded_file_is_adopted_without_writing(strm_runtime, out):
    run(strm_runtime.state, out)
    strm_runtime.state.delete_strm_manifest(str(out.resolve()), list(strm_runtime.state.list_strm_manifest(str(out.resolve()))))
    before = snapshot(out)
    result, writer = run(strm_runtime.state, out)
    assert writer.paths == [] and snapshot(out) == before
    assert result.counts["unchanged"] == result.planned
    assert len(strm_runtime.state.list_strm_manifest(str(out.resolve()))) == result.planned


def test_dry_run_writes_nothing(strm_runtime, out):
    result, writer = run(strm_runtime.state, out, dry_run=True)
    assert writer.paths == [] and not out.exists()
    assert result.counts["created"] == result.planned
    assert strm_runtime.state.list_strm_manifest(str(out.resolve())) == {}


def test_new_url_rewrites_only_strm_files(strm_runtime, out):
    run(strm_runtime.state, out)
    entries = [dataclasses.replace(e, versions=tuple(Version(v.url.replace("mlt_TEST", "mlt_NEW"), v.label) for v in e.versions))
               for e in sample()]
    result, writer = run(strm_runtime.state, out, entries)
    assert writer.paths and all(p.suffix == ".strm" for p in writer.paths)
    assert result.counts["updated"] == len(writer.paths) == sum(len(e.versions) for e in entries)


def test_library_export_uses_a_stream_token_and_rotation_rewrites_the_tree(strm_runtime, library, out):
    state, settings, http = strm_runtime.state, strm_runtime.settings, strm_runtime.services.clients.media_servers
    first = run_export(state, settings, output=str(out), media_servers=http)
    assert first["counts"]["created"] == first["planned_files"] == 15
    token = stream_token(state)
    strm = (out / "Movies/The Matrix (1999) [tmdbid-603]/The Matrix (1999) [tmdbid-603].strm").read_text()
    assert strm == f"https://media.example.test/api/media/{library.matrix.id}/stream?token={token}\n"
    assert [t.scope for t in state.list_api_tokens()] == ["stream"]
    assert run_export(state, settings, output=str(out), media_servers=http)["counts"]["unchanged"] == 15
    stream_token(state, rotate=True)
    rotated = run_export(state, settings, output=str(out), media_servers=http)
    assert rotated["counts"]["updated"] == 6  # every .strm: 1 + 2 film versions, 3 episodes
    assert [t.revoked_at is not None for t in state.list_api_tokens()] == [True, False]


def test_report_has_one_row_per_file_and_no_url(strm_runtime, library, out):
    summary = run_export(strm_runtime.state, strm_runtime.settings, output=str(out),
                         media_servers=strm_runtime.services.clients.media_servers)
    text = Path(summary["report"]).read_text()
    lines = text.splitlines()
    assert lines[0] == "path,action,item,reason" and len(lines) == 1 + 15
    assert "token" not in text and "http" not in text
