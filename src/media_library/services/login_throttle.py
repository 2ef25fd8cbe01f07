"""Login throttling: sliding windows of failed attempts, per account and per client address.

In memory and per process (the web server runs one worker process). It is consulted BEFORE a
password is hashed, so a flood of wrong passwords costs almost no CPU. Knows nothing of HTTP:
the web layer decides what the client address is.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from ..errors import MediaLibraryError


class TooManyRequests(MediaLibraryError):
    """Too many attempts; ``retry_after`` seconds until the next one may be tried."""

    status = 429

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = max(1, math.ceil(retry_after))
        self.headers = {"Retry-After": str(self.retry_after)}


class SlidingWindow:
    """At most ``limit`` events per key within ``window`` seconds; bounded number of keys."""

    def __init__(self, limit: int, window: float, *, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 100_000):
        self.limit, self.window, self.clock, self.max_keys = limit, window, clock, max_keys
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> float:
        """Seconds until ``key`` may try again; 0 when it may now."""
        with self._lock:
            events = self._prune(key)
            if len(events) < self.limit:
                return 0.0
            return events[0] + self.window - self.clock()

    def hit(self, key: str) -> None:
        with self._lock:
            events = self._prune(key)
            events.append(self.clock())
            self._events.move_to_end(key)
            while len(self._events) > self.max_keys:  # forget the stalest keys first
                self._events.popitem(last=False)

    def forget_one(self, key: str) -> None:
        with self._lock:
            events = self._events.get(key)
            if events:
                events.pop()

    def reset(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)

    def _prune(self, key: str) -> deque[float]:
        events = self._events.setdefault(key, deque())
        horizon = self.clock() - self.window
        while events and events[0] <= horizon:
            events.popleft()
        return events


class LoginThrottle:
    """Login (and setup) attempts per account and per client address.

    An attempt is counted when it starts, atomically with the check, so concurrent requests
    cannot all slip past the limit while their hashes run; a success gives it back.
    """

    def __init__(self, per_account: int, per_address: int, window: float, *,
                 clock: Callable[[], float] = time.monotonic):
        self.accounts = SlidingWindow(per_account, window, clock=clock)
        self.addresses = SlidingWindow(per_address, window, clock=clock)
        self._lock = threading.Lock()

    def attempt(self, username: str, address: str) -> None:
        """Count an attempt, or raise TooManyRequests if the account or address is over its limit."""
        account = _account_key(username)
        with self._lock:
            wait = max(self.accounts.retry_after(account), self.addresses.retry_after(address))
            if wait > 0:
                raise TooManyRequests("too many failed attempts; wait a little and try again", wait)
            self.accounts.hit(account)
            self.addresses.hit(address)

    def succeeded(self, username: str, address: str) -> None:
        self.accounts.reset(_account_key(username))
        self.addresses.forget_one(address)


def _account_key(username: str) -> str:
    return (username or "").strip().lower()[:128]
