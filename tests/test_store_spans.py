"""Text the store keeps once (issue 18, store on disk): an entity's mention rows and the
sentence index hold spans of a document's clean text, not copies of it, and read back exactly
what a copy would have; rows an older store wrote with their text read the same."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from storyline.models import DocumentAnalysis, Entity, Sentence
from storyline.store import Store
from storyline.store.codec import mention_rows, packed, packed_against, register, unpacked
from storyline.store.documents import RAW_TEXT
from storyline.store.schema import MIGRATIONS
from tests.conftest import make_document


def _copy_of(store_path: Path, to: Path) -> Path:
    with sqlite3.connect(store_path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(store_path, to)
    return to


def _entity_pages(store: Store) -> dict[str, tuple[str, int] | None]:
    ids = [row[0] for row in store.db.execute("SELECT id FROM entity_index ORDER BY id")]
    return {e: store.entity_slice(e, 5, 1) for e in ids}


def test_mention_rows_keep_their_sentence_as_a_span_and_read_it_back(
    demo_build, tmp_path: Path
) -> None:
    out, _ = demo_build
    with Store(_copy_of(out / "storyline.db", tmp_path / "store.db")) as store:
        rows = [unpacked(r[0]) for r in store.db.execute("SELECT data FROM entity_mentions")]
        assert rows and all('"sentence":null' in row for row in rows)
        texts = dict(
            store.db.execute("SELECT id, document_text(clean_text) FROM documents").fetchall()
        )
        for entity in store.corpus("entity", Entity):
            sliced = store.entity_slice(entity.id, 1000)
            assert sliced is not None
            page = Entity.model_validate_json(sliced[0])
            # the very mentions the stored view holds, sentences included, in order
            assert page.mentions == entity.mentions
            for mention in page.mentions:
                p = mention.provenance
                assert p.sentence == texts[p.doc_id][p.sentence_start : p.sentence_end]
                assert p.sentence and p.start >= p.sentence_start and p.end <= p.sentence_end


def test_mention_rows_written_with_their_sentence_read_the_same(demo_build, tmp_path: Path) -> None:
    """An older store's rows (or a sentence that is not the span it names) hold the text."""
    out, _ = demo_build
    path = _copy_of(out / "storyline.db", tmp_path / "store.db")
    with Store(path) as store:
        expected = _entity_pages(store)
    with sqlite3.connect(path) as db:
        register(db)
        texts = dict(db.execute("SELECT id, document_text(clean_text) FROM documents").fetchall())
        blocks = db.execute("SELECT entity_key, block, data FROM entity_mentions").fetchall()
        for entity_key, block, data in blocks:
            rows = mention_rows(data)
            for at, row in enumerate(rows):
                p = json.loads(row)["provenance"]
                sentence = texts[p["doc_id"]][p["sentence_start"] : p["sentence_end"]]
                (rows[at],) = db.execute(
                    "SELECT json_replace(?, '$.provenance.sentence', ?)", (row, sentence)
                ).fetchone()
            db.execute(
                "UPDATE entity_mentions SET data = ? WHERE entity_key = ? AND block = ?",
                ("\n".join(rows), entity_key, block),
            )
        kinds = db.execute("SELECT DISTINCT typeof(data) FROM entity_mentions").fetchall()
        nulls = db.execute(
            "SELECT COUNT(*) FROM entity_mentions WHERE instr(data, '\"sentence\":null') > 0"
        ).fetchone()[0]
    assert kinds == [("text",)] and nulls == 0  # every row holds its sentence, as before
    with Store(path) as store:
        assert _entity_pages(store) == expected
    assert any(page and page[1] > 1 for page in expected.values())


def test_a_mention_whose_sentence_is_not_its_span_keeps_it(demo_build, tmp_path: Path) -> None:
    out, _ = demo_build
    path = _copy_of(out / "storyline.db", tmp_path / "store.db")
    with Store(path) as store:
        entity = store.corpus("entity", Entity)[0]
        odd = entity.mentions[0].model_copy(deep=True)
        odd.provenance.sentence = "A sentence this document does not hold."
        changed = entity.model_copy(update={"mentions": [odd, *entity.mentions[1:]]})
        store.db.execute(
            "UPDATE corpus_items SET data = ? WHERE kind = 'entity' AND id = ?",
            (packed(changed.model_dump_json()), entity.id),
        )
        store.db.execute("DELETE FROM listing_state")
        store.ensure_listing()
        sliced = store.entity_slice(entity.id, 1000)
        assert sliced is not None
        assert Entity.model_validate_json(sliced[0]).mentions == changed.mentions


