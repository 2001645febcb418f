"""Fetching URLs, behind a one-method interface so tests (and offline users) swap in their own.

The default transport is httpx with a timeout, a redirect limit and a size cap enforced while
streaming, so a huge or endless response cannot exhaust memory.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
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

    def fetch(self, url: str) -> Fetched:
        headers = {"User-Agent": f"storyline/{__version__} (+news briefing tool)"}
        hooks = {"request": [] if self.allow_private else [_refuse_private]}
        deadline = time.monotonic() + self.deadline_s
        try:
            with (
                httpx.Client(
                    timeout=self.timeout_s,
                    follow_redirects=True,
                    max_redirects=self.max_redirects,
                    headers=headers,
                    event_hooks=hooks,
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


def _refuse_private(request: httpx.Request) -> None:
    """Refuse hosts that resolve to a non-public address (loopback, LAN, link-local)."""
    host = request.url.host
    try:
        infos = socket.getaddrinfo(host, request.url.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        return  # httpx reports the failed lookup itself
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise IngestError(str(request.url), f"refused: {host} is a non-public address")


def _too_large(size: int, limit: int, prefix: str = "") -> str:
    amount = f"{prefix} {size / 1e6:.1f} MB".strip()
    return f"too large: {amount} exceeds the {limit / 1e6:g} MB limit"
