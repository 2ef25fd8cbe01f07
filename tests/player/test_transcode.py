"""The player's remux and transcode path end to end: the real app, real files made with ffmpeg,
real ffmpeg segmenting, segments read back with ffprobe."""

from __future__ import annotations

import json
import time

import pytest

from media_library.tools import proc
from tests.player.conftest import CHROMIUM, DURATION_S


def play(client, item, **body):
    return client.post(f"/api/media/{item.id}/play", json={"capabilities": CHROMIUM, **body})


def segments_of(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/vnd.apple.mpegurl"
    text = response.get_data(as_text=True)
    assert text.rstrip().endswith("#EXT-X-ENDLIST")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def probe_segment(tmp_path, data: bytes) -> dict:
    path = tmp_path / f"segment-{time.monotonic_ns()}.ts"
    path.write_bytes(data)
    done = proc.run([proc.which("ffprobe"), "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                     "file:" + str(path)], timeout=60)
    info = json.loads(done.stdout)
    return {"codecs": sorted(s["codec_name"] for s in info["streams"]), "start": float(info["format"]["start_time"]),
            "duration": float(info["format"]["duration"])}


def test_a_file_the_browser_plays_goes_direct(admin_client, library):
    item, media_file = library["direct"]
    answer = play(admin_client, item).json
    assert answer["method"] == "direct" and answer["session_id"] is None
    assert answer["url"] == f"/api/media/{item.id}/stream?file={media_file.id}"
    assert "plays MP4 with H.264 video and AAC audio as it is" in answer["reason"]


def test_ac3_audio_is_converted_and_the_video_copied(admin_client, library, tmp_path):
    item, _ = library["audio"]
    answer = play(admin_client, item).json
    assert answer["method"] == "audio" and "Dolby Digital (AC-3)" in answer["reason"]
    assert [t["language"] for t in answer["audio"]] == ["eng", "fra"]
    names = segments_of(admin_client, answer["url"])
    assert len(names) >= 2
    base = answer["url"].rsplit("/", 1)[0]
    first = admin_client.get(f"{base}/{names[0]}")
    assert first.status_code == 200 and first.mimetype == "video/mp2t"
    assert probe_segment(tmp_path, first.data)["codecs"] == ["aac", "h264"]


def test_another_audio_track_is_its_own_encode(admin_client, library, tmp_path):
    item, _ = library["audio"]
    first = play(admin_client, item).json
    second = play(admin_client, item, audio=1).json
    assert second["audio_stream"] == 1 and second["session_id"] != first["session_id"]
    assert admin_client.get(first["url"]).status_code == 404  # the earlier session of the same item ended
    names = segments_of(admin_client, second["url"])
    assert probe_segment(tmp_path, admin_client.get(second["url"].replace("index.m3u8", names[0])).data)["codecs"] == ["aac", "h264"]


@pytest.mark.parametrize("name", ["mpeg2", "hevc"])
def test_video_is_transcoded_and_seeking_restarts_where_asked(admin_client, library, tmp_path, name):
    item, _ = library[name]
    answer = play(admin_client, item).json
    assert answer["method"] == "video" and "converted to H.264" in answer["reason"]
    names = segments_of(admin_client, answer["url"])
    assert len(names) == 3  # 12 s in 4 s segments
    base = answer["url"].rsplit("/", 1)[0]
    last = probe_segment(tmp_path, admin_client.get(f"{base}/{names[-1]}").data)  # a seek to the end
    assert last["codecs"] == ["aac", "h264"]
    assert abs(last["start"] - 1.4 - 8.0) < 0.3  # source times: it lines up with the playlist's 8 s
    first = probe_segment(tmp_path, admin_client.get(f"{base}/{names[0]}").data)  # back to the start
    assert abs(first["start"] - 1.4) < 0.3 and abs(first["duration"] - 4.0) < 0.3


def test_resume_starts_the_encode_at_the_position(admin_client, library, app):
    item, _ = library["mpeg2"]
    answer = play(admin_client, item, at=9.0).json
    session = app.extensions["media_library"].services.player.sessions._sessions[answer["session_id"]]
    assert session.run_start == 2


def test_embedded_text_subtitles_become_webvtt(admin_client, library):
    item, media_file = library["audio"]
    answer = play(admin_client, item).json
    (subtitle,) = answer["subtitles"]
    assert subtitle["kind"] == "text" and subtitle["language"] == "eng"
    response = admin_client.get(subtitle["url"])
    assert response.status_code == 200 and response.mimetype == "text/vtt"
    assert response.get_data(as_text=True).startswith("WEBVTT") and "Hello" in response.get_data(as_text=True)
    assert admin_client.get(f"/api/media/{item.id}/subtitles/embedded/5.vtt?file={media_file.id}").status_code == 400


def test_leaving_ends_the_session_and_removes_its_segments(admin_client, library, app, settings):
    item, _ = library["mpeg2"]
    answer = play(admin_client, item).json
    base = answer["url"].rsplit("/", 1)[0]
    assert admin_client.get(f"{base}/0.ts").status_code == 200
    player = app.extensions["media_library"].services.player
    folder = player.sessions._sessions[answer["session_id"]].folder
    assert any(folder.glob("*.ts"))
    assert admin_client.delete(f"/api/transcode/{answer['session_id']}").status_code == 204
    assert not folder.exists() and player.sessions.running_count() == 0
    gone = admin_client.get(answer["url"])
    assert gone.status_code == 404 and "start playing again" in gone.json["message"]


def test_another_user_cannot_read_a_session(admin_client, user_client, library):
    item, _ = library["mpeg2"]
    answer = play(admin_client, item).json
    assert user_client.get(answer["url"]).status_code == 404
    assert user_client.delete(f"/api/transcode/{answer['session_id']}").status_code == 404


def test_conversions_beyond_the_cap_are_refused_with_a_reason(admin_client, user_client, library, app):
    player = app.extensions["media_library"].services.player
    player.sessions.limits = type(player.sessions.limits)(max_running=1, segment_wait_s=30, idle_s=60, forget_s=600)
    first = play(admin_client, library["mpeg2"][0]).json
    assert first["method"] == "video"
    refused = play(user_client, library["hevc"][0])
    assert refused.status_code == 503
    assert refused.json["error"] == "Busy" and "transcode.max_sessions" in refused.json["message"]
    admin_client.delete(f"/api/transcode/{first['session_id']}")
    assert play(user_client, library["hevc"][0]).status_code == 200


def test_an_idle_viewer_stops_ffmpeg_and_a_forgotten_session_goes(admin_client, library, app):
    player = app.extensions["media_library"].services.player
    sessions = player.sessions
    now = [1000.0]
    sessions.clock = lambda: now[0]
    answer = play(admin_client, library["hevc"][0]).json
    session = sessions._sessions[answer["session_id"]]
    assert session.running()
    now[0] += sessions.limits.idle_s + 1
    sessions.reap()
    assert not session.running() and answer["session_id"] in sessions._sessions  # paused: kept, ffmpeg stopped
    assert admin_client.get(answer["url"].replace("index.m3u8", "1.ts")).status_code == 200  # playing on restarts it
    now[0] += sessions.limits.forget_s + 1
    sessions.reap()
    assert answer["session_id"] not in sessions._sessions and not session.folder.exists()


def test_folders_of_dead_processes_are_removed_at_start(settings, tmp_path):
    from media_library.services.transcode.sessions import Limits, Sessions

    orphan = settings.transcode_dir / "999999-12345" / "abc"
    orphan.mkdir(parents=True)
    (orphan / "0.ts").write_bytes(b"x")
    Sessions(settings.transcode_dir, Limits())
    assert not orphan.parent.exists()


def test_the_segment_plan_covers_the_file(admin_client, library):
    answer = play(admin_client, library["mpeg2"][0]).json
    assert abs(answer["duration_s"] - DURATION_S) < 0.5
