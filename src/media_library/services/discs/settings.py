"""The disc source's settings section, ``disc`` (``settings.disc``; ``ML_DISC__*``).

Declared here, beside the disc use cases, and contributed to the settings by the disc source
(``media_library/sources/discs.py``); ``config`` builds, coerces and checks it like a core section.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...config import setting

SECTION = "disc"


@dataclass(frozen=True)
class DiscSettings:
    watch_dir: str = setting("", "Folder watched for dropped-in discs (an ISO, or a folder with VIDEO_TS/ or BDMV/). Empty: `<data_dir>/discs`.")
    drives: bool = setting(True, "Also watch the machine's optical drives (diskutil on macOS, /sys/block/sr* on Linux).")
    poll_seconds: float = setting(2.0, "How often drives and the watch folder are looked at (detection takes at most about twice this).")
    confirm_window_seconds: float = setting(60.0, "Time to correct the title or pick another match after a disc is identified, before the rip starts.")
    auto_rip: bool = setting(True, "Start the rip by itself when the confirmation window ends; off: wait for a person to confirm.")
    preset: str = setting("Fast 1080p30", "HandBrake preset used for disc rips.")
    quality: float = setting(0.0, "HandBrake constant quality (RF); 0 keeps the preset's own quality.")
    extra_args: list[str] = setting([], "Additional HandBrakeCLI arguments, one per list element (for example [\"--width\", \"1280\"]).")
    min_title_seconds: float = setting(120.0, "Titles shorter than this are ignored (menus, logos, fake titles); compared with a tolerance of 0.5 s, so a 2-minute title scanned as 119.87 s counts.")
    max_outputs: int = setting(4, "Most files one disc may produce (guards against discs with dozens of fake titles).")
    runtime_tolerance: float = setting(0.15, "How far (as a fraction) HandBrake's main feature may be from the TMDb runtime before the closest title wins; also how close a candidate's runtime must be to the main title for the runtime to settle a tie between films of the same title.")
    min_duration_ratio: float = setting(0.98, "An encode whose duration is below this fraction of the scanned title (less a tolerance of 0.5 s) is treated as truncated and never published.")
    makemkv_reencode: bool = setting(True, "Encrypted Blu-rays ripped with MakeMKV (when makemkvcon is installed): encode its MKV with HandBrake (preset, quality); off: keep MakeMKV's MKV as it is (large).")
    eject_early: bool = setting(False, "Copy the disc to an ISO in the work folder first, eject, then encode from the image.")
    eject_when_done: bool = setting(True, "Eject the disc after the rip (or after imaging when eject_early is on).")
    audio_format: str = setting("flac", "Audio CD output: flac or mp3.")
    mp3_quality: int = setting(2, "LAME VBR quality for mp3 output (0 best … 9 smallest).")
    server_url: str = setting("", "Monitor mode: the server's base URL, such as http://127.0.0.1:8420.")
    api_token: str = setting("", "Monitor mode: an API token of scope `monitor` from the server's tokens page.", secret=True)
    api_token_file: str = setting("", "Monitor mode: a file holding that token instead (mode 0600, readable by its owner only); what `media-library monitor install` sets, so the token is never on a command line.")
    outbox_retry_seconds: float = setting(5.0, "Monitor mode: how often undelivered messages are retried while the server is away.")
    notify_urls: list[str] = setting([], "Apprise URLs told when a rip is done, fails or waits for a title.", secret=True)
    desktop_notifications: bool = setting(True, "On macOS, also show a desktop notification.")

    def checks(self) -> list[tuple[str, bool, str]]:
        """``(setting, valid, what it must be)`` for ``config`` to refuse a bad value at start-up."""
        return [
            ("audio_format", self.audio_format in {"flac", "mp3"}, "flac or mp3"),
            ("max_outputs", self.max_outputs >= 1, "at least 1"),
            ("poll_seconds", 0 < self.poll_seconds <= 5, "between 0 and 5 (discs are detected within 10 s)"),
        ]
