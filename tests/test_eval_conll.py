"""CoNLL-2003 in ``storyline eval entities``: the tolerant reader, conlleval's chunk rules and
scores, and the whole task (storyline's entity layer beside the bare spaCy model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.evaluation import evaluate
from storyline.evaluation.conll import (
    ChunkTally,
    chunks,
    looks_like_conll,
    normalise_tag,
    read_path,
    read_text,
    surface,
    tags_for,
    token_span,
)
from storyline.evaluation.conll_entities import is_conll, predicted_chunks
from storyline.evaluation.splits import part_of

# Hand-made, in the style of the CoNLL-2003 English files (none of their sentences): four
# columns, IOB1 (I- inside, B- only between two touching names of one type), MISC names.
IOB1 = """-DOCSTART- -X- -X- O

Farmers NNS I-NP O
in IN I-PP O
Norway NNP I-NP I-LOC
protested VBD I-VP O
against IN I-PP O
Danish JJ I-NP I-MISC
imports NNS I-NP O
. . O O

Maria NNP I-NP I-PER
Lindqvist NNP I-NP I-PER
of IN I-PP O
the DT I-NP O
Nordic NNP I-NP I-ORG
Farmers NNP I-NP I-ORG
Union NNP I-NP I-ORG
said VBD I-VP O
on IN I-PP O
Tuesday NNP I-NP O
. . O O

-DOCSTART- -X- -X- O

