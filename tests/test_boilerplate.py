"""Boilerplate across the pile: repeated lines next to different text, the pile stage, the store."""

from __future__ import annotations

from datetime import date

from storyline.ingest.boilerplate import LineCounts, repeated_lines, site_of, without_boilerplate
from storyline.ingest.prepare import prepare_document
from storyline.models import Document, DocumentAnalysis, RawRecord
from storyline.pipeline.pile import PILE_STAGES, run_pile_stages
from storyline.pipeline.stages import missing_inputs
from storyline.store import Store

TODAY = date(2025, 1, 1)
# What one document alone cannot tell from text: a sentence about the site closing each page,
# and a short line under pages an extractor kept (position is no evidence there).
ABOUT = "The Coast Chronicle is an independent newspaper that has served the coast since 1901."
PROMO = "Coast Chronicle Premium"
WIRE = (
    "The ministers met for three hours on Monday and agreed to extend the deadline for the "
    "national plans, officials said."
)

STORIES = [
    (
        "Storm closes ports along the coast",
        "Harbour authorities closed three ports on Tuesday as a storm brought winds of 120 km/h, "
        "the coast guard said.",
        "Fishing boats were ordered to stay in harbour until Thursday, officials said.",
    ),
    (
        "Council approves new budget for schools",
        "The city council on Wednesday approved a budget of 40 million for school repairs, the "
        "mayor's office said.",
        "Work on the first ten schools will start in the spring, according to the plan.",
    ),
    (
        "Rail strike ends after pay deal",
        "Rail workers ended a four-day strike on Friday after unions accepted a pay rise of six "
        "per cent, the union said.",
        "Trains will run to the normal timetable from Saturday, the operator said.",
    ),
]


def _record(doc_id: str, text: str, url: str | None = None, kind: str = "txt") -> RawRecord:
    return RawRecord(
        source=f"{doc_id}.{kind}",
        kind=kind,
        suggested_id=doc_id,
        text=text,
        url=url,
        already_extracted=kind == "html",
    )


def _site_documents() -> list[Document]:
    """Three articles of one site closing with the same two lines, and three copies of one
    wire paragraph on three other sites (each copy next to the same lines)."""
    site = "https://www.coastchronicle.example/news/"
    docs = [
        prepare_document(
            _record(f"c{i}", "\n".join([title, lead, rest, ABOUT, PROMO]), f"{site}{i}", "html"),
            TODAY,
        )
        for i, (title, lead, rest) in enumerate(STORIES)
    ]
    for i in range(3):
        text = "\n".join(
            [f"Ministers extend the deadline ({i})", WIRE, f"Plans are due in June {i}."]
        )
        docs.append(
            prepare_document(_record(f"w{i}", text, url=f"https://site{i}.example/a"), TODAY)
        )
    return docs


def test_counts_are_per_document_and_per_site() -> None:
    docs = _site_documents()
    counts = LineCounts().add_all(docs)
    assert counts.documents == 6
    assert site_of(docs[0]) == "coastchronicle.example"
    found = repeated_lines(docs[0].raw_text, site_of(docs[0]), counts)
    assert len(found) == 2  # the sentence about the site and the premium line
    assert all("documents" in why for why in found.values())


def test_a_wire_paragraph_repeated_next_to_the_same_lines_is_no_boilerplate() -> None:
    docs = _site_documents()
    counts = LineCounts().add_all(docs)
    assert repeated_lines(docs[3].raw_text, site_of(docs[3]), counts) == {}
    assert without_boilerplate(docs[3], counts) is None


def test_revised_document_keeps_its_key_date_and_body() -> None:
    docs = _site_documents()
    counts = LineCounts().add_all(docs)
    revised = without_boilerplate(docs[1], counts)
    assert revised is not None
    assert revised.content_hash == docs[1].content_hash and revised.published == docs[1].published
    assert PROMO in docs[1].text and ABOUT in docs[1].text  # alone, the document keeps them
    assert PROMO not in revised.text and ABOUT not in revised.text
    assert STORIES[1][1] in revised.text and STORIES[1][2] in revised.text
    assert revised.title == STORIES[1][0]
    assert any(r.rule == "repeated-line" for r in revised.removed)


def test_the_pile_stage_revises_stored_documents_once() -> None:
    docs = _site_documents()
    with Store() as store:
        store.add_documents(docs)
        store.save_analyses([DocumentAnalysis(doc_id=d.id, version="t") for d in docs])
        revised = run_pile_stages(store)
        assert sorted(revised) == ["c0", "c1", "c2"]
        assert PROMO not in (store.document("c0") or docs[0]).text
        # a revised document is analysed afresh; the others keep their analysis
        assert set(store.ids_needing_analysis("t")) == {"c0", "c1", "c2"}
        assert run_pile_stages(store) == []  # the same pile: nothing changes again
        # re-ingesting the same inputs leaves the revised versions alone
        result = store.add_documents(_site_documents())
        assert sorted(result.unchanged) == sorted(d.id for d in docs)


def test_pile_stages_declare_what_they_read() -> None:
    assert missing_inputs(PILE_STAGES, {"documents"}) == {}  # type: ignore[arg-type]


def test_counts_stream_and_keep_only_keys() -> None:
    counts = LineCounts()
    for _ in range(1000):
        counts.add("Subscribe now\nA line of article text that is different every time.")
    assert counts.documents == 1000
    assert all(len(key) == 16 for key in counts.in_documents)
    assert len(counts.in_documents) == 2
