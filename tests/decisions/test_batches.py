"""The ``watch.decide`` job: a burst of deliveries through the real endpoint is decided by one job
in batches, one decision per event; an event a dead drain held is taken again, never decided
twice; one event that cannot be decided holds up no other."""

from __future__ import annotations

import time

from media_library.models.decisions import WATCH_DECIDE
from media_library.services.decisions import service as decision_service
from tests.decisions.conftest import iso, jobs_settled, post, processed, send_all

FILMS = 30


def _deliver_films(admin_client, count: int, start: float) -> list[int]:
    ids = []
    for number in range(count):
        answer = post(admin_client, send_all(ItemId=f"{number + 1:032x}", Name=f"Film {number}", Provider_tmdb=str(900000 + number),
                                             UtcTimestamp=iso(start + number)))
        assert answer.status_code == 202, answer.json
        ids.append(answer.json["event_id"])
    return ids


def _decide_jobs(runtime):
    return [j for j in runtime.state.list_jobs(limit=500) if j.kind == WATCH_DECIDE]


def test_a_burst_is_decided_by_one_job_in_batches_one_decision_per_event(runtime, admin_client, radarr, monkeypatch):
    monkeypatch.setattr(decision_service, "BATCH", 8)
    ids = _deliver_films(admin_client, FILMS, time.time())
    assert len(_decide_jobs(runtime)) == 1  # every delivery found the job waiting: none queued another
    runtime.start()
    for event_id in ids:
        processed(runtime, event_id)
    jobs_settled(runtime)
    (job,) = _decide_jobs(runtime)
    assert job.status == "done" and job.result == {"events": FILMS, "decisions": FILMS}
    decided = runtime.state.list_decisions(limit=500)
    assert sorted(d.event_id for d in decided) == sorted(ids)
    assert {d.rule_name for d in decided} == {"No rule"}  # unknown to Radarr: they keep streaming


def test_an_event_a_dead_drain_held_is_taken_again_and_decided_once(runtime, admin_client, radarr, monkeypatch):
    (event_id,) = _deliver_films(admin_client, 1, time.time())
    held = runtime.state.claim_watch_events(10, stale_after=decision_service.STALE_CLAIM_SECONDS)  # a drain that then died
    assert [e.id for e in held] == [event_id] and held[0].status == "deciding"
    decisions = runtime.services.decisions
    assert decisions.decide_pending() == {"events": 0, "decisions": 0}  # not stale yet: another drain may be on it
    monkeypatch.setattr(decision_service, "STALE_CLAIM_SECONDS", 0.0)
    assert decisions.decide_pending() == {"events": 1, "decisions": 1}
    runtime.state.set_watch_event_status(event_id, "received")  # as if a second drain took it again
    assert decisions.decide_pending() == {"events": 1, "decisions": 1}  # the first decision, returned again
    assert len(runtime.state.list_decisions(event_id=event_id)) == 1


def test_one_event_that_cannot_be_decided_holds_up_no_other(runtime, admin_client, radarr, monkeypatch):
    first, bad, last = _deliver_films(admin_client, 3, time.time())
    decisions = runtime.services.decisions
    plan = decisions.history.plan

    def broken(event):
        if event.id == bad:
            raise RuntimeError("a bug in recording this event")
        return plan(event)

    monkeypatch.setattr(decisions.history, "plan", broken)
    assert decisions.decide_pending() == {"events": 3, "decisions": 2}
    failed = runtime.state.get_watch_event(bad)
    assert (failed.status, failed.error) == ("failed", "a bug in recording this event")
    assert [runtime.state.get_watch_event(e).status for e in (first, last)] == ["processed", "processed"]
