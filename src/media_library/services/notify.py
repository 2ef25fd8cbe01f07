"""``Notifier``: tell people through Apprise (``notify.urls``; empty: off). Sources call
``send(title, body, tag)``; ``tag`` names what sent it (``podcasts``) for the log. A failing
transport is logged, never raised (``tools/notify.py``)."""

from __future__ import annotations

import logging

from ..tools.notify import apprise_notify

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, urls: list[str] | tuple[str, ...]):
        self.urls = list(urls)

    @classmethod
    def from_settings(cls, settings) -> Notifier:
        return cls(settings.notify.urls)

    def send(self, title: str, body: str, tag: str) -> bool:
        if not self.urls:
            return False
        sent = apprise_notify(self.urls, title, body)
        log.info("Notification from %s %s", tag, "sent" if sent else "failed")
        return sent
