"""``audit(event, what)``: one activity log entry for the current request, with the caller and
their real client address (``server.trusted_proxies`` decides whose forwarded-for is believed)."""

from __future__ import annotations

from ..models import User
from .auth import caller_address, current_identity, services


def audit(event: str, what: str = "", user: User | str | None = None) -> None:
    """Record ``event`` for ``user`` (default: whoever is logged in) from the caller's address."""
    if user is None:
        identity = current_identity()
        user = identity.user if identity else None
    services().activity.record(event, user, caller_address(), what)
