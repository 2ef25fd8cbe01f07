"""Catalog sync: an account's live, VOD and series categories and streams into the database.

Each section is fetched, parsed and written on its own (``state.store_section``: one transaction
per section, batched inserts and updates, a no-op re-sync writes no row), so a failure in one
never undoes another. An item travels as a plain tuple from the parse (``clients.xtream.parse_row``)
to the write, with a content hash (``fingerprint``) compared against the stored ones in one query:
see docs/ARCHITECTURE.md "Measured" for what that design buys on 100,000 items. What it guarantees:

- an **empty** list answer (``[]``, ``{}``, ``null``, no body) keeps the section as it was and is
  reported; providers send those on a bad day, and trusting one would wipe the catalog;
- a **failed** answer (unreachable, an HTML page with status 200, refused credentials) keeps the
  section too, marks the account ``error`` with the reason, and the other sections still sync;
- one **unreadable item** (no id, no name) is skipped and counted, with a line saying why, in the
  account's ``sync_report``.

The account's ``sync_status`` is ``syncing`` while a sync runs (start-up resets one a killed
process left behind), then ``idle`` or ``error``; each step is published as
``iptv_account_updated`` and as the job's progress.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
from collections.abc import Iterable
from typing import Any

from ...clients.xtream import ROW_FIELDS, SECTIONS, Section, category_language
from ...errors import MediaLibraryError
from .events import IptvAccountUpdated

log = logging.getLogger(__name__)
MAX_REPORTED_SKIPS = 20
LANGUAGE, CATEGORY = ROW_FIELDS.index("language"), ROW_FIELDS.index("category_id")


def fingerprint(values: tuple) -> str:
    """A row's content hash: its values (text, numbers and None) serialised by ``marshal`` in its
    format 2, which has no back-references and so gives the same bytes for the same values in
    every process, then hashed. ``json.dumps`` of a dict per row took a third of a large sync;
    ``marshal`` is twice as fast as ``repr``."""
    return hashlib.blake2b(marshal.dumps(values, 2), digest_size=12).hexdigest()


def catalog_rows(items: Iterable[tuple], languages: dict[str, str | None]) -> list[tuple]:
    """The rows of a section (``state.iptv.CATALOG_ROW_COLUMNS``): each item's values, with its
    category's language when its name has none, and its fingerprint; one row per stream id (the
    last one listed wins)."""
    rows: dict[str, tuple] = {}
    for values in items:
        if not values[LANGUAGE]:
            language = languages.get(values[CATEGORY] or "")
            if language:
                values = (*values[:LANGUAGE], language, *values[LANGUAGE + 1:])
        rows[values[0]] = (*values, fingerprint(values))
    return list(rows.values())


class CatalogSync:
    def __init__(self, state, settings, bus, *, http):
        self.state, self.settings, self.bus, self.http = state, settings, bus, http

    def sync(self, account_id: int, ctx) -> dict[str, Any]:
        account = self.state.get_iptv_account(account_id)
        self._publish(self.state.update_iptv_account(account_id, sync_status="syncing", sync_error=None))
        client = self.http.client(account)
        report: dict[str, Any] = {}
        for position, section in enumerate(SECTIONS):
            ctx.check_cancelled()
            ctx.progress(100.0 * position / len(SECTIONS), f"syncing {section}")
            report[section] = self._sync_section(client, account_id, section)
        errors = [f"{s}: {r['error']}" for s, r in report.items() if r.get("error")]
        done = self.state.update_iptv_account(
            account_id, sync_status="error" if errors else "idle", sync_error="; ".join(errors) or None,
            synced_at=self.state.now(), sync_report=report)
        self._publish(done)
        return {"account_id": account_id, "sections": report}

    def _sync_section(self, client, account_id: int, section: Section) -> dict[str, Any]:
        try:
            categories = client.categories(section)
            streams = client.streams(section)
        except MediaLibraryError as exc:
            log.warning("IPTV account %s: %s not synced: %s", account_id, section, exc.message)
            return {"error": exc.message, "kept": self.state.iptv_counts(account_id)[section]}
        languages = {c.category_id: category_language(c.name) for c in categories.items}
        cats = [{"category_id": c.category_id, "name": c.name, "language": languages[c.category_id]} for c in categories.items]
        rows = catalog_rows(streams.items, languages)
        skipped = categories.skipped + streams.skipped
        result: dict[str, Any] = {"served": len(streams.items) + len(streams.skipped), "skipped": len(skipped),
                                  "skipped_items": skipped[:MAX_REPORTED_SKIPS]}
        if not rows:
            result.update(empty=True, kept=self.state.iptv_counts(account_id)[section])
            log.warning("IPTV account %s: the provider listed no %s items; the catalog is kept", account_id, section)
            return result
        written = self.state.store_section(account_id, section, cats, rows, batch_size=self.settings.iptv.batch_size)
        result.update(written, count=len(rows))
        return result

    def _publish(self, account) -> None:
        self.bus.publish(IptvAccountUpdated.of(account))
