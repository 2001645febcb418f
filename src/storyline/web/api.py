"""The JSON API: one route per page (same view function, same data), plus ingestion jobs.

Lists come a page at a time: ``limit`` and ``offset`` on every list, with the full count in
the page (``total``, ``matched``, beside the page's own ``limit`` and ``offset``) or, for a
bare list, in the ``X-Total-Count`` header. No list is unbounded by default: a page is
``PAGE_SIZE`` items (what the HTML page shows), storylines ``STORYLINES_PAGE`` (each carries
its story cards), and a client asks for at most ``MAX_PAGE`` at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

from fastapi import (
    APIRouter,
    File,
    Form,
    HTTPException,
    Path,
    Query,
    Request,
    Response,
    UploadFile,
)
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from storyline.ask.answer import answer_question
from storyline.models import Story
from storyline.models.answers import Answer
from storyline.models.language import EntityType
from storyline.store import Store
from storyline.web import documents, story_pages, views
from storyline.web.cache import Views
from storyline.web.jobs import Jobs, Paste, Upload
from storyline.web.schemas import (
    EntityPage,
    EntityRow,
    ErrorOut,
    EventPage,
    FigureGroupOut,
    FiguresPage,
    Job,
    Overview,
    SearchPage,
    SourcePage,
    SourcesPage,
    StoriesPage,
    StoryPage,
    TimelineFilters,
    TimelinePage,
)
from storyline.web.security import DATE_PATTERN, ID_PATTERN, JOB_ID_PATTERN

MAX_QUERY = 300
MAX_FILES = 50
MAX_URLS = 20
MAX_PASTE = 200_000  # characters: ten times a long article
SPAN_PATTERN = r"^\d{1,9}-\d{1,9}$"

Id = Annotated[str, Path(pattern=ID_PATTERN, description="An id as the API returns it.")]
OptId = Annotated[str | None, Query(pattern=ID_PATTERN)]
OptDate = Annotated[
    str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")
]
EventType = Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,40}$", description="PLOVER type")]
Text = Annotated[str, Query(min_length=1, max_length=MAX_QUERY)]
GroupId = Annotated[
    str, Query(min_length=1, max_length=MAX_QUERY, description="A figure group's id.")
]
PAGE_SIZE = 50
MAX_PAGE = 500
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="Items to skip.")]
Result = TypeVar("Result")


def _errors(*codes: int) -> dict[int | str, dict]:
    return {code: {"model": ErrorOut} for code in (*codes, 422)}


router = APIRouter(prefix="/api", tags=["api"])


def store(request: Request) -> Store:
    """This thread's store connection (call it inside the endpoint: FastAPI may run a sync
    dependency on another thread than the endpoint)."""
    return request.app.state.stores.get()


def cache(request: Request) -> Views:
    return request.app.state.views


def read(request: Request, view: Callable[..., Result], *args: object) -> Result:
    """``view(store, *args)`` inside one read transaction: a page never mixes two builds."""
    connection = store(request)
    with connection.reading():
        return view(connection, *args)


def jobs(request: Request) -> Jobs:
    return request.app.state.jobs


def timeline_filters(
    actor: OptId = None,
    type: EventType = None,
    story: OptId = None,
    start: OptDate = None,
    end: OptDate = None,
) -> TimelineFilters:
    return TimelineFilters(actor=actor, type=type, story=story, start=start, end=end)


def ask(request: Request, question: str) -> Answer:
    connection = store(request)
    index = cache(request).ask_index(connection)
    return answer_question(connection, question, index=index)


def as_json(value: BaseModel | Sequence[BaseModel], total: int | None = None) -> Response:
    """The answer serialised once, by pydantic: FastAPI would dump the model, validate the
    dump against the route's response model and serialise it again (its ``response_model``
    still documents the shape in the schema). ``total``: a list's full length, as the
    ``X-Total-Count`` header."""
    if isinstance(value, BaseModel):
        body = value.model_dump_json()
    else:
        body = "[" + ",".join(item.model_dump_json() for item in value) + "]"
    headers = {"x-total-count": str(total)} if total is not None else None
    return Response(body, media_type="application/json", headers=headers)


def found(value):
    if value is None:
        raise HTTPException(404, "not found")
    return value


@router.get("/overview", response_model=Overview, responses=_errors())
def get_overview(request: Request) -> Response:
    """Counts, date span, the corpus summary, the first stories and timeline entries, the
    most named entities and the best sources."""
    return as_json(read(request, views.overview, cache(request)))


@router.get("/timeline", response_model=TimelinePage, responses=_errors())
def get_timeline(
    request: Request,
    actor: OptId = None,
    type: EventType = None,
    story: OptId = None,
    start: OptDate = None,
    end: OptDate = None,
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> Response:
    """The timeline, filtered by actor (entity id), event type, story and date range."""
    filters = timeline_filters(actor, type, story, start, end)
    return as_json(read(request, views.timeline_page, cache(request), filters, limit, offset))


@router.get("/events/{event_id}", response_model=EventPage, responses=_errors(404))
def get_event(
    request: Request, event_id: Id, limit: Limit = views.INNER_LIMIT, offset: Offset = 0
) -> Response:
    """An event with a page of its mentions (``limit``, ``offset``), its entry and sources."""
    return as_json(found(read(request, views.event_page, event_id, limit, offset)))


@router.get("/stories", response_model=list[Story], responses=_errors())
def get_stories(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> Response:
    """Stories in order; X-Total-Count says how many there are in all."""
    found_stories, total = read(request, views.stories, limit, offset)
    return as_json(found_stories, total=total)


@router.get("/storylines", response_model=StoriesPage, responses=_errors())
def get_storylines(
    request: Request, limit: Limit = story_pages.STORYLINES_PAGE, offset: Offset = 0
) -> Response:
    """A page of storylines, each with its stories in date order: the Stories page's data.
    ``total`` (and X-Total-Count) says how many storylines there are in all."""
    found_page, total = read(request, story_pages.stories_page, limit, offset)
    return as_json(found_page, total=total)


@router.get("/stories/{story_id}", response_model=StoryPage, responses=_errors(404))
def get_story(
    request: Request, story_id: Id, limit: Limit = views.INNER_LIMIT, offset: Offset = 0
) -> Response:
    """A story with a page of its articles (``limit``, ``offset``), its first events and its
    figure groups."""
    return as_json(found(read(request, views.story_page, story_id, True, limit, offset)))


@router.get("/entities", response_model=list[EntityRow], responses=_errors())
def get_entities(
    request: Request,
    type: EntityType | None = None,
    name: Annotated[str | None, Query(max_length=100)] = None,
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> Response:
    """Canonical entities, most mentioned first, by type and a part of a name or alias;
    X-Total-Count says how many match in all."""
    rows, total = read(request, views.entity_rows, type, name, limit, offset)
    return as_json(rows, total=total)


@router.get("/entities/{entity_id}", response_model=EntityPage, responses=_errors(404))
def get_entity(
    request: Request,
    entity_id: Id,
    limit: Limit = views.INNER_LIMIT,
    offset: Offset = 0,
    event_limit: Limit = PAGE_SIZE,
    event_offset: Offset = 0,
) -> Response:
    """An entity with a page of its mentions (``limit``, ``offset``), its co-actors and a page
    of its events (``event_limit``, ``event_offset``), each event with its first mention and
    the path of the rest (``event_mentions_next``)."""
    page = read(
        request, views.entity_page, entity_id, limit, offset, True, event_limit, event_offset
    )
    return as_json(found(page))


@router.get("/figures", response_model=FiguresPage, responses=_errors())
def get_figures(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> Response:
    """Figure groups, conflicting first, each with its first figures (``figure_total`` says
    how many it has; ``figures_next`` is the path of the rest)."""
    return as_json(read(request, documents.figures_page, limit, offset))


@router.get("/figures/group", response_model=FigureGroupOut, responses=_errors(404))
def get_figure_group(
    request: Request,
    id: GroupId,
    limit: Limit = views.INNER_LIMIT,
    offset: Offset = 0,
) -> Response:
    """One figure group with a page of its figures (``limit``, ``offset``), in its order."""
    return as_json(found(read(request, documents.figure_group_page, id, limit, offset)))


@router.get("/sources", response_model=SourcesPage, responses=_errors())
def get_sources(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> Response:
    return as_json(read(request, documents.sources_page, limit, offset))


@router.get("/sources/{doc_id}", response_model=SourcePage, responses=_errors(404))
def get_source(request: Request, doc_id: Id) -> Response:
    """A document with its quality, sentences and everything highlighted in its text."""
    return as_json(found(read(request, documents.source_page, doc_id)))


@router.get("/search", response_model=SearchPage, responses=_errors(400))
def get_search(request: Request, q: Text) -> Response:
    """Full-text search over documents and sentences: the words as typed (S-400, India's),
    or FTS5 syntax when the query holds its operators ("phrases", AND/OR/NOT, prefix*); a
    malformed query is a 400 with the reason."""
    return as_json(read(request, documents.search_page, q))


@router.get("/ask", response_model=Answer, responses=_errors(400))
def get_ask(request: Request, q: Text) -> Response:
    """A question answered from the corpus with cited sentences."""
    return as_json(ask(request, q))


@router.get("/jobs", response_model=list[Job], responses=_errors())
def get_jobs(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> Response:
    """Ingestion jobs started from the browser, newest first (the newest 200 are kept);
    X-Total-Count says how many."""
    found_jobs = jobs(request).all()
    return as_json(found_jobs[offset : offset + limit], total=len(found_jobs))


@router.get("/jobs/{job_id}", response_model=Job, responses=_errors(404))
def get_job(request: Request, job_id: Annotated[str, Path(pattern=JOB_ID_PATTERN)]) -> Response:
    """One job's state and progress (what the add page polls)."""
    return as_json(found(jobs(request).get(job_id)))


@router.post("/jobs", response_model=Job, status_code=202, responses=_errors(400, 413))
async def post_job(
    request: Request,
    files: Annotated[list[UploadFile], File(default_factory=list, description="Article files.")],
    urls: Annotated[str, Form(max_length=MAX_URLS * 2100, description="One per line.")] = "",
    text: Annotated[str, Form(max_length=MAX_PASTE, description="Pasted article text.")] = "",
    title: Annotated[str, Form(max_length=300)] = "",
    date: Annotated[str, Form(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "",
    url: Annotated[str, Form(max_length=2000, description="Where pasted text came from.")] = "",
) -> JSONResponse:
    """Add articles: files, pasted text and/or URLs; ingestion runs in the background."""
    job = await submit(request, files, urls, text, title, date, url)
    return JSONResponse(job.model_dump(mode="json"), status_code=202)


async def submit(
    request: Request,
    files: list[UploadFile],
    urls: str,
    text: str,
    title: str,
    date: str,
    url: str,
) -> Job:
    """Read the form's parts and queue a job (shared by the API and the HTML form)."""
    files = [f for f in files if f.filename or f.size]  # an empty file input sends one blank part
    if len(files) > MAX_FILES:
        raise HTTPException(400, f"at most {MAX_FILES} files at once")
    url_list = [u.strip() for u in urls.splitlines() if u.strip()]
    if len(url_list) > MAX_URLS:
        raise HTTPException(400, f"at most {MAX_URLS} URLs at once")
    uploads = []
    for file in files:
        data = await file.read(request.app.state.max_upload_bytes + 1)
        uploads.append(Upload(name=file.filename or "", data=data))
    pastes = (
        [Paste(text=text, title=title.strip(), date=date, url=url.strip())] if text.strip() else []
    )
    if not (uploads or pastes or url_list):
        raise HTTPException(400, "nothing to add: choose files, paste text or give URLs")
    # decoding and writing uploads is blocking work: off the event loop
    return await run_in_threadpool(jobs(request).submit, uploads, pastes, url_list)
