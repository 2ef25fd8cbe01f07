"""The download source's job kind and payload (see ``models/job_payloads.py`` for the pattern).

``download.url``: one row of the ``downloads`` table. A playlist's row becomes the parent of a
child row (and a child job of the same kind) per entry.
"""

from __future__ import annotations

from dataclasses import dataclass

DOWNLOAD_URL = "download.url"


@dataclass(frozen=True)
class DownloadPayload:
    """``download.url``: the download (``downloads`` table) to fetch."""

    download_id: int





DOWNLOAD_SUBSCRIPTION = "download.subscription"


@dataclass(frozen=True)
class SubscriptionPayload:
    """``download.subscription``: the subscription (``download_subscriptions`` table) to check now."""

    subscription_id: int
__all__ = ["DOWNLOAD_SUBSCRIPTION", "DOWNLOAD_URL", "DownloadPayload", "SubscriptionPayload"]
