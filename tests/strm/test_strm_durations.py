"""Runtimes the library lacks are probed from the file: with a real file made by
ffmpeg, stored on the file so the next run does not probe again, bounded per run, and a file
ffprobe cannot read is not probed again until it changes."""

from __future__ import annotations

from pathlib import Path

from media_library.errors import ToolMissing
from media_library.services.strm.durations import FAILED_KEY, DurationProbe
from media_library.services.strm.exporter import Exporter, ExportOptions
from media_library.services.strm.sources import LibrarySource, stream_url_builder
from media_library.tools import ffprobe
from tests.media import make_video

URLS = stream_url_builder("https://media.example.test", "mlt_TEST")


class CountingProbe:
    def __init__(self, probe=ffprobe.duration):
        self.probe, self.paths = probe, []

    def __call__(self, path):
        self.paths.append(path)
        return self.probe(path)


def export(state, out, probe, budget=200):
    source = LibrarySource(state, URLS, runtimes=DurationProbe(state, probe=probe, budget=budget))
    return Exporter(state, ExportOptions(out, fsync=False)).run(source)


def add_film(state, title, path: Path):
    item = state.add_media("movie", title, year=2020, status="identified")
    st = path.stat()
    return item, state.upsert_media_file(str(path), media_id=item.id, size=st.st_size, mtime=st.st_mtime)


def nfo_of(out: Path, title: str) -> str:
    return (out / f"Movies/{title} (2020)/{title} (2020).nfo").read_text()


def test_a_missing_runtime_is_probed_once_and_stored(strm_runtime, tmp_path, tmp_path_factory, out):
    state = strm_runtime.state
    video = make_video(tmp_path / "Probe Me.mkv", 90.0, size="160x120", fps=2, cache=tmp_path_factory)
    _, file = add_film(state, "Probe Me", video)
    assert file.duration_s is None
    probe = CountingProbe()
    first = export(state, out, probe)
    assert probe.paths == [str(video)] and first.counts["created"] == 2
    assert "<runtime>2</runtime>" in nfo_of(out, "Probe Me")  # 90 s, in whole minutes
    assert abs(state.list_media_files(file.media_id)[0].duration_s - 90.0) < 1.0

    again = CountingProbe()
    second = export(state, out, again)
    assert again.paths == [] and second.counts["unchanged"] == 2


def test_a_file_without_a_duration_is_not_probed_again_until_it_changes(strm_runtime, tmp_path, out):
    state = strm_runtime.state
    junk = tmp_path / "Not A Video.mkv"
    junk.write_bytes(b"this is not a video file" * 100)
    _, file = add_film(state, "Not A Video", junk)
    probe = CountingProbe()
    export(state, out, probe)
    assert probe.paths == [str(junk)] and "<runtime>" not in nfo_of(out, "Not A Video")
    assert state.list_media_files(file.media_id)[0].tech[FAILED_KEY] == file.mtime
    export(state, out, probe)
    assert len(probe.paths) == 1
    state.update_media_file(file.id, mtime=file.mtime + 60)  # the file changed: worth another look
    export(state, out, probe)
    assert len(probe.paths) == 2


def test_probing_is_bounded_per_run(strm_runtime, tmp_path, out):
    state = strm_runtime.state
    for title in ("Alpha", "Beta", "Gamma"):
        (tmp_path / title).write_bytes(b"x")
        add_film(state, title, tmp_path / title)
    probe = CountingProbe(lambda path: 5400.0)
    export(state, out, probe, budget=2)
    assert len(probe.paths) == 2
    export(state, out, probe, budget=2)  # the rest on the next run; the stored ones are not probed again
    assert len(probe.paths) == 3
    assert all("<runtime>90</runtime>" in nfo_of(out, t) for t in ("Alpha", "Beta", "Gamma"))


def test_without_ffprobe_the_run_stops_probing(strm_runtime, tmp_path, out):
    state = strm_runtime.state
    for title in ("Alpha", "Beta"):
        (tmp_path / title).write_bytes(b"x")
        add_film(state, title, tmp_path / title)

    def missing(path):
        raise ToolMissing("ffprobe")

    probe = CountingProbe(missing)
    result = export(state, out, probe)
    assert len(probe.paths) == 1 and result.counts["created"] == 4
