"""IPTV accounts (what other IPTV apps call "playlists"): add, edit, remove, test the connection.

The base URL is normalised (``clients.xtream.normalize_base_url``); the password is stored for
the server's own calls and is never answered, logged or put in a URL that leaves the server.
Adding an account gives it a sync schedule (``iptv.sync_schedule``) and queues its first sync.
"""

from __future__ import annotations

import logging
from typing import Any

from ...clients.xtream import normalize_base_url
from ...errors import InvalidInput
from ...models.iptv import IPTV_SYNC, IptvAccount, SyncPayload
from .events import IptvAccountUpdated

log = logging.getLogger(__name__)
EDITABLE = ("name", "base_url", "username", "password")


def sync_schedule_name(account_id: int) -> str:
    return f"iptv-sync:{account_id}"


class AccountService:
    def __init__(self, state, settings, bus, *, jobs, scheduler, http):
        self.state, self.settings, self.bus = state, settings, bus
        self.jobs, self.scheduler, self.http = jobs, scheduler, http

    def add(self, fields: dict[str, Any], *, user_id: int | None = None) -> IptvAccount:
        values = _checked(fields, required=True)
        account = self.state.add_iptv_account(values.get("name") or values["base_url"], values["base_url"],
                                              values["username"], values["password"])
        self.scheduler.add(sync_schedule_name(account.id), IPTV_SYNC, self.settings.iptv.sync_schedule,
                           {"account_id": account.id})
        self.queue_sync(account.id, user_id=user_id)
        log.info("IPTV account %s added (%s)", account.id, account.base_url)
        return account

    def edit(self, account_id: int, fields: dict[str, Any]) -> IptvAccount:
        self.state.get_iptv_account(account_id)
        values = _checked(fields, required=False)
        account = self.state.update_iptv_account(account_id, **values) if values else self.state.get_iptv_account(account_id)
        self.bus.publish(IptvAccountUpdated.of(account))
        return account

    def remove(self, account_id: int) -> None:
        self.state.delete_iptv_account(account_id)
        self.state.delete_schedule(sync_schedule_name(account_id))

    def test(self, account_id: int) -> dict[str, Any]:
        """Ask the provider for the account's state; expiry is judged on the server's clock."""
        account = self.state.get_iptv_account(account_id)
        info = self.http.client(account).account_info()
        account = self.state.update_iptv_account(
            account_id, status=info.effective_status, expires_at=info.expires_at, max_connections=info.max_connections,
            active_connections=info.active_connections, checked_at=self.state.now())
        self.bus.publish(IptvAccountUpdated.of(account))
        return {"account": account.to_public(), "status": info.effective_status, "provider_status": info.status,
                "expired": info.expired, "expires_at": info.expires_at, "server_time": info.server_time,
                "max_connections": info.max_connections, "active_connections": info.active_connections,
                "message": info.message}

    def queue_sync(self, account_id: int, *, user_id: int | None = None):
        self.state.get_iptv_account(account_id)
        job, _ = self.jobs.enqueue(IPTV_SYNC, SyncPayload(account_id), idempotency_key=f"iptv.sync:{account_id}",
                                   created_by=user_id)
        return job


def _checked(fields: dict[str, Any], *, required: bool) -> dict[str, Any]:
    values = {k: v for k, v in fields.items() if k in EDITABLE}
    for key in ("base_url", "username", "password"):
        if required and not values.get(key):
            raise InvalidInput(f"{key} is required")
        if key in values and (not isinstance(values[key], str) or not values[key].strip()):
            raise InvalidInput(f"{key} must be a non-empty text")
    if "name" in values and not isinstance(values["name"], str):
        raise InvalidInput("name must be a text")
    if "base_url" in values:
        values["base_url"] = normalize_base_url(values["base_url"])
    if "username" in values:
        values["username"] = values["username"].strip()
    return values
