"""Admission: how many requests of each kind are worked on at once, the rest waiting in line.

A page is rendered by plain functions in a worker thread (FastAPI runs a sync route in the
thread pool: 40 threads). Python runs one thread at a time (the GIL; SQLite's reads release
it), so forty page renders at once do not finish sooner than four: each takes ten times as
long, and a question or a stylesheet that comes after them waits for a free thread behind the
whole burst. So requests are sorted into lanes, each with its own number of slots and its
own line (first come, first served), waiting on the event loop, not in a thread:

- ``page``: every page and ``/api`` read, ``page_slots`` at once (default two per core: one
  rendering while another waits on SQLite, not more);
- ``ask``: questions (``/ask``, ``/api/ask``), ``ask_slots`` at once. A question costs ten
  pages or more; in a lane of its own a burst of pages cannot hold it up, and a burst of
  questions cannot take every slot from the pages;
- everything else passes straight through: the constant files (``/static``, answered from
  memory without a thread, ``assets``), adding articles and polling a job (short, and a user
  waiting on an upload must not queue behind readers).

The answers already kept (``responses``) are replayed before this layer: a page many readers
open waits in no line. Slots must stay fewer than the thread pool's threads, so that a lane
always finds a thread free when its turn comes.
"""

from __future__ import annotations

import asyncio
import os

from starlette.types import ASGIApp, Receive, Scope, Send

ASK_PATHS = ("/ask", "/api/ask")
#: Paths that pass without a slot: constant files, and adding articles and following a job.
PASS_PREFIXES = ("/static/", "/add", "/jobs", "/api/jobs")


def default_page_slots() -> int:
    return max(2, 2 * (os.cpu_count() or 1))


DEFAULT_ASK_SLOTS = 2


def lane(scope: Scope) -> str | None:
    """The lane of a request: ``page``, ``ask``, or None (no slot needed)."""
    path = scope.get("path", "")
    if scope["type"] != "http" or path.startswith(PASS_PREFIXES):
        return None
    return "ask" if path in ASK_PATHS else "page"


class Admission:
    """The ASGI layer: each lane's requests wait for one of its slots before going on."""

    def __init__(self, app: ASGIApp, page_slots: int, ask_slots: int) -> None:
        self.app = app
        self.slots = {"page": page_slots, "ask": ask_slots}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lines: dict[str, asyncio.Semaphore] = {}

    def _line(self, name: str) -> asyncio.Semaphore:
        """The lane's semaphore of the running event loop (a test client runs a new loop)."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._loop = loop
            self._lines = {k: asyncio.Semaphore(n) for k, n in self.slots.items()}
        return self._lines[name]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = lane(scope)
        if name is None:
            await self.app(scope, receive, send)
            return
        async with self._line(name):
            await self.app(scope, receive, send)
