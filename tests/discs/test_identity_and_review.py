"""A disc is one disc across restarts; its status follows its job; labels and ties that cannot name
the film go to review; durations are compared with a tolerance (issue #11, items 5–8).

The service-level tests use a ``DiscService`` on a migrated database; the rip tests run the real
HandBrakeCLI on DVD images built here (``tests/media.py``) through the watch folder (``rig``).
"""

from __future__ import annotations

import os
import time

import pytest

from media_library import events
from media_library.errors import InvalidInput
from media_library.models.discs import Disc, follow_job
from media_library.services.discs import candidates, rip
from media_library.services.discs.monitor import InsertedDisc
from media_library.services.discs.service import DiscService
from media_library.sources import event_types
from media_library.tools.handbrake import DiscScan, Title
from tests.discs.conftest import wait_for
from tests.media import make_dvd, make_iso

OPTS = rip.RipOptions(min_title_seconds=120, max_outputs=4, runtime_tolerance=0.15)


class _Job:
    id = None


def service_on(state, settings, found=()):
    bus = events.EventBus((*events.CORE_EVENTS, *event_types()))
    return DiscService(state, bus, settings, enqueue=lambda kind, payload, **kw: (_Job(), True),
                       identify=lambda title: list(found), desktop=lambda *a: None, apprise=lambda *a: None)


# --- item 8: durations ---------------------------------------------------------------------------
def test_a_title_scanned_as_119_87_s_passes_a_120_s_minimum_and_messages_show_two_decimals():
    picked = rip.choose_main_title(DiscScan([Title(1, 119.87), Title(2, 30.0)], None), None, OPTS)
    assert picked.index == 1
    with pytest.raises(InvalidInput) as refused:
        rip.choose_main_title(DiscScan([Title(1, 100.0)], None), None, OPTS)
    assert "120.00 s" in refused.value.message and "longest: 100.00 s" in refused.value.message
    assert "0.50 s" in refused.value.message  # the tolerance it compared with
    assert rip.verify_duration("x.mkv", 100.0, 0.98, probe=lambda p: 97.6) == 97.6
    with pytest.raises(Exception, match=r"truncated: 97\.40 s of 100\.00 s"):
        rip.verify_duration("x.mkv", 100.0, 0.98, probe=lambda p: 97.4)


# --- item 7: generic labels and ties ---------------------------------------------------------------
@pytest.mark.parametrize("label", ["DVD_VIDEO", "DISC1", "VIDEO_TS", "BLURAY", "UNTITLED", ""])
def test_a_generic_label_goes_to_review_not_to_a_rip_under_the_label(state, settings, label):
    service = service_on(state, settings)
    disc = service.register(f"fp-{label}", label=label, kind="dvd")
    assert disc.status == "review" and disc.confirm_deadline is None
    assert "names no film" in disc.message
    assert not disc.choice.get("title")
    assert service.expire_windows() == []
    with pytest.raises(InvalidInput, match="title"):
        service.confirm(disc.id)
    assert service.confirm(disc.id, {"title": "Real Film", "year": 2001}).status == "confirmed"


def _candidate(tmdb_id, year, runtime, score=0.9, title="Twin Film"):
    return {"provider": "tmdb", "provider_id": str(tmdb_id), "title": title, "year": year,
            "runtime_minutes": runtime, "score": score}


