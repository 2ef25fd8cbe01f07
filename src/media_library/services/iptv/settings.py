"""The IPTV source's settings section, ``iptv`` (``settings.iptv``; ``ML_IPTV__*``).

Declared here, beside the IPTV use cases, and contributed to the settings by the IPTV source
(``media_library/sources/iptv.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...config import setting

SECTION = "iptv"


@dataclass(frozen=True)
class IptvSettings:
    sync_schedule: str = setting("0 */6 * * *", "When every IPTV account's catalog is synced (5-field cron or `daily HH:MM`).")
    track_schedule: str = setting("15 * * * *", "When tracked series are checked for new episodes (5-field cron or `daily HH:MM`).")
    batch_size: int = setting(1000, "Catalog rows written per statement during a sync.")
    api_timeout_seconds: float = setting(60.0, "Overall deadline of one `player_api.php` call (a catalog list can be large).")
    max_list_mb: int = setting(200, "Largest `player_api.php` answer read, in MiB.")
    read_timeout_seconds: float = setting(30.0, "A stream or download that receives nothing for this long breaks off (a download resumes).")
    segments_per_file: int = setting(1, "Connections one download may use at most; more than 1 only splits when the account's free connections and the file's size allow.")
    min_segment_mb: int = setting(20, "A file is split into segments only when each is at least this large.")
    bandwidth_limit_kbps: int = setting(0, "Download speed limit per file, in KiB/s. 0: no limit.")
    stall_seconds: float = setting(60.0, "A download that makes no progress for this long is broken off and retried.")
    retries: int = setting(5, "Attempts of one download before it fails (with backoff between them).")

    def checks(self) -> list[tuple[str, bool, str]]:
        """``(setting, valid, what it must be)`` for ``config`` to refuse a bad value at start-up."""
        return [
            ("batch_size", self.batch_size >= 1, "at least 1"),
            ("api_timeout_seconds", self.api_timeout_seconds > 0, "a positive number of seconds"),
            ("max_list_mb", self.max_list_mb >= 1, "at least 1"),
            ("read_timeout_seconds", self.read_timeout_seconds > 0, "a positive number of seconds"),
            ("segments_per_file", 1 <= self.segments_per_file <= 16, "between 1 and 16"),
            ("min_segment_mb", self.min_segment_mb >= 1, "at least 1"),
            ("bandwidth_limit_kbps", self.bandwidth_limit_kbps >= 0, "0 or more"),
            ("stall_seconds", self.stall_seconds > 0, "a positive number of seconds"),
            ("retries", self.retries >= 1, "at least 1"),
        ]
