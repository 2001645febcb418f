"""The web app: ``create_app`` builds the FastAPI application over one store; ``serve`` runs it.

Pages are server-rendered (Jinja2, autoescaped) and every page has a JSON twin under ``/api``
returning the same data (``storyline.web.views``). The schema is at ``/api/openapi.json``;
there is no Swagger UI (it would load scripts from a CDN). Pages read the store a page at a
time through its indexes (``views``, ``documents``); the ask index is built once per stored
view, in the background at start-up and after each build from the browser (``cache``).

A request goes through these layers, outermost first, all on one event loop:

1. ``SecurityMiddleware``: host, origin and body-size checks, security headers on every answer;
2. ``ResponseCache``: an answer already made for this URL and stored view is replayed at once;
3. ``Admission``: a page or ``/api`` read waits for one of the page slots, a question for one
   of the ask slots, each in its own line, so a burst of pages cannot starve questions;
   constant files and job requests need no slot;
4. the routes: pages and reads are plain functions run in the thread pool (holding a slot);
   ``/static`` is answered from memory on the event loop (``assets``: fingerprinted addresses,
   ETag, a year of caching), never in the pool; builds of uploads run in the job queue's own
   thread (``jobs``).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import TypedDict, Unpack

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from storyline.errors import QueryError, StoreError, StorylineError
from storyline.ingest.options import DEFAULT_MAX_BYTES
from storyline.store import Store
from storyline.version import __version__
from storyline.web import api, pages
from storyline.web.admission import DEFAULT_ASK_SLOTS, Admission, default_page_slots
from storyline.web.assets import package_assets
from storyline.web.cache import Stores, Views
from storyline.web.jobs import Builder, Jobs, JobsBusy
from storyline.web.pages import render_error
from storyline.web.responses import ResponseCache
from storyline.web.security import HEADERS, LOOPBACK_HOSTS, BodyTooLarge, SecurityMiddleware

log = logging.getLogger(__name__)

DEFAULT_UPLOAD_BYTES = DEFAULT_MAX_BYTES
#: Bodies of page and API answers kept per stored view (``responses``); 0 keeps none.
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024


class AppOptions(TypedDict, total=False):
    """``create_app``'s optional settings, as ``serve`` passes them on."""

    max_upload_bytes: int
    cache_bytes: int
    today: date | None
    upload_dir: Path | None
    builder: Builder | None
    page_slots: int
    ask_slots: int


class _JobsOptions(TypedDict, total=False):
    builder: Builder


