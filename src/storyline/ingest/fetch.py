"""Fetching URLs, behind a one-method interface so tests (and offline users) swap in their own.

The default transport is httpx with a timeout, a redirect limit and a size cap enforced while
streaming, so a huge or endless response cannot exhaust memory.

For URLs pasted into the web app, ``PublicOnlyTransport`` looks each host up once (at every
redirect hop), refuses unless every address is public — and refuses when the lookup fails —
and then connects to the very address it checked, so a name that resolves differently on a
second lookup (DNS rebinding) cannot reach loopback or the local network. The Host header and
the TLS server name stay the URL's host name.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from storyline.errors import IngestError
from storyline.version import __version__

DEFAULT_TIMEOUT_S = 15.0
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_DEADLINE_S = 60.0  # a whole download, however slowly the bytes come


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL after redirects
    content_type: str
    body: bytes


class Fetcher(Protocol):
    def fetch(self, url: str) -> Fetched:
        """Return the page or raise ``IngestError`` naming the URL and the problem."""
        ...


@dataclass
class HttpFetcher:
    max_bytes: int
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    deadline_s: float = DEFAULT_DEADLINE_S
    #: False refuses loopback, private and link-local addresses at every redirect hop: for URLs
    #: pasted into the web app, whose requests come from the server's place in the network.
    allow_private: bool = True

    #: host, port → addresses (``socket.getaddrinfo`` when None)
    resolver: Callable[[str, int], list[str]] | None = field(default=None, repr=False)

    def fetch(self, url: str) -> Fetched:
        headers = {"User-Agent": f"storyline/{__version__} (+news briefing tool)"}
        deadline = time.monotonic() + self.deadline_s
        guarded = not self.allow_private
        transport = PublicOnlyTransport(self.resolver or system_resolver) if guarded else None
        try:
            with (
                httpx.Client(
                    timeout=self.timeout_s,
                    follow_redirects=True,
                    max_redirects=self.max_redirects,
                    headers=headers,
                    transport=transport,
                    trust_env=not guarded,  # an environment proxy would make the connection
                ) as client,
                client.stream("GET", url) as response,
            ):
                if response.status_code >= 400:
                    raise IngestError(url, f"HTTP {response.status_code} {response.reason_phrase}")
                declared = int(response.headers.get("content-length") or 0)
                if declared > self.max_bytes:
                    raise IngestError(url, _too_large(declared, self.max_bytes))
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise IngestError(url, _too_large(len(body), self.max_bytes, "over"))
                    if time.monotonic() > deadline:  # a trickle of bytes must not hold us
                        raise IngestError(url, f"took longer than {self.deadline_s:g} s")
                return Fetched(
                    str(response.url), response.headers.get("content-type", ""), bytes(body)
                )
        except httpx.TooManyRedirects:
            raise IngestError(url, f"more than {self.max_redirects} redirects") from None
        except httpx.TimeoutException:
            raise IngestError(url, f"timed out after {self.timeout_s:g} s") from None
        except httpx.HTTPError as error:
            raise IngestError(url, f"unreachable ({type(error).__name__}: {error})") from None
        except (httpx.InvalidURL, ValueError) as error:
            raise IngestError(url, f"not a valid URL ({error})") from None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (one lookup)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: str) -> bool:
    """True for a globally routable unicast address; an IPv6 address that carries an IPv4 one
    (mapped, NAT64, 6to4, Teredo) must carry a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # "fe80::1%eth0": the scope goes
    candidates: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            candidates.append(ip.ipv4_mapped)
        if ip.sixtofour is not None:
            candidates.append(ip.sixtofour)
        if ip.teredo is not None:
            candidates.extend(ip.teredo)
        if ip in _NAT64:
            candidates.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return all(c.is_global and not c.is_multicast for c in candidates)


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class PublicOnlyTransport(httpx.BaseTransport):
    """An httpx transport that connects only to public addresses, and only to the address it
    checked (see the module docstring)."""

    def __init__(
        self,
        resolver: Callable[[str, int], list[str]] = system_resolver,
        allowed: Callable[[str], bool] = is_public,
    ) -> None:
        self.resolver = resolver
        self.allowed = allowed
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        host = url.host
        port = url.port or (443 if url.scheme == "https" else 80)
        addresses = self._checked(host, port, str(url))
        extensions = dict(request.extensions)
        if url.scheme == "https":
            extensions["sni_hostname"] = host  # the certificate is checked against the name
        error: httpx.ConnectError | None = None
        for address in addresses:
            pinned = httpx.Request(
                request.method,
                url.copy_with(host=address),
                headers=request.headers,  # the Host header names the host, not the address
                stream=request.stream,
                extensions=extensions,
            )
            try:
                return self.inner.handle_request(pinned)
            except httpx.ConnectError as failed:  # try the next checked address
                error = failed
        assert error is not None  # _checked never returns an empty list
        raise error

    def _checked(self, host: str, port: int, url: str) -> list[str]:
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError) as error:  # socket.gaierror is an OSError
            raise IngestError(url, f"refused: cannot look up {host} ({error})") from None
        if not addresses:
            raise IngestError(url, f"refused: {host} has no address")
        for address in addresses:
            try:
                public = self.allowed(address)
            except ValueError:
                public = False
            if not public:
                raise IngestError(url, f"refused: {host} is a non-public address")
        return addresses

    def close(self) -> None:
        self.inner.close()


def _too_large(size: int, limit: int, prefix: str = "") -> str:
    amount = f"{prefix} {size / 1e6:.1f} MB".strip()
    return f"too large: {amount} exceeds the {limit / 1e6:g} MB limit"
