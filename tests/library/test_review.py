"""The review queue, manual picks that stay picked, bulk re-identify, and broken or hostile files."""

from __future__ import annotations

import os

from tests.library import data
from tests.library.conftest import drain, jobs_of
from tests.media import make_video


def _ambiguous(lib, fake_tmdb, tmp_path_factory):
    data.load(fake_tmdb)
    # No year and a runtime matching neither: the two "Twin Film"s are equally good.
    return make_video(lib.roots["movies"] / "Twin Film.mkv", 600, size="32x32", fps=1, audio=False, cache=tmp_path_factory)


def test_low_confidence_waits_in_review_with_candidates(lib, lib_runtime, fake_tmdb, tmp_path_factory):
    path = _ambiguous(lib, fake_tmdb, tmp_path_factory)
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)
    (item,) = lib.state.list_media(status="review")
    assert item.confidence < lib.settings.library.identify_threshold
    candidates = lib.state.list_candidates(item.id)
    assert {c.provider_id for c in candidates} == {"700001", "700002"}
    assert all(c.year == 2019 and c.runtime_minutes and c.score > 0 for c in candidates)
    assert path.exists(), "nothing is organized while it waits for review"
    assert jobs_of(lib_runtime, "library.organize") == []


def test_manual_pick_is_sticky_across_rescans_and_bulk_reidentify(lib, lib_runtime, fake_tmdb, tmp_path_factory):
    path = _ambiguous(lib, fake_tmdb, tmp_path_factory)
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)
    (item,) = lib.state.list_media(status="review")

    picked = lib.identification.pick(item.id, 700002)
    drain(lib_runtime)
    assert picked.match_locked and picked.external_ids["tmdb"] == "700002"
    (file,) = lib.state.list_media_files(picked.id)
    assert "Twin Film (2019) [tmdbid-700002]" in file.path and not path.exists()

    os.utime(file.path, (1, 1))  # changed on disk: the rescan queues identify, which must not undo the pick
    report = lib.scanner.scan()
    assert report.changed == [file.id]
    lib_runtime.jobs.enqueue("library.reidentify", {})
    drain(lib_runtime)
    after = lib.state.get_media(picked.id)
    assert after.match_locked and after.external_ids["tmdb"] == "700002" and after.status == "identified"
    assert lib.state.get_media_file(file.id).media_id == picked.id
    assert {j.result["status"] for j in jobs_of(lib_runtime, "library.identify") if j.result and j.created_at > picked.updated_at} <= {"locked"}


def test_zero_byte_and_truncated_files_fail_with_a_reason(lib, lib_runtime, tmp_path_factory):
    (lib.roots["movies"]).mkdir(parents=True, exist_ok=True)
    (lib.roots["movies"] / "Empty (2000).mkv").write_bytes(b"")
    good = make_video(lib.roots["movies"] / "whole.mkv", 4, size="32x32", fps=1, audio=False, cache=tmp_path_factory)
    (lib.roots["movies"] / "Cut (2001).mkv").write_bytes(good.read_bytes()[:300])
    good.unlink()
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)
    failed = jobs_of(lib_runtime, "library.identify")
    assert len(failed) == 2
    assert all(j.status == "failed" and j.attempts == 1 and "not a media file" in j.error for j in failed)


def test_hostile_names_are_processed_without_a_shell(lib, lib_runtime, fake_tmdb, tmp_path_factory, tmp_path, monkeypatch):
    data.load(fake_tmdb)
    monkeypatch.chdir(tmp_path)
    names = ["$(touch PWN) 12 Angry Men 1957.mkv", "-i.mkv", "--help.mkv", "a;b|c && `touch PWN`'.mkv"]
    for name in names:
        make_video(lib.roots["movies"] / name, 97 * 60, size="32x32", fps=1, audio=False, cache=tmp_path_factory)
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)
    assert not (tmp_path / "PWN").exists()
    statuses = [j.status for j in jobs_of(lib_runtime, "library.identify")]
    assert statuses == ["done"] * len(names)
