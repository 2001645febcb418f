"""The readers that cut sentences from the deflated texts (store/span_texts.py, issue 18: the
readers the deflated texts made slower) read what SQL read before, byte for byte, on the demo
build and on stores written in the older forms, and inflate each document's text once a read
instead of once per sentence."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from storyline.models import DocumentAnalysis, Entity, Mention, Provenance, Sentence
from storyline.store import Store, codec
from storyline.store.codec import mention_rows, packed, unpacked
from storyline.store.listing_schema import ENTITY_ROW, MENTION_ROWS
from storyline.store.listing_sql import MENTION_ROW
from storyline.store.search import SentenceHit
from storyline.store.span_texts import inflated_prefix, iter_whole_entities
from storyline.store.text_schema import SENTENCE_TEXT
from tests.conftest import make_document
from tests.test_store_texts import _as_schema_20

# The readers as SQL made them before (the reference the Python cuts are held to).
_ENTITIES_BY_SQL = "SELECT data FROM corpus_json WHERE kind = 'entity' ORDER BY sort_key, id"
_SLICE_BY_SQL = (
    f"SELECT json_set({ENTITY_ROW.format(c='c')}, '$.mentions',"
    f" (SELECT json_group_array(json({MENTION_ROW}))"
    f" FROM (SELECT j.value AS m FROM entity_mentions em, {MENTION_ROWS.format(b='em')} j"
    " WHERE em.entity_key = e.position ORDER BY em.block, j.key LIMIT ?2 OFFSET ?3))),"
    " e.mention_rows"
    " FROM entity_index e JOIN corpus_items c ON c.kind = 'entity' AND c.id = e.id"
    " WHERE e.id = ?1"
)
_SENTENCES_BY_SQL = (
    f"SELECT s.doc_id, s.idx, s.start, s.end, {SENTENCE_TEXT.format(s='s')} FROM sentences s"
)
_TIMEX_SENTENCES_BY_SQL = f"""
    SELECT t.doc_id, t.position, (SELECT {SENTENCE_TEXT.format(s="s")} FROM sentences s
        WHERE s.doc_id = t.doc_id AND s.start = t.sentence_start ORDER BY s.idx LIMIT 1)
    FROM timexes t
