import threading

import pytest

from media_library.errors import JobCancelled, ToolError
from media_library.tools import ffprobe, handbrake
from media_library.tools.handbrake import Progress
from tests.media import make_dvd, make_iso
from tests.tools.conftest import need

# --- pure parsing on output captured from the real HandBrakeCLI 1.6.1 ------------------------------


@pytest.mark.parametrize("fixture", ["handbrake_scan_dvd_folder.txt", "handbrake_scan_iso.txt"])
def test_parse_captured_scan(data, fixture):
    scan = handbrake.parse_scan_json(data(fixture))
    assert [t.index for t in scan.titles] == [1, 2]
    first, second = scan.titles
    assert (first.duration_s, second.duration_s) == (12.0, 3.0)
    # MainFeature is -1 on this disc: the longest title is chosen instead
    assert scan.main_feature == 1 and first.is_main_feature and not second.is_main_feature
    assert len(first.chapters) == 3 and sum(first.chapters) == pytest.approx(12.0, abs=0.1)
    assert (first.width, first.height) == (720, 480)
    assert first.audio_tracks == [
        handbrake.AudioTrack(1, "eng", "ac3", 2, "English (AC3) (2.0 ch) (128 kbps)")
    ]
    assert first.subtitle_tracks == [handbrake.SubtitleTrack(1, "fra", "bitmap", "VOBSUB", False)]
    assert scan.title(2) is second and scan.title(9) is None


def test_parse_scan_ignores_libdvdread_banners_on_stdout(data):
    text = data("handbrake_scan_dvd_folder.txt")
    assert "libdvdread" in text.split("JSON Title Set")[0]
    assert handbrake.parse_scan_json(text).titles


def test_scan_without_title_set_is_value_error(data):
    with pytest.raises(ValueError):
        handbrake.parse_scan_json(data("handbrake_scan_no_titles.txt"))


def test_declared_main_feature_wins_and_empty_disc_has_none():
    text = 'JSON Title Set: {"MainFeature": 2, "TitleList": [' \
           '{"Index": 1, "Duration": {"Ticks": 900000}}, {"Index": 2, "Duration": {"Hours": 0, "Minutes": 1, "Seconds": 0}}]}'  # fmt: skip
    scan = handbrake.parse_scan_json(text)
    assert scan.main_feature == 2 and [t.duration_s for t in scan.titles] == [10.0, 60.0]
    assert handbrake.parse_scan_json('JSON Title Set: {"TitleList": []}') == handbrake.DiscScan([], None)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Encoding: task 1 of 1, 45.67 % (123.45 fps, avg 130.00 fps, ETA 00h01m02s)", Progress(45.67, 123.45, 62)),
        ("Encoding: task 1 of 1, 8.80 %", Progress(8.8)),
        ("Encoding: task 2 of 2, 50.00 % (10.00 fps, avg 11.00 fps, ETA 01h00m00s)", Progress(50.0, 10.0, 3600, 2, 2)),
        ("Muxing: this may take awhile...", None),
        ("libdvdnav: DVD disk reports itself with Region mask 0x00000000", None),
        ('Progress: {"State": "WORKING", "Working": {"Progress": 0.5, "Rate": 25.0, "ETASeconds": 12, "Pass": 1, "PassCount": 1}}',
         Progress(50.0, 25.0, 12)),
        ('Progress: {"State": "WORKDONE", "WorkDone": {"Error": 0}}', None),
        ("Progress: {", None),
    ],
)  # fmt: skip
def test_parse_progress(line, expected):
    assert handbrake.parse_progress(line) == expected


def test_overall_percent_of_a_two_pass_encode():
    assert Progress(50.0, task=2, task_count=2).overall_percent == 75.0


def test_parse_captured_encode_progress(data):
    lines = data("handbrake_encode_stdout.txt").replace("\r", "\n").splitlines()
    progress = [p for p in map(handbrake.parse_progress, lines) if p]
    assert len(progress) == 22
    assert progress[0].percent == 8.8 and progress[-1].percent == 100.0
    assert [p.percent for p in progress] == sorted(p.percent for p in progress)


def test_argv_keeps_hostile_names_as_single_absolute_elements(tmp_path):
    source = tmp_path / "-i $(touch PWN); rm -rf ~"
    output = tmp_path / "Movie's `title` && x.partial.mkv"
    argv = handbrake.encode_argv(source, 3, output, preset="Fast 1080p30", quality=20)
    assert argv[argv.index("-i") + 1] == str(source) and argv[argv.index("-o") + 1] == str(output)
    assert argv[argv.index("-t") + 1] == "3" and argv[argv.index("--quality") + 1] == "20"
    assert "--all-audio" in argv and "--all-subtitles" in argv
    scan = handbrake.scan_argv(tmp_path / "-o")
    assert scan[-2:] == ["-i", str(tmp_path / "-o")] and scan[1:5] == ["--scan", "--json", "-t", "0"]


# --- the real HandBrakeCLI on a disc made by tests/media.py ---------------------------------------


@pytest.fixture(scope="module")
def disc(tmp_path_factory):
    need("HandBrakeCLI", "ffmpeg", "dvdauthor", "spumux")
    return make_dvd(
        tmp_path_factory.mktemp("dvd") / "MY DISC; $(touch PWN)", [12.0, 3.0], subtitle_language="fr"
    )


def test_real_scan_of_dvd_folder(disc):
    scan = handbrake.scan(disc)
    assert [(t.index, t.duration_s) for t in scan.titles] == [(1, 12.0), (2, 3.0)]
    assert scan.main_feature == 1
    assert scan.titles[0].audio_tracks[0].language_code == "eng"
    assert scan.titles[0].subtitle_tracks[0].language_code == "fra"
    assert not (disc.parent / "PWN").exists()


def test_real_scan_of_iso(disc, tmp_path):
    need("genisoimage")
    scan = handbrake.scan(make_iso(disc, tmp_path / "-disc.iso"))
    assert [t.duration_s for t in scan.titles] == [12.0, 3.0]


def test_real_scan_min_duration_drops_short_titles(disc):
    assert [t.index for t in handbrake.scan(disc, min_duration=5).titles] == [1]
    with pytest.raises(ToolError, match="no titles"):
        handbrake.scan(disc, min_duration=60)


def test_real_scan_cancelled():
    cancel = threading.Event()
    cancel.set()
    need("HandBrakeCLI")
    with pytest.raises(JobCancelled):
        handbrake.scan("/nonexistent", cancel=cancel)


@pytest.mark.slow
def test_real_encode_reports_progress_and_writes_a_full_length_file(disc, tmp_path):
    need("ffprobe")
    output = tmp_path / "-out $(touch PWN).partial.mkv"
    seen: list[Progress] = []
    started = []
    handbrake.encode(
        disc,
        2,
        output,
        preset="Very Fast 480p30",
        on_progress=seen.append,
        on_start=started.append,
        timeout=300,
    )
    assert started and seen and seen[-1].percent == 100.0
    assert ffprobe.duration(output) == pytest.approx(3.0, abs=0.3)
    assert not (tmp_path / "PWN").exists()


@pytest.mark.slow
def test_real_encode_cancelled_from_progress_leaves_no_process(disc, tmp_path):
    cancel = threading.Event()
    started = []
    with pytest.raises(JobCancelled):
        handbrake.encode(
            disc, 1, tmp_path / "out.mkv", on_progress=lambda p: cancel.set(), on_start=started.append,
            cancel=cancel, timeout=300,
        )  # fmt: skip
    assert started[0].poll() is not None
