"""Socket.IO: refused without a session or token, foreign Origins refused, events forwarded
to logged-in clients only, and cut off when the session ends."""

from __future__ import annotations

from media_library import events


def test_refused_without_a_session(app, admin_client):
    sio = app.extensions["socketio"].test_client(app)
    assert not sio.is_connected()


def test_connected_with_a_session_gets_events(app, socketio_client, runtime):
    assert socketio_client.is_connected()
    job, _ = runtime.jobs.enqueue("system.check", {})
    received = socketio_client.get_received()
    updates = [m for m in received if m["name"] == events.JobUpdated.name]
    assert updates and updates[-1]["args"][0]["id"] == job.id
    runtime.bus.publish(events.JobProgress(job.id, "system.check", 50.0, "half"))
    runtime.bus.publish(events.ServiceState("jobs", "running", 0, None))
    received = socketio_client.get_received()
    assert [m["name"] for m in received] == ["job_progress", "service_state"]  # the wire names the app listens for
    assert received[1]["args"][0] == {"name": "jobs", "state": "running", "restarts": 0, "error": None}


def test_strangers_get_no_events(app, admin_client, runtime):
    stranger = app.extensions["socketio"].test_client(app)
    runtime.jobs.enqueue("system.check", {})
    assert not stranger.is_connected()


def test_token_auth(app, admin_client):
    secret = admin_client.post("/api/tokens", json={"name": "jobs", "scope": "jobs"}).json["secret"]
    sio = app.extensions["socketio"].test_client(app, auth={"token": secret})
    assert sio.is_connected()
    sio.disconnect()
    stream_only = admin_client.post("/api/tokens", json={"name": "s", "scope": "stream"}).json["secret"]
    assert not app.extensions["socketio"].test_client(app, auth={"token": stream_only}).is_connected()
    assert not app.extensions["socketio"].test_client(app, auth={"token": "mlt_wrong"}).is_connected()


def test_logout_disconnects(app, socketio_client, admin_client):
    assert socketio_client.is_connected()
    assert admin_client.post("/api/auth/logout").status_code == 204
    assert not socketio_client.is_connected()
    again = app.extensions["socketio"].test_client(app, flask_test_client=admin_client)
    assert not again.is_connected()


def test_foreign_origin_is_refused(admin_client):
    evil = admin_client.get("/socket.io/?EIO=4&transport=polling", headers={"Origin": "https://evil.example"})
    assert evil.status_code == 400
    same = admin_client.get("/socket.io/?EIO=4&transport=polling", headers={"Origin": "http://localhost"})
    assert same.status_code == 200
