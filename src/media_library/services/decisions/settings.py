"""The decisions section, ``decisions`` (``settings.decisions``; ``ML_DECISIONS__*``).

Declared here, beside the use cases, and contributed to the settings by the decisions source
(``media_library/sources/decisions.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...config import setting

SECTION = "decisions"


@dataclass(frozen=True)
class DecisionSettings:
    webhook_secret: str = setting("", "Shared secret the Jellyfin webhook sends in the `X-Webhook-Secret` header. Empty: only an API token of scope `webhook` (Authorization header) is accepted.", secret=True)
    dry_run: bool = setting(True, "Decide and record every decision, but trigger nothing (no Radarr call, no download, no deletion).")
    tracked_users: list[str] = setting([], "Jellyfin user names (or user ids) whose viewing counts. Empty: every user not listed in `guest_users`.")
    guest_users: list[str] = setting([], "Jellyfin user names (or ids) that never count and never trigger anything.")
    jellyfin_url: str = setting("", "Jellyfin server asked for an item's runtime when an event says 0 and for `UserData.PlayCount` (back-fill), e.g. http://jellyfin:8096. Empty: `strm.refresh_jellyfin_url`.")
    jellyfin_api_key: str = setting("", "API key of that Jellyfin server (sent in a header). Empty: `strm.refresh_jellyfin_api_key`.", secret=True)
    radarr_url: str = setting("", "Radarr base URL, e.g. http://radarr:7878. Empty: keep decisions are recorded but nothing is added to Radarr.")
    radarr_api_key: str = setting("", "Radarr API key (sent in the `X-Api-Key` header, never in a URL).", secret=True)
    radarr_quality_profile_id: int = setting(0, "Quality profile of films added to Radarr (see Test connection). 0: Radarr's first profile.")
    radarr_root_folder: str = setting("", "Root folder of films added to Radarr (see Test connection). Empty: Radarr's first root folder.")
    radarr_tags: list[str] = setting(["media-library"], "Tag labels put on films added to Radarr (created when missing).")
    radarr_minimum_availability: str = setting("released", "`minimumAvailability` of films added to Radarr: announced, inCinemas or released.")
    command_timeout_seconds: float = setting(3600.0, "How long a Radarr search command is followed before its decision says it is still running.")
    command_poll_seconds: float = setting(5.0, "Seconds between two looks at a running Radarr command.")
    jellystat_url: str = setting("", "Jellystat base URL for the optional history back-fill, e.g. http://jellystat:3000. Empty: off.")
    jellystat_api_key: str = setting("", "Jellystat API key (sent as `x-api-token`).", secret=True)
    cleanup_unwatched_days: int = setting(180, "A film kept by a keep-after-rewatch decision and not played for this many days goes on the leaving-soon list.")
    cleanup_leaving_days: int = setting(14, "Days a film stays on the leaving-soon list before Radarr is asked to delete it.")
    cleanup_max_deletions: int = setting(5, "Mass-deletion guard: a clean-up run that would delete more films than this deletes none and says so.")
    cleanup_schedule: str = setting("daily 04:30", "When the `keep.cleanup` job runs (`daily HH:MM` or 5-field cron, server time; it follows `dry_run`). Empty: only when started from the Decisions page.")
    cleanup_rules: list[str] = setting(["Keep after rewatch"], "Names of the rules whose keeps the clean-up may remove.")

    def checks(self) -> list[tuple[str, bool, str]]:
        """``(setting, valid, what it must be)`` for ``config`` to refuse a bad value at start-up."""
        return [
            ("radarr_minimum_availability", self.radarr_minimum_availability in ("announced", "inCinemas", "released"),
             "announced, inCinemas or released"),
            ("command_timeout_seconds", self.command_timeout_seconds > 0, "a positive number of seconds"),
            ("command_poll_seconds", self.command_poll_seconds > 0, "a positive number of seconds"),
            ("cleanup_unwatched_days", self.cleanup_unwatched_days >= 1, "at least 1"),
            ("cleanup_leaving_days", self.cleanup_leaving_days >= 0, "0 or more"),
            ("cleanup_max_deletions", self.cleanup_max_deletions >= 0, "0 or more"),
        ]
