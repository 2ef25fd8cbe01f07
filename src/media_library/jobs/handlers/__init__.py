"""All job handlers, registered by kind. A core domain adds its handlers in its own module here
and lists that module in ``HANDLER_MODULES``; a source's handlers (``Source.handlers``, e.g.
``discs.py``) come in through ``register_all(registry, extra)`` from the registered sources."""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from ..base import JobHandler
from ..registry import JobRegistry

HANDLER_MODULES = ("system", "verify", "library", "strm")


def register_all(registry: JobRegistry, extra: Iterable[type[JobHandler]] = ()) -> JobRegistry:
    for name in HANDLER_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for handler in module.HANDLERS:
            registry.register(handler)
    for handler in extra:
        registry.register(handler)
    return registry
