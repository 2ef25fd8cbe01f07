"""Sidecar subtitles: the SRT → WebVTT converter (pure), discovery next to the video, the routes,
and a symlinked sidecar out of the media root that is never read."""

from __future__ import annotations

import os

import pytest

from media_library.services.subtitles import srt_to_vtt, to_vtt

SRT = """1
00:00:01,000 --> 00:00:02,500
Hello <font color="red">there</font>, <i>friend</i>

2
00:00:03,5 --> 00:00:04,000
{\\an8}Top line
with --> arrows

not a cue

3
01:02:03,004 --> 01:02:05,000
<script>alert(1)</script>Last
"""


def test_srt_becomes_webvtt():
    assert srt_to_vtt(SRT) == (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.500\nHello there, <i>friend</i>\n\n"
        "00:00:03.500 --> 00:00:04.000\nTop line\nwith -> arrows\n\n"
        "01:02:03.004 --> 01:02:05.000\nalert(1)Last\n"
    )


def test_crlf_bom_and_latin1_are_read():
    data = ("\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\nCafé\r\n").encode("utf-8")
    assert to_vtt(data, "srt") == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCafé\n"
    assert "Café" in to_vtt("1\n00:00:01,000 --> 00:00:02,000\nCafé\n".encode("cp1252"), "srt")


def test_vtt_passes_through_and_empty_is_valid():
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n"
    assert to_vtt(vtt.encode(), "vtt") == vtt
    assert srt_to_vtt("") == "WEBVTT\n\n"


@pytest.fixture
def video(state, settings, add):
    folder = settings.media_dir / "Movies" / "Heat (1995)"
    folder.mkdir(parents=True)
    path = folder / "Heat (1995).mkv"
    path.write_bytes(b"x")
    (folder / "Heat (1995).en.srt").write_text(SRT)
    (folder / "Heat (1995).fr.forced.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nSalut\n")
    (folder / "Heat (1995) extra.srt").write_text(SRT)  # another video's sidecar
    (folder / "notes.txt").write_text("x")
    item = add("movie", "Heat")
    state.upsert_media_file(str(path), media_id=item.id, size=1, mtime=0)
    return item, folder


def test_sidecars_listed_and_served(admin_client, video):
    item, _ = video
    listed = admin_client.get(f"/api/media/{item.id}/subtitles").json["items"]
    assert [(s["language"], s["forced"], s["format"]) for s in listed] == [("en", False, "srt"), ("fr", True, "vtt")]
    response = admin_client.get(listed[0]["url"])
    assert response.status_code == 200 and response.mimetype == "text/vtt"
    assert response.text.startswith("WEBVTT\n\n00:00:01.000 --> 00:00:02.500")
    assert admin_client.get(f"/api/media/{item.id}/subtitles/7.vtt").status_code == 404


def test_a_symlink_out_of_the_root_is_not_offered(admin_client, video, tmp_path):
    item, folder = video
    secret = tmp_path / "secret.srt"
    secret.write_text("1\n00:00:01,000 --> 00:00:02,000\nSECRET\n")
    os.symlink(secret, folder / "Heat (1995).de.srt")
    listed = admin_client.get(f"/api/media/{item.id}/subtitles").json["items"]
    assert "de" not in [s["language"] for s in listed]
    for s in listed:
        assert "SECRET" not in admin_client.get(s["url"]).text