REPORT = (
    "Flooding closed the port of Rotterdam on Monday. Shipping firms said cargo was diverted"
    " to Antwerp. The port authority expects to reopen on Wednesday."
)

AGAIN = "Shipping resumed at Antwerp on Friday. Dock workers returned."


def _sentences(doc_id: str, text: str) -> list[Sentence]:
    """The text's sentences (each ends at a full stop), with their offsets."""
    found, start = [], 0
    for n, part in enumerate(text.split(". ")):
        end = start + len(part) + (0 if part.endswith(".") else 1)
        found.append(Sentence(doc_id=doc_id, index=n, start=start, end=end, text=text[start:end]))
        start = end + 1
    return found


def _index_reads(store: Store) -> tuple[object, ...]:
    words = ['"port"', '"Antwerp"', '"reopen"', '"cargo" OR "port"', "ship*", '"Monday"']
    return (
        [store.search_sentences(w) for w in words],
        store.sentence_frequencies(words),
        store.sentences_at([("r", 0), ("r", 49), ("w", 0)]),
        store.count_sentences(),
    )


def test_the_sentence_index_holds_spans_and_finds_their_text() -> None:
    with Store(":memory:") as store:
        store.add_documents([make_document(REPORT, "r")])
        sentences = _sentences("r", store.document("r").text)
        store.save_analyses([DocumentAnalysis(doc_id="r", version="1", sentences=sentences)])
        kept = store.db.execute("SELECT COUNT(*), COUNT(text) FROM sentences").fetchone()
        assert kept == (3, 0)  # every sentence is its span of the clean text: no copy
        [hit] = store.search_sentences('"Antwerp"')
        assert (hit.index, hit.text) == (1, sentences[1].text)
        assert [h.text for h in store.sentences_at([("r", sentences[2].start)])] == [
            sentences[2].text
        ]
        assert store.sentence_frequencies(['"port"', '"Rotterdam"']) == {
            '"port"': 2,
            '"Rotterdam"': 1,
        }


def test_a_changed_or_removed_document_takes_its_sentences_out_of_the_index() -> None:
    """The index forgets a sentence by the text it indexed, read from the document: it must
    still be there when the sentence goes (an update, a replacement, a removal)."""
    with Store(":memory:") as store:
        store.add_documents([make_document(REPORT, "r")])
        store.save_analyses(
            [DocumentAnalysis(doc_id="r", version="1", sentences=_sentences("r", REPORT))]
        )
        revised = store.document("r").model_copy(update={"text": "Trade resumed in Rotterdam."})
        assert store.revise_documents([revised]) == 1
        assert store.sentence_frequencies(['"Antwerp"', '"Rotterdam"']) == {
            '"Antwerp"': 0,
            '"Rotterdam"': 0,
        }
        text = AGAIN
        store.add_documents([make_document(text, "w")])
        store.save_analyses(
            [DocumentAnalysis(doc_id="w", version="1", sentences=_sentences("w", text))]
        )
        changed = text + " Ferries sailed again."
        assert store.add_documents([make_document(changed, "w")]).updated == ["w"]
        store.save_analyses(
            [DocumentAnalysis(doc_id="w", version="2", sentences=_sentences("w", changed))]
        )
        assert store.sentence_frequencies(['"Antwerp"', '"ferries"']) == {
            '"Antwerp"': 1,
            '"ferries"': 1,
        }
        store.db.execute("DELETE FROM documents WHERE id = 'w'")
        assert store.sentence_frequencies(['"Antwerp"', '"ferries"']) == {
            '"Antwerp"': 0,
            '"ferries"': 0,
        }
        assert store.count_sentences() == 0
        store.db.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")


