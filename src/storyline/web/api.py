"""The JSON API: one route per page (same view function, same data), plus ingestion jobs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from storyline.ask.answer import answer_question
from storyline.models import Story
from storyline.models.answers import Answer
from storyline.models.language import EntityType
from storyline.store import Store
from storyline.web import story_pages, views
from storyline.web.jobs import Jobs, Paste, Upload
from storyline.web.schemas import (
    EntityPage,
    EntityRow,
    ErrorOut,
    EventPage,
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
from storyline.web.snapshot import Snapshot

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


def _errors(*codes: int) -> dict[int | str, dict]:
    return {code: {"model": ErrorOut} for code in (*codes, 422)}


router = APIRouter(prefix="/api", tags=["api"])


def snapshot(request: Request) -> Snapshot:
    return request.app.state.snapshots.current()


def store(request: Request) -> Store:
    """This thread's store connection (call it inside the endpoint: FastAPI may run a sync
    dependency on another thread than the endpoint)."""
    return request.app.state.stores.get()


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
    index = request.app.state.snapshots.ask_index()
    return answer_question(store(request), question, index=index)


def found(value):
    if value is None:
        raise HTTPException(404, "not found")
    return value


@router.get("/overview", response_model=Overview, responses=_errors())
def get_overview(request: Request) -> Overview:
    """Counts, date span, the corpus summary, stories, first timeline entries, top entities."""
    return views.overview(snapshot(request))


@router.get("/timeline", response_model=TimelinePage, responses=_errors())
def get_timeline(
    request: Request,
    actor: OptId = None,
    type: EventType = None,
    story: OptId = None,
    start: OptDate = None,
    end: OptDate = None,
) -> TimelinePage:
    """The timeline, filtered by actor (entity id), event type, story and date range."""
    filters = timeline_filters(actor, type, story, start, end)
    return views.timeline_page(snapshot(request), filters)


@router.get("/events/{event_id}", response_model=EventPage, responses=_errors(404))
def get_event(request: Request, event_id: Id) -> EventPage:
    return found(views.event_page(snapshot(request), event_id))


@router.get("/stories", response_model=list[Story], responses=_errors())
def get_stories(request: Request) -> list[Story]:
    return snapshot(request).stories


@router.get("/storylines", response_model=StoriesPage, responses=_errors())
def get_storylines(request: Request) -> StoriesPage:
    """Storylines, each with its stories in date order: the Stories page's data."""
    return story_pages.stories_page(snapshot(request))


@router.get("/stories/{story_id}", response_model=StoryPage, responses=_errors(404))
def get_story(request: Request, story_id: Id) -> StoryPage:
    return found(views.story_page(snapshot(request), story_id))


@router.get("/entities", response_model=list[EntityRow], responses=_errors())
def get_entities(
    request: Request,
    type: EntityType | None = None,
    name: Annotated[str | None, Query(max_length=100)] = None,
) -> list[EntityRow]:
    """Canonical entities, most mentioned first, by type and a part of a name or alias."""
    return views.entity_rows(snapshot(request), type, name)


@router.get("/entities/{entity_id}", response_model=EntityPage, responses=_errors(404))
def get_entity(request: Request, entity_id: Id) -> EntityPage:
    return found(views.entity_page(snapshot(request), entity_id))


@router.get("/figures", response_model=FiguresPage, responses=_errors())
def get_figures(request: Request) -> FiguresPage:
    return views.figures_page(snapshot(request))


@router.get("/sources", response_model=SourcesPage, responses=_errors())
def get_sources(request: Request) -> SourcesPage:
    return views.sources_page(snapshot(request), store(request))


@router.get("/sources/{doc_id}", response_model=SourcePage, responses=_errors(404))
def get_source(request: Request, doc_id: Id) -> SourcePage:
    """A document with its quality, sentences and everything highlighted in its text."""
    return found(views.source_page(snapshot(request), store(request), doc_id))


@router.get("/search", response_model=SearchPage, responses=_errors(400))
def get_search(request: Request, q: Text) -> SearchPage:
    """Full-text search (FTS5: words, "phrases", AND/OR/NOT, prefix*) over documents and
    sentences; a malformed query is a 400 with the reason."""
    return views.search_page(snapshot(request), store(request), q)


@router.get("/ask", response_model=Answer, responses=_errors(400))
def get_ask(request: Request, q: Text) -> Answer:
    """A question answered from the corpus with cited sentences."""
    return ask(request, q)


@router.get("/jobs", response_model=list[Job], responses=_errors())
def get_jobs(request: Request) -> list[Job]:
    """Ingestion jobs started from the browser, newest first."""
    return jobs(request).all()


@router.get("/jobs/{job_id}", response_model=Job, responses=_errors(404))
def get_job(request: Request, job_id: Annotated[str, Path(pattern=JOB_ID_PATTERN)]) -> Job:
    """One job's state and progress (what the add page polls)."""
    return found(jobs(request).get(job_id))


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
