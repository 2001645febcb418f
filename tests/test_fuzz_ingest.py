"""Fuzzing the readers and the build's ingest boundary (issue 19).

``test_mutated_inputs_through_every_reader`` mutates well-formed inputs of every kind (text,
HTML, JSON, JSON Lines, RSS, Atom, and gzip of the first four: tests/hostile.py ``SEEDS``)
with byte flips, splices of the tokens that once broke a parser, cuts, repeats and mixes, and
reads each through the readers themselves — below the boundary that would turn a surprise into
a skip — so any exception other than a refusal with a reason is a failure. It also checks what
comes out: no record holds a NUL, a control character or a lone surrogate.

The default run reads 600 inputs. The full run, ≥ 10,000 (the slow suite):

    STORYLINE_FUZZ_INPUTS=10000 pytest -m slow tests/test_fuzz_ingest.py -s

``test_the_good_file_of_a_batch_is_always_kept`` (hypothesis) builds batches of hostile files
with hostile names around one good article and checks the article is always stored and the
counts add up (``STORYLINE_FUZZ_BUILDS`` examples, default 25).
"""

from __future__ import annotations

import gzip
import os
import random
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import IngestError
from storyline.ingest.inputs import IngestOptions, read_bytes, read_file
from storyline.models import RawRecord, Skipped
from storyline.pipeline.build import BuildOptions, BuildReport, NoProgress, ingest_into
from storyline.store import Store
from tests.conftest import TODAY
from tests.hostile import (
    GOOD_ARTICLE,
    PARSER_CRASHES,
    SEEDS,
    TOKENS,
    nested_tag_bomb,
    number_flood,
    repeated_records,
)

FUZZ_INPUTS = int(os.environ.get("STORYLINE_FUZZ_INPUTS", "600"))
FUZZ_BUILDS = int(os.environ.get("STORYLINE_FUZZ_BUILDS", "25"))
#: What no record may hold: NUL and the C0 controls that are not line or column breaks.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random edits of ``data``."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(data) + 1)
        edit = rng.randrange(7)
        if edit == 0 and data:  # flip bytes
            buffer = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                buffer[rng.randrange(len(buffer))] = rng.randrange(256)
            data = bytes(buffer)
        elif edit in (1, 2):  # splice in a token that once broke a parser
            data = data[:at] + rng.choice(TOKENS) * rng.choice((1, 1, 3, 40)) + data[at:]
        elif edit == 3:  # cut a stretch
            data = data[:at] + data[at + rng.randint(1, 400) :]
        elif edit == 4:  # repeat a stretch
            piece = data[at : at + rng.randint(1, 200)]
            data = data[:at] + piece * rng.randint(2, 50) + data[at:]
        elif edit == 5:  # end early
            data = data[:at]
        else:  # mix with another seed
            other = rng.choice(SEEDS)[1]
            cut = rng.randrange(len(other) + 1)
            data = data[:at] + other[cut:]
    return data


def fuzzed(seed: tuple[str, bytes], rng: random.Random) -> bytes:
    """A mutation of a seed; a gzip seed is mutated inside the compression half the time, so
    the edits reach the reader under it."""
    name, data = seed
    if name.endswith(".gz") and rng.random() < 0.5:
        return gzip.compress(mutate(gzip.decompress(data), rng), mtime=0)
    return mutate(data, rng)


def check(item: RawRecord | Skipped) -> None:
    if isinstance(item, Skipped):
        assert item.reason.strip() and "Traceback" not in item.reason, item
        return
    assert item.text.strip(), item
    for text in (item.text, item.title or "", item.byline or "", item.url or ""):
        assert not _FORBIDDEN.search(text), item
        text.encode("utf-8")  # raises on a lone surrogate


@pytest.mark.slow
def test_mutated_inputs_through_every_reader(tmp_path: Path) -> None:
    rng = random.Random(19)
    options = IngestOptions(budget=None, today=TODAY.isoformat())  # in process: see raises
    outcomes: Counter[str] = Counter()
    unexpected: list[str] = []
    for number in range(FUZZ_INPUTS):
        seed = SEEDS[number % len(SEEDS)]
        data = fuzzed(seed, rng)
        path = tmp_path / f"{number}-{seed[0]}"
        path.write_bytes(data)
        try:
            items = list(read_file(path, options))
            if number % 4 == 0 and not seed[0].endswith(".gz"):  # the format sniffed, too
                items += list(_sniffed(data, path.name, options))
        except Exception as error:
            unexpected.append(f"{path.name}: {type(error).__name__}: {error}"[:300])
            continue
        finally:
            path.unlink()
        for item in items:
            check(item)
            outcomes["record" if isinstance(item, RawRecord) else "skipped"] += 1
        outcomes[f"input:{seed[0]}"] += 1
    print(f"fuzzed {FUZZ_INPUTS:,} inputs: {dict(sorted(outcomes.items()))}")
    assert not unexpected, "\n".join(unexpected[:20])
    assert sum(v for k, v in outcomes.items() if k.startswith("input:")) == FUZZ_INPUTS


def _sniffed(data: bytes, name: str, options: IngestOptions) -> list[RawRecord | Skipped]:
    """``read_bytes`` with no kind given; a refusal (``IngestError``) is a skip."""
    try:
        return list(read_bytes(data, name, None, None, options))
    except IngestError as error:
        return [Skipped(source=name, reason=error.problem)]


# -- the build fuzz ------------------------------------------------------------------------
_HOSTILE = [
    *PARSER_CRASHES.values(),
    nested_tag_bomb(20_000),
    number_flood(500),
    repeated_records(50),
    b"\x00\x01\x02" * 100,
    b"",
    b" \n ",
]
_SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".xml", ".rss", ".gz", ".pdf", ""]
_names = st.text(
    alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=12,
).filter(lambda n: n not in (".", "..") and not n.startswith("."))


@st.composite
def hostile_file(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(_names) + draw(st.sampled_from(_SUFFIXES))
    kind = draw(st.integers(0, 2))
    if kind == 0:
        data = draw(st.sampled_from(_HOSTILE))
    elif kind == 1:
        data = draw(st.binary(max_size=3000))
    else:
        seed = draw(st.sampled_from(SEEDS))
        data = fuzzed(seed, draw(st.randoms(use_true_random=False)))
    return name, data


@given(st.lists(hostile_file(), min_size=1, max_size=6), st.integers(0, 6))
@settings(
    max_examples=FUZZ_BUILDS,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_good_file_of_a_batch_is_always_kept(
    batch: list[tuple[str, bytes]], position: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, (name, data) in enumerate(batch):
            path = Path(folder) / f"{number}-{name}"
            path.write_bytes(data)
            paths.append(str(path))
        good = Path(folder) / "zz-good-article.txt"
        good.write_text(GOOD_ARTICLE)
        paths.insert(min(position, len(paths)), str(good))
        store, report = Store(":memory:"), BuildReport(store_path=":memory:")
        ingest_into(store, paths, BuildOptions(today=TODAY), report, NoProgress())
        assert store.id_for_content(_content_hash(GOOD_ARTICLE)) is not None, report.skipped
        assert len(report.added) == store.count_documents() and not report.unchanged
        assert all(s.count >= 1 and s.reason for s in report.skipped)


def _content_hash(text: str) -> str:
    from storyline.ingest.prepare import text_hash

    return text_hash(text)
