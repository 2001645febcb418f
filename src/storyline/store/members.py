"""Pages of the members of one big item: a figure group's figures and a story's articles;
and big items read with their member lists cut to a preview.

A figure group of a 10,000-document corpus can hold hundreds of figures and a story hundreds
of articles; a list of fifty such items that carried every member made the figures and stories
pages grow with the corpus (megabytes, seconds each). Lists show a bounded preview of each
item and the item's own page shows the rest, a page at a time: both read the members here, in
a stable order, with their full count, so every member stays reachable.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from storyline.store.codec import unpacked
from storyline.store.connection import StoreConnection, id_chunks
from storyline.store.span_texts import figure_jsons

_GROUP_FIGURES = (
    " FROM corpus_json g, json_each(g.data, '$.figure_ids') j"
    " JOIN figures f ON f.id = j.value WHERE g.kind = 'figure-group' AND g.id = ?"
)
_STORY_DOCUMENTS = (
    " FROM story_documents sd JOIN doc_rank r ON r.doc_id = sd.doc_id WHERE sd.story_id = ?"
)


class MemberPages(StoreConnection):
    """Paged reads of the members of one figure group or one story."""

    def corpus_page_ids(self, kind: str, limit: int, offset: int = 0) -> list[str]:
        """A page of the ids of ``kind``, in the stored view's order (as ``corpus_page``)."""
        rows = self.db.execute(
            "SELECT id FROM corpus_items WHERE kind = ? ORDER BY sort_key, id LIMIT ? OFFSET ?",
            (kind, limit, offset),
        )
        return [row[0] for row in rows]

    def item_previews(self, kind: str, ids: Sequence[str]) -> dict[str, tuple[str, dict[str, int]]]:
        """Previews of the items of ``kind`` with these ids (id -> the item's JSON with its
        member lists cut as ``PREVIEW_CUTS`` says, and each cut list's full length): a list of
        events or story cards shows a few members of each and says how many there are, and
        the item's own page pages through them. Unknown ids are left out."""
        found: dict[str, tuple[str, dict[str, int]]] = {}
        for chunk in id_chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT id, data, totals FROM item_previews WHERE kind = ? AND id IN ({marks})",
                [kind, *chunk],
            )
            for item_id, data, totals in rows:
                found[item_id] = (unpacked(data), json.loads(totals))
        return found

    def group_figures(self, group_id: str, limit: int, offset: int = 0) -> tuple[list[str], int]:
        """(The stored JSON of a page of the group's figures, in the group's own order; how many
        of its figures are stored in all.) Figures the store lacks are left out of both."""
        total = self.db.execute("SELECT COUNT(*)" + _GROUP_FIGURES, (group_id,)).fetchone()[0]
        rows = self.db.execute(
            "SELECT f.doc_id, f.data" + _GROUP_FIGURES + " ORDER BY j.key LIMIT ? OFFSET ?",
            (group_id, limit, offset),
        ).fetchall()
        return figure_jsons(self.db, rows), int(total)

    def story_document_ids(
        self, story_id: str, limit: int, offset: int = 0
    ) -> tuple[list[str], int]:
        """(A page of the story's stored articles, best source first — by quality score,
        unscored as 0, then by id —; how many it has in all.)"""
        total = self.db.execute("SELECT COUNT(*)" + _STORY_DOCUMENTS, (story_id,)).fetchone()[0]
        rows = self.db.execute(
            "SELECT sd.doc_id"
            + _STORY_DOCUMENTS
            + " ORDER BY -coalesce(r.score, 0.0), sd.doc_id LIMIT ? OFFSET ?",
            (story_id, limit, offset),
        )
        return [row[0] for row in rows], int(total)

    def story_document_pages(
        self, story_ids: Sequence[str], limit: int
    ) -> dict[str, tuple[list[str], int]]:
        """``story_document_ids(story, limit)`` of many stories in one query per few hundred
        (the Stories page's hundred cards made two queries each): story id -> (its first
        ``limit`` articles in the same order, how many it has). Stories without stored
        articles are left out."""
        found: dict[str, tuple[list[str], int]] = {}
        for chunk in id_chunks(list(dict.fromkeys(story_ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT story_id, doc_id, n FROM (SELECT sd.story_id, sd.doc_id,"
                " ROW_NUMBER() OVER (PARTITION BY sd.story_id"
                " ORDER BY -coalesce(r.score, 0.0), sd.doc_id) AS k,"
                " COUNT(*) OVER (PARTITION BY sd.story_id) AS n"
                " FROM story_documents sd JOIN doc_rank r ON r.doc_id = sd.doc_id"
                f" WHERE sd.story_id IN ({marks})) WHERE k <= ? ORDER BY story_id, k",
                [*chunk, limit],
            )
            for story_id, doc_id, total in rows:
                found.setdefault(story_id, ([], int(total)))[0].append(doc_id)
        return found

    def figure_groups_of_stories(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        """Each story's key figure groups (the first ``PREVIEW_KEY_FIGURES`` of its articles'
        groups, unkeyed first, then in stored order), kept with the previews: story id -> the
        groups' ids (stories without any left out)."""
        previews = self.item_previews("story-figure-groups", story_ids)
        return {story_id: json.loads(data) for story_id, (data, _) in previews.items()}
