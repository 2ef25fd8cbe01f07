"""Job handlers by kind."""

from __future__ import annotations

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
