"""The jobs API the dashboard uses."""

from __future__ import annotations


def test_queue_list_get_cancel_retry(admin_client, runtime):
    created = admin_client.post("/api/jobs", json={"kind": "system.check", "payload": {}})
    assert created.status_code == 201
    job = created.json
    assert job["status"] == "queued" and "lease_owner" not in job
    assert admin_client.get(f"/api/jobs/{job['id']}").json["id"] == job["id"]
    cancelled = admin_client.post(f"/api/jobs/{job['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    assert admin_client.post(f"/api/jobs/{job['id']}/cancel").status_code == 409
    retried = admin_client.post(f"/api/jobs/{job['id']}/retry")
    assert retried.status_code == 200 and retried.json["status"] == "queued"
    assert admin_client.post(f"/api/jobs/{job['id']}/retry").status_code == 409


def test_keyset_paging(admin_client):
    ids = [admin_client.post("/api/jobs", json={"kind": "system.check"}).json["id"] for _ in range(5)]
    first = admin_client.get("/api/jobs?limit=2").json
    assert [j["id"] for j in first["items"]] == ids[::-1][:2]
    second = admin_client.get(f"/api/jobs?limit=2&before_id={first['next_before_id']}").json
    assert [j["id"] for j in second["items"]] == ids[::-1][2:4]
    last = admin_client.get(f"/api/jobs?limit=2&before_id={second['next_before_id']}").json
    assert [j["id"] for j in last["items"]] == [ids[0]] and last["next_before_id"] is None
    assert admin_client.get("/api/jobs?status=queued&kind=system.check").json["items"]


def test_bad_input(admin_client):
    assert admin_client.post("/api/jobs", json={"kind": "no.such.kind"}).status_code == 400
    assert admin_client.post("/api/jobs", json={"kind": "system.check", "status": "done"}).status_code == 400
    assert admin_client.post("/api/jobs", json={"kind": "system.check", "payload": [1]}).status_code == 400
    assert admin_client.get("/api/jobs?limit=0").status_code == 400
    assert admin_client.get("/api/jobs?status=weird").status_code == 400
    assert admin_client.get("/api/jobs?before_id=x").status_code == 400


def test_users_read_but_do_not_change_jobs(admin_client, user_client):
    job = admin_client.post("/api/jobs", json={"kind": "system.check"}).json
    assert user_client.get("/api/jobs").status_code == 200
    assert user_client.post("/api/jobs", json={"kind": "system.check"}).status_code == 403
    assert user_client.post(f"/api/jobs/{job['id']}/cancel").status_code == 403


def test_kinds(admin_client):
    assert "system.check" in admin_client.get("/api/jobs/kinds").json["kinds"]
