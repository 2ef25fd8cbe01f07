"""What a Jellyfin webhook delivery says, whichever way it was sent.

The webhook plugin posts a flat object of PascalCase keys in one of two modes:

- a **template** (Handlebars): every value is a string (``"True"``, ``"1999"``, ``""`` for a
  missing one), GUIDs in the dashed 36-character form, dates in the server's culture;
- **Send All Properties**: native JSON types, GUIDs as 32 hex digits.

Either arrives as ``text/plain`` (the plugin's default) or ``application/json``. ``parse_delivery``
reads both into one ``Delivery`` with normalised ids (32 lower-case hex digits), numbers, booleans
and a UTC timestamp; ``event_key`` names the event so a retried delivery is recognised. Pure
functions: no database, no HTTP.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ...errors import InvalidInput
from ...models.decisions import EVENT_TYPES

TICKS_PER_SECOND = 10_000_000
_GUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
_TIME_FORMATS = ("%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S")
MAX_BODY_BYTES = 256 * 1024


@dataclass(frozen=True)
class Delivery:
    """One webhook delivery, normalised."""

    type: str
    user_id: str | None = None
    user_name: str | None = None
    item_id: str | None = None
    item_type: str | None = None
    title: str | None = None
    year: int | None = None
    tmdb_id: int | None = None
    imdb_id: str | None = None
    runtime_ticks: int = 0
    position_ticks: int | None = None
    played_to_completion: bool | None = None
    played: bool | None = None
    save_reason: str | None = None
    session_id: str | None = None
    device_id: str | None = None
    timestamp: float | None = None
    genres: list[str] = field(default_factory=list)
    raw_digest: str = ""

    @property
    def understood(self) -> bool:
        return self.type in EVENT_TYPES

    def columns(self) -> dict[str, Any]:
        return {"user_id": self.user_id, "user_name": self.user_name, "item_id": self.item_id, "item_type": self.item_type}

    def stored_fields(self) -> dict[str, Any]:
        """What the decision job reads back (everything but the digest)."""
        return {k: v for k, v in self.__dict__.items() if k != "raw_digest"}


def parse_body(raw: bytes) -> dict[str, Any]:
    """The delivery's JSON object, whatever Content-Type it came with."""
    if len(raw) > MAX_BODY_BYTES:
        raise InvalidInput(f"a webhook body may be at most {MAX_BODY_BYTES // 1024} KiB")
    try:
        body = json.loads(raw.decode("utf-8-sig") or "{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput("the webhook body is not JSON: use the Generic destination with a JSON template "
                           f"or 'Send All Properties' ({str(exc)[:80]})") from exc
    if not isinstance(body, dict):
        raise InvalidInput("the webhook body must be a JSON object (the plugin's flat key/value form)")
    return body


def parse_delivery(raw: bytes) -> Delivery:
    body = parse_body(raw)
    notification = text(body.get("NotificationType"))
    if not notification:
        raise InvalidInput("the webhook body has no NotificationType; add {{NotificationType}} to the template")
    return Delivery(
        type=notification,
        user_id=guid(body.get("UserId")),
        user_name=text(body.get("NotificationUsername")) or text(body.get("Username")),
        item_id=guid(body.get("ItemId")),
        item_type=text(body.get("ItemType")),
        title=text(body.get("Name")),
        year=whole(body.get("Year")),
        tmdb_id=whole(body.get("Provider_tmdb")),
        imdb_id=text(body.get("Provider_imdb")),
        runtime_ticks=whole(body.get("RunTimeTicks")) or 0,
        position_ticks=whole(body.get("PlaybackPositionTicks")),
        played_to_completion=flag(body.get("PlayedToCompletion")),
        played=flag(body.get("Played")),
        save_reason=text(body.get("SaveReason")),
        session_id=guid(body.get("Id")) or text(body.get("Id")),
        device_id=text(body.get("DeviceId")),
        timestamp=utc_time(body.get("UtcTimestamp")),
        genres=[g.strip() for g in (text(body.get("Genres")) or "").split(",") if g.strip()],
        raw_digest=hashlib.sha256(raw).hexdigest(),
    )


def event_key(delivery: Delivery) -> str:
    """The same event delivered twice has the same key. With a timestamp the key is made of the
    event's own facts; a template without one falls back to the body's digest."""
    parts = [delivery.type, delivery.user_id or delivery.user_name or "", delivery.item_id or "",
             delivery.session_id or "", str(delivery.position_ticks), str(delivery.played_to_completion),
             str(delivery.played), delivery.save_reason or ""]
    parts.append(f"{delivery.timestamp:.3f}" if delivery.timestamp is not None else delivery.raw_digest)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# --- one value each -----------------------------------------------------------------------------
def text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None


def guid(value: Any) -> str | None:
    """A GUID in either form as 32 lower-case hex digits; anything else as None."""
    value = text(value)
    if value is None or not _GUID.match(value):
        return None
    return value.replace("-", "").lower()


def whole(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value)
    value = text(value)
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None


def flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    value = text(value)
    if value is None:
        return None
    return {"true": True, "false": False, "1": True, "0": False}.get(value.lower())


def utc_time(value: Any) -> float | None:
    """``2025-11-15T20:04:12.3456789Z`` (Send All) or the culture form ``11/15/2025 20:04:12``."""
    value = text(value)
    if value is None:
        return None
    iso = re.sub(r"(\.\d{6})\d+", r"\1", value).replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        parsed = _culture_time(value)
    if parsed is None:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def _culture_time(value: str) -> datetime | None:
    for pattern in _TIME_FORMATS:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    return None


def completion(position_ticks: int | None, runtime_ticks: int) -> float | None:
    """Share played, only when the runtime is known (STRM items say 0 until probed)."""
    if position_ticks is None or runtime_ticks <= 0:
        return None
    return max(0.0, min(1.0, position_ticks / runtime_ticks))
