"""Plex Media Server, read as a source: identity, library sections, paged item listings, details,
show search, accounts, watch history and artwork.

- Auth: the token travels in the ``X-Plex-Token`` header only (never in a URL), with a stable
  ``X-Plex-Client-Identifier`` and product name; ``HttpClient`` drops both on a redirect to
  another origin. The admin configured the server's URL, so it is trusted for its own origin
  (usually a LAN address), like the media servers refreshed after an STRM export.
- Format: we ask for JSON (``Accept: application/json``) but some servers answer XML anyway, so
  the body is sniffed (``<`` or ``{``) and XML, read with defusedxml, is turned into the JSON
  shape: ``MediaContainer`` with ``Metadata[]`` (XML ``Video``/``Directory``/``Track``),
  ``Directory[]`` and ``Location[]``/``Media[]``/``Part[]``/``Guid[]`` lists. XML attributes are
  strings; the parser in ``services/plex/parse.py`` coerces.
- Paging: every listing sends ``X-Plex-Container-Start`` and ``X-Plex-Container-Size``, always
  both, and loops until ``start >= totalSize`` (a server may answer fewer or more than asked).

Written for this project instead of python-plexapi: that library builds an object per item
(too slow for 20,000 items), logs in through plex.tv and has no seam for our outbound guard.
No database, no Flask.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..errors import ExternalServiceError, InvalidInput
from .http import HttpClient

CLIENT_ID = "media-library"
PRODUCT = "Media Library"
METADATA_TAGS = ("Video", "Directory", "Track", "Photo", "Metadata")
LIST_TAGS = ("Media", "Part", "Stream", "Guid", "Location", "Genre", "Account", "Directory", "Metadata")
SEARCH_TYPES = {"movie": 1, "show": 2, "season": 3, "episode": 4}


def base_url(url: str) -> str:
    url = (url or "").strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise InvalidInput(f"a Plex server URL must start with http:// or https:// (got {url!r})")
    return url


def parse_body(body: bytes) -> dict[str, Any]:
    """The ``MediaContainer`` of a JSON or XML answer, in the JSON shape."""
    text = body.lstrip()
    if text.startswith(b"<"):
        return _xml_container(text)
    if text.startswith(b"{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ExternalServiceError("plex", "answered with broken JSON", transient=True) from exc
        container = data.get("MediaContainer") if isinstance(data, dict) else None
        return container if isinstance(container, dict) else {}
    raise ExternalServiceError("plex", "answered with neither JSON nor XML", transient=True)


def _xml_container(text: bytes) -> dict[str, Any]:
    try:
        root = SafeET.fromstring(text)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise ExternalServiceError("plex", "answered with broken or unsafe XML", transient=True) from exc
    return _element(root, top=True)


def _element(node, *, top: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = dict(node.attrib)
    for child in node:
        tag = child.tag
        converted = _element(child)
        if top and tag in METADATA_TAGS:
            out.setdefault("Metadata", []).append(converted)
        if tag in LIST_TAGS or top:
            out.setdefault(tag, []).append(converted)
        else:
            out[tag] = converted
    return out


def as_list(value: Any) -> list:
    """A list child that a flattening converter may have made a single object (or left out)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def to_int(value: Any, default: int | None = None) -> int | None:
    """An int from a JSON number or an XML string ("1", "1.0"); ``default`` when absent or garbage."""
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return default


