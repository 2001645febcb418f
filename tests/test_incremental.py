"""Incremental builds: a build after new articles reuses the stored results nothing changed
reached, and its briefing and stored view are byte for byte those of a clean build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.entities import kept as kept_names
from storyline.events import merge as events_merge
from storyline.figures.group import block_key
from storyline.models import Document, DocumentAnalysis, Quality, Summary
from storyline.pipeline import corpus_parts, kept_resolved
from storyline.pipeline.corpus_parts import partitioned_quality, reusable_quality
from storyline.pipeline.partition import LOCAL_RUNNER
from storyline.quality.scoring import score_quality
from storyline.store import Store
from storyline.stories import assemble, dedup, features, term_matrix
from storyline.summary import select
from tests.conftest import TODAY, make_document
from tests.test_stories import COACH_1, COACH_2, MERGER_1, MERGER_2, QUAKE_1, QUAKE_2, UNRELATED
from tests.test_storylines import QUAKE_3, _files

#: The second quake report with an act the event layer codes in another type family than the
#: first report's: a governor's order of days of mourning no longer codes (an order of a thing
#: that names no act is a purchase, ``plover_lexicon.tsv``), an order of an evacuation does
#: (PETRARCH2's "ORDER * EVACUATION").
QUAKE_2_ORDER = QUAKE_2.replace(
    "ordered three days of mourning", "ordered the evacuation of the harbour"
)

OUTPUTS = ("briefing.json", "report.md", "report.html")

# A strike whose leader the first report names by surname alone and the second in full: the
# second joins the two names into one person.
STRIKE_1 = (
    "Dock workers in Gdansk stayed off the job for a fifth day on Monday. Kowalczyk, who leads "
    "the strike committee, said the walkout would go on until the port authority raised pay."
)
STRIKE_2 = (
    "The port strike in Gdansk ended on Tuesday after the port authority agreed to raise pay, "
    "strike committee leader Ewa Kowalczyk told reporters at the harbour gates."
)


def _stored_view(db: Path) -> dict[str, list[str]]:
    """Every stored cross-document result, kind by kind, as the store gives it back."""
    from storyline.briefing.compose import CORPUS_KINDS, SUMMARY_KIND

    kinds = {**dict(CORPUS_KINDS.values()), SUMMARY_KIND: Summary}
    with Store(db) as store:
        return {
            kind: [m.model_dump_json() for m in store.corpus(kind, model)]
            for kind, model in kinds.items()
        }


def test_an_incremental_build_writes_what_a_clean_build_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two batches into one store, then all at once into another: the second batch joins a
    story, starts one, and brings a copy dated before its original (whose copy status, and so
    whose quality score, changes although its own text did not). The second build hashes only
    its own texts for the near-duplicates and makes only its own documents' named mentions,
    event mentions, summary candidates and story-clustering rows, and weighs only their term
    rows (the first batch's signatures, named mentions, event mentions, candidates, rows and
    weighted term rows are read back); a build
    that brings nothing new groups no figure head again and summarises no story again (their
    groups and summaries are read back), and merges again only the event merges' parts that
    the second batch reaches (the rest are read back)."""
    from storyline.pipeline.build import BuildOptions, build

    hashed: list[str] = []
    real_signature = dedup.signature
    monkeypatch.setattr(
        dedup, "signature", lambda text, params: hashed.append(text) or real_signature(text, params)
    )
    made: list[str] = []  # the documents whose summary candidates were made
    real_candidates = select.candidates
    monkeypatch.setattr(
        select, "candidates", lambda doc, *rest: made.append(doc.id) or real_candidates(doc, *rest)
    )

    rows: list[str] = []  # the documents whose story-clustering rows were made
    real_row = features.document_row
    monkeypatch.setattr(
        features, "document_row", lambda doc, *rest: rows.append(doc.id) or real_row(doc, *rest)
    )

    weighed: list[int] = []  # how many documents' term rows each build weighed
    real_weighed = term_matrix.fixed_vectors
    monkeypatch.setattr(
        term_matrix,
        "fixed_vectors",
        lambda counts, idf: weighed.append(len(counts)) or real_weighed(counts, idf),
    )

    named: list[str] = []  # the documents whose named mentions were made
    real_named = kept_names.packed_names
    monkeypatch.setattr(
        kept_names,
        "packed_names",
        lambda doc, *rest: named.append(doc.id) or real_named(doc, *rest),
    )

    event_rows: list[str] = []  # the documents whose event mentions were resolved and kept
    real_events = kept_resolved.resolved
    monkeypatch.setattr(
        kept_resolved,
        "resolved",
        lambda doc, *rest: event_rows.append(doc.id) or real_events(doc, *rest),
    )

    read_back: list[str] = []  # the documents whose resolved event mentions were read back
    real_unpacked = kept_resolved.unpacked_resolved
    monkeypatch.setattr(
        kept_resolved,
        "unpacked_resolved",
        lambda doc, data: read_back.append(doc.id) or real_unpacked(doc, data),
    )

    summarised: list[str] = []  # the stories whose summaries were made
    real_summary = select.Summariser.summary
    monkeypatch.setattr(
        select.Summariser,
        "summary",
        lambda self, docs, n, story_id=None: (
            (story_id and summarised.append(story_id)) or real_summary(self, docs, n, story_id)
        ),
    )

    heads: list[str] = []  # the measure heads whose figure groups were made
    real_head_groups = corpus_parts.head_groups
    monkeypatch.setattr(
        corpus_parts,
        "head_groups",
        lambda head, *rest: heads.append(block_key(head[0])[1]) or real_head_groups(head, *rest),
    )

    records: list[str] = []  # the first document of each story whose record was made
    real_story = assemble._story
    monkeypatch.setattr(
        assemble,
        "_story",
        lambda rows, docs, *rest: records.append(docs[rows[0]].id) or real_story(rows, docs, *rest),
    )

    parts: list[set[str]] = []  # the documents of each event merge's part merged
    story_parts: list[set[str]] = []  # those of the stories' merge's (it is given stories)
    real_part = events_merge.merged_part
    monkeypatch.setattr(
        events_merge,
        "merged_part",
        lambda mentions, paragraphs, stories: (
            (story_parts if stories else parts).append({m.provenance.doc_id for m in mentions})
            or real_part(mentions, paragraphs, stories)
        ),
    )

    first = {
        "q1": (QUAKE_1, "2023-05-02"),
        "m1": (MERGER_1, "2023-05-03"),
        "c1": (COACH_1, None),
        "u0": (UNRELATED[0], "2023-05-04"),
        "k1": (STRIKE_1, "2023-06-12"),
        "u1": (UNRELATED[1], "2023-05-05"),
    }
    later = {
        "q2": (QUAKE_2_ORDER, "2023-05-02"),
        "m2": (MERGER_2, "2023-05-03"),
        "q3": (QUAKE_3, "2023-08-20"),
        "c2": (COACH_2, None),
        "u0copy": (UNRELATED[0] + " More follows.", "2023-05-01"),
        "k2": (STRIKE_2, "2023-06-13"),
    }
    options = BuildOptions(today=TODAY)
    inputs_1 = _files(tmp_path / "in", first)
    inputs_2 = _files(tmp_path / "in", later)
    build(inputs_1, tmp_path / "inc", options=options)
    assert len(hashed) == len(first)
    assert sorted(made) == sorted(first) == sorted(rows) == sorted(named)
    assert weighed == [len(first)]
    assert sorted(event_rows) == sorted(first)  # once each, for the two merges
    assert read_back == []  # the second merge takes the first merge's, not the rows just kept
    event_rows.clear()
    weighed.clear()
    made.clear()
    rows.clear()
    named.clear()
    heads.clear()
    parts.clear()
    story_parts.clear()
    records.clear()
    build(inputs_2, tmp_path / "inc", options=options)
    # every story the second batch joins is named again (its new documents, its events), and
    # the one it does not reach is read back
    assert sorted(records) == ["c1", "k1", "m1", "q1", "q3", "u0"]
    # the pile's merge reads back the parts of c1 and q1, which no new mention reaches (m1's is
    # merged again: m2 names "Baltic Dairy", so m1's target now resolves to that entity)
    assert {"c1"} not in parts and {"q1"} not in parts and {"c2"} in parts
    # the stories' merge reads back q1's reports, though q2 joined their story (a new story id):
    # an earthquake's strike and a search share no pass that reads the story with q2's
    # collapse (another type family), and a part reads only which of its documents share one
    assert not any("q1" in p for p in story_parts) and {"q2"} in story_parts
    assert len(hashed) == len(first) + len(later)  # the first batch's were read back
    assert sorted(made) == sorted(later)  # and the first batch's summary candidates
    assert sorted(rows) == sorted(later)  # and story-clustering rows
    assert weighed == [len(later)]  # and their weighted terms (the kept matrix merged)
    assert sorted(named) == sorted(later)  # and named mentions
    # and event mentions, but for the documents whose entities' facts the second batch changes
    # (m1's target; the entities k1 and q1 share with k2 and q2)
    assert sorted(event_rows) == sorted([*later, "k1", "m1", "q1"])
    # the rest are read back once a build, for both merges
    assert sorted(read_back) == ["c1", "u0", "u1"]
    assert heads  # the second batch reaches figure heads: they are grouped again
    assert summarised  # the stories the second batch joins or starts are summarised again
    heads.clear()
    summarised.clear()
    parts.clear()
    story_parts.clear()
    records.clear()
    weighed.clear()
    build(inputs_2, tmp_path / "inc", options=options)  # nothing new
    assert weighed == [0]  # every term row read back
    assert parts == story_parts == []  # every event merge's parts read back
    assert heads == []  # every head's groups read back
    assert summarised == []  # and every story's summary
    assert records == []  # and every story's record
    build(inputs_1 + inputs_2, tmp_path / "clean", options=options)
    assert "u0copy" in (tmp_path / "inc" / "briefing.json").read_text()
    # k2 joined k1's lone surname to the full name: one person, told in both
    people = json.loads((tmp_path / "inc" / "briefing.json").read_text())["entities"]
    leader = next(e for e in people if e["name"] == "Ewa Kowalczyk")
    assert leader["documents"] == ["k1", "k2"]
    for name in OUTPUTS:
        clean = (tmp_path / "clean" / name).read_bytes()
        assert (tmp_path / "inc" / name).read_bytes() == clean, name
    stored = _stored_view(tmp_path / "inc" / "storyline.db")
    assert stored == _stored_view(tmp_path / "clean" / "storyline.db")
    assert stored["duplicate"] and len(stored["quality"]) == 12 and len(stored["summary"]) > 1


