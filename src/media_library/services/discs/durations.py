"""How disc durations are compared and shown: with a tolerance, at the precision they are compared at.

HandBrake scans a title's length from the disc's 90 kHz ticks, so a title authored as 2 minutes
can scan as 119.87 s; ffprobe reads an encode's length from its last timestamps. Every comparison
of a duration with a threshold (``disc.min_title_seconds``, ``disc.min_duration_ratio`` of a
title) therefore allows ``TOLERANCE_S`` (half a second, about 15 video frames), and every message
shows durations with two decimals, so a refusal never reads "120 s is less than 120 s".

Pure; no I/O.
"""

from __future__ import annotations

TOLERANCE_S = 0.5


def lasts_at_least(duration_s: float, minimum_s: float) -> bool:
    """Whether ``duration_s`` reaches ``minimum_s``, allowing ``TOLERANCE_S``."""
    return duration_s + TOLERANCE_S >= minimum_s


def shown(seconds: float) -> str:
    """A duration as messages show it: ``119.87 s``."""
    return f"{seconds:.2f} s"
