"""What a page of story cards costs the server (issue 19): the cards' articles, counts and key
figure groups are read for the whole page at once, the chips are built without template
macros, and the ask index stays out of the garbage collector's full passes. Each must give
exactly what the per-card reads and the macros gave."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.models import FigureGroup, Provenance, Quality, Story
from storyline.store import Store
from storyline.store.listing_sql import PREVIEW_KEY_FIGURES
from storyline.web import create_app
from storyline.web.cache import settle_heap
from storyline.web.pages import templates
from storyline.web.render import doc_chip, evidence_preview, facet_options
from storyline.web.schemas import Facet
from tests.conftest import TODAY, make_document

BASE = "http://127.0.0.1"
#: Agency copy of a port strike, filed under wire-service ids, feed ids and file names.
IDS = ["reuters_2024-05-01_strike", "ap_0001", "afp", "kandla-port-strike-day-two-report",
       "pti_x", "ians_2024_strike", "toi_mumbai_strike", "bbc_news_kandla"]  # fmt: skip
SENTENCE = "Dock workers at Kandla walked out on Monday over unpaid wages."


def _stories() -> list[tuple[str, str | None, Story]]:
    """Stories over overlapping articles: a big one, two that share articles, one whose
    articles are all gone from the store."""
    return [
        ("s-strike", "0", Story(id="s-strike", label="Port strike", documents=IDS)),
        ("s-wages", "1", Story(id="s-wages", label="Unpaid wages", documents=IDS[2:5])),
        ("s-talks", "2", Story(id="s-talks", label="Talks", documents=IDS[4:6])),
        ("s-gone", "3", Story(id="s-gone", label="Removed", documents=["nowhere"])),
    ]


def _groups() -> list[tuple[str, str | None, FigureGroup]]:
    """Figure groups over the articles, some unkeyed, with ties broken by id."""
    measures = ["wage arrears", "workers on strike", "ships waiting", "cargo delayed",
                "days of strike", "boats idle"]  # fmt: skip
    keys: list[str | None] = [None, "2", "1", "1", None, "0"]
    found = []
    for i, (measure, key) in enumerate(zip(measures, keys, strict=True)):
        docs = IDS[i : i + 3]
        group = FigureGroup(id=f"fg:{measure}", measure=measure, figure_ids=[], documents=docs)
        found.append((group.id, key, group))
    return found


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cards") / "storyline.db"
    scores = [0.5, 0.9, 0.5, None, 0.2, 0.9, 0.0, 0.5]  # ties, and one unscored
    quality = [Quality(doc_id=d, score=s, signals={}, reasons=[])
               for d, s in zip(IDS, scores, strict=True) if s is not None]  # fmt: skip
    with Store(db) as store:
        store.add_documents([make_document(f"{SENTENCE} Report {d}.", d) for d in IDS])
        store.replace_corpus(
            {
                "story": _stories(),
                "figure-group": _groups(),
                "quality": [(q.doc_id, q.doc_id, q) for q in quality],
            }
        )
    return db


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_the_articles_of_a_page_of_cards_are_the_per_story_pages(db: Path, limit: int) -> None:
    ids = [s for s, _, _ in _stories()]
    with Store(db) as store:
        pages = store.story_document_pages(ids, limit)
        for story_id in ids:
            expected = store.story_document_ids(story_id, limit)
            assert pages.get(story_id, ([], 0)) == expected, story_id
    assert "s-gone" not in pages and pages["s-strike"][1] == len(IDS)


def test_key_figure_groups_are_the_first_groups_of_a_storys_articles(db: Path) -> None:
    groups = _groups()

    def expected(story: Story) -> list[str]:
        touching = [(k is not None, k or "", i) for i, k, g in groups
                    if set(g.documents) & set(story.documents)]  # fmt: skip
        return [i for _, _, i in sorted(touching)][:PREVIEW_KEY_FIGURES]

    with Store(db) as store:
        found = store.figure_groups_of_stories([s for s, _, _ in _stories()])
    assert found == {s: expected(story) for s, _, story in _stories() if expected(story)}
    assert found["s-strike"] == ["fg:days of strike", "fg:wage arrears", "fg:boats idle"]


def test_key_figure_groups_follow_the_view_when_it_is_replaced(tmp_path: Path) -> None:
    db = tmp_path / "storyline.db"
    with Store(db) as store:
        store.add_documents([make_document(SENTENCE, d) for d in IDS[:2]])
        story = Story(id="s", label="Strike", documents=IDS[:2])
        first = FigureGroup(id="fg:a", measure="wage arrears", figure_ids=[], documents=IDS[:1])
        store.replace_corpus({"story": [("s", "0", story)], "figure-group": [("fg:a", "0", first)]})
        assert store.figure_groups_of_stories(["s"]) == {"s": ["fg:a"]}
        second = FigureGroup(id="fg:b", measure="ships waiting", figure_ids=[], documents=IDS[1:2])
        store.replace_corpus({"figure-group": [("fg:b", "0", second)]})
        assert store.figure_groups_of_stories(["s"]) == {"s": ["fg:b"]}


def test_the_stories_page_shows_each_card_from_the_page_wide_reads(db: Path) -> None:
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as client:
        cards = {c["story"]["id"]: c for line in client.get("/api/storylines").json()[
            "storylines"] for c in line["stories"]}  # fmt: skip
        html = client.get("/stories").text
    with Store(db) as store:
        for story_id, card in cards.items():
            ids, total = store.story_document_ids(story_id, 10)
            assert [d["id"] for d in card["documents"]] == ids and card["document_total"] == total
    strike = cards["s-strike"]
    assert [g["id"] for g in strike["figure_groups"]] == ["fg:days of strike", "fg:wage arrears",
                                                          "fg:boats idle"]  # fmt: skip
    assert html.index("days of strike") < html.index("wage arrears") < html.index("boats idle")


#: The template macros the chips were built by before, kept here as the reference output.
OLD_MACROS = """
{%- macro short(doc_id) -%}
{%- set head = doc_id.split('_')[0] -%}
{{ head if '_' in doc_id and head|length <= 12 else doc_id[:12] }}
{%- endmacro %}
{% macro doc_chip(doc_id, start=None, end=None, title='') -%}
<a class="chip doc" href="{% if start is not none %}{{ cite(doc_id, start, end) }}{% else %}/sources/{{ doc_id|part }}{% endif %}" title="{{ title or doc_id }}">{{ short(doc_id) }}</a>
{%- endmacro %}
{% macro evidence_preview(evidence, href, limit) -%}
{% set chips = evidence|per_document %}
{% for p in chips[:limit] %}{{ doc_chip(p.doc_id, p.start, p.end, p.sentence) }}{% endfor %}
{% if chips|length > limit %} <a class="more-sources" href="{{ href }}">+{{ chips|length - limit }} more source{{ 's' if chips|length - limit != 1 }}</a>{% endif %}
{%- endmacro %}
"""  # noqa: E501
ODD_IDS = [*IDS, 'x<&"y_z', "a_b_c", "_lead", "exactly12chr_x", "thirteen-char_x", "ü/ß?#%"]


def _old() -> object:
    return templates.env.from_string(OLD_MACROS).module


@pytest.mark.parametrize("doc_id", ODD_IDS)
def test_a_chip_is_what_the_template_macro_made(doc_id: str) -> None:
    old = _old()
    assert str(doc_chip(doc_id)) == str(old.doc_chip(doc_id))  # type: ignore[attr-defined]
    quoted = 'He said: "No <deal> & no work."'
    for args in [(0, 12, ""), (40, 97, quoted), (5, None, "")]:
        made = str(doc_chip(doc_id, *args))
        assert made == str(old.doc_chip(doc_id, *args)), args  # type: ignore[attr-defined]


@pytest.mark.parametrize("count", [0, 1, 3, 4, 5, 12])
def test_a_source_preview_is_what_the_template_macro_made(count: int) -> None:
    def cite(doc_id: str, n: int) -> Provenance:
        return Provenance(doc_id=doc_id, start=n, end=n + 9, sentence=f"{SENTENCE} <{n}>",
                          sentence_start=n, sentence_end=n + 60)  # fmt: skip

    # two pieces of evidence from some documents: one chip per source, the first kept
    evidence = [cite(ODD_IDS[i], i) for i in range(count)] + [cite(ODD_IDS[0], 99)] * (count > 2)
    href = '/stories/s-"strike"&x'
    made = str(evidence_preview(evidence, href, 3))
    assert made == str(_old().evidence_preview(evidence, href, 3))  # type: ignore[attr-defined]
    sources = len({p.doc_id for p in evidence})
    assert str(evidence_preview(evidence[:3], href, 3, sources)) == made, "cut, with its total"


#: The timeline's filter options as its template made them, kept as the reference output.
OLD_OPTIONS = (
    '{% for f in facets %}<option value="{{ f.value }}"{% if f.value == chosen %} selected'
    "{% endif %}>{{ f.label }}{% if counted %} ({{ f.count }}){% endif %}</option>{% endfor %}"
)


@pytest.mark.parametrize("chosen", [None, 'gpe:x<&"y', "story_2", "nothing"])
@pytest.mark.parametrize("counted", [True, False])
def test_filter_options_are_what_the_template_loop_made(chosen: str | None, counted: bool) -> None:
    facets = [
        Facet(value='gpe:x<&"y', label="Côte d'Ivoire & <Co>", count=12),
        Facet(value="story_2", label='The "deal", 2–9 May', count=1),
        *(Facet(value=f"v{n}", label=f"label {n}", count=n) for n in range(3)),
    ]
    old = templates.env.from_string(OLD_OPTIONS).render(
        facets=facets, chosen=chosen, counted=counted
    )
    assert str(facet_options(facets, chosen, counted)) == old
    assert str(facet_options([], chosen, counted)) == ""


def test_the_ask_index_is_kept_out_of_the_collectors_full_passes(db: Path) -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as client:
        assert client.get(
            "/api/ask", params={"q": "When did the dock workers walk out?"}
        ).is_success
        assert gc.get_freeze_count() > 0, "the index (and what lived before it) frozen"
    settle_heap()  # the closed app's garbage collected, so the count below moves by what lives
    before = gc.get_freeze_count()
    kept = [[i] for i in range(1000)]  # what lives when an index is built again is frozen too
    settle_heap()
    assert gc.get_freeze_count() >= before + len(kept) - 100
