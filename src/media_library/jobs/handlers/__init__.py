"""All job handlers, registered by kind. A domain adds its handlers in its own module here and
lists that module in ``HANDLER_MODULES``."""

from __future__ import annotations

import importlib

from ..registry import JobRegistry

HANDLER_MODULES = ("system", "verify", "library", "strm", "discs")


def register_all(registry: JobRegistry) -> JobRegistry:
    for name in HANDLER_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for handler in module.HANDLERS:
            registry.register(handler)
    return registry