def create_app(
    db_path: Path,
    *,
    max_upload_bytes: int = DEFAULT_UPLOAD_BYTES,
    cache_bytes: int = DEFAULT_CACHE_BYTES,
    today: date | None = None,
    allowed_hosts: Iterable[str] = (),
    upload_dir: Path | None = None,
    builder: Builder | None = None,
    page_slots: int | None = None,
    ask_slots: int = DEFAULT_ASK_SLOTS,
) -> FastAPI:
    """The app over the store at ``db_path`` (created empty when missing).

    ``today`` fixes the clock of builds started from the browser (default: the real date);
    ``allowed_hosts`` adds host names to the loopback ones the app answers; uploads are kept in
    ``upload_dir`` (default: ``uploads/`` next to the store) as the documents' sources;
    ``builder`` stands in for ``pipeline.build`` behind upload jobs (tests use a recorder);
    ``cache_bytes`` bounds the answers kept per stored view (``responses``; 0: none);
    ``page_slots`` and ``ask_slots``: page reads and questions worked on at once (``admission``;
    default: two pages per core, two questions).
    """
    db_path = Path(db_path)
    Store(db_path).close()  # create or migrate now: a bad store fails here, not on a page

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.views.warm()
        try:
            yield
        finally:
            app.state.jobs.close()
            app.state.views.close()
            app.state.stores.close()

    app = FastAPI(
        title="storyline",
        version=__version__,
        description="A cited, structured briefing over a pile of news articles.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.db_path = db_path
    app.state.views = Views(db_path)
    app.state.stores = Stores(db_path)
    app.state.max_upload_bytes = max_upload_bytes
    extra: _JobsOptions = {"builder": builder} if builder is not None else {}
    app.state.jobs = Jobs(
        db_path,
        upload_dir or db_path.parent / "uploads",
        today=today,
        max_bytes=max_upload_bytes,
        after_build=app.state.views.warm,  # the next question finds the new index ready
        **extra,
    )
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", package_assets(), name="static")
    _install_error_handlers(app)

    def generations() -> tuple[str, bool]:
        view = app.state.stores.get().view_generation()
        return view, app.state.views.ask_ready(view)

    # innermost: a kept answer is replayed without waiting for a slot
    app.add_middleware(
        Admission, page_slots=page_slots or default_page_slots(), ask_slots=ask_slots
    )
    # inside the security layer: a kept answer gets its headers and checks like any other
    app.add_middleware(ResponseCache, generations=generations, max_bytes=cache_bytes)
    app.add_middleware(
        SecurityMiddleware,
        allowed_hosts=LOOPBACK_HOSTS | {h.lower() for h in allowed_hosts},
        # The multipart envelope adds a little to the files themselves.
        max_body=max_upload_bytes + 64 * 1024,
    )
    return app


def _install_error_handlers(app: FastAPI) -> None:
    """Every error becomes a 4xx with a one-line message (JSON under /api, a page elsewhere);
    only a real bug is a 500, and it is logged with its traceback."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = error.detail if isinstance(error.detail, str) else "request refused"
        response = _error(request, error.status_code, message)
        response.headers.update(error.headers or {})
        if error.status_code == 405:
            response.headers["allow"] = _allowed_methods(request)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        return _error(request, 422, _validation_message(error))

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, error: StorylineError) -> Response:
        if isinstance(error, BodyTooLarge):
            status = 413
        elif isinstance(error, JobsBusy):
            status = 429
        elif isinstance(error, StoreError):
            log.error("store error on %s: %s", request.url.path, error)
            status = 503
        else:
            status = 400 if isinstance(error, QueryError) else 422
        return _error(request, status, str(error))

    @app.exception_handler(Exception)
    async def bug(request: Request, error: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        response = _error(request, 500, "internal error (logged on the server)")
        # this handler runs outside the security middleware: add its headers here
        for name, value in HEADERS:
            response.headers[name.decode()] = value.decode()
        return response


def _allowed_methods(request: Request) -> str:
    """Every method some route takes at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return ", ".join(sorted(methods))


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path == "/api" or request.url.path.startswith("/api/"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return render_error(request, status, message)


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for problem in error.errors()[:5]:
        where = ".".join(
            str(p) for p in problem.get("loc", ()) if p not in ("query", "path", "body")
        )
        parts.append(
            f"{where}: {problem.get('msg', 'invalid')}" if where else problem.get("msg", "")
        )
    return "invalid request — " + "; ".join(parts) if parts else "invalid request"


#: Where ``serve`` hands its settings to the worker processes of ``workers > 1`` (JSON).
SETTINGS_VARIABLE = "STORYLINE_SERVE"


def serve(
    db_path: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    **options: Unpack[AppOptions],
) -> None:
    """Run the app with uvicorn until interrupted (``storyline serve``). ``workers`` > 1 runs
    that many server processes on the port (one Python process uses one core): they share the
    store, its job queue (leases: one build at a time) and nothing else; each keeps its own ask
    index and answers. Only the store, the cache size and the upload limit pass to them."""
    import uvicorn

    hosts = () if host in LOOPBACK_HOSTS else (host,)
    if workers <= 1:
        app = create_app(db_path, allowed_hosts=hosts, **options)
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
        return
    unsupported = set(options) - {"cache_bytes", "max_upload_bytes", "page_slots", "ask_slots"}
    if unsupported:
        raise ValueError(f"not with several workers: {', '.join(sorted(unsupported))}")
    os.environ[SETTINGS_VARIABLE] = json.dumps(
        {"db": str(db_path), "hosts": list(hosts), **options}
    )
    uvicorn.run(
        "storyline.web.app:app_from_settings",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="info",
        server_header=False,
    )


def app_from_settings() -> FastAPI:
    """The app of one of ``serve``'s worker processes, from the settings it handed down."""
    settings = json.loads(os.environ[SETTINGS_VARIABLE])
    db = Path(settings.pop("db"))
    return create_app(db, allowed_hosts=settings.pop("hosts"), **settings)