def _docs() -> list[Document]:
    return [
        make_document(QUAKE_1, "q1", date_field="2023-05-02"),
        make_document(MERGER_1, "m1", date_field="2023-05-03"),
        make_document(COACH_1, "c1"),
    ]


def test_a_score_is_reused_only_when_its_document_and_copy_status_are_unchanged() -> None:
    previous = [
        Quality(doc_id=d, score=0.1, signals={}, reasons=[]) for d in ("q1", "m1", "c1", "gone")
    ]
    kept = reusable_quality(previous, {"c1": "q1"}, {"m1": "q1"}, changed={"q1"})
    # q1 analysed again; m1 is a copy now and c1 no longer is: only "gone" (not scored now) stays
    assert set(kept) == {"gone"}
    kept = reusable_quality(previous, {"c1": "q1"}, {"c1": "q1"}, changed=())
    assert set(kept) == {"q1", "m1", "c1", "gone"}
    assert reusable_quality(previous, {"c1": "q1"}, {"c1": "m1"}, changed=()).keys() == {
        "q1",
        "m1",
        "gone",
    }


def test_reused_scores_keep_their_place_and_the_rest_are_scored() -> None:
    docs = _docs()
    analyses = [DocumentAnalysis(doc_id=d.id, version="") for d in docs]  # text signals only
    stored = Quality(
        doc_id="m1", score=0.123, signals={}, reasons=[]
    )  # a stored score, reused as it is
    scores = partitioned_quality(LOCAL_RUNNER, docs, analyses, {}, {"m1": stored})
    assert [q.doc_id for q in scores] == ["q1", "m1", "c1"]
    assert scores[1] is stored
    assert scores[0].score != 0.123
    assert scores[0] == score_quality(docs[0], analyses[0])
    assert scores[2] == score_quality(docs[2], analyses[2])
    assert partitioned_quality(LOCAL_RUNNER, docs, analyses, {}) == [
        score_quality(d, a) for d, a in zip(docs, analyses, strict=True)
    ]