def test_the_main_titles_runtime_settles_a_tie_and_an_unbreakable_tie_needs_review():
    newer, older = _candidate(2, 2019, 95), _candidate(1, 1990, 120)
    auto = {"mode": "movie", "tmdb_id": 2, "title": "Twin Film", "year": 2019, "runtime_minutes": 95, "auto": True}
    settled = candidates.settle(auto, [newer, older], 120 * 60 - 3, 0.15)
    assert (settled["tmdb_id"], settled["year"]) == (1, 1990)
    with pytest.raises(candidates.NeedsReview, match=r"7197\.00 s, which fits more than one"):
        candidates.settle(auto, [_candidate(2, 2019, 110), older], 120 * 60 - 3, 0.15)
    with pytest.raises(candidates.NeedsReview, match="fits none"):
        candidates.settle(auto, [newer, older], 30 * 60, 0.15)
    picked = {k: v for k, v in auto.items() if k != "auto"}  # a person's pick is never second-guessed
    assert candidates.settle(picked, [newer, older], 30 * 60, 0.15) == picked
    other = _candidate(3, 2019, 30, title="Another Film")  # not the same title: no tie
    assert candidates.settle(auto, [newer, other], 30 * 60, 0.15) == auto


# --- item 6: status follows the job ---------------------------------------------------------------
def test_a_discs_status_follows_its_job():
    ripping = Disc(1, "fp", "local", None, "", None, "L", "T", "dvd", "ripping", progress=14.0, message="encoding 14 %")
    interrupted = follow_job(ripping, "interrupted")
    assert (interrupted.status, interrupted.progress) == ("interrupted", 0.0) and "Retry" in interrupted.message
    assert follow_job(ripping, "failed", "HandBrake exited 3").error == "HandBrake exited 3"
    assert follow_job(ripping, "cancelled").status == "failed"
    assert follow_job(follow_job(ripping, "interrupted"), "queued").status == "confirmed"
    assert follow_job(ripping, "running") == ripping
    assert follow_job(follow_job(ripping, "interrupted"), "running").status == "ripping"
    done = Disc(1, "fp", "local", None, "", None, "L", "T", "dvd", "done")
    assert follow_job(done, "interrupted") == done
    for stage in ("imaging", "ejected"):  # eject early's own states follow the job the same way
        early = Disc(1, "fp", "local", None, "", None, "L", "T", "dvd", stage, progress=40.0)
        assert follow_job(early, "interrupted").status == "interrupted" and follow_job(early, "running") == early


# --- item 5: one disc across restarts ------------------------------------------------------------
def test_a_disc_seen_again_is_the_same_disc_until_it_is_reinserted_after_its_rip(state, settings, tmp_path):
    image = tmp_path / "watch" / "film.iso"
    image.parent.mkdir()
    image.write_bytes(b"iso")
    seen = InsertedDisc(f"watch:{image}", str(image), "MY_FILM", "dvd", "fp-film")
    first = service_on(state, settings).on_insert(seen)
    after_restart = service_on(state, settings).on_insert(seen)
    assert after_restart.id == first.id and len(state.list_discs()) == 1
    state.update_disc(first.id, status="done")
    assert service_on(state, settings).on_insert(seen).id == first.id  # done, still lying there unchanged
    later = time.time() + 5
    os.utime(image, (later, later))  # the image was put back (copied in again) after the rip
    again = service_on(state, settings).on_insert(seen)
    assert again.id != first.id and again.status == "ripped_before"


# --- rips with the real HandBrakeCLI ------------------------------------------------------------------
pytest_slow = pytest.mark.slow


def insert_dvd(tmp_path, tmp_path_factory, name: str, titles: list[float], label: str) -> None:
    dvd = make_dvd(tmp_path / "build" / f"DVD-{name}", titles, cache=tmp_path_factory)
    make_iso(dvd, tmp_path / "build" / f"{name}.iso", label=label)
    (tmp_path / "watch").mkdir(exist_ok=True)
    (tmp_path / "build" / f"{name}.iso").rename(tmp_path / "watch" / f"{name}.iso")


def settled_disc(runtime, count=1):
    def check():
        discs = runtime.state.list_discs()
        if len(discs) < count or discs[0].status not in ("done", "review", "failed"):
            return None
        return discs[0]
    return wait_for(check, 180, what="disc done or in review")


def films(runtime) -> list[str]:
    movies = runtime.settings.media_dir / "Movies"
    return sorted(p.relative_to(movies).as_posix() for p in movies.rglob("*.mkv")) if movies.exists() else []


