"""Notifications through Apprise: ``Notifier.send(title, body, tag)``, configured by ``notify.urls``.

One small seam for every source (downloads, podcasts): empty ``notify.urls`` means off. ``tag``
says what happened (``download.done``, ``download.failed``, ``subscription.new``, ``podcasts``)
and goes into the log line. Sending never raises and never blocks a job for long: Apprise's own
timeouts apply, and a failure is one warning (``tools/notify.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from ..tools.notify import apprise_notify

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, urls: Sequence[str], send: Callable[[Sequence[str], str, str], bool] = apprise_notify):
        self.urls = tuple(urls)
        self._send = send

    @classmethod
    def from_settings(cls, settings) -> Notifier:
        return cls(settings.notify.urls)

    def send(self, title: str, body: str, tag: str) -> bool:
        if not self.urls:
            return False
        sent = self._send(self.urls, title, body)
        log.info("notification %s %s", tag, "sent" if sent else "not sent")
        return sent
