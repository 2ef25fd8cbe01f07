"""The strm.export job, the automatic (debounced, coalesced) export, the schedule, the CLI."""

from __future__ import annotations

import json

from media_library import events
from media_library.cli.main import main
from media_library.services.strm.auto import AUTO_KEY, FOLLOW_UP_KEY, StrmAutoExport, install_schedule
from media_library.services.strm.service import LAST_RUN_KEY, update_settings


def test_job_exports_and_records_the_last_run(strm_runtime, library, out):
    rt = strm_runtime
    job, _ = rt.jobs.enqueue("strm.export", {"output_dir": str(out), "style": "plex"})
    assert rt.pool.run_once()
    done = rt.state.get_job(job.id)
    assert done.status == "done", done.error
    assert done.result["counts"]["created"] == 15 and done.progress == 100.0
    assert (out / "Movies/The Matrix (1999) {tmdb-603}").is_dir()
    assert rt.state.get_app_setting(LAST_RUN_KEY)["report"] == done.result["report"]


def test_job_dry_run_writes_nothing(strm_runtime, library, out):
    job, _ = strm_runtime.jobs.enqueue("strm.export", {"output_dir": str(out), "dry_run": True})
    strm_runtime.pool.run_once()
    assert strm_runtime.state.get_job(job.id).result["counts"]["created"] == 15 and not out.exists()


def test_a_burst_of_changes_queues_one_export_after_the_last_change(strm_runtime, out):
    rt = strm_runtime
    update_settings(rt.settings, rt.state, {"output_dir": str(out)})  # with the base URL: auto-export is ready
    rt.services.strm_auto.stop()  # the runtime's own auto-export runs on the real clock; use one with a fake clock
    clock = [1000.0]
    debounce = rt.settings.strm.debounce_seconds
    auto = StrmAutoExport(rt.settings, rt.state, rt.bus, rt.jobs, clock=lambda: clock[0]).start()
    try:
        for _ in range(5):  # a change every 10 s: each one pushes the waiting export back
            rt.bus.publish(events.LibraryUpdated(["x"], "scan"))
            assert rt.bus.wait_idle()  # the export is queued off the publishing thread
            clock[0] += 10.0
        queued = rt.state.list_jobs(kind="strm.export")
        assert len(queued) == 1 and queued[0].idempotency_key == AUTO_KEY
        assert queued[0].run_after == 1040.0 + debounce  # the last change + debounce, not the first
    finally:
        auto.stop()


def test_the_waiting_export_does_not_start_before_the_burst_is_over(strm_runtime):
    rt = strm_runtime
    debounce = rt.settings.strm.debounce_seconds
    clock = [rt.state.now() - debounce - 5]  # the first change came long enough ago: the job is due…
    auto = StrmAutoExport(rt.settings, rt.state, rt.bus, rt.jobs, clock=lambda: clock[0])
    first = auto.request()
    clock[0] = rt.state.now()
    assert auto.request().id == first.id  # …until a new change pushes it back
    assert rt.state.claim_next_job("test-owner", 60, kinds=["strm.export"]) is None
    assert rt.state.get_job(first.id).run_after == clock[0] + debounce


def test_a_change_during_a_running_export_queues_one_follow_up(strm_runtime):
    rt = strm_runtime
    clock = [0.0]
    auto = StrmAutoExport(rt.settings, rt.state, rt.bus, rt.jobs, clock=lambda: clock[0])
    first = auto.request()
    assert rt.state.claim_next_job("test-owner", 60, kinds=["strm.export"]).id == first.id  # now running
    follow = auto.request()
    assert follow.idempotency_key == FOLLOW_UP_KEY and follow.id != first.id
    clock[0] = 100.0
    again = auto.request()
    assert again.id == follow.id  # coalesced…
    assert again.run_after == 100.0 + rt.settings.strm.debounce_seconds  # …and pushed back
    assert len(rt.state.list_jobs(kind="strm.export")) == 2


def test_auto_run_can_be_switched_off(strm_runtime, out):
    rt = strm_runtime
    update_settings(rt.settings, rt.state, {"auto_run": False, "output_dir": str(out)})
    auto = StrmAutoExport(rt.settings, rt.state, rt.bus, rt.jobs).start()
    rt.bus.publish(events.LibraryUpdated([], "scan"))
    assert rt.bus.wait_idle()
    auto.stop()
    assert rt.state.list_jobs(kind="strm.export") == []


def test_schedule_follows_the_setting(strm_runtime):
    rt = strm_runtime
    update_settings(rt.settings, rt.state, {"schedule": "daily 03:30"})
    install_schedule(rt.settings, rt.state, rt.scheduler)
    [schedule] = [s for s in rt.state.list_schedules() if s.name == "strm.export"]
    assert schedule.kind == "strm.export" and schedule.expression == "daily 03:30"
    update_settings(rt.settings, rt.state, {"schedule": ""})
    install_schedule(rt.settings, rt.state, rt.scheduler)
    assert not [s for s in rt.state.list_schedules() if s.name == "strm.export"]


def test_cli_prints_counts_as_json(strm_runtime, library, tmp_path, capsys):
    data_dir = str(strm_runtime.settings.data_dir)
    argv = ["--data-dir", data_dir, "strm", "export", "--output", str(tmp_path / "cli"), "--base-url",
            "https://media.example.test", "--no-refresh", "--json"]
    assert main(argv) == 0
    first = json.loads(capsys.readouterr().out)
    assert (first["created"], first["updated"], first["unchanged"], first["deleted"]) == (15, 0, 0, 0)
    assert main([*argv, "--style", "kodi", "--cleanup", "apply"]) == 0
    second = json.loads(capsys.readouterr().out)  # every name changes: a move, so the old tree goes at once
    assert (second["created"], second["deleted"], second["skipped"]) == (15, 15, 0) and second["guard"] is None
    assert main([*argv, "--style", "kodi"]) == 0
    third = json.loads(capsys.readouterr().out)
    assert (third["created"], third["deleted"], third["unchanged"]) == (0, 0, 15)
