"""What a person sees of a session's user agent: the browser, the operating system, the device.

Parsed with ``ua-parser`` (the maintained Python port of the uap-core rules that Browserscope
started, with its rules precompiled in ``ua-parser-builtins``): the rules cover thousands of
browsers, apps and devices and are updated upstream every few weeks, which a hand-written set of
regular expressions here would never keep up with. Results are cached (a few distinct agents).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ua_parser import parse


@dataclass(frozen=True)
class Device:
    browser: str
    os: str
    device: str


def _named(part, empty: str = "") -> str:
    if part is None or part.family in ("", "Other"):
        return empty
    major = getattr(part, "major", None)
    return f"{part.family} {major}" if major else part.family


@functools.lru_cache(maxsize=512)
def describe(user_agent: str) -> Device:
    """``Chrome 120`` on ``Linux``; unknown parts say ``Unknown`` (scripts, an empty agent)."""
    if not user_agent:
        return Device("Unknown", "Unknown", "")
    found = parse(user_agent[:1000])
    device = found.device.family if found.device and found.device.family not in ("", "Other") else ""
    return Device(_named(found.user_agent, "Unknown"), _named(found.os, "Unknown"), device)
