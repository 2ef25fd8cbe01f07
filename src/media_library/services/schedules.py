"""Schedule expressions: 5-field cron or ``daily HH:MM``, parsed by croniter.

Pure functions shared by the scheduler (jobs layer) and the services that validate a schedule
a person typed in.
"""

from __future__ import annotations

import re
from datetime import datetime

from croniter import croniter

from ..errors import InvalidInput

_DAILY = re.compile(r"^daily\s+([01]?\d|2[0-3]):([0-5]\d)$", re.IGNORECASE)


def to_cron(expression: str) -> str:
    """``daily 03:30`` -> ``30 3 * * *``; a valid 5-field cron expression is returned as is."""
    text = " ".join(expression.split())
    daily = _DAILY.match(text)
    if daily:
        return f"{int(daily.group(2))} {int(daily.group(1))} * * *"
    if len(text.split(" ")) != 5 or not croniter.is_valid(text):
        raise InvalidInput(f"{expression!r} is not a schedule; use 5-field cron such as '*/15 * * * *' or 'daily HH:MM'")
    return text


def next_after(expression: str, now: float) -> float:
    """The first slot strictly after ``now`` (epoch seconds), in the server's local time."""
    start = datetime.fromtimestamp(now).astimezone()
    return croniter(to_cron(expression), start).get_next(float)
