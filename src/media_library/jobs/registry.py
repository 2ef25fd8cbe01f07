"""Job handlers by kind, and each kind's payload type (``models/job_payloads.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import ConfigError, InvalidInput, InvalidPayload
from ..models.payloads import PayloadError, from_json
from .base import JobHandler


class JobRegistry:
    def __init__(self) -> None:
        self._handlers: dict[str, type[JobHandler]] = {}

    def register(self, handler: type[JobHandler]) -> type[JobHandler]:
        if not handler.kind:
            raise ValueError(f"{handler.__name__} has no kind")
        if handler.kind in self._handlers and self._handlers[handler.kind] is not handler:
            raise ValueError(f"two handlers for job kind {handler.kind!r}")
        self._handlers[handler.kind] = handler
        return handler

    def get(self, kind: str) -> type[JobHandler] | None:
        return self._handlers.get(kind)

    @property
    def kinds(self) -> list[str]:
        return sorted(self._handlers)

    @property
    def resumable_kinds(self) -> list[str]:
        return [kind for kind, handler in self._handlers.items() if handler.resumable]

    def payload_type(self, kind: str) -> type:
        handler = self._handlers.get(kind)
        if handler is None:
            raise InvalidInput(f"unknown job kind {kind!r}; known kinds: {', '.join(self.kinds)}")
        return handler.payload

    def parse_payload(self, kind: str, data: Mapping[str, Any] | None) -> Any:
        """The kind's payload dataclass from JSON; ``InvalidPayload`` (400) naming the field if it does not fit."""
        try:
            return from_json(self.payload_type(kind), {} if data is None else data)
        except PayloadError as exc:
            raise InvalidPayload(f"{kind} payload: {exc}") from None

    def check_limits(self, setting: str, kinds: Iterable[str]) -> None:
        """Refuse a setting (``jobs.concurrency``) that names a kind no handler runs."""
        unknown = sorted(set(kinds) - set(self._handlers))
        if unknown:
            raise ConfigError(f"setting '{setting}' names unknown job kinds {', '.join(unknown)}; "
                              f"known kinds: {', '.join(self.kinds)}")