def test_a_view_older_code_made_is_derived_again_whole(tmp_path: Path) -> None:
    """A stored quality score is reused only when this very code made the stored view: the
    same score planted under the current code's name is kept by the next build (that is the
    reuse), planted under another version's name it is scored again."""
    from storyline.pipeline.build import BuildOptions, build
    from storyline.version import code_fingerprint

    options = BuildOptions(today=TODAY)
    batches = [
        {"q1": (QUAKE_1, "2023-05-02"), "m1": (MERGER_1, "2023-05-03")},
        {"q2": (QUAKE_2, "2023-05-02")},
        {"c1": (COACH_1, None)},
    ]
    out = tmp_path / "out"
    build(_files(tmp_path / "in", batches[0]), out, options=options)

    def plant(made_by: str) -> None:
        with Store(out / "storyline.db") as store:
            scores = store.corpus("quality", Quality)
            assert store.derived_by() == code_fingerprint()
            planted = [
                q.model_copy(update={"score": 0.123}) if q.doc_id == "m1" else q for q in scores
            ]
            store.replace_corpus(
                {"quality": [(q.doc_id, None, q) for q in planted]}, derived_by=made_by
            )

    def stored_m1() -> float:
        with Store(out / "storyline.db") as store:
            return next(q.score for q in store.corpus("quality", Quality) if q.doc_id == "m1")

    real = stored_m1()
    plant(code_fingerprint())
    build(_files(tmp_path / "in", batches[1]), out, options=options)
    assert stored_m1() == 0.123  # this code's view: m1 was not analysed again, its score kept
    plant("0.0.9+an-older-build")
    build(_files(tmp_path / "in", batches[2]), out, options=options)
    assert stored_m1() == real != 0.123