"""


def _copy_of(store_path: Path, to: Path) -> Path:
    with sqlite3.connect(store_path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(store_path, to)
    return to


def _row(hit: SentenceHit) -> tuple[str, int, int, int, str]:
    return (hit.doc_id, hit.index, hit.start, hit.end, hit.text)


def _assert_reads_as_sql(store: Store) -> None:
    """Every changed reader against the SQL it replaced, on every entity and sentence."""
    db = store.db
    assert list(iter_whole_entities(db, batch=3)) == [r for (r,) in db.execute(_ENTITIES_BY_SQL)]
    entities = store.corpus("entity", Entity)
    assert [e.model_dump_json() for e in entities] == [
        Entity.model_validate_json(r).model_dump_json() for (r,) in db.execute(_ENTITIES_BY_SQL)
    ]
    for entity in entities:
        for limit, offset in ((1000, 0), (5, 1), (0, 0)):
            by_sql = db.execute(_SLICE_BY_SQL, (entity.id, limit, offset)).fetchone()
            assert store.entity_slice(entity.id, limit, offset) == (by_sql[0], by_sql[1])
    sentences = {(d, i): (d, i, s, e, t) for d, i, s, e, t in db.execute(_SENTENCES_BY_SQL)}
    keys = [(d, s) for d, _, s, _, _ in sentences.values()]
    hits = store.sentences_at(keys)
    assert hits and [_row(h) for h in hits] == [sentences[h.doc_id, h.index] for h in hits]
    words = {w for h in hits[:20] for w in h.text.split() if w.isalpha() and len(w) > 5}
    for word in sorted(words):
        for hit in store.search_sentences(f'"{word}"', 10):
            assert _row(hit) == sentences[hit.doc_id, hit.index]
    told = store.told_at(keys)
    by_sql = {(d, n): s for d, n, s in db.execute(_TIMEX_SENTENCES_BY_SQL)}
    rows = db.execute("SELECT doc_id, position, data FROM timexes ORDER BY doc_id, position")
    expected: dict[str, list[str | None]] = {}
    for doc_id, position, data in rows:
        said = json.loads(unpacked(data))["provenance"].get("sentence", by_sql[doc_id, position])
        expected.setdefault(doc_id, []).append(said)
    assert (
        expected
        and {d: [t.provenance.sentence for t in a.timexes] for d, a in told.items() if a.timexes}
        == expected
    )


def test_the_demo_build_reads_as_sql_read_it(demo_build, tmp_path: Path) -> None:
    with Store(_copy_of(demo_build[0] / "storyline.db", tmp_path / "store.db")) as store:
        nulls = store.db.execute(
            "SELECT COUNT(*) FROM entity_mentions"
            " WHERE instr(unpacked(data), '\"sentence\":null') > 0"
        ).fetchone()[0]
        assert nulls > 0  # the mention rows keep their sentences as spans: the cut is read
        _assert_reads_as_sql(store)


def test_a_store_written_in_the_older_forms_reads_as_sql_read_it(
    demo_build, tmp_path: Path
) -> None:
    """Schema 20 (texts written out, converted when opened), mention rows holding their
    sentence as TEXT, an entity's row still holding its mentions, and a sentence that is not
    its span: each read as it is."""
    new = _copy_of(demo_build[0] / "storyline.db", tmp_path / "new.db")
    _as_schema_20(new, tmp_path / "old.db")
    with Store(tmp_path / "old.db") as store:
        db = store.db
        key, block, data = db.execute(  # a block of two mention rows at least
            "SELECT entity_key, block, data FROM entity_mentions"
            " WHERE instr(unpacked(data), char(10)) > 0 ORDER BY entity_key, block LIMIT 1"
        ).fetchone()
        rows = mention_rows(data)
        provenance = json.loads(rows[1])["provenance"]
        (text,) = db.execute(
            "SELECT document_text(clean_text) FROM documents WHERE id = ?",
            (provenance["doc_id"],),
        ).fetchone()
        sentences = [
            "A sentence of its own.",  # not its span
            text[provenance["sentence_start"] : provenance["sentence_end"]],  # a row written
        ]  # before the sentences were spans: its sentence as text
        for at, sentence in enumerate(sentences):
            (rows[at],) = db.execute(
                "SELECT json_replace(?, '$.provenance.sentence', ?)", (rows[at], sentence)
            ).fetchone()
        db.execute(  # as TEXT, as a row written before
            "UPDATE entity_mentions SET data = ? WHERE entity_key = ? AND block = ?",
            ("\n".join(rows), key, block),
        )
        whole = db.execute(
            "SELECT id, data FROM corpus_json WHERE kind = 'entity'"
            " AND id != (SELECT id FROM entity_index WHERE position = ?) LIMIT 1",
            (key,),
        ).fetchone()
        db.execute(
            "UPDATE corpus_items SET data = ? WHERE kind = 'entity' AND id = ?",
            (packed(whole[1]), whole[0]),
        )
        kinds = db.execute("SELECT DISTINCT typeof(data) FROM entity_mentions").fetchall()
        assert ("text",) in kinds
        _assert_reads_as_sql(store)


class _Inflations:
    """Which stored values zlib inflated (each call's whole input), counted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: Counter[bytes] = Counter()
        decompress, decompressobj = zlib.decompress, zlib.decompressobj
        seen = self.seen

        def counted(data: bytes, *args: Any, **kwargs: Any) -> bytes:
            seen[bytes(data)] += 1
            return decompress(data, *args, **kwargs)

        class Counted:
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                self._inflate = decompressobj(*args, **kwargs)
                self._first = True

            def decompress(self, data: bytes, *args: Any) -> bytes:
                if self._first:
                    seen[bytes(data)] += 1
                    self._first = False
                return self._inflate.decompress(data, *args)

            def __getattr__(self, name: str) -> Any:
                return getattr(self._inflate, name)

        monkeypatch.setattr(zlib, "decompress", counted)
        monkeypatch.setattr(zlib, "decompressobj", Counted)


def _entities_over_many_documents(store: Store, documents: int) -> list[Entity]:
    """Two entities each named once in every one of ``documents`` documents, in document
    order: more documents than ``document_text`` keeps, read one entity after the other."""
    docs = [make_document(f"Talks in Geneva went on. Berlin sent envoy {n}.", f"d{n:02}")
            for n in range(documents)]  # fmt: skip
    store.add_documents(docs)
    store.save_analyses(
        [
            DocumentAnalysis(
                doc_id=d.id,
                version="1",
                sentences=[
                    Sentence(doc_id=d.id, index=0, start=0, end=24, text=d.text[:24]),
                    Sentence(doc_id=d.id, index=1, start=25, end=len(d.text), text=d.text[25:]),
                ],
            )
            for d in docs
        ]
    )
    entities = []
    for name in ("Geneva", "Berlin"):
        mentions = []
        for doc in docs:
            start = doc.text.index(name)
            first = doc.text.index(".") + 1
            sentence_start, sentence_end = (
                (0, first) if start < first else (first + 1, len(doc.text))
            )
            mentions.append(
                Mention(text=name, label="GPE", model_label="GPE", entity_id=f"gpe:{name}",
                        provenance=Provenance(doc_id=doc.id, start=start, end=start + len(name),
                                              sentence=doc.text[sentence_start:sentence_end],
                                              sentence_start=sentence_start,
                                              sentence_end=sentence_end))
            )  # fmt: skip
        entities.append(
            Entity(id=f"gpe:{name}", name=name, type="GPE", mention_count=len(mentions),
                   documents=[d.id for d in docs], mentions=mentions)
        )  # fmt: skip
    store.replace_corpus({"entity": [(e.id, str(n), e) for n, e in enumerate(entities)]})
    return entities


def test_a_read_inflates_each_document_s_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails on the SQL cuts: with 24 documents named in turn by each entity, the 16 texts
    ``document_text`` keeps never held the next one, so every mention inflated its text."""
    with Store(":memory:") as store:
        entities = _entities_over_many_documents(store, 24)
        texts = {blob for (blob,) in store.db.execute("SELECT clean_text FROM documents")}
        codec._inflated_text.cache_clear()
        inflations = _Inflations(monkeypatch)
        assert store.corpus("entity", Entity) == entities
        assert max(inflations.seen[t] for t in texts) == 1
        inflations.seen.clear()
        for entity in entities:
            page = store.entity_slice(entity.id, 100)
            assert page is not None and Entity.model_validate_json(page[0]) == entity
        assert max(inflations.seen[t] for t in texts) <= len(entities)  # once a page
        inflations.seen.clear()
        keys = [(m.provenance.doc_id, m.provenance.sentence_start) for m in entities[0].mentions]
        keys += [(m.provenance.doc_id, m.provenance.sentence_start) for m in entities[1].mentions]
        hits = store.sentences_at(keys)
        assert [h.text for h in hits] == [
            m.provenance.sentence for e in entities for m in e.mentions
        ]
        assert max(inflations.seen[t] for t in texts) == 1


def test_a_text_is_inflated_only_as_far_as_its_cuts_read() -> None:
    text = "Ünïcode first. " * 40 + "The end."
    stored = packed(text)
    for chars in (0, 1, 15, 16, 300, len(text) - 1, len(text), len(text) + 10):
        prefix = inflated_prefix(stored, chars)
        assert text.startswith(prefix) and len(prefix) >= min(chars, len(text))
    assert inflated_prefix(stored, len(text) + 10) == text
    assert inflated_prefix(text, 3) == text  # a row written as TEXT reads as it is
