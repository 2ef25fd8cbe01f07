"""Pure parsers of the disc tools on captured / documented output, and the osascript argv (a hostile disc label stays text)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from media_library.tools import cdparanoia, discid, diskutil, iso9660, linux_optical, makemkv, notify

DATA = Path(__file__).parent / "data"
HOSTILE = '" & do shell script "touch /tmp/x" & "'


def test_diskutil_list_parses_whole_disks_with_partition_volumes():
    disks = {d.identifier: d for d in diskutil.parse_list((DATA / "diskutil_list_dvd.plist").read_bytes())}
    assert set(disks) == {"disk0", "disk4", "disk5"}
    assert disks["disk4"].volume_name == "MY_MOVIE_DISC_1"
    assert disks["disk4"].mount_point == "/Volumes/MY_MOVIE_DISC_1"
    assert disks["disk5"].content == "CD_partition_scheme"
    assert disks["disk5"].mount_point == "/Volumes/Audio CD"


def test_diskutil_info_tells_drives_and_discs_apart():
    dvd = diskutil.parse_info((DATA / "diskutil_info_dvd.plist").read_bytes())
    cd = diskutil.parse_info((DATA / "diskutil_info_cd.plist").read_bytes())
    empty = diskutil.parse_info((DATA / "diskutil_info_empty_bd.plist").read_bytes())
    assert isinstance(dvd, diskutil.MacDisc) and dvd.label == "MY_MOVIE_DISC_1" and dvd.device_node == "/dev/disk4"
    assert diskutil.disc_kind(dvd, {"VIDEO_TS", "AUDIO_TS"}) == "dvd"
    assert diskutil.disc_kind(dvd, {"BDMV", "CERTIFICATE"}) == "bluray"
    assert diskutil.disc_kind(dvd, {"PHOTOS"}) == "data"
    assert isinstance(cd, diskutil.MacDisc) and diskutil.disc_kind(cd) == "audio_cd"
    assert isinstance(empty, diskutil.MacDrive) and empty.device_type == "BD-RE"


def test_diskutil_rejects_non_plists_and_hostile_identifiers():
    with pytest.raises(ValueError):
        diskutil.parse_list(b"not a plist")
    with pytest.raises(ValueError):
        diskutil.eject_argv("-force")
    assert diskutil.eject_argv("disk4") == ["diskutil", "eject", "disk4"]
    assert diskutil.info_argv("disk5s1")[-1] == "disk5s1"


def test_linux_properties_give_kind_and_label():
    dvd = linux_optical.parse_properties((DATA / "udevadm_dvd.txt").read_text())
    cd = linux_optical.parse_properties((DATA / "udevadm_cd.txt").read_text())
    assert linux_optical.kind_from_properties(dvd) == "dvd"
    assert linux_optical.label_from_properties(dvd) == "MY_MOVIE_DISC_1"
    assert linux_optical.kind_from_properties(cd) == "audio_cd"
    assert linux_optical.kind_from_properties({"ID_CDROM": "1"}) is None
    blkid = linux_optical.parse_properties("DEVNAME=/dev/sr0\nLABEL=SOME_DATA\nTYPE=iso9660\n")
    assert linux_optical.label_from_properties(blkid) == "SOME_DATA"
    assert linux_optical.udevadm_argv("/dev/sr0") == ["udevadm", "info", "--query=property", "--name=/dev/sr0"]
    with pytest.raises(ValueError):
        linux_optical.blkid_argv("-o")


def test_linux_drives_and_media_from_sysfs(tmp_path):
    for name, size in (("sr0", "0\n"), ("sr1", "3368960\n"), ("sda", "100\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "size").write_text(size)
    drives = linux_optical.list_drives(tmp_path)
    assert [d.device for d in drives] == ["/dev/sr0", "/dev/sr1"]
    assert [linux_optical.media_present(d, tmp_path) for d in drives] == [False, True]


def test_cdparanoia_toc_gives_the_documented_disc_id():
    toc = cdparanoia.parse_toc((DATA / "cdparanoia_Q.txt").read_text())
    assert (toc.first, toc.last, toc.leadout) == (1, 6, 95462)
    assert toc.offsets == (150, 15363, 32314, 46592, 63414, 80489)
    # The worked example of musicbrainz.org/doc/Disc_ID_Calculation:
    assert discid.disc_id(toc.first, toc.last, toc.leadout, toc.offsets) == "49HHV7Eb8UKF3aQiNmu1GR8vKTY-"
    assert discid.toc_string(1, 6, 95462, toc.offsets) == "1 6 95462 150 15363 32314 46592 63414 80489"
    assert round(toc.durations_s[0], 2) == round(15213 / 75, 2)


def test_discid_second_vector_and_bad_toc():
    assert discid.disc_id(1, 7, 114574, [150, 14109, 33586, 53077, 65781, 77892, 99174]) == "BPnh1KU.hea1C.KMYWLGZkHJr0w-"
    with pytest.raises(ValueError):
        discid.disc_id(1, 3, 1000, [150])


def test_cdparanoia_argv_and_progress():
    assert cdparanoia.rip_argv("/dev/sr0") == ["cdparanoia", "-B", "-d", "/dev/sr0", "--", "1-"]
    assert cdparanoia.toc_argv("/dev/sr0") == ["cdparanoia", "-Q", "-d", "/dev/sr0"]
    assert cdparanoia.parse_track_started("Ripping from sector  15213 (track  2 [0:00.00])\n\t  to sector  32163 (track  2 [3:46.00])\n\noutputting to track02.cdda.wav") == 2
    with pytest.raises(ValueError):
        cdparanoia.rip_argv("-B")
    with pytest.raises(ValueError):
        cdparanoia.parse_toc("cdparanoia III release 10.2\nUnable to open disc.")


def test_makemkv_robot_output():
    text = 'TINFO:0,9,0,"1:32:10"\nTINFO:0,2,0,"Title"\nTINFO:1,9,0,"0:00:12"\n'
    assert makemkv.parse_durations(text) == {0: 5530.0, 1: 12.0}
    assert makemkv.parse_progress("PRGV:10,250,1000") == 25.0
    assert makemkv.source_arg("/dev/sr0") == "dev:/dev/sr0"
    assert makemkv.rip_argv("/x/disc.iso", 2, "/out", min_length=8)[4:] == ["mkv", "iso:/x/disc.iso", "2", "/out"]
    assert makemkv.info_argv("/x/BD", min_length=8) == ["makemkvcon", "-r", "--progress=-same", "--minlength=8", "info", "file:/x/BD"]
    assert makemkv.parse_message('MSG:5010,0,0,"Failed to open disc","Failed to open disc"') == (5010, "Failed to open disc")
    assert makemkv.parse_titles('TINFO:0,9,0,"0:00:20"\nTINFO:0,27,0,"FILM_t00.mkv"')[0].output_name == "FILM_t00.mkv"


def test_osascript_gets_the_label_as_an_argument_never_as_script():
    argv = notify.osascript_argv("Disc inserted", HOSTILE)
    assert argv[-1] == HOSTILE and argv[-2] == "Disc inserted" and argv[-3] == "--"
    script = [argv[i + 1] for i, a in enumerate(argv) if a == "-e"]
    assert script == list(notify.APPLESCRIPT)
    assert all(HOSTILE not in line for line in script)


def test_osascript_shim_receives_the_hostile_label_verbatim(tmp_path):
    """A fake ``osascript`` records its argv; the label arrives as one argument and nothing runs it."""
    record = tmp_path / "argv.txt"
    shim = tmp_path / "osascript"
    shim.write_text(f"#!{sys.executable}\nimport sys, json\nopen({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))\n")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    sentinel = tmp_path / "x"
    label = HOSTILE.replace("/tmp/x", str(sentinel))
    assert notify.desktop_notify("Waiting for a title", label, platform="darwin", osascript=str(shim),
                                 run=__import__("media_library.tools.proc", fromlist=["run"]).run)
    import json

    received = json.loads(record.read_text())
    assert received[-1] == label
    assert not sentinel.exists()


def test_desktop_notify_is_a_no_op_off_macos():
    assert notify.desktop_notify("t", "m", platform="linux") is False


def test_iso9660_reads_label_and_root_names(tmp_path, tmp_path_factory):
    from tests.media import make_dvd, make_iso

    folder = make_dvd(tmp_path / "DISC", [1.0], cache=tmp_path_factory)
    iso = make_iso(folder, tmp_path / "disc.iso", label="MY_MOVIE_DISC_1")
    volume = iso9660.read_volume(iso)
    assert volume is not None and volume.label == "MY_MOVIE_DISC_1"
    assert {"VIDEO_TS", "AUDIO_TS"} <= set(volume.root_names)
    assert iso9660.read_volume(tmp_path / "DISC" / "VIDEO_TS" / "VIDEO_TS.IFO") is None
    assert len(volume.fingerprint) == 64 and os.path.getsize(iso) > 0
