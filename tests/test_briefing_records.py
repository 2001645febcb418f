"""briefing.json's figures are its figure groups, and a document's quality is its reference's
score: every figure and each document's quality signals and reasons stay in the store
(``storyline export`` writes them), so the briefing does not grow by a copy of each."""

from __future__ import annotations

from storyline.briefing.compose import EXAMPLE_FIGURE_VALUES, briefed_figure_group
from storyline.figures.compare import value_text
from storyline.models import BriefedFigureGroup, Figure, FigureGroup, Provenance, Quality
from storyline.store import Store


def test_figure_groups_name_every_figure_and_show_examples_where_they_compare(
    demo_build,
) -> None:
    out, briefing = demo_build
    with Store(out / "storyline.db") as store:
        figures = {f.id: f for a in store.analyses() for f in a.figures}
    named = [i for g in briefing["figure_groups"] for i in g["figure_ids"]]
    assert sorted(named) == sorted(figures)  # every figure is in a group, by id
    compared = 0
    for group in briefing["figure_groups"]:
        if len(set(group["documents"])) < 2:
            assert group["examples"] == []  # the explanation names its value and document
            continue
        compared += 1
        firsts: dict[str, dict] = {}  # the first figure of each value, in the group's order
        for figure_id in group["figure_ids"]:
            figure = figures[figure_id]
            firsts.setdefault(value_text(figure), figure.model_dump(mode="json"))
        assert group["examples"] == list(firsts.values())[:EXAMPLE_FIGURE_VALUES]
    assert compared  # the demo's trade figures are compared across two sources


def _figure(doc_id: str, number: int, billions: int) -> Figure:
    prov = Provenance(doc_id=doc_id, start=number, end=number + 3, sentence="Trade was $5bn.",
                      sentence_start=0, sentence_end=15)  # fmt: skip
    return Figure(id=f"{doc_id}:f{number}", kind="money", text=f"${billions}bn", unit="USD",
                  value=billions * 1e9, measure="trade", measure_key="trade",
                  provenance=prov)  # fmt: skip


def test_briefed_figure_group_table() -> None:
    cases = [  # (members as (document, number, value in billions), examples kept)
        ([("a", 1, 5)], []),
        ([("a", 1, 5), ("a", 2, 7)], []),  # one document: its explanation says it all
        ([("a", 1, 5), ("b", 1, 5), ("c", 1, 5)], [("a", 1)]),  # copies of one claim
        ([("a", 1, 5), ("a", 2, 7), ("b", 1, 5)], [("a", 1), ("a", 2)]),
        ([("b", 1, 5), ("a", 1, 6), ("c", 1, 5), ("d", 1, 7), ("e", 1, 8)],
         [("b", 1), ("a", 1), ("d", 1)]),
    ]  # fmt: skip
    for members, kept in cases:
        figures = {f.id: f for f in (_figure(*member) for member in members)}
        group = FigureGroup(id="fg:trade", measure="trade", figure_ids=list(figures),
                            documents=sorted({d for d, _, _ in members}))  # fmt: skip
        briefed = briefed_figure_group(group, figures, values=3)
        assert [(f.provenance.doc_id, f.provenance.start) for f in briefed.examples] == kept
        assert briefed.figure_ids == group.figure_ids  # every member, by id
        assert "examples" not in group.model_dump()  # the stored group is left as it was


def test_a_stored_group_reads_as_the_briefings_and_stays_as_it_was() -> None:
    """The store, the web app and ``storyline figures`` keep ``FigureGroup``; only the
    briefing's groups carry examples."""
    group = FigureGroup(id="g", measure="m", figure_ids=["a:f1"], documents=["a"])
    briefed = BriefedFigureGroup.model_validate(group)
    assert briefed.model_dump() == {**group.model_dump(), "examples": []}
    again = BriefedFigureGroup.model_validate_json(briefed.model_dump_json())
    assert again == briefed


def test_document_references_carry_their_quality_score(demo_build) -> None:
    out, briefing = demo_build
    with Store(out / "storyline.db") as store:
        stored = {q.doc_id: q for q in store.corpus("quality", Quality)}
    assert stored and {d["id"] for d in briefing["documents"]} == set(stored)
    for ref in briefing["documents"]:
        assert ref["quality"] == stored[ref["id"]].score
    raw = (out / "briefing.json").read_text("utf-8")
    assert '"signals"' not in raw and '"reasons"' not in raw  # `storyline export` has them


def test_the_eval_reads_the_store_records_else_what_the_briefing_keeps() -> None:
    """The briefing eval scores every figure and each document's quality from the store
    (``run_storyline``); given only a briefing, it reads its example figures and scores."""
    from storyline.evaluation.briefing.system import System
    from storyline.models import Briefing, Document, DocumentRef

    docs = [Document(id=d, source=f"{d}.txt", source_kind="txt", raw_text="x", text="x",
                     content_hash=d) for d in ("a", "b")]  # fmt: skip
    figures = {f.id: f for f in (_figure("a", 1, 5), _figure("b", 1, 7), _figure("b", 2, 7))}
    group = FigureGroup(id="fg:trade", measure="trade", figure_ids=list(figures),
                        documents=["a", "b"])  # fmt: skip
    briefing = Briefing(
        generated_by="test",
        documents=[DocumentRef.of(docs[0], 0.8), DocumentRef.of(docs[1])],
        figure_groups=[briefed_figure_group(group, figures)],
    )
    alone = System(briefing, docs)
    assert list(alone.figures) == ["a:f1", "b:f1"]  # the examples: one per value
    assert [(q.doc_id, q.score) for q in alone.quality or ()] == [("a", 0.8)]
    stored = [Quality(doc_id="b", score=0.3, signals={"quotes": 2.0}, reasons=[])]
    full = System(briefing, docs, all_figures=list(figures.values()), quality=stored)
    assert list(full.figures) == list(figures) and full.quality == stored
