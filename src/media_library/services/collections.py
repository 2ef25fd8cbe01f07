"""Collections: manual ones that people order by hand, automatic ones from TMDb.

Automatic collections mirror ``belongs_to_collection`` from TMDb's movie details, which
identification stores in the item's ``extra.collection`` (``{"tmdb_id", "name"}``). ``reconcile``
brings them up to date from the items changed since it last ran (one automatic collection per
TMDb collection id, its items ordered by year; an item whose details no longer name that
collection leaves it); it runs when an identification is published (``follow(bus)``) and before
collections are read, so they are right even where no bus is wired. Manual collections are never
touched by it, and automatic ones cannot be edited by hand.

Manual collections are shared by the household: everyone sees them and anyone may make one; its
maker, a library manager or an admin may change or delete it (``_manual(…, actor)``).

Must not: write the database except through ``state``.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from .. import events
from ..errors import Conflict, Forbidden, InvalidInput
from ..models import User
from .browse import item_card

log = logging.getLogger(__name__)
AUTOMATIC = "tmdb"
MAX_NAME = 200


class CollectionsService:
    def __init__(self, state):
        self.state = state
        self._synced_until = 0.0
        self._lock = threading.Lock()

    # --- automatic ---------------------------------------------------------------------------------
    def follow(self, bus: events.EventBus):
        """Reconcile after each identification, off the publishing thread (returns the unsubscribe
        function)."""
        def on_event(event: events.Event) -> None:
            if isinstance(event, events.LibraryUpdated) and event.reason == "identified":
                self.reconcile()
        return bus.subscribe(on_event, background=True)

    def reconcile(self) -> int:
        """Bring automatic collections in line with the items changed since the last run."""
        with self._lock:
            sources = self.state.list_collection_sources(self._synced_until)
            if not sources:
                return 0
            members = self.state.list_tmdb_memberships([s.media_id for s in sources])
            touched = set()
            for source in sources:
                touched |= self._sync_one(source, members.get(source.media_id, set()))
            for tmdb_id in touched:
                self._order_by_year(tmdb_id)
            self._synced_until = max(s.updated_at for s in sources)
            return len(touched)

    def _sync_one(self, source, current: set[str]) -> set[str]:
        touched = set()
        wanted = source.tmdb_collection_id
        for stale in current - {wanted}:
            collection = self._automatic(stale)
            if collection is not None:
                self.state.remove_from_collection(collection.id, source.media_id)
                touched.add(stale)
        if wanted and wanted not in current:
            collection = self.state.add_collection(source.collection_name or f"Collection {wanted}", kind=AUTOMATIC,
                                                   tmdb_collection_id=wanted)
            self.state.add_to_collection(collection.id, source.media_id)
            touched.add(wanted)
        return touched

    def _automatic(self, tmdb_id: str):
        return next((c for c in self.state.list_collections() if c.tmdb_collection_id == tmdb_id), None)

    def _order_by_year(self, tmdb_id: str) -> None:
        collection = self._automatic(tmdb_id)
        if collection is None:
            return
        items = self.state.list_collection_browse_items(collection.id, 0)
        ordered = sorted(items, key=lambda i: (i.year is None, i.year or 0, i.sort_title, i.id))
        self.state.reorder_collection(collection.id, [i.id for i in ordered])

    # --- reading -----------------------------------------------------------------------------------
    def list(self) -> list[dict[str, Any]]:
        self.reconcile()
        return [{"id": c.id, "name": c.name, "kind": c.kind, "automatic": c.kind == AUTOMATIC,
                 "tmdb_collection_id": c.tmdb_collection_id, "item_count": c.item_count,
                 "cover": f"/api/media/{c.cover_id}/artwork/poster" if c.cover_id and self._has_poster(c.cover_id) else None}
                for c in self.state.list_collection_summaries()]

    def _has_poster(self, media_id: str) -> bool:
        return any(a.kind == "poster" for a in self.state.list_artwork(media_id))

    def get(self, collection_id: int, viewer: User) -> dict[str, Any]:
        """A collection as ``viewer`` sees it: its items with their own watched state, and whether
        they may change it (``can_edit``)."""
        self.reconcile()
        c = self.state.get_collection(collection_id)
        items = self.state.list_collection_browse_items(collection_id, viewer.id)
        return {"id": c.id, "name": c.name, "kind": c.kind, "automatic": c.kind == AUTOMATIC,
                "tmdb_collection_id": c.tmdb_collection_id, "can_edit": self._may_change(c, viewer),
                "items": [item_card(i) for i in items]}

    def of_item(self, media_id: str) -> list[int]:
        self.reconcile()
        return self.state.list_collections_of(media_id)

    # --- manual ------------------------------------------------------------------------------------
    def create(self, name: Any, owner_id: int) -> dict[str, Any]:
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
            raise InvalidInput(f"name must be text of 1 to {MAX_NAME} characters")
        c = self.state.add_collection(name.strip(), kind="manual", owner_id=owner_id)
        return {"id": c.id, "name": c.name, "kind": c.kind, "automatic": False, "item_count": 0}

    def _manual(self, collection_id: int, actor: User):
        c = self.state.get_collection(collection_id)
        if c.kind == AUTOMATIC:
            raise Conflict("automatic collections follow TMDb and cannot be changed by hand")
        if not self._may_change(c, actor):
            raise Forbidden("only the person who made this collection, a library manager or an admin may change it")
        return c

    @staticmethod
    def _may_change(c, actor: User) -> bool:
        return c.kind != AUTOMATIC and (c.owner_id == actor.id or actor.manages_library)

    def delete(self, collection_id: int, actor: User) -> None:
        self._manual(collection_id, actor)
        self.state.delete_collection(collection_id)

    def add(self, collection_id: int, media_id: Any, actor: User) -> None:
        self._manual(collection_id, actor)
        if not isinstance(media_id, str):
            raise InvalidInput("media_id must be an item id")
        self.state.get_media(media_id)
        self.state.add_to_collection(collection_id, media_id)

    def remove(self, collection_id: int, media_id: str, actor: User) -> None:
        self._manual(collection_id, actor)
        self.state.remove_from_collection(collection_id, media_id)

    def reorder(self, collection_id: int, media_ids: Any, actor: User) -> None:
        self._manual(collection_id, actor)
        if not isinstance(media_ids, list) or not all(isinstance(i, str) for i in media_ids):
            raise InvalidInput("media_ids must be the list of item ids in their new order")
        present = self.state.list_collection_media_ids(collection_id)
        if sorted(present) != sorted(set(media_ids)) or len(media_ids) != len(present):
            raise InvalidInput("media_ids must name every item of the collection exactly once")
        self.state.reorder_collection(collection_id, media_ids)
