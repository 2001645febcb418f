"""The web app under load (issue 19): a page's reads do not grow with the corpus around it.

Under 50 concurrent clients every request shares two cores, so a page that walks every figure
group or every event of the corpus to show one story's few is what made pages take seconds.
These tests count SQLite's virtual-machine steps (not time) for one story's reads in a small
and in a large corpus: the work must stay about the same.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.models import Event, FigureGroup, Story
from storyline.store import Store
from tests.conftest import make_document


def _store(path: Path, others: int) -> Store:
    """One story (documents d0, d1; event e0 listed, e1 reported by d1; three figure groups)
    among ``others`` events and figure groups of another document."""
    store = Store(path)
    store.add_documents(
        [make_document(f"Article {i} about the strike.", f"d{i}") for i in (0, 1, 9)]
    )
    events = [
        Event(id="e0", type="CONSULT", label="met", documents=["d0"]),
        Event(id="e1", type="ACCUSE", label="accused", documents=["d1"]),
        *(Event(id=f"x{i:05d}", type="AID", label="aid", documents=["d9"]) for i in range(others)),
    ]
    groups = [
        FigureGroup(id="g-late", measure="price", figure_ids=[], documents=["d1"]),
        FigureGroup(id="g-early", measure="toll", figure_ids=[], documents=["d0", "d1"]),
        FigureGroup(id="g-mid", measure="trade", figure_ids=[], documents=["d0"]),
        *(
            FigureGroup(id=f"o{i:05d}", measure="m", figure_ids=[], documents=["d9"])
            for i in range(others)
        ),
    ]
    story = Story(id="s0", label="Strike", documents=["d0", "d1"], event_ids=["e0"])
    keys = {"g-early": "0000", "g-mid": "0001", "g-late": "9999"}
    store.replace_corpus(
        {
            "story": [("s0", "0", story)],
            "event": [(e.id, e.id, e) for e in events],
            "figure-group": [(g.id, keys.get(g.id, f"5{g.id}"), g) for g in groups],
        }
    )
    return store


def _steps(store: Store, read: Callable[[Store], object]) -> tuple[object, int]:
    """What ``read`` returns, and the SQLite VM steps it took (counted every 100)."""
    count = [0]

    def tick() -> int:
        count[0] += 1
        return 0

    store.db.set_progress_handler(tick, 100)
    try:
        return read(store), count[0]
    finally:
        store.db.set_progress_handler(None, 0)


READS: list[tuple[str, Callable[[Store], object], object]] = [
    (
        "a story's figure groups, in figure order",
        lambda s: s.figure_groups_of_documents(["d0", "d1"], 2),
        ["g-early", "g-mid"],
    ),
    ("a story's events", lambda s: s.story_event_ids("s0", 200), (["e0", "e1"], 2)),
    ("the timeline's story facet", lambda s: s.timeline_facets(200)[2], [("s0", 2)]),
]


@pytest.mark.parametrize(("what", "read", "expected"), READS, ids=[r[0] for r in READS])
def test_a_storys_reads_do_not_grow_with_the_corpus(
    tmp_path: Path, what: str, read: Callable[[Store], object], expected: object
) -> None:
    with _store(tmp_path / "small.db", 10) as small, _store(tmp_path / "large.db", 3000) as large:
        small_answer, small_steps = _steps(small, read)
        large_answer, large_steps = _steps(large, read)
    assert small_answer == large_answer == expected
    # 300 times the other items: a walk over them would take hundreds of times the steps
    assert large_steps <= 2 * small_steps + 10, (what, small_steps, large_steps)


def test_answering_reads_only_what_the_retrieved_sentences_tell(
    demo_build: tuple[Path, dict],
) -> None:
    """``ask`` parses the time expressions and figures of the sentences it retrieved, not the
    whole analyses of their documents: the store picks out the same items, in the same order,
    as filtering the whole analyses would."""
    with Store(demo_build[0] / "storyline.db") as store:
        whole = store.analyses()
        keys = [(a.doc_id, s.start) for a in whole for s in a.sentences[::3]]
        keys += [("no-such-document", 0), (whole[0].doc_id, 999_999)]
        told = store.told_at(keys)
    wanted = set(keys)
    assert any(a.figures for a in told.values()) and any(a.timexes for a in told.values())

    def here(doc_id: str, items: list) -> list:
        return [i for i in items if (doc_id, i.provenance.sentence_start) in wanted]

    for analysis in whole:
        part = told.get(analysis.doc_id)
        assert (part.timexes if part else []) == here(analysis.doc_id, analysis.timexes)
        assert (part.figures if part else []) == here(analysis.doc_id, analysis.figures)
        assert part is None or (part.sentences, part.mentions, part.events) == ([], [], [])
    assert "no-such-document" not in told


def _named(path: Path, mentions: int) -> Store:
    """One entity named ``mentions`` times."""
    from storyline.models import Entity, Mention, Provenance

    def mention(n: int) -> Mention:
        p = Provenance(doc_id="d0", start=0, end=5, sentence=f"Alpha {n}.", sentence_start=n,
                       sentence_end=n + 8)  # fmt: skip
        return Mention(text="Alpha", label="PERSON", model_label="PERSON", provenance=p)

    store = Store(path)
    entity = Entity(id="person:alpha", name="Alpha", type="PERSON", mention_count=mentions,
                    documents=["d0"], mentions=[mention(n) for n in range(mentions)])  # fmt: skip
    store.replace_corpus({"entity": [(entity.id, "0", entity)]})
    return store


@pytest.mark.parametrize(
    ("what", "read"),
    [
        ("an entity's listing row", lambda s: [r[:40] for r in s.entity_rows(["person:alpha"])]),
        ("a page of its mentions", lambda s: s.entity_slice("person:alpha", 10, 20)[0][-400:]),
    ],
)
def test_an_entitys_reads_do_not_grow_with_its_mentions(
    tmp_path: Path, what: str, read: Callable[[Store], object]
) -> None:
    """A much named entity's row and a page of its mentions come from index rows: the JSON of
    all its mentions (megabytes in a big corpus) is not parsed."""
    with _named(tmp_path / "few.db", 40) as few, _named(tmp_path / "many.db", 4000) as many:
        few_answer, few_steps = _steps(few, read)
        many_answer, many_steps = _steps(many, read)
        assert few.entity_slice("person:alpha", 10, 20)[1] == 40
        assert many.entity_slice("person:alpha", 10, 20)[1] == 4000
    assert few_answer == many_answer
    assert many_steps <= 2 * few_steps + 10, (what, few_steps, many_steps)


def _told_store(path: Path, others: int) -> Store:
    """One article whose first sentence tells a date and a figure, and ``others`` of each in
    its other sentences."""
    from storyline.models import DocumentAnalysis, Figure, Provenance, Sentence, Timex

    lines = ["Trade rose 5 percent on Monday."]
    lines += [f"Exports rose {n} percent on day {n}." for n in range(1, others + 1)]
    document = make_document(" ".join(lines), "d0")
    store = Store(path)
    store.add_documents([document])
    sentences, start = [], 0
    for index, line in enumerate(lines):
        start = document.text.index(line, start)
        sentences.append(Sentence(doc_id="d0", index=index, start=start, end=start + len(line),
                                  text=line))  # fmt: skip
    timexes, figures = [], []
    for s in sentences:
        p = Provenance(doc_id="d0", start=s.start, end=s.end, sentence=s.text,
                       sentence_start=s.start, sentence_end=s.end)  # fmt: skip
        timexes.append(Timex(id=f"t{s.index}", text="Monday", type="DATE", value="2024-03-18",
                             rule="weekday", provenance=p))  # fmt: skip
        figures.append(Figure(id=f"f{s.index}", kind="percent", text="5 percent", value=5.0,
                              measure="trade", measure_key="trade", provenance=p))  # fmt: skip
    store.save_analyses([DocumentAnalysis(doc_id="d0", version="1", sentences=sentences,
                                          timexes=timexes, figures=figures)])  # fmt: skip
    return store


def test_what_a_sentence_tells_is_read_without_the_rest_of_its_analysis(tmp_path: Path) -> None:
    """``ask`` reads the time expressions and figures of the sentences it retrieved by their
    sentence: a long article's others (its whole analysis) are not walked."""

    def read(store: Store) -> object:
        return {d: a.model_dump_json() for d, a in store.told_at([("d0", 0)]).items()}

    with _told_store(tmp_path / "few.db", 5) as few, _told_store(tmp_path / "many.db", 800) as many:
        few_answer, few_steps = _steps(few, read)
        many_answer, many_steps = _steps(many, read)
    assert few_answer == many_answer
    assert '"t0"' in str(few_answer) and '"f0"' in str(few_answer)
    assert many_steps <= 2 * few_steps + 10, (few_steps, many_steps)
