"""Live TV for other players: an M3U playlist and an XMLTV guide of every account's live
channels, behind an API token of scope ``iptv_tv`` (created in Settings > API tokens).

The playlist's entries are our proxy URLs (``/api/iptv/tv/live/<account>/<channel>.ts`` with the
same token), never the provider's, so the players never see an account's credentials. The guide
is each provider's own ``xmltv.php`` (fetched through the outbound guard, size-capped, parsed with
defusedxml), its channels limited to the ones the playlist lists, merged into one document.
"""

from __future__ import annotations

import logging
from urllib.parse import quote, urlencode
from xml.etree import ElementTree as ET  # noqa: S405 - only to write; parsing goes through defusedxml

from defusedxml import ElementTree as SafeET

from ...errors import MediaLibraryError

log = logging.getLogger(__name__)


def m3u_line(value: str | None) -> str:
    """A value inside an ``#EXTINF`` attribute or title: no quotes, commas or line breaks."""
    return " ".join(str(value or "").replace('"', "'").replace(",", " ").split())


class LiveTv:
    def __init__(self, state, *, http):
        self.state, self.http = state, http

    def playlist(self, base_url: str, token: str) -> str:
        lines = ["#EXTM3U"]
        for account in self.state.list_iptv_accounts():
            categories = {c["category_id"]: c["name"] for c in self.state.list_iptv_categories(account.id, "live")}
            channels, _ = self.state.list_iptv_streams(account.id, "live", limit=1_000_000)
            for channel in channels:
                url = f"{base_url}/api/iptv/tv/live/{account.id}/{quote(channel.stream_id, safe='')}.ts?{urlencode({'token': token})}"
                lines.append(f'#EXTINF:-1 tvg-id="{m3u_line(channel.epg_channel_id)}" tvg-name="{m3u_line(channel.name)}" '
                             f'tvg-logo="{m3u_line(channel.icon)}" group-title="{m3u_line(categories.get(channel.category_id or ""))}",'
                             f"{m3u_line(channel.name)}")
                lines.append(url)
        return "\n".join(lines) + "\n"

    def guide(self) -> bytes:
        merged = ET.Element("tv", {"generator-info-name": "Media Library"})
        for account in self.state.list_iptv_accounts():
            channels, _ = self.state.list_iptv_streams(account.id, "live", limit=1_000_000)
            wanted = {c.epg_channel_id for c in channels if c.epg_channel_id}
            for element in self._provider_guide(account):
                key = element.get("id") if element.tag == "channel" else element.get("channel")
                if element.tag in ("channel", "programme") and key in wanted:
                    merged.append(element)
        return ET.tostring(merged, encoding="utf-8", xml_declaration=True)

    def _provider_guide(self, account) -> list:
        try:
            body = self.http.client(account).xmltv()
            return list(SafeET.fromstring(body)) if body.strip() else []
        except (MediaLibraryError, SafeET.ParseError) as exc:
            log.warning("IPTV account %s: no guide (%s)", account.id, getattr(exc, "message", type(exc).__name__))
            return []
