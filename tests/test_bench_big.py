"""``storyline bench --big``: simulated piles from cached analyses, and the measured row."""

from __future__ import annotations

import re

import pytest

from storyline.bench_big import _shift_dates, measure_big, simulate
from storyline.store import Store


@pytest.mark.parametrize(
    ("text", "weeks", "expected"),
    [
        ('{"date": "2024-03-20"}', 1, '{"date": "2024-03-27"}'),
        ('{"date": "2024-12-30"}', 2, '{"date": "2025-01-13"}'),
        ('{"date": "2024-03-20"}', 0, '{"date": "2024-03-20"}'),
        ('{"value": "2024-W12"}', 3, '{"value": "2024-W12"}'),  # not a day: left alone
        ('{"value": "2024-13-40"}', 1, '{"value": "2024-13-40"}'),  # not a calendar day
        ('{"id": "x-12024-03-20"}', 1, '{"id": "x-12024-03-20"}'),  # inside a longer number
    ],
)
def test_dates_move_by_whole_weeks(text: str, weeks: int, expected: str) -> None:
    assert _shift_dates(text, weeks) == expected


@pytest.fixture(scope="module")
def templates(demo_build):
    out, _ = demo_build
    with Store(out / "storyline.db") as store:
        analyses = {a.doc_id: a for a in store.analyses()}
        return [(d, analyses[d.id]) for d in store.documents()]


def test_simulated_documents_are_new_articles_with_valid_offsets(templates) -> None:
    pile = list(simulate(templates, 3 * len(templates)))
    assert len({d.id for d, _ in pile}) == len(pile) == 15
    for i, (document, analysis) in enumerate(pile):
        template, original = templates[i % len(templates)]
        weeks = i // len(templates)
        assert analysis.doc_id == document.id
        assert all(s.doc_id == document.id for s in analysis.sentences)
        assert len(document.text) == len(template.text)  # every offset still points right
        assert [s.end for s in analysis.sentences] == [s.end for s in original.sentences]
        names = re.findall(r"\b[A-Z]\w+", template.text)
        assert re.findall(r"\b[A-Z]\w+", document.text) == names  # names keep their spelling
        if weeks:
            assert document.text != template.text
            assert document.content_hash != template.content_hash
        if template.published:
            assert document.published is not None and document.published >= template.published
        assert len(analysis.events) == len(original.events)


def test_measure_big_times_every_cross_document_stage(demo_build) -> None:
    out, _ = demo_build
    row = measure_big(out / "storyline.db", 12)
    assert row["documents"] == 12 and row["templates"] == 5
    stages = row["stages"]
    assert {"corpus:entities", "corpus:stories", "corpus:summary"} <= set(stages)
    assert stages["corpus"] >= max(v for k, v in stages.items() if k != "corpus")
    assert row["peak_mb"] >= row["peak_over_base_mb"] >= 0
    assert row["cpu_seconds"] > 0
    assert row["entities"] > 0 and row["stories"] > 0