Ties NNS I-NP O
between IN I-PP O
Chile NNP I-NP I-LOC
Peru NNP I-NP B-LOC
and CC O O
Bolivia NNP I-NP I-LOC
improved VBD I-VP O
, , O O
Carlos NNP I-NP I-PER
Mendoza NNP I-NP I-PER
told VBD I-VP O
Reuters NNP I-NP I-ORG
. . O O
"""

# The same kind of text in IOB2 with two columns, CRLF line ends, no blank line after the
# -DOCSTART-, two blank lines in a row and a line of spaces as a sentence break.
IOB2 = (
    "-DOCSTART- O\r\n"
    "The O\r\nWorld B-ORG\r\nBank I-ORG\r\nlent O\r\nmoney O\r\nto O\r\nKenya B-LOC\r\n. O\r\n"
    "\r\n\r\n"
    "John B-PER\r\nSmith I-PER\r\nvisited O\r\nParis B-LOC\r\n. O\r\n"
    "   \r\n"
    "He O\r\nmet O\r\nthe O\r\nFrench B-MISC\r\nminister O\r\n. O\r\n"
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("O", "O"),
        ("B-PER", "B-PER"),
        ("I-org", "I-ORG"),
        ("I_LOC", "I-LOC"),
        ("U-LOC", "S-LOC"),
        ("L-MISC", "E-MISC"),
        ("NNP", None),
        ("I-NP", "I-NP"),  # a chunk column looks like a tag: only the last column is read
        ("", None),
    ],
)
def test_normalise_tag(raw, expected):
    assert normalise_tag(raw) == expected


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        # IOB1: I- opens a name; B- only where two names of one type touch
        (["I-PER", "I-PER", "O", "I-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["I-LOC", "B-LOC", "I-LOC"], [(0, 1, "LOC"), (1, 3, "LOC")]),
        # IOB2: every name opens with B-
        (["B-PER", "I-PER", "B-PER"], [(0, 2, "PER"), (2, 3, "PER")]),
        # a type change inside a run ends one chunk and opens another
        (["I-ORG", "I-LOC"], [(0, 1, "ORG"), (1, 2, "LOC")]),
        # I- after a different type's B-
        (["B-ORG", "I-PER"], [(0, 1, "ORG"), (1, 2, "PER")]),
        # IOBES
        (
            ["B-ORG", "E-ORG", "S-LOC", "B-PER", "I-PER", "E-PER"],
            [(0, 2, "ORG"), (2, 3, "LOC"), (3, 6, "PER")],
        ),
        (["E-LOC", "E-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        (["O", "O"], []),
        ([], []),
    ],
)
def test_chunks_follow_conlleval(tags, expected):
    assert chunks(tags) == expected


def test_reader_iob1_four_columns_documents_and_misc():
    documents, problems = read_text(IOB1, "eng.sample")
    assert problems == []
    assert [d.key for d in documents] == ["eng.sample#0", "eng.sample#1"]
    first, second = documents
    assert first.text == (
        "Farmers in Norway protested against Danish imports.\n"
        "Maria Lindqvist of the Nordic Farmers Union said on Tuesday."
    )
    named = [
        (first.text[first.tokens[a].start : first.tokens[b - 1].end], t)
        for a, b, t in first.gold_chunks()
    ]
    assert named == [
        ("Norway", "LOC"),
        ("Danish", "MISC"),
        ("Maria Lindqvist", "PER"),
        ("Nordic Farmers Union", "ORG"),
    ]
    for token in first.tokens:
        assert first.text[token.start : token.end] == token.text
    # IOB1's B- between touching names of one type: Chile and Peru are two locations
    assert [t for _, _, t in second.gold_chunks()] == ["LOC", "LOC", "LOC", "PER", "ORG"]
    assert second.gold_chunks()[:2] == [(2, 3, "LOC"), (3, 4, "LOC")]


def test_reader_iob2_two_columns_crlf_and_blank_lines():
    documents, problems = read_text(IOB2, "x.conll")
    assert problems == []
    (document,) = documents
    assert len(document.sentences) == 3
    assert document.text.split("\n")[0] == "The World Bank lent money to Kenya."
    assert [t for _, _, t in document.gold_chunks()] == ["ORG", "LOC", "PER", "LOC", "MISC"]


def as_iob2(text: str) -> str:
    """IOB1 text rewritten as IOB2: every name opens with B-."""
    lines, previous = [], "O"
    for line in text.splitlines():
        columns = line.split()
        if len(columns) < 2 or columns[0] == "-DOCSTART-":
            lines.append(line)
            previous = "O"
            continue
        tag = columns[-1]
        if tag.startswith("I-") and (previous == "O" or previous[2:] != tag[2:]):
            columns[-1] = "B-" + tag[2:]
        previous = tag
        lines.append(" ".join(columns))
    return "\n".join(lines)


def test_iob1_and_iob2_read_the_same_names():
    converted = as_iob2(IOB1)
    assert "B-PER" in converted and "I-PER" in converted
    one = [d.gold_chunks() for d in read_text(IOB1, "a")[0]]
    two = [d.gold_chunks() for d in read_text(converted, "a")[0]]
    assert one == two


def test_reader_without_docstart_and_with_bad_tags():
    text = "Oslo B-LOC\nis O\ncold O\n\nAnna B-PER\nwaved\nhello XYZ\n"
    documents, problems = read_text(text, "plain.txt")
    assert len(documents) == 1 and len(documents[0].sentences) == 2
    assert problems == ["plain.txt: 2 line(s) without a readable NER tag, read as O"]
    assert [t for _, _, t in documents[0].gold_chunks()] == ["LOC", "PER"]


def test_reader_detokenises_brackets_and_quotes():
    text = (
        'He O\nsaid O\n" O\nAcme B-ORG\nwins O\n" O\n-LRB- O\nReuters B-ORG\n-RRB- O\n\'s O\n. O\n'
    )
    (document,), _ = read_text(text, "q")
    assert document.text == 'He said "Acme wins" (Reuters)\'s.'
    assert [(document.tokens[a].text, t) for a, _, t in document.gold_chunks()] == [
        ("Acme", "ORG"),
        ("Reuters", "ORG"),
    ]


def test_reader_reads_latin1_files_and_folders(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "eng.testa").write_bytes(
        "-DOCSTART- O\n\nZ\xfcrich B-LOC\n. O\n".encode("latin-1")
    )
    (tmp_path / "data" / "README.txt").write_text("Not CoNLL at all.\n")
    documents, _ = read_path(tmp_path)
    assert [d.key for d in documents] == ["data/eng.testa#0"]
    assert documents[0].text == "Zürich."


def test_looks_like_conll(tmp_path: Path):
    good = tmp_path / "a.txt"
    good.write_text("Paris B-LOC\nis O\n")
    prose = tmp_path / "b.txt"
    prose.write_text("This is a plain sentence.\nAnd another one here.\n")
    only_o = tmp_path / "c.txt"
    only_o.write_text("a O\nb O\n")
    assert looks_like_conll(good)
    assert not looks_like_conll(prose)
    assert not looks_like_conll(only_o)
    (tmp_path / "meantime").mkdir()
    (tmp_path / "meantime" / "doc.xml").write_text("<Document/>")
    (tmp_path / "meantime" / "x.conll").write_text("Paris B-LOC\n")
    assert not is_conll(tmp_path / "meantime")  # a folder with XML is MEANTIME
    assert is_conll(good)


def test_tags_for_keeps_one_span_per_token():
    spans = [(0, 2, "ORG"), (1, 3, "PER"), (0, 1, "LOC"), (4, 5, "LOC")]
    assert tags_for(spans, 6) == ["B-ORG", "I-ORG", "O", "O", "B-LOC", "O"]


def test_token_span_widens_to_whole_tokens():
    (document,), _ = read_text("U.S.-based B-MISC\nfirms O\n", "t")
    assert token_span(document, 0, 4) == (0, 1)  # "U.S." inside one token
    assert token_span(document, 10, 11) is None  # the space between tokens
    assert token_span(document, 0, 16) == (0, 2)
    spans = [(0, 4, "LOC"), (11, 16, None)]  # untyped predictions are dropped
    assert predicted_chunks(document, spans) == [(0, 1, "LOC")]


def test_chunk_tally_scores_exact_spans_and_types():
    tally = ChunkTally()
    gold = [(0, 2, "PER"), (3, 4, "LOC"), (5, 6, "MISC"), (7, 9, "ORG")]
    predicted = [(0, 2, "PER"), (3, 4, "ORG"), (5, 6, "MISC"), (7, 8, "ORG")]
    tally.add(gold, predicted)
    # PER right; LOC typed ORG wrong; ORG cut short wrong; MISC right but apart
    assert tally.score(("PER", "ORG", "LOC")) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert tally.score(("MISC",)) == (1.0, 1.0, 1.0)
    assert tally.score(("PER", "ORG", "LOC", "MISC")) == pytest.approx((0.5, 0.5, 0.5))


tag_kinds = st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "E-ORG", "S-MISC"])


@given(st.lists(tag_kinds, max_size=30))
def test_chunks_are_ordered_disjoint_and_typed(tags):
    found = chunks(tags)
    previous_end = 0
    for start, end, kind in found:
        assert previous_end <= start < end <= len(tags)
        assert all(tags[i] != "O" and tags[i][2:] == kind for i in range(start, end))
        previous_end = end
    # writing the chunks back as IOB2 and reading them again gives the same chunks
    assert chunks(tags_for(found, len(tags))) == found


@given(st.text(alphabet=st.sampled_from(list("ab -DOCSTART\nBIO-PERLC_\t\r ")), max_size=300))
def test_reader_never_raises_on_odd_input(text):
    documents, _ = read_text(text, "fuzz")
    for document in documents:
        for token in document.tokens:
            assert document.text[token.start : token.end] == surface(token.text)
        for start, end, _ in document.gold_chunks():
            assert 0 <= start < end <= len(document.tokens)


@pytest.fixture
def conll_set(tmp_path: Path) -> Path:
    (tmp_path / "sample.conll").write_text(IOB1, encoding="utf-8")
    (tmp_path / "other.iob").write_text(IOB2, encoding="utf-8")
    return tmp_path


def test_entities_task_reads_conll_and_scores_both_systems(conll_set: Path):
    report = evaluate("entities", conll_set)
    assert report.task == "entities" and report.documents == 3
    rows = {(r[0], r[1]): r[2:] for r in report.tables[0].rows}
    # gold: 12 PER/ORG/LOC chunks and 2 MISC (Danish, French) across both files
    assert rows["storyline", "PER+ORG+LOC"][0] == 12
    assert rows["storyline", "MISC"][0] == 2
    assert rows["storyline", "all 4 (conlleval)"][0] == 14
    for system in ("storyline", "spaCy model alone"):
        gold, predicted, correct, p, r, f1 = rows[system, "PER+ORG+LOC"]
        assert correct <= min(gold, predicted)
        assert f1 == pytest.approx(2 * p * r / (p + r) if p + r else 0.0, abs=1e-3)
    headline = report.headline
    assert {"f1", "precision", "recall", "spacy_f1", "f1_MISC", "spacy_f1_MISC"} <= set(headline)
    # plain names in plain sentences: a name finder finds most of them
    assert headline["f1"] >= 0.6 and headline["spacy_f1"] >= 0.5
    assert any("MISC is reported on its own row" in n for n in report.notes)


def test_entities_task_splits_conll_documents_by_key(conll_set: Path):
    keys = ["other.iob#0", "sample.conll#0", "sample.conll#1"]
    tuning = sum(part_of(k) == "tuning" for k in keys)
    reports = {p: evaluate("entities", conll_set, part=p) for p in ("tuning", "check")}
    assert reports["tuning"].documents == tuning
    assert reports["check"].documents == len(keys) - tuning
    assert reports["check"].part == "check"


def test_a_single_conll_file_and_limit(conll_set: Path):
    report = evaluate("entities", conll_set / "sample.conll", limit=1)
    assert report.documents == 1
    assert {(r[0], r[1]): r[2] for r in report.tables[0].rows}["storyline", "PER+ORG+LOC"] == 3
