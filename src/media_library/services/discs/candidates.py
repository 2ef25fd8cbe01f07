"""Which film a disc is, when its label alone cannot say: runtime against tied candidates, and review.

A disc label seldom carries a year, so a search for ``Heat`` finds several films called Heat with
the same score. The disc service chose the first candidate when the disc came in (``auto`` in the
choice: nobody picked it); once the rip has scanned the disc, ``settle`` compares the main title's
duration with each tied candidate's TMDb runtime:

- *tied*: the chosen candidate and every other candidate with the same title (case and
  punctuation aside) whose score is within ``TIE_SCORE`` of it;
- a candidate *fits* when its runtime is within ``disc.runtime_tolerance`` (a fraction, 15 % by
  default) of the main title's duration;
- exactly one tied candidate fits: it is the film (the choice becomes it); otherwise (none or
  several fit, or a tied candidate has no runtime) the disc goes to review with a message naming
  the candidates and the duration, and nothing is ripped under a guessed name.

A label that names no film (``DVD_VIDEO``, ``DISC1``, ``VIDEO_TS``, ``BLURAY``, ``UNTITLED``…:
``labels.clean_label`` gives nothing) goes to review when the disc comes in (``generic_label``).

Pure; no I/O. ``NeedsReview`` is how the rip says "a person must choose".
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import MediaLibraryError
from .durations import shown

TIE_SCORE = 0.02


class NeedsReview(MediaLibraryError):
    """The rip stops before encoding or publishing: a person must choose (the disc goes to review)."""

    status = 409


def generic_label(label: str) -> str:
    """Why a disc whose label names no film waits for a person."""
    return f"the disc label {label or '(empty)'!r} names no film; type the title or pick a match, then confirm"


def _key(title: Any) -> str:
    return re.sub(r"[\W_]+", " ", str(title or "")).strip().casefold()


def tied_with_choice(candidates: list[dict[str, Any]], choice: dict[str, Any]) -> list[dict[str, Any]]:
    """The candidates tied with the chosen one (it included); empty when the choice is none of them."""
    chosen = next((c for c in candidates if str(c.get("provider_id")) == str(choice.get("tmdb_id"))), None)
    if chosen is None:
        return []
    score = float(chosen.get("score") or 0.0)
    return [c for c in candidates
            if _key(c.get("title")) == _key(chosen.get("title")) and abs(float(c.get("score") or 0.0) - score) <= TIE_SCORE]


def fits(candidate: dict[str, Any], duration_s: float, tolerance: float) -> bool:
    runtime = candidate.get("runtime_minutes")
    return bool(runtime) and abs(runtime * 60.0 - duration_s) <= tolerance * runtime * 60.0


def settle(choice: dict[str, Any], candidates: list[dict[str, Any]], main_duration_s: float,
           tolerance: float) -> dict[str, Any]:  # fmt: skip
    """The choice to rip with; ``NeedsReview`` when tied candidates cannot be told apart by runtime."""
    if not choice.get("auto") or choice.get("mode") != "movie":
        return choice
    tied = tied_with_choice(candidates, choice)
    if len(tied) < 2:
        return choice
    fitting = [c for c in tied if fits(c, main_duration_s, tolerance)]
    if len(fitting) != 1:
        names = ", ".join(f"{c.get('title')} ({c.get('year') or '?'}, {c.get('runtime_minutes') or '?'} min)" for c in tied)
        verdict = "fits none of them" if not fitting else "fits more than one of them"
        raise NeedsReview(f"{len(tied)} films share this title: {names}; the disc's main title lasts "
                          f"{shown(main_duration_s)}, which {verdict}; pick the film, then confirm")
    best = fitting[0]
    return {**choice, "tmdb_id": int(best["provider_id"]), "title": best.get("title"), "year": best.get("year"),
            "runtime_minutes": best.get("runtime_minutes")}  # fmt: skip
