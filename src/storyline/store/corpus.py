"""Cross-document results (entities, events, stories… as ``corpus_items`` rows, each kind
replaced whole) and the record of build runs with the inputs each skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import TypeVar

from pydantic import BaseModel

from storyline.models import Skipped
from storyline.store.codec import packed
from storyline.store.listing import ListingTables
from storyline.store.listing_schema import VIEW_DICTIONARIES
from storyline.store.listing_sql import WHOLE_ENTITIES
from storyline.store.span_texts import iter_whole_entities

Model = TypeVar("Model", bound=BaseModel)


class CorpusTables(ListingTables):
    """The ``corpus_items``, ``runs`` and ``skipped`` tables."""

    def replace_corpus(
        self, items: dict[str, Sequence[tuple[str, str | None, BaseModel]]], derived_by: str = ""
    ) -> None:
        """Replace every kind named in ``items`` at once: (id, sort_key, model) per row; the
        indexes over them are rebuilt in the same transaction. An entity's row is stored
        without its mentions, which its index rows keep (``listing_sql.CORPUS_JSON``).
        ``derived_by`` names the code that made the view (``derived_by()`` reads it back)."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO listing_state (key, value) VALUES ('derived_by', ?)",
                (derived_by,),
            )
            db.execute(WHOLE_ENTITIES)
            db.execute("DELETE FROM whole_entities")
            for kind, rows in items.items():
                db.execute("DELETE FROM corpus_items WHERE kind = ?", (kind,))
                cut = {"mentions"} if kind == "entity" else None  # kept in entity_mentions
                primed = VIEW_DICTIONARIES.get(kind)
                db.executemany(
                    "INSERT INTO corpus_items (kind, id, sort_key, data) VALUES (?,?,?,?)",
                    [
                        (kind, id_, key, packed(model.model_dump_json(exclude=cut), primed))
                        for id_, key, model in rows
                    ],
                )
                if kind == "entity":
                    db.executemany(
                        "INSERT INTO whole_entities (id, sort_key, data) VALUES (?,?,?)",
                        [(id_, key, model.model_dump_json()) for id_, key, model in rows],
                    )
            self._fill_listing(entities_kept="entity" in items)

    def derived_by(self) -> str:
        """What ``replace_corpus`` was told made the stored view ("" when nothing was)."""
        row = self.db.execute("SELECT value FROM listing_state WHERE key = 'derived_by'").fetchone()
        return row[0] if row else ""

    def corpus(self, kind: str, model: type[Model]) -> list[Model]:
        return list(self.iter_corpus(kind, model))

    def iter_corpus(self, kind: str, model: type[Model]) -> Iterator[Model]:
        """``corpus`` one item at a time (the cursor streams: an export never holds them all).
        Entities are read with their mentions' sentences cut a batch at a time, each
        document's text inflated once (``span_texts``), not once per mention as the view's SQL
        would: the rows are the view's, byte for byte."""
        if kind == "entity":
            rows: Iterator[str] = iter_whole_entities(self.db)
        else:
            rows = (
                data
                for (data,) in self.db.execute(
                    "SELECT data FROM corpus_json WHERE kind = ? ORDER BY sort_key, id", (kind,)
                )
            )
        for data in rows:
            yield model.model_validate_json(data)

    # -- runs and skipped inputs -----------------------------------------------------------
    def start_run(self, inputs: Sequence[str]) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO runs (started_at, inputs) VALUES (?, ?)",
                (datetime.now(UTC).isoformat(timespec="seconds"), json.dumps(list(inputs))),
            )
        assert cursor.lastrowid is not None  # an INSERT always sets it
        return cursor.lastrowid

    def finish_run(self, run_id: int, added: int, unchanged: int, skipped: list[Skipped]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO skipped (run_id, source, reason, count, examples) VALUES (?,?,?,?,?)",
                [(run_id, s.source, s.reason, s.count, json.dumps(s.examples)) for s in skipped],
            )
            db.execute(
                "UPDATE runs SET finished_at = ?, added = ?, unchanged = ?, skipped = ?"
                " WHERE id = ?",
                (
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    added,
                    unchanged,
                    sum(s.count for s in skipped),
                    run_id,
                ),
            )

    def last_skipped(self) -> list[Skipped]:
        """Inputs skipped by the most recent finished run."""
        rows = self.db.execute(
            "SELECT source, reason, count, examples FROM skipped WHERE run_id ="
            " (SELECT MAX(id) FROM runs WHERE finished_at IS NOT NULL) ORDER BY rowid"
        )
        return [Skipped(source=s, reason=r, count=c, examples=json.loads(e)) for s, r, c, e in rows]
