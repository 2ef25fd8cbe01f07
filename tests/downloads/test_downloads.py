"""The real yt-dlp against the fake site: a progressive MP4, an HLS stream, a page embedding a video,
and a playlist of five entries of which two are broken; the archive; the Jellyfin layout."""

from __future__ import annotations

import json
from pathlib import Path

from media_library.tools import ffprobe
from tests.downloads.conftest import finished, wait_for
from tests.fakes.server import TINY_JPEG


def test_progressive_mp4_lands_in_the_channel_layout_with_nfo(rig, site, tmp_path):
    runtime = rig()
    download = runtime.services.downloads.add(f"{site.url}/clip.mp4", "best_mp4")
    done = finished(runtime, download.id)
    assert done.status == "done", done.error
    channel = Path(runtime.settings.media_dir) / "Web videos" / "127.0.0.1"
    videos = sorted(channel.glob("Season */*.mp4"))
    assert len(videos) == 1
    assert " - s20" in videos[0].name and videos[0].name.endswith(" - clip.mp4")
    assert videos[0].with_suffix(".nfo").read_text().count("<episodedetails>") == 1
    assert (channel / "tvshow.nfo").exists()
    assert ffprobe.duration(videos[0]) > 2.5
    assert runtime.state.get_media(done.media_id).kind == "video"


def test_asking_again_is_skipped_by_the_archive(rig, site):
    runtime = rig()
    first = finished(runtime, runtime.services.downloads.add(f"{site.url}/clip.mp4").id)
    assert first.status == "done", first.error
    again = finished(runtime, runtime.services.downloads.add(f"{site.url}/clip.mp4").id)
    assert again.status == "skipped"
    assert "already downloaded" in again.message
    assert again.media_id == first.media_id
    assert len(list((Path(runtime.settings.media_dir) / "Web videos").rglob("*.mp4"))) == 1


def test_deleted_file_is_fetched_again_only_when_the_setting_says_so(rig, site):
    runtime = rig(**{"downloads.redownload_deleted": True})
    first = finished(runtime, runtime.services.downloads.add(f"{site.url}/clip.mp4").id)
    entry = runtime.state.get_archived(first.archive_key)
    Path(entry.path).unlink()
    again = finished(runtime, runtime.services.downloads.add(f"{site.url}/clip.mp4").id)
    assert again.status == "done", again.error
    assert Path(runtime.state.get_archived(first.archive_key).path).exists()


def test_hls_stream_made_with_ffmpeg(rig, site):
    runtime = rig()
    done = finished(runtime, runtime.services.downloads.add(f"{site.url}/hls/index.m3u8").id)
    assert done.status == "done", done.error
    assert site.requested("/hls/seg")
    path = runtime.state.get_archived(done.archive_key).path
    assert ffprobe.duration(path) > 2.0


def test_page_with_an_embedded_video_gets_its_thumbnail_and_the_channel_poster(rig, site):
    runtime = rig()
    done = finished(runtime, runtime.services.downloads.add(f"{site.url}/embed.html").id)
    assert done.status == "done", done.error
    assert site.requested("/clip.mp4")
    video = Path(runtime.state.get_archived(done.archive_key).path)
    channel = video.parent.parent
    assert video.with_name(video.stem + "-thumb.jpg").read_bytes() == TINY_JPEG
    assert (channel / "poster.jpg").read_bytes() == TINY_JPEG
    assert "<showtitle>127.0.0.1</showtitle>" in video.with_suffix(".nfo").read_text()
    assert "<title>127.0.0.1</title>" in (channel / "tvshow.nfo").read_text()


def test_single_videos_as_films_go_through_the_publish_step(rig, site):
    runtime = rig(**{"downloads.single_videos_as": "films"})
    done = finished(runtime, runtime.services.downloads.add(f"{site.url}/clip.mp4").id)
    assert done.status == "done", done.error
    path = Path(runtime.state.get_archived(done.archive_key).path)
    assert path.parent == runtime.settings.uploads_dir and path.suffix == ".mp4"
    item = runtime.state.get_media(done.media_id)
    assert item.title == "clip"
    assert not (Path(runtime.settings.media_dir) / "Web videos").exists()


def test_playlist_of_five_with_two_broken_becomes_a_collection_of_three_in_order(rig, site):
    runtime = rig()
    parent = runtime.services.downloads.add(f"{site.url}/playlist.html")
    wait_for(lambda: runtime.state.get_download(parent.id).status == "playlist", what="the playlist to expand")
    entries = runtime.state.list_download_children(parent.id)
    assert [e.position for e in entries] == [1, 2, 3, 4, 5]
    ended = [finished(runtime, e.id, timeout=180) for e in entries]
    assert [e.status for e in ended] == ["done", "failed", "done", "failed", "done"], [e.error for e in ended]
    assert "404" in ended[1].error
    assert "not playable media" in ended[3].error
    collection_id = runtime.state.get_download(parent.id).collection_id
    assert runtime.state.get_collection(collection_id).name == "Five clips"
    assert runtime.state.list_collection_media_ids(collection_id) == [ended[0].media_id, ended[2].media_id, ended[4].media_id]


def test_apprise_is_told_about_finished_and_failed_downloads(rig, site):
    site.routes["/notify"] = lambda _site: (200, {"Content-Type": "application/json"}, b"{}")
    runtime = rig(**{"notify.urls": [f"json://127.0.0.1:{site.port}/notify"]})
    finished(runtime, runtime.services.downloads.add(f"{site.url}/clip.mp4").id)
    finished(runtime, runtime.services.downloads.add(f"{site.url}/missing.mp4").id)
    wait_for(lambda: len(site.requested("/notify")) >= 2, 30, what="two notifications")
    bodies = [json.loads(h.body) for h in site.requested("/notify")]
    assert [b["title"].split(":")[0] for b in bodies] == ["Downloaded", "Download failed"]
    assert "404" in bodies[1]["message"]
