"""Answers to page and API reads kept per stored view: the same URL answers the same bytes until
a build replaces the view, so a page many readers open is rendered once.

Only a ``GET`` of a read-only route with a 200 answer is kept (never the job pages, the add
form or static files, which change or stream on their own), by its host, path and query (a
pager's links name the host) and the view generation it was read under
(``Store.view_generation``, read *before* the answer is made, so a kept answer is never older
than its key); a new view empties the cache. An answer of ``ask`` is not kept while the ask index
lags the view (it is rebuilt in the background). While a build runs, readers see the last view
built; its documents appear when the build replaces the view, as the pages that list them do.

Requests for a URL being answered wait for that answer instead of making it again (a page
fifty readers open at once is read from the store once); when it could not be kept (too
large, or not a 200), each makes its own, side by side. The cache holds at most ``max_bytes``
of bodies, least recently used first out; ``max_bytes=0`` turns it off.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Path prefixes whose GETs read only the stored view (the pages and their /api twins).
READ_ONLY = (
    "/timeline",
    "/events/",
    "/stories",
    "/entities",
    "/figures",
    "/sources",
    "/search",
    "/ask",
)
ASK = ("/ask", "/api/ask")
#: One answer kept at most (the first figures page of a 10,000-document store is 2.8 MB).
MAX_ENTRY = 8 * 1024 * 1024


@dataclass(frozen=True)
class Kept:
    headers: list[tuple[bytes, bytes]]
    body: bytes


def cacheable(path: str) -> bool:
    """Whether a GET of ``path`` reads only the stored view."""
    if path.startswith("/api/"):
        path = path.removeprefix("/api")
        return path in ("/overview", "/storylines") or path.startswith(READ_ONLY)
    return path == "/" or path.startswith(READ_ONLY)


class ResponseCache:
    """The ASGI layer: ``generations()`` gives the view generation and whether the ask index
    is the current view's, read once per request."""

    def __init__(
        self, app: ASGIApp, generations: Callable[[], tuple[str, bool]], max_bytes: int
    ) -> None:
        self.app = app
        self.generations = generations
        self.max_bytes = max_bytes
        self.size = 0
        self._view: str | None = None
        self._kept: OrderedDict[tuple, Kept] = OrderedDict()
        self._pending: dict[tuple, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            self.max_bytes <= 0
            or scope["type"] != "http"
            or scope["method"] != "GET"
            or not cacheable(path)
        ):
            await self.app(scope, receive, send)
            return
        view, ask_ready = self.generations()
        if view != self._view:  # a build replaced the view: what was kept is of the last one
            self.clear()
            self._view = view
        if path in ASK and not ask_ready:  # the index lags the view: answers will change
            await self.app(scope, receive, send)
            return
        host = next((v for k, v in scope["headers"] if k == b"host"), b"")
        key = (view, scope["scheme"], host, path, scope["query_string"])
        if (waiting := self._pending.get(key)) is not None:
            await waiting.wait()
            if (kept := self._kept.get(key)) is None:  # that answer could not be kept:
                await self.app(scope, receive, send)  # make this one alongside the others
                return
        if (kept := self._kept.get(key)) is not None:
            self._kept.move_to_end(key)
            await _replay(kept, send)
            return
        self._pending[key] = asyncio.Event()
        try:
            await self._answer(key, scope, receive, send)
        finally:
            self._pending.pop(key).set()

    async def _answer(self, key: tuple, scope: Scope, receive: Receive, send: Send) -> None:
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        body: list[bytes] = []
        size = 0

        async def recording(message: Message) -> None:
            nonlocal status, headers, size
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
                if size <= MAX_ENTRY:
                    body.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, recording)
        if status == 200 and size <= MAX_ENTRY:
            self._keep(key, Kept(headers, b"".join(body)))

    def _keep(self, key: tuple, kept: Kept) -> None:
        self._kept[key] = kept
        self.size += len(kept.body)
        while self.size > self.max_bytes and self._kept:
            _, dropped = self._kept.popitem(last=False)
            self.size -= len(dropped.body)

    def clear(self) -> None:
        self._kept.clear()
        self.size = 0


async def _replay(kept: Kept, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": kept.headers})
    await send({"type": "http.response.body", "body": kept.body})
