import pytest

from media_library.errors import ToolError
from media_library.tools import fpcalc
from tests.media import make_audio
from tests.tools.conftest import need


def test_parse_classic_output_from_acoustid_server(data):
    result = fpcalc.parse_fpcalc(data("acoustid-server-test_fpcalc_output_TEST_1A.txt"))
    assert result.duration_s == 260
    assert result.fingerprint.startswith("AQABVkmYaEmkJEsi")


def test_parse_json_output(data):
    result = fpcalc.parse_fpcalc(data("fpcalc_melody.json"))
    assert result.duration_s == 8 and result.fingerprint.startswith("AQAA")


@pytest.mark.parametrize(
    "text", ["", "{}", "DURATION=12\n", '{"duration": 1.0, "fingerprint": ""}', "{broken"]
)
def test_parse_without_fingerprint_is_value_error(text):
    with pytest.raises(ValueError):
        fpcalc.parse_fpcalc(text)


def test_argv_uses_absolute_path(tmp_path):
    argv = fpcalc.fingerprint_argv(tmp_path / "-length.mp3", 30)
    assert argv[1:4] == ["-json", "-length", "30"] and argv[-1] == str(tmp_path / "-length.mp3")


@pytest.mark.parametrize("ext", [".flac", ".mp3", ".ogg"])
def test_real_fingerprint_is_stable_across_codecs(tmp_path, tmp_path_factory, ext, data):
    need("fpcalc", "ffmpeg")
    path = make_audio(tmp_path / f"-song{ext}", 8.0, cache=tmp_path_factory)
    result = fpcalc.fingerprint(path)  # fpcalc exits 3 with a good fingerprint on Debian bookworm
    assert result.duration_s == 8
    reference = fpcalc.parse_fpcalc(data("fpcalc_melody.json")).fingerprint
    assert result.fingerprint[:24] == reference[:24]


def test_different_melodies_give_different_fingerprints(tmp_path, tmp_path_factory):
    need("fpcalc", "ffmpeg")
    one = fpcalc.fingerprint(make_audio(tmp_path / "a.flac", 8.0, melody=0, cache=tmp_path_factory))
    two = fpcalc.fingerprint(make_audio(tmp_path / "b.flac", 8.0, melody=1, cache=tmp_path_factory))
    assert one.fingerprint != two.fingerprint


def test_not_audio_is_tool_error(tmp_path):
    need("fpcalc")
    junk = tmp_path / "x.mp3"
    junk.write_bytes(b"not audio at all")
    with pytest.raises(ToolError):
        fpcalc.fingerprint(junk)
