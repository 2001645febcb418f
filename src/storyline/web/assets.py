"""The app's constant files (``/static``: stylesheet, script, icon), answered from memory on the
event loop.

Starlette's ``StaticFiles`` reads and stats each file in a worker thread: under load a request
for the stylesheet queued behind every page being rendered in the same thread pool (3 ms alone,
about 2 s at the median under 50 clients). These files are a few kilobytes, fixed for the life
of the process and part of the package, so they are read once at start-up and answered without
a thread, with a strong ETag (a ``304`` when the browser has the file) and cache headers.

Pages link each file with its fingerprint (``asset_href``: ``/static/style.css?v=<hash>``): that
address names one content for ever, so the browser may keep it a year without asking
(``immutable``); a new version of the package links a new address. A request without the
current fingerprint (an old page, a hand-typed address) gets the file with ``no-cache``: the
browser asks again next time, and the ETag makes that a ``304``.
"""

from __future__ import annotations

import hashlib
import mimetypes
from functools import cache
from importlib import resources
from urllib.parse import parse_qs

from starlette._utils import get_route_path
from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send

PREFIX = "/static/"
FINGERPRINTED = b"public, max-age=31536000, immutable"
UNVERSIONED = b"no-cache"
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


class Asset:
    """One file: its bytes, type and fingerprint."""

    def __init__(self, name: str, body: bytes) -> None:
        self.body = body
        self.fingerprint = hashlib.sha256(body).hexdigest()[:16]
        self.etag = f'"{self.fingerprint}"'.encode()
        suffix = name[name.rfind(".") :] if "." in name else ""
        self.media_type = (
            TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
        )


def load(package: str = "storyline.web", folder: str = "static") -> dict[str, Asset]:
    """Every file of the package's ``folder`` by name (one level: the app has no subfolders)."""
    root = resources.files(package).joinpath(folder)
    return {f.name: Asset(f.name, f.read_bytes()) for f in root.iterdir() if f.is_file()}


class StaticAssets:
    """The ASGI app mounted at ``/static``: ``GET`` and ``HEAD`` of the loaded files."""

    def __init__(self, assets: dict[str, Asset] | None = None) -> None:
        self.assets = load() if assets is None else assets

    def href(self, name: str) -> str:
        """The address pages link ``name`` by: fingerprinted, so it can be kept for ever."""
        asset = self.assets.get(name)
        return f"{PREFIX}{name}" + (f"?v={asset.fingerprint}" if asset else "")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Errors are raised, as ``StaticFiles`` raises them: the app's handlers answer them."""
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(405, "method not allowed", headers={"allow": "GET, HEAD"})
        asset = self.assets.get(get_route_path(scope).lstrip("/"))
        if asset is None:
            raise HTTPException(404, "not found")
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        cache = FINGERPRINTED if query.get("v") == [asset.fingerprint] else UNVERSIONED
        headers = [(b"etag", asset.etag), (b"cache-control", cache)]
        if _matches(scope, asset.etag):
            await _answer(send, 304, headers, b"")
            return
        headers.append((b"content-type", asset.media_type.encode()))
        body = b"" if scope["method"] == "HEAD" else asset.body
        await _answer(send, 200, headers, body, length=len(asset.body))


def _matches(scope: Scope, etag: bytes) -> bool:
    """Whether the request's ``If-None-Match`` names this ETag (or ``*``)."""
    for key, value in scope["headers"]:
        if key == b"if-none-match":
            tags = {t.strip().removeprefix(b"W/") for t in value.split(b",")}
            return etag in tags or b"*" in tags
    return False


async def _answer(
    send: Send,
    status: int,
    headers: list[tuple[bytes, bytes]],
    body: bytes,
    length: int | None = None,
) -> None:
    """``length``: the file's, for a ``HEAD`` that sends no body."""
    if status != 304:
        size = len(body) if length is None else length
        headers = [*headers, (b"content-length", str(size).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@cache
def package_assets() -> StaticAssets:
    """The package's own files, loaded once per process (the app mounts them, pages link them)."""
    return StaticAssets()
