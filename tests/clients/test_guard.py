"""The outbound guard against a stub "public" server on 127.0.0.2 that points inward.

127.0.0.2 is on the guard's allow-list (the admin's LAN mechanism), 127.0.0.1 is not: every
spelling of an inside address, reached directly or through a redirect, is refused, and the
canary on 127.0.0.1 / [::1] counts 0 hits. The address is checked after resolution, where the
socket connects, and that connection is pinned to the checked address (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import subprocess

import pytest
import requests

from media_library.clients.guard import AllowList, OutboundGuard, OutboundRefused, refusal_reason
from media_library.clients.http import HttpClient, HttpOptions
from media_library.clients.musicbrainz import MusicBrainzClient
from media_library.errors import ConfigError, ExternalServiceError
from tests.fakes.outbound import Canary, ConnectLog, StubServer, on_same_port, redirect_to
from tests.fakes.server import TINY_JPEG

# Every way of writing an inside address an upstream may hand us (issue 11).
SPELLINGS = ["127.0.0.1", "[::1]", "0.0.0.0", "0x7f.1", "2130706433", "127.1", "[::ffff:127.0.0.1]",
             "017700000001", "localhost", "169.254.169.254"]
PUBLIC = ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]
REFUSED = {
    "127.0.0.1": "loopback", "127.255.0.9": "loopback", "::1": "loopback", "0.0.0.0": "unspecified",
    "::": "unspecified", "10.1.2.3": "private", "172.16.0.1": "private", "192.168.1.10": "private",
    "100.64.0.1": "private", "169.254.169.254": "link-local or cloud metadata", "fe80::1": "link-local or cloud metadata",
    "224.0.0.1": "multicast", "239.255.255.250": "multicast", "ff02::1": "multicast", "240.0.0.1": "reserved",
    "255.255.255.255": "reserved", "fc00::1": "private", "fd12:3456::1": "private", "fec0::1": "private",
    "::ffff:127.0.0.1": "loopback", "::ffff:10.0.0.1": "private", "::127.0.0.1": "loopback",
    "64:ff9b::7f00:1": "loopback", "64:ff9b::a9fe:a9fe": "link-local or cloud metadata",
    "2002:7f00:1::1": "loopback", "192.0.2.1": "reserved", "2001:db8::1": "reserved",
}


@pytest.fixture
def canary():
    with Canary() as inside:
        yield inside


@pytest.fixture
def http():
    client = HttpClient(HttpOptions(timeout=3.0, retries=0, allow_hosts=("127.0.0.2",)))
    yield client
    client.close()


def _target(spelling: str, port: int) -> str:
    return f"http://{spelling}:{port}/canary.jpg"


@pytest.mark.parametrize(("address", "reason"), sorted(REFUSED.items()))
def test_inside_ranges_are_refused_with_their_reason(address, reason):
    assert refusal_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    assert refusal_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_redirect_from_public_stub_to_every_inside_spelling_never_reaches_the_canary(http, canary, spelling):
    with StubServer("127.0.0.2", redirect_to(_target(spelling, canary.port))) as public, ConnectLog() as connects:
        with pytest.raises(OutboundRefused) as refused:
            http.fetch_untrusted("test images", f"{public.url}/poster.jpg")
    assert public.hits == 1  # the allow-listed stub was reached …
    assert canary.hits == 0  # … the inside service never was
    assert connects.to_port(canary.port) == [] and connects.to_host("169.254.169.254") == []
    assert refused.value.expected and not refused.value.transient and "allow_hosts" in refused.value.message


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_untrusted_url_naming_an_inside_address_is_refused_before_connecting(http, canary, spelling):
    with ConnectLog() as connects, pytest.raises(OutboundRefused):
        http.fetch_untrusted("test images", _target(spelling, canary.port))
    assert canary.hits == 0 and connects.to_port(canary.port) == []


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_configured_service_is_trusted_for_its_own_origin_only(canary, spelling):
    """A configured service on 127.0.0.2 (not allow-listed here) works; its redirect inward does not."""
    client = HttpClient(HttpOptions(timeout=3.0, retries=0))
    inward = _target(spelling, canary.port)
    try:
        with StubServer("127.0.0.2", lambda seen: redirect_to(inward)(seen) if seen.path == "/away"
                        else (200, {}, b"ok")) as service:
            assert client.request("svc", "GET", f"{service.url}/here")[2] == b"ok"
            with pytest.raises(OutboundRefused):
                client.request("svc", "GET", f"{service.url}/away")
    finally:
        client.close()
    assert canary.hits == 0


def test_allow_listed_stub_serves_and_same_origin_redirects_are_followed(http, canary):
    with StubServer("127.0.0.2", lambda seen: (302, {"Location": "/real.jpg"}, b"") if seen.path == "/p.jpg"
                    else (200, {"Content-Type": "image/jpeg"}, TINY_JPEG)) as public:
        assert http.fetch_untrusted("test images", f"{public.url}/p.jpg") == TINY_JPEG
    assert [seen.path for seen in public.seen] == ["/p.jpg", "/real.jpg"] and canary.hits == 0


def test_dns_rebinding_cannot_swap_the_checked_address(http, monkeypatch):
    """The name first resolves to the allowed 127.0.0.2, then to 127.0.0.1: the connection stays pinned."""
    public, inside = on_same_port("127.0.0.2", "127.0.0.1")
    answers = iter(["127.0.0.2"] + ["127.0.0.1"] * 10)
    real_getaddrinfo = socket.getaddrinfo
    asked = []

    def rebinding(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    try:
        with ConnectLog() as connects:
            body = http.fetch_untrusted("test images", f"http://rebind.example:{public.port}/poster.jpg")
    finally:
        public.close()
        inside.close()
    assert body == TINY_JPEG and public.hits == 1 and inside.hits == 0
    assert public.seen[0].header("Host") == f"rebind.example:{public.port}"  # the Host header keeps the name
    assert len(asked) == 1 and connects.to_host("127.0.0.1") == []


def test_a_name_with_one_inside_address_among_public_ones_is_refused():
    def resolver(host, port):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port))]

    with pytest.raises(OutboundRefused, match="10.0.0.5, a private address"):
        OutboundGuard(resolver=resolver).resolve("mixed.example", 80)


def test_allow_list_takes_hostnames_addresses_and_cidrs():
    def resolver(host, port):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.20", port))]

    guard = OutboundGuard(["NAS.lan.", "10.0.0.0/8", "[fd00::1]"], resolver=resolver)
    assert guard.resolve("nas.lan", 80) == [(socket.AF_INET, ("192.168.1.20", 80))]
    assert guard.allow.allows_address(ipaddress.ip_address("10.9.9.9"))
    assert guard.allow.allows_address(ipaddress.ip_address("::ffff:10.9.9.9"))
    assert guard.allow.allows_address(ipaddress.ip_address("fd00::1"))
    with pytest.raises(OutboundRefused):
        guard.resolve("other.lan", 80)
    assert AllowList.parse([]) == AllowList()
    with pytest.raises(ConfigError, match="http.allow_hosts"):
        AllowList.parse(["http://nas.lan/"])


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x.jpg", "gopher://127.0.0.2:70/",
                                 "http://user:pw@127.0.0.2/x.jpg", "http:///x.jpg", "http://127.0.0.2:99999/"])
def test_only_plain_http_urls_are_fetched(http, url):
    with pytest.raises(OutboundRefused):
        http.fetch_untrusted("test images", url)


def test_redirect_to_another_scheme_is_refused(http, canary):
    with StubServer("127.0.0.2", redirect_to("file:///etc/passwd")) as public, pytest.raises(OutboundRefused):
        http.fetch_untrusted("test images", f"{public.url}/p.jpg")


def test_redirect_loops_stop(http):
    with StubServer("127.0.0.2", redirect_to("/again")) as public, pytest.raises(Exception, match="redirects"):
        http.fetch_untrusted("test images", f"{public.url}/p.jpg")
    assert public.hits == 6


def _certificate(folder, name: str):
    """A self-signed certificate for ``name`` (the test's own CA), made with the openssl program."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={name}",
                    "-addext", f"subjectAltName=DNS:{name}", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def test_https_keeps_sni_and_certificate_check_on_the_hostname(http, tmp_path, monkeypatch):
    cert, key = _certificate(tmp_path, "images.example")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    real_getaddrinfo = socket.getaddrinfo

    def resolver(host, port, *args, **kwargs):
        if host in ("images.example", "other.example"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.2", port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    http.guarded_session.verify = str(cert)
    with StubServer("127.0.0.2", tls=context) as public:
        assert http.fetch_untrusted("test images", f"https://images.example:{public.port}/p.jpg") == TINY_JPEG
        with pytest.raises(ExternalServiceError, match="could not reach") as refused:  # the certificate names another host
            http.fetch_untrusted("test images", f"https://other.example:{public.port}/p.jpg")
    assert isinstance(refused.value.__cause__, requests.exceptions.SSLError)
    assert "other.example" in str(refused.value.__cause__)
    assert public.server_names[0] == "images.example" and public.seen[0].header("Host") == f"images.example:{public.port}"


def test_musicbrainz_is_trusted_for_its_own_origin_only(canary):
    """musicbrainzngs uses urllib, not HttpClient: its redirects off the configured origin are refused."""
    mbid = "b9ad642e-b012-41c7-b72a-42cf4911f9ff"
    same = {"/ws/2/recording/" + mbid: f"/ws/2/recording/{mbid}x"}
    with StubServer("127.0.0.2", lambda seen: (302, {"Location": same.get(seen.path, _target("127.1", canary.port))}, b"")
                    ) as service:
        client = MusicBrainzClient(service.url, "test@example.org", requests_per_second=1000, retries=0, retry_delay=0)
        with pytest.raises(OutboundRefused, match="redirected off its configured origin"):
            client.recording(mbid)
    assert [seen.path for seen in service.seen] == [f"/ws/2/recording/{mbid}", f"/ws/2/recording/{mbid}x"]
    assert canary.hits == 0
