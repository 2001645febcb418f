"""A page of figure groups reads its groups' first figures together (``store.figure_previews``):
the same figures, in the same order, with the same counts as reading each group's page, in a
few queries for the page instead of two a group."""

from __future__ import annotations

from pathlib import Path

from storyline.models import FigureGroup
from storyline.store import Store


def test_the_first_figures_of_a_page_of_groups_are_each_group_s_first_page(
    demo_build: tuple[Path, dict], tmp_path: Path
) -> None:
    path = tmp_path / "s.db"
    path.write_bytes((demo_build[0] / "storyline.db").read_bytes())
    with Store(path) as store:
        groups = store.corpus_items("figure-group", store.ranked_figure_group_ids(50), FigureGroup)
        # a figure the store lacks (its document gone) and one listed twice
        lacking = "no-such-figure"
        first = groups[0].model_copy(update={"figure_ids": [lacking, *groups[0].figure_ids]})
        twice = groups[1].model_copy(update={"figure_ids": groups[1].figure_ids * 2})
        asked = [(g.id, g.figure_ids) for g in [first, twice, *groups[2:]]]
        statements: list[str] = []
        store.db.set_trace_callback(statements.append)
        previews = store.group_previews(asked, 1)
        store.db.set_trace_callback(None)
        expected = {g.id: store.group_figures(g.id, 1) for g in groups}
    assert len(groups) > 5 and any(total > 1 for _, total in expected.values())
    for group_id, (figures, total) in expected.items():
        assert previews[group_id] == (figures, total * (2 if group_id == twice.id else 1))
    # which figures are stored, the first ones' rows, and their documents' texts (each
    # inflated once: the rows keep their sentences as spans, store/figure_spans.py)
    assert len(statements) == 3
