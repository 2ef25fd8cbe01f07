"""How a file plays, decided from its streams and the browser's capabilities (pure)."""

from __future__ import annotations

from media_library.services.transcode.plan import (
    Capabilities,
    Choice,
    FileStreams,
    Track,
    container_of,
    decide,
    plan_segments,
    playlist,
)

CHROME = Capabilities(frozenset({"mp4", "webm"}), frozenset({"h264", "vp9"}), frozenset({"aac", "mp3", "opus"}))


def streams(container="mp4", video="h264", audio=("aac",), subtitles=(), duration=100.0, start=0.0):
    return FileStreams(container, duration, start, video, 1080, tuple(Track(i, c) for i, c in enumerate(audio)),
                       tuple(Track(i, c) for i, c in enumerate(subtitles)))


def test_what_plays_goes_direct():
    decision = decide(streams(), CHROME)
    assert decision.method == "direct" and "MP4 with H.264 video and AAC audio" in decision.reason


def test_a_container_the_browser_cannot_open_is_remuxed():
    decision = decide(streams("matroska"), CHROME)
    assert decision.method == "remux" and "Matroska" in decision.reason and "copied" in decision.reason


def test_audio_the_browser_cannot_play_is_converted_and_the_video_copied():
    decision = decide(streams("matroska", audio=("ac3",)), CHROME)
    assert (decision.method, decision.video_mode, decision.audio_mode) == ("audio", "copy", "aac")
    assert "Dolby Digital (AC-3)" in decision.reason


def test_video_the_browser_cannot_play_is_transcoded():
    for codec, name in (("mpeg2video", "MPEG-2"), ("hevc", "HEVC")):
        decision = decide(streams("avi", codec, ("mp3",)), CHROME)
        assert (decision.method, decision.video_mode) == ("video", "h264") and name in decision.reason


def test_video_that_plays_but_not_through_hls_is_transcoded():
    assert decide(streams("matroska", "vp9", ("ac3",)), CHROME).method == "video"


def test_another_audio_track_needs_the_server():
    decision = decide(streams("mp4", audio=("aac", "aac")), CHROME, Choice(audio=1))
    assert decision.method == "remux" and decision.audio_stream == 1 and "audio track" in decision.reason


def test_image_subtitles_are_burned_in_text_ones_never():
    both = streams("matroska", subtitles=("hdmv_pgs_subtitle", "subrip"))
    burned = decide(both, CHROME, Choice(burn=0))
    assert (burned.method, burned.burn_subtitle) == ("video", 0) and "images" in burned.reason
    assert decide(both, CHROME, Choice(burn=1)).burn_subtitle is None


def test_containers_are_named_as_browsers_name_them():
    assert container_of("mov,mp4,m4a,3gp,3g2,mj2", ["h264"]) == "mp4"
    assert container_of("matroska,webm", ["vp9", "opus"]) == "webm"
    assert container_of("matroska,webm", ["h264", "ac3"]) == "matroska"


def test_a_transcode_is_cut_every_segment_length():
    plan = plan_segments(streams(duration=10.2), decide(streams("avi", "mpeg2video"), CHROME), 4.0)
    assert plan.starts == (0.0, 4.0, 8.0) and plan.durations()[-1] == 10.2 - 8.0
    assert plan.segment_at(5.0) == 1 and plan.segment_at(0) == 0 and plan.segment_at(99) == 2


def test_a_copy_is_cut_at_keyframes_at_least_a_segment_apart():
    remux = decide(streams("matroska"), CHROME)
    plan = plan_segments(streams("matroska", duration=20.0, start=1.4), remux, 4.0,
                         [1.4, 3.4, 5.4, 6.0, 9.9, 11.4, 13.4, 15.4, 21.0])
    assert [round(s, 6) for s in plan.starts] == [0.0, 4.0, 8.5, 14.0] and plan.origin_s == 1.4
    assert round(plan.source_time(1), 6) == 5.4 and [round(c, 6) for c in plan.cuts_after(2)] == [15.4]


def test_the_playlist_lists_the_whole_file():
    plan = plan_segments(streams(duration=10.0), decide(streams("avi", "mpeg2video"), CHROME), 4.0)
    text = playlist(plan, lambda i: f"{i}.ts")
    assert text.startswith("#EXTM3U") and "#EXT-X-PLAYLIST-TYPE:VOD" in text and text.rstrip().endswith("#EXT-X-ENDLIST")
    assert "#EXTINF:4.000000,\n0.ts" in text and "#EXTINF:2.000000,\n2.ts" in text and "#EXT-X-TARGETDURATION:4" in text


def test_capabilities_from_the_browser_are_bounded():
    caps = Capabilities.parse({"containers": ["MP4"], "video": ["h264"] * 100, "audio": "aac"})
    assert caps.containers == {"mp4"} and caps.video == {"h264"} and caps.audio == Capabilities().audio
