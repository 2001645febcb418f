"""The quality stage as partitioned work: each analysis is reduced to what a score reads as it
is read, so a part waiting to be scored holds no analysis (issue 18), and the scores are those
of ``score_quality`` on the whole analyses."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

from storyline.models import Document, DocumentAnalysis, EventMention, Figure, Mention, Provenance
from storyline.pipeline.corpus_parts import partitioned_quality
from storyline.pipeline.partition import LOCAL_RUNNER
from storyline.quality.scoring import score_quality, score_signals
from storyline.quality.signals import layer_signals
from tests.conftest import make_document

TEXTS = {
    "talks": (
        "GENEVA (Reuters) - Foreign ministers of both countries met on March 12, 2024, and "
        "agreed to cut tariffs on steel by 12%, officials said."
    ),
    "budget": (
        "The finance minister, Maria Ortiz, presented a $5 billion budget on Tuesday. "
        '"We will not raise taxes," she told parliament.'
    ),
    "flood": "Heavy rain flooded the river valley and about 2,000 people left their homes.",
}


def _provenance(doc: Document, phrase: str) -> Provenance:
    start = doc.text.index(phrase)
    return Provenance(
        doc_id=doc.id,
        start=start,
        end=start + len(phrase),
        sentence=doc.text,
        sentence_start=0,
        sentence_end=len(doc.text),
    )


def _analysis(doc: Document) -> DocumentAnalysis:
    """Layers as the language stages give them: a dated event, a person with a role, figures."""
    layers: dict[str, list] = {"events": [], "mentions": [], "figures": []}
    if "met on" in doc.text:
        layers["events"] = [
            EventMention(id="e1", type="CONSULT", trigger="met", date="2024-03-12",
                         date_basis="timex", rule="test", provenance=_provenance(doc, "met"))
        ]  # fmt: skip
    if "Maria Ortiz" in doc.text:
        layers["mentions"] = [
            Mention(text="Maria Ortiz", label="PERSON", model_label="PERSON",
                    role="finance minister", provenance=_provenance(doc, "Maria Ortiz"))
        ]  # fmt: skip
    for i, text in enumerate(t for t in ("12%", "$5 billion", "2,000") if t in doc.text):
        layers["figures"].append(
            Figure(id=f"f{i}", kind="count", text=text, value=1.0, measure="m",
                   measure_key="m", provenance=_provenance(doc, text))
        )  # fmt: skip
    return DocumentAnalysis(doc_id=doc.id, version="test", signals={"quotes": 1.0}, **layers)


def _docs() -> list[Document]:
    return [make_document(text, doc_id) for doc_id, text in TEXTS.items()]


class _FreshPile:
    """A pile that makes each analysis as it is read and keeps none, as the store's does; it
    remembers each one weakly, to see which the stage still holds."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.by_id = {d.id: d for d in documents}
        self.made: list[weakref.ref[DocumentAnalysis]] = []

    def read(self, layers: Collection[str]) -> Iterator[DocumentAnalysis]:
        return (a for a in self.of(list(self.by_id), layers) if a is not None)

    def of(self, ids: Sequence[str], layers: Collection[str]) -> Iterator[DocumentAnalysis | None]:
        for doc_id in ids:
            if doc_id.startswith("flood"):  # a document without a stored analysis
                yield None
                continue
            analysis = _analysis(self.by_id[doc_id])
            self.made.append(weakref.ref(analysis))
            yield analysis


class _WatchingRunner:
    """Runs each part in this process, first counting the pile's analyses still alive."""

    def __init__(self, pile: _FreshPile) -> None:
        self.pile = pile
        self.alive: list[int] = []

    def map(self, work: Callable, parts: Iterable) -> list:
        results = []
        for part in parts:
            gc.collect()
            self.alive.append(sum(ref() is not None for ref in self.pile.made))
            results.append(work(part))
        return results

    def close(self) -> None:
        pass


def test_partitioned_scores_equal_the_scores_of_whole_analyses() -> None:
    docs = _docs()
    copy_of = {"budget": "talks"}
    analyses = [_analysis(d) for d in docs[:2]]
    scores = partitioned_quality(LOCAL_RUNNER, docs, _FreshPile(docs), copy_of)
    blank = DocumentAnalysis(doc_id="flood", version="")
    expected = [
        score_quality(docs[0], analyses[0]),
        score_quality(docs[1], analyses[1], copy_of="talks"),
        score_quality(docs[2], blank),  # no analysis: signals measured from the text
    ]
    assert scores == expected
    assert scores[0].signals["dated_events"] == 1.0
    assert scores[1].signals["people_with_roles"] == 1.0 and scores[1].signals["near_copy"] == 1.0
    assert scores[2].signals["figures_layer"] == 0.0


def test_score_signals_is_score_quality_on_what_it_reads() -> None:
    doc = _docs()[1]
    analysis = _analysis(doc)
    assert score_signals(doc, analysis.signals, layer_signals(analysis)) == score_quality(
        doc, analysis
    )


def test_a_part_waiting_to_be_scored_holds_no_analysis(monkeypatch) -> None:
    """Parts of two documents over nine: when the runner takes a part, of the analyses read so
    far at most the last one read (the packer reads a block ahead) is still alive."""
    monkeypatch.setattr("storyline.pipeline.partition.PART_SIZE", 2)
    docs = [make_document(TEXTS[key], f"{key}-{i}") for i in range(3) for key in TEXTS]
    pile = _FreshPile(docs)
    runner = _WatchingRunner(pile)
    scores = partitioned_quality(runner, docs, pile, {})
    assert [q.doc_id for q in scores] == [d.id for d in docs]
    assert len(runner.alive) == 5
    assert max(runner.alive) <= 1
