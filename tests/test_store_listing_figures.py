"""The figure groups' index counts each group's stored figures as the per-group count did
(one grouped count now: the per-group lookup scanned every member, groups × members)."""

from __future__ import annotations

import shutil
from pathlib import Path

from storyline.store import Store
from storyline.store.listing_sql import STATUS_RANK

#: The definition: each group's stored figures counted by its own lookup, ranked, in rank order.
PER_GROUP = f"""
    SELECT id, status, figures, ROW_NUMBER() OVER (ORDER BY {STATUS_RANK}, -figures, id)
    FROM (SELECT g.id AS id, json_extract(g.data, '$.status') AS status,
            (SELECT count(*) FROM figure_members fm JOIN figures f ON f.id = fm.figure_id
             WHERE fm.group_id = g.id) AS figures
          FROM corpus_json g WHERE g.kind = 'figure-group')"""


def test_the_figure_group_index_counts_each_group_s_stored_figures(
    demo_build, tmp_path: Path
) -> None:
    path = tmp_path / "storyline.db"
    shutil.copy(demo_build[0] / "storyline.db", path)
    with Store(path) as store:
        db = store.db
        grouped = db.execute(
            "SELECT group_id, min(figure_id) FROM figure_members GROUP BY group_id"
            " ORDER BY count(*) DESC, group_id"
        ).fetchall()
        assert len(grouped) > 2
        db.execute("DELETE FROM figures WHERE id = ?", (grouped[0][1],))  # one counted less
        db.execute(  # none left of another (the members are refilled from the view)
            "DELETE FROM figures WHERE id IN (SELECT figure_id FROM figure_members"
            " WHERE group_id = ?)",
            (grouped[1][0],),
        )
        with store.transaction():
            store._fill_listing()
        expected = db.execute(PER_GROUP).fetchall()
        found = db.execute(
            "SELECT id, status, figures, rank FROM figure_group_index ORDER BY rowid"
        ).fetchall()
        assert found == expected
        assert 0 in {row[2] for row in found} and len({row[2] for row in found}) > 1