class PlexServerClient:
    service = "plex"

    def __init__(self, http: HttpClient, url: str, token: str, *, page_size: int = 200):
        self.http, self.base_url, self.token = http, base_url(url), token
        self.page_size = max(1, page_size)

    def _headers(self, extra: dict | None = None) -> dict[str, str]:
        return {"X-Plex-Token": self.token, "X-Plex-Client-Identifier": CLIENT_ID, "X-Plex-Product": PRODUCT,
                "Accept": "application/json", **(extra or {})}

    def get(self, path: str, params: dict | None = None, *, start: int | None = None, size: int | None = None) -> dict[str, Any]:
        """One answer's container; with ``start``/``size`` the paging headers are sent (both)."""
        headers = self._headers()
        if start is not None:
            headers.update({"X-Plex-Container-Start": str(start), "X-Plex-Container-Size": str(size or self.page_size)})
        _, resp_headers, body = self.http.request(self.service, "GET", self.base_url + path, params=params, headers=headers)
        container = parse_body(body)
        if "totalSize" not in container and resp_headers.get("x-plex-container-total-size"):
            container["totalSize"] = resp_headers["x-plex-container-total-size"]
        return container

    def pages(self, path: str, params: dict | None = None) -> Iterator[tuple[list[dict], int]]:
        """``(items, total)`` per page until the server's ``totalSize`` is reached."""
        start = 0
        while True:
            container = self.get(path, params, start=start, size=self.page_size)
            items = as_list(container.get("Metadata"))
            total = to_int(container.get("totalSize"), to_int(container.get("size"), len(items)))
            yield items, total
            start += len(items)
            if not items or start >= total:
                return

    # --- the calls ------------------------------------------------------------------------------
    def identity(self) -> dict[str, Any]:
        """``machineIdentifier`` and ``version``: the cheapest authenticated call."""
        container = self.get("/identity")
        return {"machine_id": container.get("machineIdentifier"), "version": container.get("version")}

    def sections(self) -> list[dict[str, Any]]:
        """The library sections with their ``Location`` paths."""
        return as_list(self.get("/library/sections").get("Directory"))

    def section_items(self, section_key: str, kind: str) -> Iterator[tuple[list[dict], int]]:
        """Every item of ``kind`` in a section, paged, with ``Guid[]`` (``includeGuids=1``)."""
        path = f"/library/sections/{quote(str(section_key), safe='')}/all"
        return self.pages(path, {"type": SEARCH_TYPES[kind], "includeGuids": 1})

    def show_episodes(self, rating_key: str) -> Iterator[tuple[list[dict], int]]:
        """The episodes of one show, paged."""
        return self.pages(f"/library/metadata/{quote(str(rating_key), safe='')}/allLeaves", {"includeGuids": 1})

    def item(self, rating_key: str) -> dict[str, Any] | None:
        items = as_list(self.get(f"/library/metadata/{quote(str(rating_key), safe='')}", {"includeGuids": 1}).get("Metadata"))
        return items[0] if items else None

    def search_shows(self, section_key: str, title: str, year: int | None = None) -> list[dict[str, Any]]:
        """Shows of a section whose title contains ``title`` (Plex's ``title=`` filter), of ``year``."""
        params: dict[str, Any] = {"type": SEARCH_TYPES["show"], "includeGuids": 1, "title": title}
        if year:
            params["year"] = year
        path = f"/library/sections/{quote(str(section_key), safe='')}/all"
        return [item for items, _ in self.pages(path, params) for item in items]

    def refresh_section(self, section_key: str, path: str | None = None) -> None:
        """Ask the server to scan a section again, only ``path`` (a Plex path inside it) if given."""
        params = {"path": path} if path else None
        self.http.request(self.service, "GET", f"{self.base_url}/library/sections/{quote(str(section_key), safe='')}/refresh",
                          params=params, headers=self._headers())

    def accounts(self) -> list[dict[str, Any]]:
        """The server's accounts (``id``, ``name``): whose watched state may be imported."""
        return [a for a in as_list(self.get("/accounts").get("Account")) if str(a.get("id", "")) not in ("", "0")]

    def history(self, *, account_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Watch history rows (newest first): ``ratingKey``, ``viewedAt``, ``accountID``, ``type``…"""
        params: dict[str, Any] = {"sort": "viewedAt:desc"}
        if account_id:
            params["accountID"] = account_id
        for items, _ in self.pages("/status/sessions/history/all", params):
            yield from items

    def image(self, path: str) -> bytes:
        """An image the server names (``thumb``, ``art``): a path on the same server only."""
        if not path.startswith("/") or path.startswith("//"):
            raise InvalidInput(f"not a path on the Plex server: {path!r}")
        _, _, body = self.http.request(self.service, "GET", self.base_url + path, headers=self._headers({"Accept": "image/*"}))
        return body
