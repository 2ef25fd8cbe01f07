"""The outbound guard applies to everything yt-dlp fetches: it runs behind our guarded forward proxy.

The fake site plays the "public" server on 127.0.0.2 (on ``http.allow_hosts``); the canary on
127.0.0.1 and [::1] is the inside service, NOT allowed. A download aimed at the canary directly,
through a redirect, or through an HLS manifest whose segments live there fails with the guard's
reason, and the canary counts 0 hits. The proxy itself refuses every spelling of an inside address
in both request forms (absolute URI and CONNECT), and anyone without a download's credentials.
"""

from __future__ import annotations

import base64
import socket

import pytest

from media_library.clients.forward_proxy import GuardedProxy
from media_library.clients.guard import OutboundGuard
from tests.clients.test_guard import SPELLINGS
from tests.downloads.conftest import finished
from tests.fakes.media_site import FakeMediaSite
from tests.fakes.outbound import Canary


@pytest.fixture
def canary():
    with Canary() as inside:
        yield inside


@pytest.fixture
def public_site(site_root):
    with FakeMediaSite(site_root, host="127.0.0.2") as fake:
        yield fake


@pytest.fixture
def guarded(rig):
    return rig(**{"http.allow_hosts": ["127.0.0.2"]})


def _refused(runtime, url, canary):
    download = finished(runtime, runtime.services.downloads.add(url).id)
    assert download.status == "failed"
    assert "Refused by the outbound guard" in download.error
    assert "loopback" in download.error
    assert canary.hits == 0
    return download


def test_direct_url_to_the_inside_is_refused(guarded, canary):
    _refused(guarded, f"http://127.0.0.1:{canary.port}/clip.mp4", canary)


def test_redirect_to_the_inside_is_refused(guarded, public_site, canary):
    public_site.routes["/go.mp4"] = lambda _site: (302, {"Location": f"http://127.0.0.1:{canary.port}/clip.mp4"}, b"")
    _refused(guarded, f"{public_site.url}/go.mp4", canary)
    assert public_site.requested("/go.mp4")


def test_hls_segments_on_the_inside_are_refused(guarded, public_site, canary):
    manifest = ("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:VOD\n"
                f"#EXTINF:1.0,\nhttp://127.0.0.1:{canary.port}/seg00.ts\n#EXT-X-ENDLIST\n").encode()
    public_site.routes["/evil.m3u8"] = lambda _site: (200, {"Content-Type": "application/vnd.apple.mpegurl"}, manifest)
    _refused(guarded, f"{public_site.url}/evil.m3u8", canary)
    assert public_site.requested("/evil.m3u8")


def test_the_public_site_still_downloads(guarded, public_site):
    download = finished(guarded, guarded.services.downloads.add(f"{public_site.url}/clip.mp4").id)
    assert download.status == "done", download.error


# --- the proxy alone, every spelling, both request forms --------------------------------------------
@pytest.fixture
def proxy():
    running = GuardedProxy(OutboundGuard(["127.0.0.2"]))
    yield running
    running.close()


def _ask(proxy, request: bytes) -> bytes:
    with socket.create_connection((proxy.host, proxy.port), timeout=10) as sock:
        sock.sendall(request)
        return sock.recv(65536)


def _auth(token: str) -> str:
    return "Proxy-Authorization: Basic " + base64.b64encode(f"ml:{token}".encode()).decode()


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_proxy_refuses_every_inside_spelling_in_both_forms(proxy, canary, spelling):
    with proxy.session() as (_url, session):
        plain = _ask(proxy, f"GET http://{spelling}:{canary.port}/x HTTP/1.1\r\nHost: x\r\n{_auth(session.token)}\r\n\r\n".encode())
        tunnel = _ask(proxy, f"CONNECT {spelling}:{canary.port} HTTP/1.1\r\n{_auth(session.token)}\r\n\r\n".encode())
    assert plain.startswith(b"HTTP/1.1 403") or plain.startswith(b"HTTP/1.1 502"), plain[:80]
    assert tunnel.startswith(b"HTTP/1.1 403") or tunnel.startswith(b"HTTP/1.1 502"), tunnel[:80]
    assert canary.hits == 0


def test_proxy_needs_a_live_downloads_credentials(proxy, public_site):
    target = f"GET {public_site.url}/clip.mp4 HTTP/1.1\r\nHost: x\r\n"
    assert _ask(proxy, (target + "\r\n").encode()).startswith(b"HTTP/1.1 407")
    with proxy.session() as (_url, session):
        token = session.token
        assert _ask(proxy, (target + _auth(token) + "\r\n\r\n").encode()).startswith(b"HTTP/1.1 200")
    assert _ask(proxy, (target + _auth(token) + "\r\n\r\n").encode()).startswith(b"HTTP/1.1 407")
