import json

import pytest

from media_library.errors import ToolError
from media_library.tools import ffprobe, mediainfo
from tests.media import make_video
from tests.tools.conftest import need


def test_from_captured_tracks(data):
    info = mediainfo.from_tracks(json.loads(data("mediainfo_mkv_multi.json")))
    assert info == mediainfo.MediaInfo(
        duration_s=pytest.approx(2.021),
        container="Matroska",
        video_codec="AVC",
        width=320,
        height=240,
        audio_codecs=["AAC", "AAC"],
        audio_languages=["eng", "fra"],
        subtitle_languages=["eng"],
    )


def test_from_tracks_without_general_is_an_error():
    with pytest.raises(ToolError):
        mediainfo.from_tracks([{"track_type": "Video"}])


def test_from_tracks_falls_back_to_stream_duration_and_two_letter_language():
    info = mediainfo.from_tracks(
        [
            {"track_type": "General", "format": "AVI"},
            {"track_type": "Audio", "duration": "1500.0", "language": "de"},
        ]
    )
    assert (info.duration_s, info.audio_languages, info.video_codec) == (1.5, ["de"], None)


def test_from_probe_matches_the_same_shape(data):
    info = mediainfo.from_probe(ffprobe.parse_probe_json(data("ffprobe_mkv_multi.json")))
    assert info.audio_languages == ["eng", "fra"] and info.subtitle_languages == ["eng"]
    assert (info.video_codec, info.width, info.height) == ("h264", 320, 240)


@pytest.mark.parametrize(
    ("head", "text"),
    [
        (b"#EXTM3U\n#EXTINF:10,\n/etc/passwd\n", True),
        (b'<?xml version="1.0"?><MPD>', True),
        (b"ffconcat version 1.0\nfile /etc/passwd\n", True),
        ("Amélie\n".encode() + "é".encode()[:1], True),
        (b"\x1aE\xdf\xa3\x9fB\x86\x81\x01", False),  # Matroska EBML header
        (b"\x00\x00\x00\x18ftypmp42", False),
        (b"", False),
    ],
)
def test_looks_like_text(head, text):
    assert mediainfo.looks_like_text(head) is text


def test_media_info_on_real_file_with_hostile_name(tmp_path, tmp_path_factory):
    need("ffmpeg")
    path = make_video(
        tmp_path / "-i $(touch PWN);'.mkv", 2.0, audio_languages=("eng",), cache=tmp_path_factory
    )
    info = mediainfo.media_info(path)
    assert info.container in ("Matroska", "matroska,webm")
    assert info.audio_languages == ["eng"] and info.width == 320
    assert not (tmp_path / "PWN").exists()


def test_playlist_is_refused_before_libmediainfo_follows_it(tmp_path, tmp_path_factory):
    need("ffmpeg")
    outside = make_video(tmp_path / "outside.ts", 1.0, cache=tmp_path_factory)
    evil = tmp_path / "evil.mp4"
    evil.write_text(f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n{outside}\n#EXT-X-ENDLIST\n")
    with pytest.raises(ToolError, match="not a media file"):
        mediainfo.media_info(evil)


def test_falls_back_to_ffprobe_without_libmediainfo(tmp_path, tmp_path_factory, monkeypatch):
    need("ffmpeg", "ffprobe")
    monkeypatch.setattr(mediainfo, "_pymediainfo_tracks", lambda path: None)
    info = mediainfo.media_info(make_video(tmp_path / "a.mkv", 2.0, cache=tmp_path_factory))
    assert (info.container, info.video_codec) == ("matroska,webm", "h264")
