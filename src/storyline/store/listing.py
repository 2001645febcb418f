"""Indexes over the cross-document results, and the paged reads the web app and the CLI make.

A page of a 10,000-document store must not parse every entity and event: the stored view is
one JSON row per item (``corpus_items``), so the facts pages filter and sort by — a document's
quality rank and story, an entity's type, names and mention count, which entities act in an
event, which sentences name an entity, a timeline entry's date and type, a story's events, a
figure group's rank — are kept in small indexed tables (``listing_tables`` in the schema),
rebuilt by SQL from the JSON rows whenever the view is replaced (in the same transaction), and
once when an older store is opened. Pages then read ids from the indexes and parse only the
rows they show.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from storyline.store.connection import StoreConnection, id_chunks
from storyline.store.listing_schema import ENTITY_ROW
from storyline.store.listing_sql import (
    _CLEAR,
    _DOC_ROW,
    _FILL,
    _FILL_FIGURES,
    LISTING_VERSION,
    PREVIEW_VERSION,
    STRIP_MENTIONS,
    _doc_row,
    _entity_filter,
    fill_previews,
    keep_whole_entities,
)
from storyline.store.span_texts import entity_slice, figure_jsons

Model = TypeVar("Model", bound=BaseModel)


class ListingTables(StoreConnection):
    """The index tables over the stored view, and the reads that page through it."""

    def _rows_for_ids(self, sql: str, ids: Sequence[str], *before: Any) -> Iterator[Any]:
        """Rows of ``sql`` for these ids (each once): ``{marks}`` in ``sql`` takes the ids, a
        few hundred at a time (SQLite caps one statement's parameters), after ``before``."""
        for chunk in id_chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(sql.format(marks=marks), [*before, *chunk])

    # -- keeping the indexes -----------------------------------------------------------
    def ensure_listing(self) -> None:
        """Build the indexes if this store's were built by another version (or never)."""
        state = dict(self.db.execute("SELECT key, value FROM listing_state").fetchall())
        if state.get("version") != LISTING_VERSION:
            with self.transaction() as db:
                if "version" not in state:
                    db.execute("DELETE FROM figures")
                    db.execute(_FILL_FIGURES)
                self._fill_listing()
        elif state.get("previews") != PREVIEW_VERSION:
            with self.transaction() as db:
                fill_previews(db)

    def _fill_listing(self, entities_kept: bool = False) -> None:
        """Rebuild every index (inside the caller's transaction: statement by statement, as
        ``executescript`` would commit); ``entities_kept``: the writer filled ``whole_entities``."""
        keep_whole_entities(self.db, entities_kept)
        for statement in _CLEAR.split(";"):
            if statement.strip():
                self.db.execute(statement)
        for statement in _FILL:
            self.db.execute(statement)
        fill_previews(self.db)
        self.db.execute(STRIP_MENTIONS)
        self.db.execute("DELETE FROM whole_entities")
        self.db.execute(
            "INSERT OR REPLACE INTO listing_state (key, value) VALUES ('version', ?)",
            (LISTING_VERSION,),
        )
        self.db.execute(
            "INSERT INTO listing_state (key, value) VALUES ('generation', '1') ON CONFLICT (key)"
            " DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
        )

    def view_generation(self) -> str:
        """Changes each time the stored view is replaced: the key of what a long-lived reader
        (the web app) computes once per view."""
        row = self.db.execute("SELECT value FROM listing_state WHERE key = 'generation'").fetchone()
        return str(row[0]) if row else "0"

    # -- single items and counts -------------------------------------------------------
    def corpus_item(self, kind: str, item_id: str, model: type[Model]) -> Model | None:
        row = self.db.execute(
            "SELECT data FROM corpus_json WHERE kind = ? AND id = ?", (kind, item_id)
        ).fetchone()
        return model.model_validate_json(row[0]) if row else None

    def corpus_item_slice(
        self, kind: str, item_id: str, model: type[Model], path: str, limit: int, offset: int = 0
    ) -> tuple[Model, int] | None:
        """An item with only ``limit`` elements (from ``offset``) of its list at ``path`` (an
        entity's mentions), and that list's full length: a page never parses 20,000
        mentions to show 200. The slicing happens in SQLite's JSON functions."""
        row = self.db.execute(
            "SELECT json_set(data, ?3, (SELECT json_group_array(json(value)) FROM"
            " (SELECT value FROM json_each(data, ?3) ORDER BY key LIMIT ?4 OFFSET ?5))),"
            " json_array_length(data, ?3)"
            " FROM corpus_json WHERE kind = ?1 AND id = ?2",
            (kind, item_id, path, limit, offset),
        ).fetchone()
        if row is None:
            return None
        return model.model_validate_json(row[0]), int(row[1] or 0)

    def entity_rows(self, ids: Sequence[str]) -> list[str]:
        """The entities with these ids without their mentions (JSON), in the order given."""
        sql = (
            f"SELECT c.id, {ENTITY_ROW.format(c='c')} FROM corpus_items c"
            " WHERE c.kind = 'entity' AND c.id IN ({marks})"
        )
        found = dict(self._rows_for_ids(sql, ids))
        return [found[i] for i in ids if i in found]

    def entity_slice(self, entity_id: str, limit: int, offset: int = 0) -> tuple[str, int] | None:
        """An entity (JSON) with ``limit`` of its mentions from ``offset``, and how many it
        has: read from its listing row and its mentions' rows, so the page of a much named
        entity does not parse the megabytes of all its mentions; their sentences are cut with
        one inflation per document (``span_texts``)."""
        return entity_slice(self.db, entity_id, limit, offset)

    def corpus_items(
        self, kind: str, ids: Sequence[str], model: type[Model], drop: str | None = None
    ) -> list[Model]:
        """The items of ``kind`` with these ids, in the order given (missing ones left out);
        ``drop``: a JSON path removed before parsing (mentions: not put back to be dropped)."""
        column = "json_remove(unpacked(data), ?)" if drop else "data"
        before = [drop, kind] if drop else [kind]
        rows = "corpus_items" if drop == "$.mentions" else "corpus_json"
        sql = f"SELECT id, {column} FROM {rows} WHERE kind = ? AND id IN ({{marks}})"
        found = dict(self._rows_for_ids(sql, ids, *before))
        return [model.model_validate_json(found[i]) for i in ids if i in found]

    def corpus_page(
        self, kind: str, model: type[Model], limit: int, offset: int = 0
    ) -> list[Model]:
        rows = self.db.execute(
            "SELECT data FROM corpus_json WHERE kind = ? ORDER BY sort_key, id LIMIT ? OFFSET ?",
            (kind, limit, offset),
        )
        return [model.model_validate_json(row[0]) for row in rows]

    def count_corpus(self, kind: str) -> int:
        rows = self.db.execute("SELECT COUNT(*) FROM corpus_items WHERE kind = ?", (kind,))
        return int(rows.fetchone()[0])

    def corpus_counts(self) -> dict[str, int]:
        """Items of every kind, and the duplicates' members."""
        counts = dict(
            self.db.execute("SELECT kind, COUNT(*) FROM corpus_items GROUP BY kind").fetchall()
        )
        members = self.db.execute(
            "SELECT COALESCE(SUM(json_array_length(data, '$.members')), 0) FROM corpus_json"
            " WHERE kind = 'duplicate'"
        ).fetchone()[0]
        return {**counts, "duplicate-members": int(members)}

    # -- documents ---------------------------------------------------------------------
    def document_rows(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Listing fields of these documents (in the order given; unknown ids left out)."""
        rows = self._rows_for_ids(_DOC_ROW + " WHERE d.doc_id IN ({marks})", ids)
        found = {row[0]: _doc_row(row) for row in rows}
        return [found[i] for i in ids if i in found]

    def ranked_document_ids(self, limit: int, offset: int = 0) -> list[str]:
        """Documents best source first (by quality score; unscored ones last, by id)."""
        rows = self.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN doc_rank r ON r.doc_id = d.id"
            " ORDER BY r.rank IS NULL, r.rank, d.id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [row[0] for row in rows]

    def document_dates(self) -> tuple[int, int, str | None, str | None]:
        """(documents, undated documents, first and last publication date)."""
        row = self.db.execute(
            "SELECT COUNT(*), SUM(published IS NULL), MIN(published), MAX(published) FROM documents"
        ).fetchone()
        return int(row[0]), int(row[1] or 0), row[2], row[3]

    def story_of_documents(self, ids: Sequence[str]) -> dict[str, str]:
        sql = (
            "SELECT doc_id, story_id FROM doc_rank"
            " WHERE story_id IS NOT NULL AND doc_id IN ({marks})"
        )
        return dict(self._rows_for_ids(sql, ids))

    def document_rank(self, doc_id: str) -> int | None:
        row = self.db.execute(
            "SELECT rank FROM doc_rank WHERE doc_id = ? AND score IS NOT NULL", (doc_id,)
        ).fetchone()
        return int(row[0]) if row else None

    def duplicate_group_of(self, doc_id: str) -> str | None:
        row = self.db.execute(
            "SELECT canonical FROM duplicate_members WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return row[0] if row else None

    # -- entities ----------------------------------------------------------------------
    def entity_ids(
        self, kind: str | None, name: str | None, limit: int, offset: int = 0
    ) -> tuple[list[str], int]:
        """Entities most mentioned first (then by name), of a type and with a part of a name
        or alias (case-folded); and how many match in all."""
        where, params = _entity_filter(kind, name)
        total = self.db.execute(f"SELECT COUNT(*) FROM entity_index {where}", params).fetchone()
        rows = self.db.execute(
            f"SELECT id FROM entity_index {where} ORDER BY mentions DESC, name, id"
            " LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [row[0] for row in rows], int(total[0])

    def entity_names(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """id → (name, type) of these entities."""
        rows = self._rows_for_ids(
            "SELECT id, name, type FROM entity_index WHERE id IN ({marks})", ids
        )
        return {i: (n, t) for i, n, t in rows}

    def co_entities(self, entity_id: str) -> dict[str, tuple[int, int]]:
        """Other entities named in the same sentences as this one, or acting in the same
        events: id → (shared sentences, shared events)."""
        sentences = dict(
            self.db.execute(
                "SELECT i.id, COUNT(*) FROM entity_sentences me JOIN entity_sentences o"
                " ON o.sentence = me.sentence JOIN entity_index i ON i.position = o.entity_key"
                " WHERE me.entity_key = (SELECT position FROM entity_index WHERE id = ?1)"
                " AND o.entity_key != me.entity_key GROUP BY o.entity_key",
                (entity_id,),
            ).fetchall()
        )
        events = dict(
            self.db.execute(
                "SELECT o.entity_id, COUNT(*) FROM event_actors me JOIN event_actors o"
                " ON o.event_id = me.event_id WHERE me.entity_id = ?1 AND o.entity_id != ?1"
                " GROUP BY o.entity_id",
                (entity_id,),
            ).fetchall()
        )
        return {k: (sentences.get(k, 0), events.get(k, 0)) for k in {*sentences, *events}}

    def events_of_entity(
        self, entity_id: str, limit: int, offset: int = 0
    ) -> tuple[list[str], int]:
        total = self.db.execute(
            "SELECT COUNT(*) FROM event_actors WHERE entity_id = ?", (entity_id,)
        ).fetchone()[0]
        rows = self.db.execute(
            "SELECT event_id FROM event_actors WHERE entity_id = ?"
            " ORDER BY position, event_id LIMIT ? OFFSET ?",
            (entity_id, limit, offset),
        )
        return [row[0] for row in rows], int(total)

    # -- events, timeline and stories ---------------------------------------------------
    def event_of_mentions(self, mention_ids: Sequence[str]) -> dict[str, str]:
        sql = "SELECT mention_id, event_id FROM event_mentions WHERE mention_id IN ({marks})"
        return dict(self._rows_for_ids(sql, mention_ids))

    def timeline_item_ids(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        story: str | None = None,
        start: str | None = None,
        end: str | None = None,
        dated: bool = False,
        limit: int,
        offset: int = 0,
    ) -> tuple[list[str], int]:
        """Timeline entries (their item ids) in timeline order, filtered; and how many match.
        A partial date ("2023-12") covers its whole month: dates compare as intervals."""
        clauses, params = [], []
        if type:
            clauses.append("t.type = ?")
            params.append(type)
        if actor:
            clauses.append("t.event_id IN (SELECT event_id FROM event_actors WHERE entity_id = ?)")
            params.append(actor)
        if story:
            clauses.append("t.event_id IN (SELECT event_id FROM story_events WHERE story_id = ?)")
            params.append(story)
        if start or end or dated:
            clauses.append("t.date IS NOT NULL")
        if start:
            clauses.append("t.last || '~' >= ?")
            params.append(start)
        if end:
            clauses.append("t.date <= ? || '~'")
            params.append(end)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        total = self.db.execute(f"SELECT COUNT(*) FROM timeline_index t {where}", params)
        rows = self.db.execute(
            f"SELECT t.item_id FROM timeline_index t {where} ORDER BY t.position LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [row[0] for row in rows], int(total.fetchone()[0])

    def timeline_item_of_event(self, event_id: str) -> str | None:
        row = self.db.execute(
            "SELECT item_id FROM timeline_index WHERE event_id = ? ORDER BY position LIMIT 1",
            (event_id,),
        ).fetchone()
        return row[0] if row else None

    def timeline_facets(
        self, max_actors: int
    ) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[tuple[str, int]]]:
        """Counts of timeline entries by actor (the most frequent ``max_actors``), by type
        (alphabetical) and by story (in story order, counting every event of the story)."""
        actors = self.db.execute(
            "SELECT a.entity_id, COUNT(*) AS n FROM timeline_index t"
            " JOIN event_actors a ON a.event_id = t.event_id"
            " JOIN entity_index e ON e.id = a.entity_id"
            " GROUP BY a.entity_id ORDER BY n DESC, e.name LIMIT ?",
            (max_actors,),
        ).fetchall()
        types = self.db.execute(
            "SELECT type, COUNT(*) FROM timeline_index GROUP BY type ORDER BY type"
        ).fetchall()
        stories = self.db.execute(
            "SELECT s.id, (SELECT COUNT(*) FROM story_events se CROSS JOIN corpus_items e"
            " WHERE se.story_id = s.id AND e.kind = 'event' AND e.id = se.event_id)"
            " FROM corpus_items s WHERE s.kind = 'story' ORDER BY s.sort_key, s.id"
        ).fetchall()
        return actors, types, stories

    def story_event_ids(self, story_id: str, limit: int) -> tuple[list[str], int]:
        """A story's events (those it lists and those its documents report), in event order."""
        where = (
            # CROSS JOIN: SQLite's planner would otherwise walk every event of the corpus
            " FROM story_events se CROSS JOIN corpus_items e"
            " ON e.kind = 'event' AND e.id = se.event_id WHERE se.story_id = ?"
        )
        total = self.db.execute("SELECT COUNT(*)" + where, (story_id,)).fetchone()[0]
        rows = self.db.execute(
            "SELECT e.id" + where + " ORDER BY e.sort_key, e.id LIMIT ?", (story_id, limit)
        )
        return [row[0] for row in rows], int(total)

    def stories_of_documents(self, ids: Sequence[str]) -> list[str]:
        """Stories holding any of these documents, in story order."""
        sql = "SELECT story_id FROM story_documents WHERE doc_id IN ({marks})"
        found = {row[0] for row in self._rows_for_ids(sql, ids)}
        rows = self.db.execute(
            "SELECT story_id FROM story_documents GROUP BY story_id ORDER BY MIN(story_position)"
        )
        return [row[0] for row in rows if row[0] in found]

    # -- figures -----------------------------------------------------------------------
    def figures(self, ids: Sequence[str]) -> dict[str, str]:
        """Figure id → its stored JSON."""
        sql = "SELECT id, doc_id, data FROM figures WHERE id IN ({marks})"
        rows = list(self._rows_for_ids(sql, ids))
        jsons = figure_jsons(self.db, [(doc_id, data) for _, doc_id, data in rows])
        return {row[0]: data for row, data in zip(rows, jsons, strict=True)}

    def group_of_figures(self, ids: Sequence[str]) -> dict[str, str]:
        sql = "SELECT figure_id, group_id FROM figure_members WHERE figure_id IN ({marks})"
        return dict(self._rows_for_ids(sql, ids))

    def ranked_figure_group_ids(self, limit: int, offset: int = 0) -> list[str]:
        """Figure groups conflicting first, then corroborated, series, related, single-source; more
        figures first within a status."""
        rows = self.db.execute(
            "SELECT id FROM figure_group_index ORDER BY rank LIMIT ? OFFSET ?", (limit, offset)
        )
        return [row[0] for row in rows]

    def figure_status_counts(self) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT COALESCE(status, 'unknown'), COUNT(*) FROM figure_group_index GROUP BY 1"
        )
        return dict(rows.fetchall())

    def figure_groups_of_documents(self, ids: Sequence[str], limit: int) -> list[str]:
        sql = "SELECT group_id FROM figure_group_documents WHERE doc_id IN ({marks})"
        found = {row[0] for row in self._rows_for_ids(sql, ids)}
        # order only the groups found (by the primary key), not every group of the corpus
        sql = (
            "SELECT id, sort_key FROM corpus_items WHERE kind = 'figure-group' AND id IN ({marks})"
        )
        keyed = [
            (key is not None, key or "", group_id)  # SQLite puts NULL keys first
            for group_id, key in self._rows_for_ids(sql, sorted(found))
        ]
        return [group_id for _, _, group_id in sorted(keyed)[:limit]]