@pytest_slow
def test_runtime_picks_the_older_film_and_a_title_of_119_87_s_style_passes_the_minimum(tmp_path, tmp_path_factory, rig, fake_tmdb):
    # A label without a year; the newer, more popular film comes first and both score alike.
    fake_tmdb.add_movie(611, "Twin Film", year=2019, runtime=3, popularity=50.0)
    fake_tmdb.add_movie(610, "Twin Film", year=1990, runtime=1, popularity=5.0)
    runtime, _ = rig(**{"disc.min_title_seconds": 60.3})  # the title scans at about 60 s: within the tolerance
    insert_dvd(tmp_path, tmp_path_factory, "twin", [60.0], "TWIN_FILM")
    disc = settled_disc(runtime)
    assert disc.status == "done", (disc.message, disc.error)
    assert [c["provider_id"] for c in disc.candidates][:2] == ["611", "610"]
    assert disc.choice["tmdb_id"] == 610
    assert films(runtime) == ["Twin Film (1990) [tmdbid-610]/Twin Film (1990) [tmdbid-610].mkv"]


@pytest_slow
def test_a_tie_the_runtime_cannot_break_goes_to_review_and_nothing_is_ripped(tmp_path, tmp_path_factory, rig, fake_tmdb):
    fake_tmdb.add_movie(621, "Twin Film", year=2019, runtime=1, popularity=50.0)
    fake_tmdb.add_movie(620, "Twin Film", year=1990, runtime=1, popularity=5.0)
    runtime, _ = rig()
    insert_dvd(tmp_path, tmp_path_factory, "twin", [60.0], "TWIN_FILM")
    disc = settled_disc(runtime)
    assert disc.status == "review", (disc.message, disc.error)
    assert "2 films share this title" in disc.message and "fits more than one" in disc.message
    assert films(runtime) == [] and runtime.state.get_job(disc.job_id).status == "done"
    assert not list((runtime.settings.media_dir / ".incoming").rglob("*.mkv"))
    confirmed = runtime.services.discs.confirm(disc.id, {"tmdb_id": 620, "title": "Twin Film", "year": 1990})
    assert confirmed.status == "confirmed"
    disc = wait_for(lambda: (d := runtime.state.get_disc(disc.id)).status in ("done", "failed") and d, 180, what="rip")
    assert disc.status == "done", disc.error
    assert films(runtime) == ["Twin Film (1990) [tmdbid-620]/Twin Film (1990) [tmdbid-620].mkv"]


@pytest_slow
def test_a_second_copy_of_a_film_asks_first_instead_of_a_480p_version(tmp_path, tmp_path_factory, rig, fake_tmdb):
    fake_tmdb.add_movie(630, "Copy Film", year=2001)
    runtime, _ = rig()
    insert_dvd(tmp_path, tmp_path_factory, "first", [20.0], "COPY_FILM")
    assert settled_disc(runtime).status == "done"
    name = "Copy Film (2001) [tmdbid-630]"
    assert films(runtime) == [f"{name}/{name}.mkv"]

    insert_dvd(tmp_path, tmp_path_factory, "second", [21.0], "COPY_FILM")  # another disc of the same film
    second = settled_disc(runtime, count=2)
    assert second.status == "review", (second.message, second.error)
    assert "already in the library" in second.message and f"Movies/{name}/{name}.mkv" in second.message
    assert films(runtime) == [f"{name}/{name}.mkv"]  # no "… - 480p.mkv" beside it
    staged = runtime.settings.media_dir / ".incoming" / f"disc-{second.id}"
    assert [p.name for p in staged.iterdir()] == ["title-01.mkv"]  # the rip waits for the answer

    kept = runtime.services.discs.confirm(second.id, {"duplicate": "keep_both"})  # a person says: a second version
    assert kept.status == "confirmed"
    kept = wait_for(lambda: (d := runtime.state.get_disc(second.id)).status in ("done", "failed") and d, 180, what="kept")
    assert kept.status == "done", kept.error
    assert len(films(runtime)) == 2 and not staged.exists()

    insert_dvd(tmp_path, tmp_path_factory, "third", [22.0], "COPY_FILM")
    third = settled_disc(runtime, count=3)
    assert third.status == "review", (third.message, third.error)
    discarded = runtime.services.discs.confirm(third.id, {"duplicate": "discard"})
    assert discarded.status == "done" and discarded.message == "discarded"
    assert not (runtime.settings.media_dir / ".incoming" / f"disc-{third.id}").exists() and len(films(runtime)) == 2


