"""Benchmark: the player's video transcode of a 1080p MPEG-2 file, against ffmpeg run by hand.

Makes a 1080p25 MPEG-2 + AC-3 AVI with ffmpeg, registers it in a fresh library, then, through the
real app (Flask routes, auth, the session manager and its ffmpeg), measures in the same run:
- ``first_segment_s``: from ``POST /api/media/<id>/play`` (pressing play) to the first segment's
  bytes (what a player needs to start), medians over the rounds;
- ``ours_s``: from pressing play to the last segment fetched in order, as a player buffering
  ahead would;
- ``ffmpeg_s``: the same ffmpeg argv (the one the session ran, ``tools/hls.segmenter_argv``) run
  by hand into a scratch folder.

Usage: .venv/bin/python bench/transcode.py [--seconds 60] [--rounds 3]
Last line: {"bench": "transcode", "figures": {"first_segment_s": …, "ours_s": …, "ffmpeg_s": …,
"speed_x": …}, "ratios": {"vs_ffmpeg": …}} (ffmpeg's time divided by ours: the share of ffmpeg's
speed the player keeps; ``speed_x`` is seconds of video per second of transcoding).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from media_library.runtime import Runtime  # noqa: E402
from media_library.services.transcode.plan import Capabilities, FileStreams, decide, plan_segments  # noqa: E402
from media_library.sources import load_settings  # noqa: E402
from media_library.tools import ffprobe, hls  # noqa: E402
from media_library.web.app import create_app  # noqa: E402
from tests.media import make_video  # noqa: E402

CAPS = {"containers": ["mp4", "webm"], "video": ["h264", "vp9"], "audio": ["aac", "mp3", "opus"]}
ADMIN = {"username": "bench", "password": "quiet-harbour-8841", "setup_code": "bench-setup-code"}


def make_source(folder: Path, seconds: float) -> Path:
    path = folder / "media" / "Movies" / "Bench (2000)" / "Bench (2000).avi"
    return make_video(path, seconds, size="1920x1080", fps=25, vcodec="mpeg2video", acodec="ac3")


def library(folder: Path, source: Path):
    settings = load_settings(None, environ={}, overrides={
        "paths.data_dir": str(folder / "data"), "paths.media_dir": str(folder / "media"), "scheduler.enabled": False,
        "database.backup_before_migrate": False, "auth.setup_code": ADMIN["setup_code"], "transcode.max_sessions": 1,
    })
    runtime = Runtime.build(settings, "server")
    item = runtime.state.add_media("movie", "Bench", year=2000)
    runtime.state.upsert_media_file(str(source), media_id=item.id, size=source.stat().st_size, mtime=source.stat().st_mtime)
    client = create_app(runtime).test_client()
    answer = client.post("/api/setup", json=ADMIN)
    client.environ_base["HTTP_X_CSRF_TOKEN"] = answer.json["csrf_token"]
    return runtime, client, item.id


def one_round(client, media_id: str) -> tuple[float, float, list[str], int]:
    started = time.perf_counter()
    plan = client.post(f"/api/media/{media_id}/play", json={"capabilities": CAPS}).json
    assert plan["method"] == "video", plan
    base = plan["url"].rsplit("/", 1)[0]
    names = [line for line in client.get(plan["url"]).get_data(as_text=True).splitlines() if line and not line.startswith("#")]
    first = None
    for name in names:
        response = client.get(f"{base}/{name}")
        assert response.status_code == 200, response.json
        first = first or time.perf_counter() - started
    total = time.perf_counter() - started
    client.delete(f"/api/transcode/{plan['session_id']}")
    return first, total, names, plan["session_id"]


def by_hand(runtime, source: Path, scratch: Path) -> float:
    """The argv a session runs from segment 0 (same plan, same encode settings), run directly."""
    facts = FileStreams.from_probe(ffprobe.probe(source))
    segments = plan_segments(facts, decide(facts, Capabilities.parse(CAPS)), runtime.settings.transcode.segment_seconds)
    s = runtime.settings.transcode
    encode = hls.Encode(video="h264", audio="aac", preset=s.preset, crf=s.crf, max_height=s.max_height, audio_bitrate_k=s.audio_bitrate_k)
    scratch.mkdir(parents=True, exist_ok=True)
    argv = hls.segmenter_argv(source, scratch, encode, start=0.0, start_number=0, cuts=segments.cuts_after(0))
    started = time.perf_counter()
    subprocess.run(argv, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the 1080p source (default 60)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-transcode-") as tmp:
        folder = Path(tmp)
        source = make_source(folder, args.seconds)
        runtime, client, media_id = library(folder, source)
        firsts, ours, hand = [], [], []
        try:
            for index in range(args.rounds):  # alternate, so both see the same machine noise
                first, total, _names, _sid = one_round(client, media_id)
                firsts.append(first)
                ours.append(total)
                hand.append(by_hand(runtime, source, folder / f"hand-{index}"))
                print(f"round {index + 1}: first segment {first:.2f} s, ours {total:.2f} s, by hand {hand[-1]:.2f} s", file=sys.stderr)
        finally:
            runtime.stop()
        ours_s, hand_s = statistics.median(ours), statistics.median(hand)
        print(json.dumps({"bench": "transcode",
                          "figures": {"first_segment_s": round(statistics.median(firsts), 3), "ours_s": round(ours_s, 2),
                                      "ffmpeg_s": round(hand_s, 2), "speed_x": round(args.seconds / ours_s, 2),
                                      "source_s": args.seconds},
                          "ratios": {"vs_ffmpeg": round(hand_s / ours_s, 3)}}))


if __name__ == "__main__":
    main()
