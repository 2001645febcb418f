"""What keeps untrusted article text and a browser on other sites from doing harm.

* Every response carries a strict Content-Security-Policy (scripts and styles only from this
  server, no inline script, no framing), ``nosniff`` and no referrer.
* Only loopback host names are answered (a page on another site cannot reach the app through
  DNS rebinding), and a write from a page on another origin is refused (no CSRF).
* Request bodies are size-limited while they stream, not after.
* Uploaded file names are reduced to a safe base name; their type is checked by extension and
  by sniffing the bytes with the same functions ingest uses.
"""

from __future__ import annotations

import ipaddress
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import SplitResult, urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.errors import IngestError, StorylineError
from storyline.ingest.decode import decode, sniff
from storyline.ingest.options import SUFFIX_KINDS

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: Ids of documents, entities, events, stories: word characters and a little punctuation.
ID_PATTERN = r"^[\w.:|~+-]{1,200}$"
JOB_ID_PATTERN = r"^[0-9a-f]{12}$"
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 100


class BodyTooLarge(StorylineError):
    """A request body went past the server's upload limit."""


class SecurityMiddleware:
    """Host and origin checks, body limit and security headers, as one plain ASGI layer."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str], max_body: int) -> None:
        self.app = app
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal:
            await _send_error(send, *refusal)
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            await _send_error(send, 413, f"request body over the {self.max_body:,} byte limit")
            return

        seen = 0
        too_large = False  # the body went past the limit: the answer is 413, whatever the app
        started = False  # says (a form parser turns the error into a 400 of its own)

        async def limited_receive() -> Message:
            nonlocal seen, too_large
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    too_large = True
                    raise BodyTooLarge(f"request body over the {self.max_body:,} byte limit")
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if too_large and not started:
                return  # the app's own answer to the cut body is replaced by the 413 below
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except Exception:
            if not too_large or started:
                raise
        if too_large and not started:
            await _send_error(send, 413, f"request body over the {self.max_body:,} byte limit")

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        host_header = headers.get("host", "")
        if host_name(host_header) not in self.allowed_hosts:
            return 421, "this server only answers requests addressed to its own host name"
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            scheme = scope.get("scheme", "http")
            if origin is not None and not same_origin(origin, scheme, host_header):
                return 403, "cross-origin write refused"
            if origin is None and headers.get("sec-fetch-site") == "cross-site":
                return 403, "cross-site write refused"
        return None


#: A Host header as RFC 9110 allows it: a name or IPv4 address, or an IPv6 one in brackets,
#: then an optional port. Nothing else ("127.0.0.1:8731@evil.com" is refused whole).
_HOST_HEADER = re.compile(
    r"^(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?))(?::(?P<port>\d{1,5}))?$"
)
DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_host(host_header: str) -> tuple[str, int | None] | None:
    """(host, port) of a Host header, lower-cased; None when it is not one."""
    host = host_header.strip().lower()
    match = _HOST_HEADER.match(host)
    if match is None:
        try:  # a bare IPv6 address ("::1"), as some tools send it
            return str(ipaddress.IPv6Address(host)), None
        except ValueError:
            return None
    port = int(match["port"]) if match["port"] else None
    if port is not None and not 0 < port < 65536:
        return None
    return (match["v6"] or match["name"]), port


def host_name(host_header: str) -> str:
    """The host name of a Host header, without the port: 'localhost:8000' → 'localhost';
    "" when the header is not a valid host (so no allowed name can match it)."""
    parsed = parse_host(host_header)
    return parsed[0] if parsed else ""


def same_origin(origin: str, scheme: str, host_header: str) -> bool:
    """True when an Origin header names exactly this server: same scheme, host and port
    (default ports filled in), as the browser reached it."""
    parts = _split(origin.strip())
    if parts is None or parts.scheme.lower() not in DEFAULT_PORTS or parts.path or parts.query:
        return False
    theirs = parse_host(parts.netloc)
    ours = parse_host(host_header)
    if theirs is None or ours is None:
        return False
    default = DEFAULT_PORTS.get(scheme, 80)
    return (
        parts.scheme.lower() == scheme
        and theirs[0] == ours[0]
        and (theirs[1] or DEFAULT_PORTS[parts.scheme.lower()]) == (ours[1] or default)
    )


async def _send_error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def safe_filename(name: str, default: str = "upload") -> str:
    """A base name safe to create in an upload folder: no directories, no leading dot, ASCII
    letters, digits, dot, dash and underscore only, at most ``MAX_NAME`` characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = _UNSAFE_NAME.sub("-", base).strip(".-_ ")
    base = re.sub(r"\.{2,}", ".", base)
    if not base:
        return default
    if len(base) > MAX_NAME:
        suffix = "".join(PurePosixPath(base).suffixes[-2:])[:20]
        base = base[: MAX_NAME - len(suffix)].rstrip(".-_") + suffix
    return base


def upload_kind(name: str) -> str | None:
    """The ingest kind a file name's extension declares (``.gz`` looks through), or None."""
    suffixes = [s.lower() for s in PurePosixPath(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return SUFFIX_KINDS.get(suffixes[-1]) if suffixes else None


def check_upload(name: str, data: bytes) -> str | None:
    """Why an uploaded file is refused (None when it may be ingested): its extension must be
    one ingest reads and its bytes must be text of that kind."""
    kind = upload_kind(name)
    if kind is None:
        allowed = ", ".join(sorted(SUFFIX_KINDS))
        return f"unsupported file type (allowed: {allowed}, or any of them .gz)"
    if not data.strip():
        return "empty file"
    if name.lower().endswith(".gz"):
        return None if data.startswith(b"\x1f\x8b") else "not gzip data despite the .gz name"
    try:
        text = decode(data, name)
    except IngestError as error:
        return error.problem
    sniffed = sniff(text)
    if kind in ("json", "jsonl") and sniffed != "json":
        return "content is not JSON"
    if kind == "feed" and sniffed != "feed":
        return "content is not an RSS or Atom feed"
    return None


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None: article metadata never becomes a
    ``javascript:`` or ``data:`` link."""
    if not url:
        return None
    parts = _split(url.strip())
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # normalised ("HTTP://" → "http://", control characters gone), so the URL that is fetched
    # or linked is the one that was checked
    return parts._replace(scheme=parts.scheme.lower()).geturl()


def _split(url: str) -> SplitResult | None:
    """``urlsplit``, or None for what it refuses ("http://[x" raises ValueError)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None
