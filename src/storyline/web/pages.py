"""The HTML pages: each renders the model its ``/api`` twin returns, through one template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.errors import QueryError
from storyline.figures.group import amount
from storyline.text.readable_dates import date_source_words, readable_date
from storyline.web import documents, render, story_pages, views
from storyline.web.api import (
    MAX_PASTE,
    MAX_QUERY,
    MAX_URLS,
    PAGE_SIZE,
    SPAN_PATTERN,
    EntityType,
    EventType,
    Id,
    OptDate,
    OptId,
    ask,
    cache,
    found,
    jobs,
    read,
    submit,
    timeline_filters,
)
from storyline.web.assets import package_assets
from storyline.web.security import JOB_ID_PATTERN

NAV = [
    ("/", "Overview"),
    ("/timeline", "Timeline"),
    ("/stories", "Stories"),
    ("/entities", "Entities"),
    ("/figures", "Figures"),
    ("/sources", "Sources"),
    ("/search", "Search"),
    ("/ask", "Ask"),
    ("/add", "Add articles"),
]
TYPE_NAMES = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries and cities",
    "LOC": "Places",
    "NORP": "Nationalities and groups",
    "FAC": "Buildings and sites",
    "PRODUCT": "Products",
    "WORK": "Works",
    "EVENT": "Named events",
}


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyline.web", "templates"),
        autoescape=select_autoescape(["html", "svg"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        part=render.path_part,
        anchor=render.anchor,
        date=readable_date,
        date_source=date_source_words,
        percent=lambda v: "—" if v is None else f"{100 * v:.0f}",
        number=amount,
        per_document=render.per_document,
    )
    env.globals.update(
        nav=NAV,
        cite=render.cite_href,
        chip=render.doc_chip,
        facet_options=render.facet_options,
        evidence_preview=render.evidence_preview,
        short_id=render.short_id,
        group_href=render.group_href,
        date_range=readable_date,
        type_names=TYPE_NAMES,
        snippet=render.marked_snippet,
        preview_sources=render.SOURCE_PREVIEW,
        row_documents=views.ROW_DOCUMENTS,
        asset=package_assets().href,
    )
    return env


templates = Jinja2Templates(env=_environment())
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def page(request: Request, template: str, status: int = 200, **context: object) -> Response:
    return templates.TemplateResponse(
        request, template, {"path": request.url.path, **context}, status_code=status
    )


def render_error(request: Request, status: int, message: str) -> Response:
    titles = {400: "Bad request", 404: "Not found", 413: "Too large", 422: "Invalid request"}
    return page(
        request,
        "error.html",
        status=status,
        status_code=status,
        title=titles.get(status, "Error"),
        message=message,
    )


def pager(request: Request, number: int, per_page: int, total: int) -> dict[str, object]:
    """Links to the previous and next page of a list (the other parameters kept)."""
    pages = max(1, -(-total // per_page))

    def href(n: int) -> str:
        return str(request.url.include_query_params(page=n))

    return {
        "page": number,
        "pages": pages,
        "total": total,
        "previous": href(number - 1) if number > 1 else None,
        "next": href(number + 1) if number < pages else None,
    }


def _offset(number: int, per_page: int = PAGE_SIZE) -> int:
    return (number - 1) * per_page


@router.get("/")
def overview_page(request: Request) -> Response:
    return page(request, "overview.html", data=read(request, views.overview, cache(request)))


@router.get("/timeline")
def timeline_page(
    request: Request,
    actor: OptId = None,
    type: EventType = None,
    story: OptId = None,
    start: OptDate = None,
    end: OptDate = None,
    number: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1,
) -> Response:
    filters = timeline_filters(actor, type, story, start, end)
    data = read(request, views.timeline_page, cache(request), filters, PAGE_SIZE, _offset(number))
    return page(
        request,
        "timeline.html",
        data=data,
        wide=render.timeline_chart(data.entries, 1000, 8),
        narrow=render.timeline_chart(data.entries, 360, 3),
        query=request.url.query,
        pages=pager(request, number, PAGE_SIZE, data.matched),
    )


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: Id) -> Response:
    data = found(read(request, views.event_page, event_id))
    return page(request, "event.html", data=data, docs={r.id: r for r in data.documents})


@router.get("/stories")
def stories_page(
    request: Request, number: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1
) -> Response:
    size = story_pages.STORYLINES_PAGE
    data, total = read(request, story_pages.stories_page, size, _offset(number, size))
    return page(request, "stories.html", data=data, pages=pager(request, number, size, total))


@router.get("/stories/{story_id}")
def story_page(
    request: Request,
    story_id: Id,
    number: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1,
) -> Response:
    """A story, its articles a page at a time (no event mentions: the page shows none)."""
    limit = views.INNER_LIMIT
    data = found(read(request, views.story_page, story_id, False, limit, _offset(number, limit)))
    pages = pager(request, number, limit, data.document_total)
    return page(request, "story.html", data=data, pages=pages)


@router.get("/entities")
def entities_page(
    request: Request,
    type: EntityType | None = None,
    name: Annotated[str | None, Query(max_length=100)] = None,
    number: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1,
) -> Response:
    rows, total = read(request, views.entity_rows, type, name, PAGE_SIZE, _offset(number))
    return page(
        request,
        "entities.html",
        rows=rows,
        type=type,
        name=name or "",
        pages=pager(request, number, PAGE_SIZE, total),
    )


@router.get("/entities/{entity_id}")
def entity_page(request: Request, entity_id: Id) -> Response:
    data = found(read(request, views.entity_page, entity_id, views.INNER_LIMIT, 0, False))
    return page(request, "entity.html", data=data)


@router.get("/figures")
def figures_page(
    request: Request, number: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1
) -> Response:
    data = read(request, documents.figures_page, PAGE_SIZE, _offset(number))
    return page(
        request, "figures.html", data=data, pages=pager(request, number, PAGE_SIZE, data.total)
    )


@router.get("/figures/group")
def figure_group_page(
    request: Request,
    id: Annotated[str, Query(min_length=1, max_length=MAX_QUERY)],
    number: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1,
) -> Response:
    """One figure group, its figures a page at a time."""
    limit = views.INNER_LIMIT
    data = found(read(request, documents.figure_group_page, id, limit, _offset(number, limit)))
    pages = pager(request, number, limit, data.figure_total)
    return page(request, "figure_group.html", data=data, pages=pages)


@router.get("/sources")
def sources_page(
    request: Request, number: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1
) -> Response:
    data = read(request, documents.sources_page, PAGE_SIZE, _offset(number))
    return page(
        request, "sources.html", data=data, pages=pager(request, number, PAGE_SIZE, data.total)
    )


@router.get("/sources/{doc_id}")
def source_page(
    request: Request,
    doc_id: Id,
    span: Annotated[str | None, Query(pattern=SPAN_PATTERN)] = None,
) -> Response:
    data = found(read(request, documents.source_page, doc_id))
    target: tuple[int, int] | None = None
    if span:  # SPAN_PATTERN: exactly two numbers
        first, last = span.split("-")
        target = (int(first), int(last))
    text = render.annotated_text(data.document.text, data.sentences, data.highlights, target)
    return page(request, "source.html", data=data, text=text)


@router.get("/search")
def search_page(
    request: Request, q: Annotated[str | None, Query(max_length=MAX_QUERY)] = None
) -> Response:
    query = (q or "").strip()
    if not query:
        return page(request, "search.html", data=None, q="")
    try:
        data = read(request, documents.search_page, query)
    except QueryError as error:
        return page(request, "search.html", status=400, data=None, q=query, error=str(error))
    return page(request, "search.html", data=data, q=query)


@router.get("/ask")
def ask_page(
    request: Request, q: Annotated[str | None, Query(max_length=MAX_QUERY)] = None
) -> Response:
    question = (q or "").strip()
    if not question:
        return page(request, "ask.html", answer=None, q="")
    return page(request, "ask.html", answer=ask(request, question), q=question)


@router.get("/add")
def add_page(request: Request) -> Response:
    return page(request, "add.html", jobs=jobs(request).all()[:10], max_urls=MAX_URLS)


@router.post("/add")
async def add_form(
    request: Request,
    files: Annotated[list[UploadFile], File(default_factory=list)],
    urls: Annotated[str, Form(max_length=MAX_URLS * 2100)] = "",
    text: Annotated[str, Form(max_length=MAX_PASTE)] = "",
    title: Annotated[str, Form(max_length=300)] = "",
    date: Annotated[str, Form(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """The form without JavaScript: queue the job, then show its page."""
    job = await submit(request, files, urls, text, title, date, url)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: Annotated[str, Path(pattern=JOB_ID_PATTERN)]) -> Response:
    job = jobs(request).get(job_id)
    if job is None:
        raise HTTPException(404, "no such job (the newest 200 are kept)")
    return page(request, "job.html", job=job)
