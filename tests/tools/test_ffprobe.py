import shutil
import subprocess

import pytest

from media_library.errors import ToolError
from media_library.tools import ffprobe
from tests.media import make_video
from tests.tools.conftest import need

# --- pure parsing on captured output ------------------------------------------------------------


def test_parse_captured_mkv_with_languages(data):
    result = ffprobe.parse_probe_json(data("ffprobe_mkv_multi.json"))
    assert result.format_name == result.container == "matroska,webm"
    assert result.duration_s == pytest.approx(2.021)
    assert [(s.index, s.type, s.codec, s.language) for s in result.streams] == [
        (0, "video", "h264", None),
        (1, "audio", "aac", "eng"),
        (2, "audio", "aac", "fra"),
        (3, "subtitle", "subrip", "eng"),
    ]
    video = result.of_type("video")[0]
    assert (video.width, video.height) == (320, 240)
    assert result.of_type("audio")[0].channels == 1
    assert result.bit_rate and result.bit_rate > 0


def test_parse_captured_dvd_vob(data):
    result = ffprobe.parse_probe_json(data("ffprobe_vob.json"))
    assert result.format_name == "mpeg"
    assert {s.codec for s in result.streams} >= {"mpeg2video", "ac3"}


def test_parse_tolerates_missing_fields_and_falls_back_to_stream_duration():
    text = (
        '{"streams": [{"index": 0, "codec_type": "audio", "duration": "3.5", "tags": {"LANGUAGE": "und"}},'
        ' {"codec_type": "video"}], "format": {"duration": "N/A", "bit_rate": "x"}}'
    )
    result = ffprobe.parse_probe_json(text)
    assert result.duration_s == 3.5 and result.bit_rate is None
    assert [(s.index, s.language) for s in result.streams] == [(0, None)]  # index-less stream skipped


@pytest.mark.parametrize("text", ["", "{}", '{"format": {}}'])
def test_parse_empty_output_has_no_duration(text):
    assert ffprobe.parse_probe_json(text).duration_s is None


def test_parse_invalid_json_is_value_error():
    with pytest.raises(ValueError):
        ffprobe.parse_probe_json("Invalid data found when processing input")


def test_demuxer_list_parsing_drops_playlists_and_devices():
    text = (
        "File formats:\n D. = Demuxing supported\n .E = Muxing supported\n --\n"
        " D  concat          Virtual concatenation script\n"
        " D  hls             Apple HTTP Live Streaming\n"
        " D  matroska,webm   Matroska / WebM\n"
        " D  mov,mp4,m4a,3gp,3g2,mj2 QuickTime / MOV\n"
        "  E mp4             MP4 (MPEG-4 Part 14)\n"
        " D  v4l2            Video4Linux2 device grab\n"
    )
    names = ffprobe.parse_demuxers(text)
    assert names == ["concat", "hls", "matroska", "webm", "mov", "mp4", "m4a", "3gp", "3g2", "mj2", "v4l2"]
    assert ffprobe.filter_demuxers(names) == ["matroska", "webm", "mov", "mp4", "m4a", "3gp", "3g2", "mj2"]


@pytest.mark.parametrize("name", ["-i.mkv", "concat:%2Fetc%2Fpasswd|a.mp4", "--help.mkv"])
def test_argv_has_absolute_file_url_and_whitelists(tmp_path, name):
    argv = ffprobe.probe_argv(tmp_path / name, demuxers="matroska")
    assert argv[-2:] == ["-i", f"file:{tmp_path / name}"]
    assert argv[argv.index("-protocol_whitelist") + 1] == "file,crypto"
    assert argv[argv.index("-format_whitelist") + 1] == "matroska"
    assert not any(a.startswith("-") and name in a for a in argv)


# --- the real ffprobe ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _ffprobe():
    need("ffprobe", "ffmpeg")


@pytest.mark.parametrize("ext", [".mkv", ".mp4", ".avi", ".webm", ".ts"])
def test_probe_real_files(tmp_path, tmp_path_factory, ext):
    path = make_video(tmp_path / f"clip{ext}", 2.0, cache=tmp_path_factory)
    result = ffprobe.probe(path)
    assert result.duration_s == pytest.approx(2.0, abs=0.2)
    assert {s.type for s in result.streams} == {"video", "audio"}
    assert ffprobe.duration(path) == result.duration_s


HOSTILE = ["-i.mkv", "--help.mkv", "-rf.mkv", "$(touch PWN).mkv", "`touch PWN`.mkv", "a;b'c.mkv",
           "x && touch PWN.mkv", "a|b.mkv", "new\nline.mkv", "concat:%2Fetc%2Fpasswd|a.mp4",
           "subfile,,start,0,end,0,,:a.mkv", "a%20b?x#y.mkv"]  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_probe_as_plain_files_and_run_nothing(tmp_path, tmp_path_factory, name, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = make_video(tmp_path / name, 1.0, cache=tmp_path_factory)
    before = set(tmp_path.iterdir())
    assert ffprobe.probe(path).duration_s == pytest.approx(1.0, abs=0.2)
    assert set(tmp_path.iterdir()) == before  # no PWN, nothing else created


def test_concat_name_without_a_file_is_an_error_not_etc_passwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ToolError):
        ffprobe.probe("concat:/etc/passwd|a.mp4")


def test_not_media_is_tool_error(tmp_path):
    junk = tmp_path / "notes.mkv"
    junk.write_text("just text")
    with pytest.raises(ToolError):
        ffprobe.probe(junk)


def test_missing_file_is_tool_error(tmp_path):
    with pytest.raises(ToolError):
        ffprobe.probe(tmp_path / "gone.mkv")


def test_hls_playlist_disguised_as_mp4_opens_nothing_outside(tmp_path, tmp_path_factory):
    """A playlist naming a file outside the root must not make ffprobe open it."""
    need("strace")
    outside = make_video(tmp_path / "outside" / "secret.ts", 1.0, cache=tmp_path_factory)
    root = tmp_path / "root"
    root.mkdir()
    evil = root / "evil.mp4"
    evil.write_text(
        "#EXTM3U\n#EXT-X-TARGETDURATION:10\n"
        f"#EXTINF:10,\n{outside}\n#EXTINF:10,\nfile:///etc/passwd\n#EXTINF:10,\nhttp://127.0.0.1:9/x.ts\n"
        "#EXT-X-ENDLIST\n"
    )
    argv = ffprobe.probe_argv(
        evil, ffprobe=shutil.which("ffprobe"), demuxers=ffprobe.safe_demuxers(shutil.which("ffprobe"))
    )
    trace = tmp_path / "trace.txt"
    subprocess.run(
        ["strace", "-f", "-e", "trace=connect,openat,open", "-o", str(trace), *argv],  # noqa: S603
        capture_output=True,
        timeout=60,
    )
    text = trace.read_text()
    assert "connect(" not in text
    assert str(outside) not in text and "/etc/passwd" not in text
