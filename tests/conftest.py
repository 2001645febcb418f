"""Shared fixtures: the demo corpus, prepared documents and one spaCy parse per session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from storyline.ingest.inputs import IngestOptions, read_inputs
from storyline.ingest.prepare import prepare_document
from storyline.models import Document, RawRecord

# Property tests with no time limit per example and a fixed seed: hypothesis's default 200 ms
# deadline is a timed assertion that fails on a loaded machine (CI runs two test processes on
# two cores), and a random seed makes a run depend on luck (speed is measured in benchmarks).
settings.register_profile("storyline", deadline=None, derandomize=True)
settings.load_profile("storyline")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples" / "india-russia"
EVAL = SHARED / "eval"
INDIA_WORLD = EVAL / "briefing" / "india-world"
TODAY = date(2026, 11, 1)  # a fixed clock: tests never read the real date
SAMPLE_IDS = [
    "000_577aad08247b98bb",
    "001_029f77a4b5c96316",
    "002_66bc5cd5d1c12ee4",
    "003_7c02b6df5ba18665",
    "004_4891033d3364a37d",
]


def make_document(
    text: str, doc_id: str = "doc", title: str | None = None, date_field: str | None = None
) -> Document:
    """A prepared document from plain text, for unit tests of the language stages."""
    record = RawRecord(
        source=f"{doc_id}.txt",
        kind="txt",
        suggested_id=doc_id,
        text=text,
        title=title,
        date_field=date_field,
    )
    return prepare_document(record, TODAY)


def entity_labels(text: str) -> list[tuple[str, str]]:
    """(text, label) of each entity mention the entity layer finds in ``text``."""
    from storyline.entities.extract import extract_mentions
    from storyline.nlp import parse_one

    document = make_document(text)
    return [(m.text, m.label) for m in extract_mentions(document, parse_one(document.text))]


def pytest_sessionstart(session: pytest.Session) -> None:
    """No quiet green: without ../shared (the demo corpus and the eval data) the suite stops
    with a clear message instead of skipping every test that needs them."""
    missing = [str(p) for p in (SAMPLES, EVAL) if not p.is_dir()]
    if missing:
        pytest.exit(
            f"test data missing: {', '.join(missing)}. The tests need ../shared next to this "
            "checkout (the demo corpus and the eval data); CI provides it.",
            returncode=3,
        )


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    return EVAL


@pytest.fixture(scope="session")
def sample_documents(samples_dir: Path) -> dict[str, Document]:
    """The demo corpus prepared as the build prepares it, by document id."""
    docs = {}
    for item in read_inputs([str(samples_dir)], IngestOptions()):
        assert isinstance(item, RawRecord), item
        doc = prepare_document(item, TODAY)
        docs[doc.id] = doc
    return docs


@pytest.fixture(scope="session")
def nlp():
    from storyline.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def parsed_samples(sample_documents, nlp):
    """(Document, spaCy Doc) for each demo document, parsed once per test session."""
    from storyline.nlp import parse

    docs = list(sample_documents.values())
    return {
        d.id: (d, parsed)
        for d, parsed in zip(docs, parse([d.text for d in docs], nlp), strict=True)
    }


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory, samples_dir: Path) -> tuple[Path, dict]:
    """One full build of the demo corpus per session: (output directory, briefing.json)."""
    import json

    from storyline.pipeline.build import BuildOptions, build

    out = tmp_path_factory.mktemp("demo-build")
    build([str(samples_dir)], out, options=BuildOptions(today=TODAY))
    return out, json.loads((out / "briefing.json").read_text())


@pytest.fixture(scope="module")
def demo_stored(demo_build):
    """(documents, analyses, view) of the demo corpus, as its build stored them: what the
    cross-document stages are given again in the kept-products tests."""
    from storyline.briefing.compose import load_view
    from storyline.models import CorpusView
    from storyline.store import Store

    with Store(demo_build[0] / "storyline.db") as store:
        view = CorpusView(**load_view(store))
        return store.corpus_documents(), store.analyses(), view


@pytest.fixture(scope="session")
def india_world():
    """The india-world briefing set built once per session, every gold question asked:
    (gold, system). The briefing eval tests and the floors share this one build (a minute)."""
    from storyline.evaluation.briefing.gold import load_gold
    from storyline.evaluation.briefing.system import run_storyline

    assert INDIA_WORLD.is_dir(), f"the briefing development set is missing: {INDIA_WORLD}"
    gold = load_gold(INDIA_WORLD)
    return gold, run_storyline(INDIA_WORLD / "articles", [q.question for q in gold.questions])
