"""TV discs: which titles are episodes, which one is the "play all", and the episode names.

Pure: given the scanned titles, drop short ones, drop any title whose duration is about the sum
of the others it would contain (the "play all" title that would duplicate every episode), then
keep the titles whose durations cluster around the median as episodes, in disc order.
"""

from __future__ import annotations

from statistics import median

from .durations import lasts_at_least

PLAY_ALL_TOLERANCE = 0.05  # a play-all title lasts the sum of its episodes within 5 %
EPISODE_SPREAD = 0.35  # episodes of one disc last within ±35 % of their median


def is_play_all(duration: float, others: list[float]) -> bool:
    shorter = [d for d in others if d < duration]
    total = sum(shorter)
    return len(shorter) >= 2 and abs(duration - total) <= PLAY_ALL_TOLERANCE * total


def episode_titles(titles: list, *, min_seconds: float, max_outputs: int) -> list:
    """The titles (objects with ``index`` and ``duration_s``) to rip as episodes, in index order."""
    kept = [t for t in titles if lasts_at_least(t.duration_s, min_seconds)]
    for title in sorted(kept, key=lambda t: -t.duration_s):
        rest = [t.duration_s for t in kept if t is not title]
        if is_play_all(title.duration_s, rest):
            kept = [t for t in kept if t is not title]
    if not kept:
        return []
    middle = median(t.duration_s for t in kept)
    episodes = [t for t in kept if abs(t.duration_s - middle) <= EPISODE_SPREAD * middle]
    return sorted(episodes, key=lambda t: t.index)[:max_outputs]