def test_the_start_up_sweep_runs_after_job_recovery(tmp_path):
    """A dead daemon's rip is recovered first, so its partial encode goes; a rip a live worker
    process holds keeps its folder."""
    from media_library.jobs.worker import BOOT, HOST
    from tests.conftest import build_runtime
    from tests.discs.conftest import disc_settings

    runtime = build_runtime(disc_settings(tmp_path), "full")
    try:
        state, staging = runtime.state, runtime.settings.media_dir / rip.STAGING
        held = {}
        for name, owner in (("dead", f"{HOST}/earlier-boot/{os.getpid()}/x"), ("live", f"{HOST}/{BOOT}/{os.getppid()}/y")):
            disc = state.add_disc(f"fp-{name}", label=name, kind="dvd", source="/nowhere", status="ripping", progress=14.0)
            job, _ = runtime.jobs.enqueue("disc.rip", {"disc_id": disc.id})
            assert state.claim_next_job(owner, 600, kinds=["disc.rip"]).id == job.id
            state.update_disc(disc.id, job_id=job.id)
            partial = staging / f"disc-{disc.id}" / "title-01.partial.mkv"
            partial.parent.mkdir(parents=True)
            partial.write_bytes(b"half an encode")
            held[name] = (disc.id, job.id, partial)
        runtime.start()
        dead_disc, dead_job, dead_partial = held["dead"]
        assert state.get_job(dead_job).status == "interrupted"
        assert not dead_partial.exists() and not dead_partial.parent.exists()
        assert state.get_disc(dead_disc).status == "interrupted"
        live_disc, live_job, live_partial = held["live"]
        assert live_partial.exists() and state.get_job(live_job).status == "running"
        assert state.get_disc(live_disc).status == "ripping"
    finally:
        runtime.stop()


@pytest_slow
def test_a_rip_whose_output_was_published_before_a_crash_is_not_published_again(tmp_path, tmp_path_factory, rig, fake_tmdb):
    fake_tmdb.add_movie(640, "Once Film", year=2003)
    runtime, recorder = rig()
    insert_dvd(tmp_path, tmp_path_factory, "once", [20.0], "ONCE_FILM")
    first = settled_disc(runtime)
    assert first.status == "done", first.error
    name = "Once Film (2003) [tmdbid-640]"
    assert films(runtime) == [f"{name}/{name}.mkv"]
    # The daemon died after the film was published but before the disc was marked done: what the
    # disc knows then is its journal of published outputs. A rip job for it runs again.
    runtime.state.update_disc(first.id, status="ripping", result={"published": first.result["outputs"]})
    job, _ = runtime.jobs.enqueue("disc.rip", {"disc_id": first.id})
    again = wait_for(lambda: (j := runtime.state.get_job(job.id)).status in ("done", "failed") and j, 120, what="rip")
    assert again.status == "done", again.error
    disc = runtime.state.get_disc(first.id)
    assert disc.status == "done" and disc.result["outputs"] == first.result["outputs"]
    assert films(runtime) == [f"{name}/{name}.mkv"]
    encoded = [p for p in recorder.named(events.JobProgress) if p["id"] == job.id and "encoding" in (p["message"] or "")]
    assert encoded == []  # nothing was encoded a second time
