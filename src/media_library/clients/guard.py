"""The outbound guard: which addresses a fetch of a URL we did not choose may reach.

A URL handed to us by an upstream (an image URL, a redirect, a provider's image base URL, later
a download or a feed) could point inside: at the loopback interface, the LAN, the cloud metadata
endpoint. The guard refuses those. The check runs **where the socket connects**, on the address
the name resolved to, and the connection goes to exactly that checked address (it is *pinned*):
a second DNS answer cannot swap it (DNS rebinding), and spellings such as ``0x7f.1``,
``2130706433``, ``017700000001`` or ``localhost`` are judged by what they resolve to, not by
their text. The Host header, TLS SNI and certificate check keep the hostname.

Refused: loopback, private (RFC 1918, CGNAT 100.64/10), link-local (169.254/16 with the metadata
address, fe80::/10), multicast, unspecified (0.0.0.0, ::), reserved and documentation ranges,
unique-local fc00::/7, site-local fec0::/10, and every IPv6 form that embeds a refused IPv4
address (mapped ``::ffff:a.b.c.d``, compatible ``::a.b.c.d``, NAT64 ``64:ff9b::/96``, 6to4).
Only http and https. An admin-set allow-list (``http.allow_hosts``: hostnames or addresses and
CIDRs, empty by default) lets hosts on the LAN through.

``GuardedAdapter`` puts the guard into a requests session; ``clients/http.py`` uses it for every
untrusted request and every redirect that leaves a configured service's origin. Must not: touch
the database, import Flask, or be bypassed by resolving a name anywhere else.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.timeout import _DEFAULT_TIMEOUT

from ..errors import ConfigError, ExternalServiceError

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[..., list]
ALLOWED_SCHEMES = ("http", "https")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
# Ranges refused by name, so the message says why; anything else not globally routable is
# refused too (``is_global`` covers reserved, documentation and benchmark ranges).
_REFUSED = (
    ("unspecified", ("0.0.0.0/8", "::/128")),
    ("loopback", ("127.0.0.0/8", "::1/128")),
    ("link-local or cloud metadata", ("169.254.0.0/16", "fe80::/10")),
    ("private", ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "fec0::/10")),
    ("multicast", ("224.0.0.0/4", "ff00::/8")),
    ("reserved", ("240.0.0.0/4",)),
)
_REFUSED_NETWORKS = tuple((reason, ipaddress.ip_network(cidr)) for reason, cidrs in _REFUSED for cidr in cidrs)


class OutboundRefused(ExternalServiceError):
    """A fetch the guard refused: an expected error (no traceback, 502 in the API), never retried."""

    def __init__(self, target: str, reason: str):
        super().__init__("outbound guard", f"refused {target}: {reason}", transient=False)
        self.target = target
        self.reason = reason


def embedded_ipv4(address: IpAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, compatible, NAT64, 6to4), or None."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal_reason(address: IpAddress) -> str | None:
    """Why the guard refuses ``address`` (``"loopback"``, ``"private"`` …), or None if it is public."""
    for candidate in (embedded_ipv4(address), address):
        if candidate is None:
            continue
        for reason, network in _REFUSED_NETWORKS:
            if candidate.version == network.version and candidate in network:
                return reason
        if not candidate.is_global:
            return "reserved"
    return None


@dataclass(frozen=True)
class AllowList:
    """Hosts on the LAN the admin lets through: exact hostnames, and addresses or CIDRs."""

    hostnames: frozenset[str] = frozenset()
    networks: tuple[IpNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        hostnames, networks = set(), []
        for entry in entries:
            text = _normal_host(str(entry))
            if not text:
                continue
            try:
                networks.append(ipaddress.ip_network(text, strict=False))
            except ValueError:
                if not _looks_like_hostname(text):
                    raise ConfigError(f"setting 'http.allow_hosts': {entry!r} is neither a hostname nor an address or CIDR "
                                      "(such as nas.lan, 192.168.1.20 or 192.168.1.0/24)") from None
                hostnames.add(text)
        return cls(frozenset(hostnames), tuple(networks))

    def allows_host(self, host: str) -> bool:
        return _normal_host(host) in self.hostnames

    def allows_address(self, address: IpAddress) -> bool:
        forms = [address, embedded_ipv4(address)]
        return any(form is not None and form.version == net.version and form in net
                   for form in forms for net in self.networks)


def _looks_like_hostname(text: str) -> bool:
    return all(label and len(label) <= 63 and label.replace("-", "").replace("_", "").isalnum()
               for label in text.split(".")) and len(text) <= 253


def _normal_host(host: str) -> str:
    return (host or "").strip().strip("[]").lower().rstrip(".")


def _system_resolver(host: str, port: int) -> list:
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


class OutboundGuard:
    """Checks URLs and the addresses a connection is about to use; one per ``HttpClient``."""

    def __init__(self, allow_hosts: Iterable[str] = (), resolver: Resolver | None = None):
        self.allow = AllowList.parse(allow_hosts)
        self._resolver = resolver or _system_resolver

    def check_url(self, url: str) -> None:
        """Refuse a URL that is not plain http(s) to a host, before any connection is tried."""
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        except ValueError as exc:
            raise OutboundRefused("a malformed URL", str(exc)) from None
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            raise OutboundRefused(f"a {parts.scheme or 'schemeless'} URL", "only http and https are fetched")
        if not parts.hostname:
            raise OutboundRefused("a URL without a host", "a host is required")
        if parts.username is not None or parts.password is not None:
            raise OutboundRefused(_origin_text(parts), "URLs with credentials in them are not fetched")

    def resolve(self, host: str, port: int) -> list[tuple[int, tuple]]:
        """The ``(family, sockaddr)`` pairs to connect to, each one checked; OutboundRefused if any is refused."""
        target = f"{host}:{port}"
        infos = self._resolver(_normal_host(host), port)  # socket.gaierror goes up as it is
        if not infos:
            raise OutboundRefused(target, "the name resolved to no address")
        host_allowed = self.allow.allows_host(host)
        pinned = []
        for family, _type, _proto, _name, sockaddr in infos:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            reason = None if host_allowed or self.allow.allows_address(address) else refusal_reason(address)
            if reason:
                raise OutboundRefused(target, f"it resolves to {address}, a {reason} address; "
                                              "add the host to http.allow_hosts if it is on your network")
            pinned.append((family, sockaddr))
        return pinned


def _origin_text(parts) -> str:
    return f"{parts.scheme}://{parts.hostname or ''}"


def connect_pinned(addresses: list[tuple[int, tuple]], timeout, source_address=None, socket_options=None) -> socket.socket:
    """Connect to the first reachable of the checked addresses (never resolving anything)."""
    error: OSError | None = None
    for family, sockaddr in addresses:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            for option in socket_options or ():
                sock.setsockopt(*option)
            if timeout is not _DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error or OSError("no address to connect to")


class _PinnedConnectionMixin:
    """urllib3 connection whose ``_new_conn`` resolves once, checks, and connects to that address."""

    guard: OutboundGuard

    def _new_conn(self) -> socket.socket:
        try:
            addresses = self.guard.resolve(self._dns_host, self.port)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        try:
            return connect_pinned(addresses, self.timeout, self.source_address, self.socket_options)
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})") from exc
        except OSError as exc:
            raise NewConnectionError(self, f"Failed to establish a new connection: {exc}") from exc


class GuardedAdapter(HTTPAdapter):
    """A requests adapter whose every connection goes through ``guard`` (mount on http:// and https://)."""

    def __init__(self, guard: OutboundGuard, **kwargs):
        self.guard = guard
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        attrs = {"guard": self.guard}
        http_conn = type("GuardedHTTPConnection", (_PinnedConnectionMixin, HTTPConnection), attrs)
        https_conn = type("GuardedHTTPSConnection", (_PinnedConnectionMixin, HTTPSConnection), attrs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("GuardedHTTPConnectionPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type("GuardedHTTPSConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}),
        }

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        raise OutboundRefused("a proxy", "guarded requests never go through a proxy")
