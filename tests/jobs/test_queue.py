"""The job queue in the state layer: claiming, limits, idempotency, retry, cancel, recovery."""

from __future__ import annotations

import threading

import pytest

from media_library.errors import Conflict


def test_claim_takes_highest_priority_then_oldest_and_counts_the_attempt(state):
    low, _ = state.add_job("a", {"n": 1})
    high, _ = state.add_job("a", {"n": 2}, priority=5)
    job = state.claim_next_job("me", 30, kinds=["a"])
    assert job.id == high.id and job.attempts == 1 and job.status == "running" and job.lease_owner == "me"
    assert state.claim_next_job("me", 30, kinds=["a"]).id == low.id
    assert state.claim_next_job("me", 30, kinds=["a"]) is None


def test_claim_skips_unknown_kinds_and_future_jobs(state):
    state.add_job("other", {})
    state.add_job("a", {}, run_after=state.now() + 3600)
    assert state.claim_next_job("me", 30, kinds=["a"]) is None


def test_per_kind_concurrency_limit(state):
    for _ in range(3):
        state.add_job("rip", {})
    state.add_job("scan", {})
    first = state.claim_next_job("me", 30, kinds=["rip", "scan"], limits={"rip": 1})
    second = state.claim_next_job("me", 30, kinds=["rip", "scan"], limits={"rip": 1})
    assert (first.kind, second.kind) == ("rip", "scan")
    assert state.claim_next_job("me", 30, kinds=["rip", "scan"], limits={"rip": 1}) is None
    state.finish_job(first.id, "me")
    assert state.claim_next_job("me", 30, kinds=["rip"], limits={"rip": 1}).kind == "rip"


def test_concurrent_claims_never_take_one_job_twice(state):
    for n in range(200):
        state.add_job("a", {"n": n})
    claimed, lock = [], threading.Lock()

    def worker(name):
        while (job := state.claim_next_job(name, 30, kinds=["a"])) is not None:
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(claimed) == 200 == len(set(claimed))


def test_idempotency_key_is_unique_among_live_jobs(state):
    first, created = state.add_job("a", {}, idempotency_key="k")
    again, created_again = state.add_job("a", {}, idempotency_key="k")
    assert created and not created_again and again.id == first.id
    job = state.claim_next_job("me", 30, kinds=["a"])
    state.finish_job(job.id, "me", {"x": 1})
    third, created_third = state.add_job("a", {}, idempotency_key="k")
    assert created_third and third.id != first.id
    assert state.get_job(first.id).result == {"x": 1}


def test_fail_with_retry_requeues_later_and_without_retry_fails(state):
    state.add_job("a", {})
    job = state.claim_next_job("me", 30, kinds=["a"])
    retried = state.fail_job(job.id, "me", "upstream 503", retry_at=state.now() + 60)
    assert retried.status == "queued" and retried.run_after > state.now()
    assert state.claim_next_job("me", 30, kinds=["a"]) is None
    state.db  # noqa: B018 - the job waits for its run_after
    failed = state.fail_job(job.id, "me", "nope")
    assert failed is None  # no longer held by us: only the lease owner may finish a job


def test_only_the_lease_owner_can_finish(state):
    state.add_job("a", {})
    job = state.claim_next_job("me", 30, kinds=["a"])
    assert state.finish_job(job.id, "someone-else") is None
    assert state.finish_job(job.id, "me").status == "done"


def test_cancel_queued_running_and_final(state):
    queued, _ = state.add_job("a", {})
    assert state.cancel_job(queued.id).status == "cancelled"
    state.add_job("a", {})
    running = state.claim_next_job("me", 30, kinds=["a"])
    flagged = state.cancel_job(running.id)
    assert flagged.status == "running" and flagged.cancel_requested
    assert state.heartbeat_jobs("me", [running.id], 30) == {running.id: True}
    with pytest.raises(Conflict):
        state.cancel_job(queued.id)


def test_retry_gives_a_fresh_budget(state):
    state.add_job("a", {}, max_attempts=1)
    job = state.claim_next_job("me", 30, kinds=["a"])
    state.fail_job(job.id, "me", "broken")
    again = state.retry_job(job.id)
    assert again.status == "queued" and again.attempts == 0 and again.error is None
    with pytest.raises(Conflict):
        state.retry_job(job.id)


def test_recovery_requeues_resumable_interrupts_others_and_spares_live_owners(state):
    for kind in ("scan", "rip", "scan"):
        state.add_job(kind, {})
    scan = state.claim_next_job("dead", 0, kinds=["scan"])
    rip = state.claim_next_job("dead", 0, kinds=["rip"])
    live = state.claim_next_job("alive", 0, kinds=["scan"])
    recovered = state.recover_jobs(owner_alive=lambda owner: owner == "alive", resumable_kinds=["scan"])
    by_id = {j.id: j.status for j in recovered}
    assert by_id == {scan.id: "queued", rip.id: "interrupted"}
    assert state.get_job(live.id).status == "running"


def test_recovery_gives_up_on_a_poison_job(state):
    state.add_job("scan", {}, max_attempts=2)
    for _ in range(2):
        job = state.claim_next_job("dead", 0, kinds=["scan"])
        state.recover_jobs(owner_alive=lambda owner: False, resumable_kinds=["scan"])
    final = state.get_job(job.id)
    assert final.status == "failed" and "gave up after 2 attempts" in final.error


def test_release_on_shutdown(state):
    state.add_job("scan", {})
    state.add_job("rip", {})
    scan = state.claim_next_job("me", 30, kinds=["scan"])
    rip = state.claim_next_job("me", 30, kinds=["rip"])
    assert state.release_job(scan.id, "me", resumable=True).status == "queued"
    assert state.get_job(scan.id).attempts == 0
    assert state.release_job(rip.id, "me", resumable=False).status == "interrupted"


def test_list_jobs_pages_by_key(state):
    ids = [state.add_job("a", {})[0].id for _ in range(5)]
    page = state.list_jobs(limit=2)
    assert [j.id for j in page] == ids[:-3:-1]
    assert [j.id for j in state.list_jobs(limit=2, before_id=page[-1].id)] == ids[2:0:-1]


def test_postpone_moves_only_a_waiting_job(state):
    job, _ = state.add_job("a", {})
    later = state.postpone_job(job.id, state.now() + 30)
    assert later.run_after > state.now() and state.claim_next_job("me", 30, kinds=["a"]) is None
    state.postpone_job(job.id, 0)
    running = state.claim_next_job("me", 30, kinds=["a"])
    assert state.postpone_job(running.id, state.now() + 30) is None
