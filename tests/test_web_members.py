"""Lists show a bounded preview of each big item, its own page pages through the rest
(issue 19): a figure group of hundreds of figures and a story of hundreds of articles no longer
make the figures and stories lists grow with the corpus, and every figure and every article
stays reachable, through the HTML pages and through the JSON API's links."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.models import DocumentAnalysis, Figure, FigureGroup, Provenance, Quality, Story
from storyline.store import Store
from storyline.web import create_app
from storyline.web.documents import FIGURE_PREVIEW
from storyline.web.render import group_href
from storyline.web.story_pages import CARD_DOCUMENTS
from tests.conftest import TODAY, make_document

BASE = "http://127.0.0.1"
DOCS = 230
#: Figure group ids are free text: a slash, a percent sign, spaces and a pipe.
BIG = "fg:share of crude/oil imports|india (%)"
SMALL = "fg:defence deal"


def _figure(n: int, doc: str) -> Figure:
    sentence = f"Imports rose {n} per cent in report {n}."
    return Figure(
        id=f"{doc}:f{n}",
        kind="percent",
        text=f"{n} per cent",
        value=n,
        unit="%",
        measure="share of imports",
        measure_key="share of imports",
        provenance=Provenance(
            doc_id=doc, start=13, end=13 + len(f"{n} per cent"), sentence=sentence,
            sentence_start=0, sentence_end=len(sentence)),
    )  # fmt: skip


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """230 documents, each with one figure of one big group; one story holds them all, in
    reverse id order; every third document has a quality score."""
    db = tmp_path_factory.mktemp("members") / "storyline.db"
    ids = [f"m{i:03d}" for i in range(DOCS)]
    docs = [make_document(f"Report {i} on the port of Kandla and its oil.", d) for i, d in
            enumerate(ids)]  # fmt: skip
    figures = [_figure(i, d) for i, d in enumerate(ids)]
    analyses = [DocumentAnalysis(doc_id=d, version="t", figures=[f]) for d, f in
                zip(ids, figures, strict=True)]  # fmt: skip
    big = FigureGroup(id=BIG, measure="share of imports", status="conflicting",
                      figure_ids=[f.id for f in figures] + ["gone:f0"], documents=ids)  # fmt: skip
    small = FigureGroup(id=SMALL, measure="defence deal", status="single-source",
                        figure_ids=[figures[0].id], documents=ids[:1])  # fmt: skip
    story = Story(id="s-big", label="Oil imports", documents=ids[::-1])
    alone = Story(id="s-small", label="A deal", documents=ids[:2])
    quality = [Quality(doc_id=d, score=(i % 7) / 10, signals={}, reasons=[])
               for i, d in enumerate(ids) if i % 3 == 0]  # fmt: skip
    with Store(db) as store:
        store.add_documents(docs)
        store.save_analyses(analyses)
        store.replace_corpus(
            {
                "figure-group": [(BIG, "0", big), (SMALL, "1", small)],
                "story": [("s-big", "0", story), ("s-small", "1", alone)],
                "quality": [(q.doc_id, q.doc_id, q) for q in quality],
            }
        )
    return db


@pytest.fixture(scope="module")
def client(big_db: Path):
    with TestClient(create_app(big_db, today=TODAY), base_url=BASE) as app:
        yield app


def _follow(client: TestClient, path: str | None, items: str, key: str) -> list[dict]:
    """Every member reached by following ``key`` links from ``path``."""
    found: list[dict] = []
    while path:
        data = client.get(path).json()
        found += data[items]
        path = data[key]
    return found


def test_the_figures_list_shows_the_first_figures_of_each_group(client: TestClient) -> None:
    groups = {g["group"]["id"]: g for g in client.get("/api/figures").json()["groups"]}
    big, small = groups[BIG], groups[SMALL]
    assert [f["id"] for f in big["figures"]] == [f"m{i:03d}:f{i}" for i in range(FIGURE_PREVIEW)]
    assert (big["figure_total"], big["figure_offset"]) == (DOCS, 0)
    assert big["figures_next"].startswith("/api/figures/group?id=fg%3Ashare%20of%20crude%2Foil")
    assert (len(small["figures"]), small["figure_total"], small["figures_next"]) == (1, 1, None)


def test_every_figure_of_a_group_is_reached_through_the_api(client: TestClient) -> None:
    preview = next(
        g for g in client.get("/api/figures").json()["groups"] if g["group"]["id"] == BIG
    )
    rest = _follow(client, preview["figures_next"], "figures", "figures_next")
    reached = [f["id"] for f in preview["figures"] + rest]
    assert reached == [f"m{i:03d}:f{i}" for i in range(DOCS)], "each once, in the group's order"
    paged = client.get("/api/figures/group", params={"id": BIG, "limit": 100, "offset": 200})
    assert [f["value"] for f in paged.json()["figures"]] == list(range(200, DOCS))
    assert paged.json()["figures_next"] is None


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/figures/group?id=fg%3Anothing", 404),
        ("/figures/group?id=fg%3Anothing", 404),
        ("/api/figures/group", 422),
        ("/api/figures/group?id=" + SMALL + "&limit=0", 422),
        ("/api/figures/group?id=" + SMALL + "&offset=-1", 422),
    ],
)
def test_a_figure_group_page_refuses_what_it_cannot_show(
    client: TestClient, path: str, status: int
) -> None:
    assert client.get(path).status_code == status


def test_every_figure_of_a_group_is_reached_through_the_pages(client: TestClient) -> None:
    html = client.get("/figures").text
    assert f'href="{group_href(BIG)}"' in unescape(html)
    assert f"{DOCS - FIGURE_PREVIEW} more figures of this group" in html
    assert "more figure" not in html.split(f'id="{_anchor(SMALL)}"')[1]
    seen: list[str] = []
    page: str | None = group_href(BIG)
    while page:
        text = unescape(client.get(page).text)
        seen += re.findall(r"in report (\d+)\.", text)
        found = re.search(r'<a rel="next" href="([^"]+)"', text)
        page = found.group(1).replace(BASE, "") if found else None
    assert sorted(map(int, seen)) == list(range(DOCS))


def test_a_story_card_lists_its_best_articles_and_links_to_the_rest(client: TestClient) -> None:
    cards = [c for line in client.get("/api/storylines").json()["storylines"]
             for c in line["stories"]]  # fmt: skip
    big = next(c for c in cards if c["story"]["id"] == "s-big")
    scores = [d["score"] or 0.0 for d in big["documents"]]
    assert len(scores) == CARD_DOCUMENTS and scores == sorted(scores, reverse=True)
    assert scores[0] == 0.6, "best source first"
    assert (big["document_total"], big["documents_href"]) == (DOCS, "/api/stories/s-big")
    small = next(c for c in cards if c["story"]["id"] == "s-small")
    assert (len(small["documents"]), small["document_total"], small["documents_href"]) == (
        2,
        2,
        None,
    )
    html = client.get("/stories").text
    assert f'<a href="/stories/s-big">{DOCS - CARD_DOCUMENTS} more articles</a>' in html
    assert len(set(re.findall(r'href="/sources/(m\d+)"', html))) == CARD_DOCUMENTS + 2, (
        "the small story's two"
    )


def test_every_article_of_a_story_is_reached(client: TestClient) -> None:
    first = client.get("/api/stories/s-big").json()
    assert (len(first["documents"]), first["document_total"]) == (200, DOCS)
    rest = _follow(client, first["documents_next"], "documents", "documents_next")
    reached = [d["id"] for d in first["documents"] + rest]
    assert reached == [f"m{i:03d}" for i in reversed(range(DOCS))], "in the story's order"
    one = client.get("/api/stories/s-big?limit=1&offset=229").json()
    assert [d["id"] for d in one["documents"]] == ["m000"] and one["documents_next"] is None
    pages = [client.get("/stories/s-big").text, client.get("/stories/s-big?page=2").text]
    assert 'rel="next" href="' + BASE + '/stories/s-big?page=2"' in pages[0]
    linked = [set(re.findall(r'href="/sources/(m\d+)"', p)) for p in pages]
    assert linked[0] | linked[1] == {f"m{i:03d}" for i in range(DOCS)}


@pytest.mark.parametrize(
    ("group_id", "href"),
    [
        ("fg:oil", "/figures/group?id=fg%3Aoil"),
        ("fg:around $0.23/w", "/figures/group?id=fg%3Aaround%20%240.23%2Fw"),
        ("fg:a|b & c#d?e", "/figures/group?id=fg%3Aa%7Cb%20%26%20c%23d%3Fe"),
    ],
)
def test_a_figure_group_has_an_address_of_its_own(group_id: str, href: str) -> None:
    assert group_href(group_id) == href


def _anchor(group_id: str) -> str:
    from storyline.web.render import anchor

    return anchor(group_id)
