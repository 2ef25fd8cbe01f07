"""Real media for tests, made with ffmpeg (plus dvdauthor/spumux/genisoimage for discs).

Everything is tiny (small frames, 10 fps, ultrafast presets) and bit-exact, so the same arguments
always give the same bytes and fpcalc gives the same fingerprint. Each maker writes to the path you
give it; pass ``cache=tmp_path_factory`` to build a given set of parameters once per test session
(per xdist worker) and get a private copy at ``path``::

    from tests.media import make_video, make_audio, make_dvd, make_iso

    def test_probe(tmp_path, tmp_path_factory):
        video = make_video(tmp_path / "Movie (2021).mkv", 2.0, cache=tmp_path_factory)
        song = make_audio(tmp_path / "01 - Song.flac", 8.0, tags={"artist": "A"})
        disc = make_dvd(tmp_path / "DISC", [12.0, 3.0])        # folder containing VIDEO_TS
        iso = make_iso(disc, tmp_path / "disc.iso")

Container and codecs follow the extension (video: .mkv .mp4 .m4v .mov .ts .avi .webm; audio:
.flac .mp3 .ogg .opus .m4a .wav). Missing programs raise ``ToolMissing``; to skip instead, call
``tests.tools.conftest.need("HandBrakeCLI", "dvdauthor")`` first.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from media_library.tools import proc

FFMPEG_TIMEOUT_S = 120.0
_BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1"]

# extension → (video codec args, audio codec args); "{vcodec}" is replaced by the caller's choice.
_VIDEO_CONTAINERS = {
    ".mkv": (["-c:v", "{vcodec}"], ["-c:a", "aac", "-b:a", "48k"]),
    ".mp4": (["-c:v", "{vcodec}"], ["-c:a", "aac", "-b:a", "48k"]),
    ".m4v": (["-c:v", "{vcodec}"], ["-c:a", "aac", "-b:a", "48k"]),
    ".mov": (["-c:v", "{vcodec}"], ["-c:a", "aac", "-b:a", "48k"]),
    ".ts": (["-c:v", "{vcodec}"], ["-c:a", "aac", "-b:a", "48k"]),
    ".avi": (["-c:v", "mpeg4", "-q:v", "10"], ["-c:a", "libmp3lame", "-b:a", "64k"]),
    ".webm": (
        ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k"],
        ["-c:a", "libopus"],
    ),
}
_AUDIO_CODECS = {
    ".flac": ["-c:a", "flac"],
    ".mp3": ["-c:a", "libmp3lame", "-b:a", "128k"],
    ".ogg": ["-c:a", "libvorbis", "-q:a", "3"],
    ".opus": ["-c:a", "libopus", "-b:a", "64k"],
    ".m4a": ["-c:a", "aac", "-b:a", "96k"],
    ".wav": ["-c:a", "pcm_s16le"],
}
_STEPS = (7, 5, 11, 1)  # semitone steps coprime to 12: each melody walks all 12 pitch classes

_cache: dict[str, Path] = {}


def make_video(
    path: str | os.PathLike,
    duration_s: float = 2.0,
    *,
    size: str = "320x240",
    vcodec: str = "libx264",
    audio: bool = True,
    fps: int = 10,
    audio_languages: tuple[str, ...] = (),
    subtitle_language: str | None = None,
    acodec: str | None = None,
    cache=None,
) -> Path:
    """A test-pattern video with a tone; ``audio_languages`` adds one tagged audio track per entry.
    ``acodec`` replaces the container's usual audio codec (``ac3``, say); in an AVI, a ``vcodec``
    other than libx264 replaces its MPEG-4 video (``mpeg2video``)."""
    params = locals().copy()
    return _cached(path, params, cache, _build_video)


def make_audio(
    path: str | os.PathLike,
    duration_s: float = 8.0,
    *,
    tone_hz: float | None = None,
    melody: int = 0,
    tags: dict[str, str] | None = None,
    cache=None,
) -> Path:
    """A deterministic melody (``melody`` picks one of four) or a pure tone; codec by extension.

    Melodies give fpcalc something to chew on: a pure tone's fingerprint is nearly empty.
    """
    params = locals().copy()
    return _cached(path, params, cache, _build_audio)


def make_dvd(
    folder: str | os.PathLike,
    titles: list[float],
    *,
    standard: str = "NTSC",
    audio_language: str = "en",
    subtitle_language: str | None = None,
    cache=None,
) -> Path:
    """A DVD-Video folder (``folder/VIDEO_TS``): one titleset per entry of ``titles`` (seconds).

    Chapters every third of a title (whole seconds). Returns ``folder``, the path HandBrake takes.
    """
    params = locals().copy()
    params["titles"] = list(titles)
    return _cached(folder, params, cache, _build_dvd)


def make_iso(dvd_folder: str | os.PathLike, iso_path: str | os.PathLike, *, label: str = "TESTDVD") -> Path:
    """An ISO 9660 + UDF DVD image of a ``make_dvd`` folder."""
    iso_path = Path(iso_path)
    iso_path.parent.mkdir(parents=True, exist_ok=True)
    argv = [proc.which("genisoimage"), "-quiet", "-dvd-video", "-V", label, "-o", str(iso_path.resolve())]
    proc.run(argv + [str(Path(dvd_folder).resolve())], timeout=FFMPEG_TIMEOUT_S)
    return iso_path


# --- builders ---------------------------------------------------------------------------------


def _build_video(path: Path, p: dict) -> None:
    ext = path.suffix.lower()
    template, aargs = _VIDEO_CONTAINERS.get(ext, _VIDEO_CONTAINERS[".mkv"])
    vargs = [a.replace("{vcodec}", p["vcodec"]) for a in template]
    if ext == ".avi" and p["vcodec"] != "libx264":
        vargs = ["-c:v", p["vcodec"], "-q:v", "5"]
    if p.get("acodec"):
        aargs = ["-c:a", p["acodec"]]
    if "{vcodec}" in template and p["vcodec"] == "libx264":
        vargs += ["-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    d = f"{p['duration_s']:g}"
    inputs = ["-f", "lavfi", "-i", f"testsrc=size={p['size']}:rate={p['fps']}:duration={d}"]
    languages = list(p["audio_languages"]) or ([None] if p["audio"] else [])
    outputs = ["-map", "0:v"]
    for i, lang in enumerate(languages):
        inputs += ["-f", "lavfi", "-i", f"sine=frequency={440 + 110 * i}:sample_rate=48000:duration={d}"]
        outputs += ["-map", f"{i + 1}:a"] + ([f"-metadata:s:a:{i}", f"language={lang}"] if lang else [])
    subs = None
    if p["subtitle_language"]:
        subs = path.with_name(f".{path.name}.srt")
        subs.parent.mkdir(parents=True, exist_ok=True)
        subs.write_text(f"1\n00:00:00,000 --> 00:00:0{min(max(int(p['duration_s']), 1), 9)},000\nHello\n")
        inputs += ["-i", "file:" + str(subs.resolve())]
        outputs += ["-map", f"{len(languages) + 1}:s", "-c:s", _subtitle_codec(ext)]
        outputs += ["-metadata:s:s:0", f"language={p['subtitle_language']}"]
    try:
        _ffmpeg(inputs + outputs + vargs + (aargs if languages else []), path)
    finally:
        if subs is not None:
            subs.unlink(missing_ok=True)


def _subtitle_codec(ext: str) -> str:
    return "mov_text" if ext in (".mp4", ".m4v", ".mov") else "webvtt" if ext == ".webm" else "srt"


def _build_audio(path: Path, p: dict) -> None:
    d = f"{p['duration_s']:g}"
    if p["tone_hz"] is not None:
        source = f"sine=frequency={p['tone_hz']:g}:sample_rate=44100:duration={d}"
    else:
        step = _STEPS[p["melody"] % len(_STEPS)]
        rate = 3 + p["melody"] // len(_STEPS)  # notes per second
        pitch = f"pow(2\\,mod(floor(t*{rate})*{step}\\,12)/12)"
        source = f"aevalsrc=0.4*sin(2*PI*t*261.63*{pitch}):s=44100:d={d}"
    argv = ["-f", "lavfi", "-i", source, "-ac", "2"]
    argv += _AUDIO_CODECS.get(path.suffix.lower(), _AUDIO_CODECS[".flac"])
    for key, value in (p["tags"] or {}).items():
        argv += ["-metadata", f"{key}={value}"]
    _ffmpeg(argv, path)


def _build_dvd(folder: Path, p: dict) -> None:
    pal = p["standard"].upper() == "PAL"
    work = folder.with_name(folder.name + ".work")
    work.mkdir(parents=True, exist_ok=True)
    try:
        titlesets = [_dvd_titleset(work, i, duration, pal, p) for i, duration in enumerate(p["titles"], 1)]
        xml = work / "dvd.xml"
        xml.write_text(f"<dvdauthor><vmgm/>{''.join(titlesets)}</dvdauthor>")
        env = {**os.environ, "VIDEO_FORMAT": "PAL" if pal else "NTSC"}
        argv = [proc.which("dvdauthor"), "-o", str(folder.resolve()), "-x", str(xml.resolve())]
        proc.run(argv, timeout=FFMPEG_TIMEOUT_S, env=env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _dvd_titleset(work: Path, number: int, duration: float, pal: bool, p: dict) -> str:
    mpg = work / f"t{number}.mpg"
    rate, size, target = ("25", "720x576", "pal-dvd") if pal else ("30000/1001", "720x480", "ntsc-dvd")
    argv = ["-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}:duration={duration:g}"]
    argv += [
        "-f",
        "lavfi",
        "-i",
        f"sine=frequency={330 + 110 * number}:sample_rate=48000:duration={duration:g}",
    ]
    argv += ["-target", target, "-b:v", "400k", "-ac", "2", "-b:a", "128k"]
    _ffmpeg(argv, mpg, bitexact=False)  # the DVD muxer rejects bitexact flags on some builds
    subpicture = ""
    if p["subtitle_language"]:
        mpg = _add_dvd_subtitle(work, mpg, pal)
        subpicture = f'<subpicture lang="{p["subtitle_language"]}"/>'
    step = max(1, int(duration // 3))
    chapters = ",".join(_clock(s) for s in range(0, max(int(duration), 1), step)[:3])
    return (
        f'<titleset><titles><audio lang="{p["audio_language"]}"/>{subpicture}'
        f'<pgc><vob file="{mpg.resolve()}" chapters="{chapters}"/></pgc></titles></titleset>'
    )


def _add_dvd_subtitle(work: Path, mpg: Path, pal: bool) -> Path:
    """One subpicture (a white box) muxed in with spumux, so HandBrake lists a VOBSUB track."""
    png, xml, out = work / f"{mpg.stem}.png", work / f"{mpg.stem}.sub.xml", work / f"{mpg.stem}.s.mpg"
    size = "720x576" if pal else "720x480"
    box = f"color=c=black@0.0:s={size},format=rgba,drawbox=x=100:y=400:w=200:h=40:color=white@1.0:t=fill"
    _ffmpeg(["-f", "lavfi", "-i", box, "-frames:v", "1", "-pix_fmt", "rgba"], png, bitexact=False)
    xml.write_text(
        f'<subpictures format="{"PAL" if pal else "NTSC"}"><stream>'
        f'<spu start="00:00:00.50" end="00:00:01.00" image="{png.resolve()}"/></stream></subpictures>'
    )
    argv = [proc.which("spumux"), "-m", "dvd", "-s", "0", str(xml.resolve())]
    with open(mpg, "rb") as src, open(out, "wb") as dst:
        # spumux reads the program stream on stdin and writes it on stdout (proc.run pipes both).
        subprocess.run(
            argv, stdin=src, stdout=dst, stderr=subprocess.DEVNULL, check=True, timeout=FFMPEG_TIMEOUT_S
        )  # noqa: S603
    return out


def _clock(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _ffmpeg(args: list[str], output: Path, *, bitexact: bool = True) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    flags = _BITEXACT if bitexact else []
    argv = [proc.which("ffmpeg"), "-nostdin", "-hide_banner", "-v", "error", "-y", *args, *flags]
    # "file:" + absolute path: test files are named "-i.mkv" and "concat:…" on purpose.
    proc.run(argv + ["file:" + str(output.resolve())], timeout=FFMPEG_TIMEOUT_S)


# --- session cache ----------------------------------------------------------------------------


def _cached(path, params: dict, cache, build) -> Path:
    """Build into ``path``; with a ``tmp_path_factory`` build once per parameters and copy."""
    path = Path(path)
    params = {k: v for k, v in params.items() if k not in ("path", "folder", "cache")}
    if cache is None:
        build(path, params)
        return path
    key = hashlib.sha256(
        json.dumps([build.__name__, path.suffix.lower(), params], sort_keys=True, default=str).encode()
    ).hexdigest()[:16]
    master = _cache.get(key)
    if master is None or not master.exists():
        master = cache.getbasetemp() / "media-cache" / key / f"media{path.suffix.lower()}"
        master.parent.mkdir(parents=True, exist_ok=True)
        build(master, params)
        _cache[key] = master
    path.parent.mkdir(parents=True, exist_ok=True)
    if master.is_dir():
        shutil.copytree(master, path, dirs_exist_ok=True)
    else:
        shutil.copyfile(master, path)
    return path
