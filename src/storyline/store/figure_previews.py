"""The first figures of a page of figure groups, read together (issue 19, the web app under
load): the figures page shows 50 groups with their first few figures each."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.store.connection import StoreConnection, id_chunks
from storyline.store.span_texts import figure_jsons


class FigurePreviewTable(StoreConnection):
    """The first figures of many figure groups."""

    def group_previews(
        self, groups: Sequence[tuple[str, Sequence[str]]], limit: int
    ) -> dict[str, tuple[list[str], int]]:
        """``group_figures(group, limit)`` of each (group id, its figure ids in the group's
        order): group id -> (the stored JSON of its first ``limit`` stored figures, how many of
        its figures are stored). Read from the groups the caller holds, in two queries per few
        hundred figures instead of two a group, each inflating the group's JSON again: which of
        the figures are stored (their index alone), then the first ones' JSON, and their
        documents' texts to put their sentences back (``figure_spans``)."""
        every = list(dict.fromkeys(i for _, ids in groups for i in ids))
        stored: set[str] = set()
        for chunk in id_chunks(every):
            marks = ",".join("?" * len(chunk))
            stored.update(
                r[0]
                for r in self.db.execute(f"SELECT id FROM figures WHERE id IN ({marks})", chunk)
            )
        firsts = {group_id: [i for i in ids if i in stored] for group_id, ids in groups}
        wanted = list(dict.fromkeys(i for ids in firsts.values() for i in ids[:limit]))
        data: dict[str, str] = {}
        for chunk in id_chunks(wanted):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT id, doc_id, data FROM figures WHERE id IN ({marks})", chunk
            ).fetchall()
            jsons = figure_jsons(self.db, [(doc_id, value) for _, doc_id, value in rows])
            data.update((row[0], text) for row, text in zip(rows, jsons, strict=True))
        return {
            group_id: ([data[i] for i in present[:limit]], len(present))
            for group_id, present in firsts.items()
        }
