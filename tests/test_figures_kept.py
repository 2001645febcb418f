"""The figure groups of each measure head kept between builds (``figures.kept``): kept groups
equal the ones made again, and a head is grouped again exactly when its figures or the map
entries they read changed (a document that changed story, or was removed)."""

from __future__ import annotations

import pytest

from storyline.figures import join
from storyline.figures.extract import extract_figures
from storyline.figures.group import block_key, group_figures, head_blocks
from storyline.figures.kept import KeptHead, content_key, figure_rows, still_grouped
from storyline.models import DocumentAnalysis, Figure
from storyline.pipeline import corpus_parts
from storyline.pipeline.corpus_parts import (
    figure_part,
    partitioned_figure_groups,
    stored_figure_groups,
)
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


def test_a_head_key_names_its_figures_and_a_kept_head_its_entries(
    demo_figures: list[Figure],
) -> None:
    """The key digests the head's figures in order (as rows, each told apart by its length);
    the map entries they read are kept in the row and compared with the build's."""
    head = max(head_blocks(demo_figures), key=len)
    doc = head[0].provenance.doc_id
    key = content_key(figure_rows(head))
    assert key == content_key(figure_rows(list(head)))
    assert key != content_key(figure_rows(head[1:]))
    assert key != content_key(figure_rows(head[::-1]))
    changed = [head[0].model_copy(update={"measure_key": head[0].measure_key + "|x"}), *head[1:]]
    assert key != content_key(figure_rows(changed))
    assert content_key([b"ab", b"c"]) != content_key([b"a", b"bc"])
    [kept] = figure_part(([head], {}, {}, {}))
    assert kept.docs == sorted({f.provenance.doc_id for f in head})
    assert still_grouped(kept, {"other": "x"}, {}, {"other": "s"})  # entries it never reads
    assert not still_grouped(kept, {doc: "original"}, {}, {})  # its document became a copy
    assert not still_grouped(kept, {}, {}, {doc: "s"})  # or joined a story
    party = kept.parties[0]
    assert not still_grouped(kept, {}, {party: "country"}, {})  # a party it names placed
    assert still_grouped(KeptHead.model_validate_json(kept.model_dump_json()), {}, {}, {})


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


def test_a_build_reads_as_figures_only_the_heads_it_groups_and_the_groups_compared(
    demo_stored, tmp_path
) -> None:
    """From the store (``stored_figure_groups``) the groups are those made from every figure,
    at the first build, again and after a document changed story; the figures read are the
    heads grouped again and the members of the groups that share a restatement block."""
    documents, analyses, _ = demo_stored
    figures = [f for a in sorted(analyses, key=lambda a: a.doc_id) for f in a.figures]
    stories = {f.provenance.doc_id: "story-a" for f in figures}
    with Store(tmp_path / "s.db") as store:
        store.add_documents(documents)
        store.save_analyses(analyses)
        asked: list[str] = []
        real = store.figures_by_id
        store.figures_by_id = lambda ids: asked.extend(ids) or real(ids)  # type: ignore[method-assign]

        def groups(story_of: dict[str, str]) -> list:
            asked.clear()
            made = stored_figure_groups(LOCAL_RUNNER, store, {}, {}, story_of)
            assert made == group_figures(figures, {}, {}, story_of)  # as from every figure
            return made

        groups(stories)
        assert sorted(asked) == sorted(f.id for f in figures)  # every head grouped
        groups(stories)
        assert set(asked) <= _compared_members(figures, stories)
        doc = max(stories, key=lambda d: sum(f.provenance.doc_id == d for f in figures))
        moved = {**stories, doc: "story-b"}
        groups(moved)
        touched = {f.id for f in figures if block_key(f)[1] in _heads_of(figures, doc)}
        assert touched and touched <= set(asked) <= touched | _compared_members(figures, moved)


def test_the_groups_a_restatement_may_join_are_read_again_and_joined(nlp, tmp_path) -> None:
    """Kept heads whose groups the restatement pass compares (the contract and the deal of
    one story, whose value ranges meet) are read as figures again, so the pass joins them as
    from every figure; the loan of that story (another value) and the grant of another story
    are not read."""
    documents = [make_document(s, doc_id=f"d{i}") for i, s in enumerate(RESTATED)]
    analyses = [
        DocumentAnalysis(doc_id=d.id, version="v", figures=extract_figures(d, nlp(d.text), []))
        for d in documents
    ]
    figures = [f for a in analyses for f in a.figures]
    stories = {"d0": "story-a", "d1": "story-a", "d2": "story-a", "d3": "story-b"}  # the grant
    with Store(tmp_path / "s.db") as store:
        store.add_documents(documents)
        store.save_analyses(analyses)
        first = stored_figure_groups(LOCAL_RUNNER, store, {}, {}, stories)
        asked: list[str] = []
        real = store.figures_by_id
        store.figures_by_id = lambda ids: asked.extend(ids) or real(ids)  # type: ignore[method-assign]
        again = stored_figure_groups(LOCAL_RUNNER, store, {}, {}, stories)
    assert again == first == group_figures(figures, {}, {}, stories)
    assert len(first) < len(head_blocks(figures))  # the contract and the deal joined
    assert sorted(asked) == ["d0:f1", "d1:f1"]
    assert _compared_members(figures, stories) == {"d0:f1", "d1:f1", "d2:f1"}  # one block


def _compared_members(figures: list[Figure], stories: dict[str, str]) -> set[str]:
    """The figures of the groups that share a restatement block with another group."""
    from collections import Counter

    heads = [
        (groups, join.restatement_blocks(groups, head, stories))
        for head in head_blocks(figures)
        for groups in [group_figures(head, {}, {}, stories)]
    ]
    shared = Counter(b for _, blocks in heads for b in blocks if b is not None)
    return {
        f
        for groups, blocks in heads
        for g, b in zip(groups, blocks, strict=True)
        if b is not None and shared[b] > 1
        for f in g.figure_ids
    }


def test_a_head_reads_each_figure_s_numbers_once(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Grouping a head asks for each figure's value range three times (a class's clusters sort
    by it and sweep, the head keeps it); the written precision behind it is worked out once
    per text, kind, unit and value (``compare.precision``), with the same ranges."""
    from storyline.figures import compare

    documents = [make_document(s, doc_id=f"r{i}") for i, s in enumerate(RESTATED)]
    figures = [f for d in documents for f in extract_figures(d, nlp(d.text), [])]
    expected = {f.id: compare.value_range(f) for f in figures}
    compare._precision.cache_clear()
    read: list[str] = []
    real = compare.find_quantities
    monkeypatch.setattr(compare, "find_quantities", lambda text: read.append(text) or real(text))
    stories = {f.provenance.doc_id: "s" for f in figures}
    made = figure_part((head_blocks(figures), {}, {}, stories))
    assert sorted(read) == sorted({f.text for f in figures})  # "$30 million" twice: once
    ranges = {i: r for head in made for i, r in head.ranges.items()}
    assert ranges and all(ranges[i] == expected[i] for i in ranges)