def test_an_older_store_s_sentences_move_to_spans_and_search_the_same(tmp_path: Path) -> None:
    """A store of schema 6 held each sentence's text and an index over that copy; the
    migration keeps a text only where it is not its span, and every search reads the same."""
    texts = {"r": REPORT, "w": AGAIN}
    with Store(tmp_path / "new.db") as fresh:
        fresh.add_documents([make_document(t, i) for i, t in texts.items()])
        analyses = [
            DocumentAnalysis(doc_id=i, version="1", sentences=_sentences(i, t))
            for i, t in texts.items()
        ]
        # a sentence whose text is not its span (none a build writes): kept as written
        odd = analyses[1].sentences[1].model_copy(update={"text": "Dock workers came back."})
        analyses[1].sentences[1] = odd
        fresh.save_analyses(analyses)
        expected = _index_reads(fresh)
        documents = fresh.documents()
        stored = fresh.db.execute("SELECT COUNT(*), COUNT(text) FROM sentences").fetchone()
    assert stored == (5, 1)
    old = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    register(old)  # document_text: the new store's texts are deflated
    for script in MIGRATIONS[:6]:
        old.executescript(script)
    old.execute("PRAGMA user_version = 6")
    old.execute("ATTACH DATABASE ? AS new", (str(tmp_path / "new.db"),))
    old.execute(  # as an older store wrote them: every raw text written out
        "INSERT INTO documents SELECT rowid, id, content_hash, source, source_kind, title,"
        f" published, {RAW_TEXT}, document_text(clean_text), unpacked(data), added_at"
        " FROM new.documents"
    )
    old.execute(
        "INSERT INTO sentences (rowid, doc_id, idx, start, end, text)"
        " SELECT s.rowid, s.doc_id, s.idx, s.start, s.end,"
        " coalesce(s.text, substr(document_text(d.clean_text), s.start + 1, s.end - s.start))"
        " FROM new.sentences s JOIN new.documents d ON d.id = s.doc_id ORDER BY s.rowid"
    )
    old.execute("DETACH DATABASE new")
    assert old.execute("SELECT COUNT(text) FROM sentences").fetchone()[0] == 5
    old.close()
    with Store(tmp_path / "old.db") as upgraded:
        assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        kept = upgraded.db.execute("SELECT text FROM sentences WHERE text IS NOT NULL")
        assert kept.fetchall() == [("Dock workers came back.",)]
        assert _index_reads(upgraded) == expected
        kinds = upgraded.db.execute("SELECT DISTINCT typeof(raw_text) FROM documents")
        assert kinds.fetchall() == [("blob",)]  # both raw texts were their clean texts
        assert upgraded.db.execute(  # and the clean texts are deflated (text_schema)
            "SELECT DISTINCT typeof(clean_text) FROM documents"
        ).fetchall() == [("blob",)]
        assert upgraded.documents() == documents
        assert upgraded.search_sentences('"came"')[0].text == "Dock workers came back."
        upgraded.db.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
    assert all(expected[0]) and expected[3] == 5


def test_a_raw_text_that_is_the_clean_text_is_kept_once() -> None:
    plain = make_document(REPORT, "r")
    page = make_document(f"Big Headline Here\n{AGAIN}\nRead Also: Ten places to visit", "p")
    assert plain.raw_text == plain.text and page.raw_text != page.text
    with Store(":memory:") as store:
        store.add_documents([plain, page])
        kinds = dict(store.db.execute("SELECT id, typeof(raw_text) FROM documents").fetchall())
        assert kinds == {"r": "blob", "p": "blob"}  # "p" deflated, "r" the empty marker
        assert store.db.execute(
            "SELECT id, length(raw_text) FROM documents ORDER BY id"
        ).fetchall() == [("p", len(packed_against(page.raw_text, page.text))), ("r", 0)]
        assert store.documents() == [page, plain]
        sizes = {d.id: d.raw_chars for d in store.corpus_documents()}
        assert sizes == {"r": len(REPORT), "p": len(page.raw_text)}
        # a pile stage revises the clean text: the raw text read back stays what it was
        revised = plain.model_copy(update={"text": "Flooding closed the port of Rotterdam."})
        assert store.revise_documents([revised]) == 1
        assert store.document("r") == revised and store.document("r").raw_text == REPORT
        back = revised.model_copy(update={"text": REPORT})
        store.revise_documents([back])
        assert store.document("r") == plain
        assert store.db.execute(
            "SELECT typeof(raw_text) FROM documents WHERE id = 'r'"
        ).fetchone() == ("blob",)