def test_a_changed_document_regroups_the_figure_heads_it_tells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document rewritten between builds (the same file, now "five days of mourning" where
    its story's other report says three): the heads it tells are grouped again, a head of
    another story is read back, and the briefing is a clean build's."""
    from storyline.pipeline.build import BuildOptions, build

    heads: list[str] = []
    real_head_groups = corpus_parts.head_groups
    monkeypatch.setattr(
        corpus_parts,
        "head_groups",
        lambda head, *rest: heads.append(block_key(head[0])[1]) or real_head_groups(head, *rest),
    )
    options = BuildOptions(today=TODAY)
    texts = {
        "q1": (QUAKE_1, "2023-05-02"),
        "q2": (QUAKE_2, "2023-05-02"),
        "m1": (MERGER_1, "2023-05-03"),
        "m2": (MERGER_2, "2023-05-03"),
    }
    build(_files(tmp_path / "in", texts), tmp_path / "inc", options=options)
    told = set(heads)
    assert {"duration:mourning", "deal"} <= told
    groups_before = _stored_view(tmp_path / "inc" / "storyline.db")["figure-group"]
    rewritten = {**texts, "q2": (QUAKE_2.replace("three days", "five days"), "2023-05-02")}
    inputs = _files(tmp_path / "in", rewritten)
    heads.clear()
    build(inputs, tmp_path / "inc", options=options)
    assert "duration:mourning" in heads and "deal" not in heads
    build(inputs, tmp_path / "clean", options=options)
    for name in OUTPUTS:
        clean = (tmp_path / "clean" / name).read_bytes()
        assert (tmp_path / "inc" / name).read_bytes() == clean, name
    stored = _stored_view(tmp_path / "inc" / "storyline.db")
    assert stored == _stored_view(tmp_path / "clean" / "storyline.db")
    assert stored["figure-group"] != groups_before  # the mourning groups were made again
