"""The figure groups of each measure head kept between builds (``figures.kept``): kept groups
equal the ones made again, and a head is grouped again exactly when its figures or the map
entries they read changed (a document that changed story, or was removed)."""

from __future__ import annotations

import pytest

from storyline.figures import join
from storyline.figures.extract import extract_figures
from storyline.figures.group import block_key, group_figures, head_blocks
from storyline.figures.kept import head_key, head_slices
from storyline.models import Figure
from storyline.pipeline import corpus_parts
from storyline.pipeline.corpus_parts import partitioned_figure_groups
from storyline.pipeline.partition import LOCAL_RUNNER
from storyline.store import Store
from tests.conftest import make_document


@pytest.fixture(scope="module")
def demo_figures(demo_build) -> list[Figure]:
    out, _ = demo_build
    with Store(out / "storyline.db") as store:
        return [f for a in store.analyses() for f in a.figures]


def _heads_of(figures: list[Figure], doc_id: str) -> set[str]:
    return {block_key(f)[1] for f in figures if f.provenance.doc_id == doc_id}


def test_kept_heads_are_read_back_and_only_changed_heads_grouped_again(
    demo_figures: list[Figure], monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = demo_figures
    stories = {f.provenance.doc_id: "story-a" for f in figures}
    grouped: list[str] = []  # the heads grouped, by name
    real = corpus_parts.head_groups
    monkeypatch.setattr(
        corpus_parts,
        "head_groups",
        lambda head, *rest: grouped.append(block_key(head[0])[1]) or real(head, *rest),
    )
    heads = {block_key(head[0])[1] for head in head_blocks(figures)}
    kept = Store()

    def groups(figs: list[Figure], story_of: dict[str, str]) -> list:
        grouped.clear()
        made = partitioned_figure_groups(LOCAL_RUNNER, figs, {}, {}, story_of, kept)
        assert made == group_figures(figs, {}, {}, story_of)  # as without the store
        return made

    assert groups(figures, stories) and set(grouped) == heads
    groups(figures, stories)
    assert grouped == []  # every head read back
    doc = max(stories, key=lambda d: sum(f.provenance.doc_id == d for f in figures))
    touched = _heads_of(figures, doc)
    assert touched and touched < heads
    groups(figures, {**stories, doc: "story-b"})  # the document joined another story
    assert set(grouped) == touched
    remaining = [f for f in figures if f.provenance.doc_id != doc]
    groups(remaining, stories)  # the document removed
    assert set(grouped) == touched & {block_key(f)[1] for f in remaining}
    rows = kept.db.execute("SELECT count(*) FROM figure_head_groups").fetchone()[0]
    assert rows == len(head_blocks(remaining))  # the rows of heads gone are dropped


def test_a_head_key_names_its_figures_and_the_entries_they_read(
    demo_figures: list[Figure],
) -> None:
    head = max(head_blocks(demo_figures), key=len)
    doc = head[0].provenance.doc_id
    key = head_key(head, head_slices(head, {}, {}, {}))
    assert key == head_key(list(head), head_slices(head, {"other": "x"}, {}, {"other": "s"}))
    assert key != head_key(head, head_slices(head, {doc: "original"}, {}, {}))
    assert key != head_key(head, head_slices(head, {}, {}, {doc: "s"}))
    assert key != head_key(head[1:] or [], head_slices(head, {}, {}, {}))
    changed = [head[0].model_copy(update={"measure_key": head[0].measure_key + "|x"}), *head[1:]]
    assert key != head_key(changed, head_slices(changed, {}, {}, {}))


RESTATED = (  # a precise value restated under another name in one story (``figures.join``)
    "Kenya signed a $412.35 million contract for coastal radars.",
    "Kenya signed the roughly $412 million deal in March 2022.",
    "Kenya took a $30 million loan.",
    "Kenya received a $30 million grant.",
)


def test_a_rebuild_reads_the_kept_value_ranges_not_the_figures_texts(
    nlp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The restatement pass sorts by value ranges; those of kept heads come back with their
    groups (``join.compared_ranges``), so a build that changed nothing works out none again,
    and its groups are still the ones made without the store."""
    documents = [make_document(s, doc_id=f"d{i}") for i, s in enumerate(RESTATED)]
    figures = [f for d in documents for f in extract_figures(d, nlp(d.text), [])]
    stories = {d.id: "story-a" for d in documents}
    worked_out: list[str] = []
    real = join.value_range
    monkeypatch.setattr(join, "value_range", lambda f: worked_out.append(f.id) or real(f))
    kept = Store()
    first = partitioned_figure_groups(LOCAL_RUNNER, figures, {}, {}, stories, kept)
    assert len(first) < len(head_blocks(figures))  # the contract and the deal joined
    assert worked_out  # the first build works out the ranges, with each head's groups
    worked_out.clear()
    again = partitioned_figure_groups(LOCAL_RUNNER, figures, {}, {}, stories, kept)
    assert worked_out == []
    assert again == first == group_figures(figures, {}, {}, stories)
