"""CoNLL-2003 named-entity data: a tolerant reader and span scoring as ``conlleval`` does it.

The format (Tjong Kim Sang & De Meulder 2003): one token per line, columns separated by spaces
or tabs (token, POS, chunk, NER in the original four-column files; token and NER in the common
two-column exports); a blank line ends a sentence; a ``-DOCSTART-`` line starts a document. The
NER column is the last one. Tags are IOB1 (the original files: ``I-X`` inside a name, ``B-X``
only where two names of one type touch), IOB2 (every name starts with ``B-X``) or IOBES/BILOU;
one chunker reads them all, because it follows conlleval's start/end-of-chunk rules rather
than trusting ``B-``.

Tolerated: CRLF line ends, lines of whitespace as sentence breaks, several blank lines in a row,
a ``-DOCSTART-`` with or without the blank line after it, files without any ``-DOCSTART-``
(each file is then one document, cut every ``MAX_SENTENCES`` sentences so a sentence-per-line
dump does not become one huge text), UTF-8 or Latin-1 bytes, PTB bracket tokens (``-LRB-``).
A line whose last column is not a tag is read as ``O`` and counted as a problem.

Scoring is conlleval's: a chunk is (first token, last token, type); a predicted chunk is right
only when a gold chunk has the same extent and type; precision, recall and F1 per type and
overall. The scored types are PER, ORG and LOC; MISC (nationalities, events, works, products
and the rest) is reported on its own row and, with the other three, in a conlleval-style
"all four" row, but not in the headline overall.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from storyline.evaluation.scoring import prf

DOCSTART = "-DOCSTART-"
#: Documents of a file with no -DOCSTART- are cut after this many sentences.
MAX_SENTENCES = 60
SCORED = ("PER", "ORG", "LOC")
REPORTED_APART = ("MISC",)
#: File names a folder of CoNLL data is searched for (the CoNLL-2003 release names its files
#: eng.train / eng.testa / eng.testb; exports use .conll, .iob, .bio, .tsv or .txt).
PATTERNS: tuple[str, ...] = (
    *("*.conll", "*.conll03", "*.iob", "*.iob1", "*.iob2", "*.bio", "*.tsv", "*.txt"),
    *("eng.*", "*.train", "*.testa", "*.testb", "*.dev", "*.test"),
)

_TAG = re.compile(r"^(?:O|([BIESLU])[-_]([A-Za-z][\w.]*))$")
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_QUOTES = {"``": "\u201c", "''": "\u201d"}
_NO_SPACE_BEFORE = frozenset(
    {".", ",", ":", ";", "!", "?", "%", ")", "]", "}", "'s", "'S", "n't", "N'T", "'re", "'ve"}
    | {"'ll", "'d", "'m", "...", "\u201d", "'"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#", "\u201c", "US$", "C$", "A$"})

#: A chunk: (first token, end token exclusive, type), token indices within one document.
Chunk = tuple[int, int, str]


@dataclass(frozen=True)
class ConllToken:
    text: str  # as written in the file
    tag: str  # the NER tag, normalised (O, or B/I/E/S-TYPE)
    start: int  # character offsets in ConllDocument.text
    end: int


@dataclass
class ConllDocument:
    key: str  # "file name#n": n-th document of the file (the key of the honest split)
    text: str  # sentences detokenised, one line each
    tokens: list[ConllToken] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # token index ranges

    def sentence_chars(self) -> list[tuple[int, int]]:
        """Character span of each sentence."""
        return [(self.tokens[a].start, self.tokens[b - 1].end) for a, b in self.sentences]

    @cached_property
    def token_starts(self) -> list[int]:
        """Start offset of each token (asked once the document is read whole)."""
        return [t.start for t in self.tokens]

    def gold_chunks(self) -> list[Chunk]:
        return chunks_of_sentences([t.tag for t in self.tokens], self.sentences)


# ---------------------------------------------------------------------------------------------
# Reading


def normalise_tag(raw: str) -> str | None:
    """``B-PER``/``I_ORG``/``U-LOC`` → ``B-PER``/``I-ORG``/``S-LOC``; ``O`` → ``O``; None when
    the column is not a tag."""
    m = _TAG.match(raw)
    if m is None:
        return None
    if m.group(1) is None:
        return "O"
    prefix = {"L": "E", "U": "S"}.get(m.group(1), m.group(1))
    return f"{prefix}-{m.group(2).upper()}"


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_text(source: str, name: str) -> tuple[list[ConllDocument], list[str]]:
    """The documents of one CoNLL file's text and one-line problems (``name`` labels both)."""
    documents: list[list[list[tuple[str, str]]]] = []  # document → sentence → (token, tag)
    sentence: list[tuple[str, str]] = []
    current: list[list[tuple[str, str]]] | None = None
    bad_tags = 0
    saw_docstart = False

    def close_sentence() -> None:
        nonlocal sentence, current
        if sentence:
            if current is None:
                current = []
                documents.append(current)
            current.append(sentence)
            sentence = []

    for line in source.splitlines():
        columns = line.split()
        if not columns:
            close_sentence()
            continue
        if columns[0] == DOCSTART:
            close_sentence()
            saw_docstart = True
            current = []
            documents.append(current)
            continue
        tag = normalise_tag(columns[-1]) if len(columns) > 1 else None
        if tag is None:
            bad_tags += 1
            tag = "O"
        sentence.append((columns[0], tag))
    close_sentence()
    if not saw_docstart:  # one document per file, cut into pieces of MAX_SENTENCES
        sentences = [s for d in documents for s in d]
        documents = [
            sentences[i : i + MAX_SENTENCES] for i in range(0, len(sentences), MAX_SENTENCES)
        ]
    problems = []
    if bad_tags:
        problems.append(f"{name}: {bad_tags} line(s) without a readable NER tag, read as O")
    built = [_document(f"{name}#{i}", doc) for i, doc in enumerate(d for d in documents if d)]
    return built, problems


def surface(token: str) -> str:
    """How a token is written in running text (PTB brackets and quotes undone)."""
    return _BRACKETS.get(token, _QUOTES.get(token, token))


def _document(key: str, sentences: list[list[tuple[str, str]]]) -> ConllDocument:
    """Detokenised text (no space before closing punctuation, none after opening; straight
    double quotes alternate open/close within a sentence) with each token's offsets."""
    document = ConllDocument(key=key, text="")
    parts: list[str] = []
    position = 0
    for sentence in sentences:
        if parts:
            parts.append("\n")
            position += 1
        first = len(document.tokens)
        previous = ""
        open_quote = False
        for i, (raw, tag) in enumerate(sentence):
            written = surface(raw)
            glue = written in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER
            if written == '"':
                glue = open_quote or previous in _NO_SPACE_AFTER
                open_quote = not open_quote
            elif previous == '"' and open_quote:
                glue = True
            if i and not glue:
                parts.append(" ")
                position += 1
            parts.append(written)
            document.tokens.append(ConllToken(raw, tag, position, position + len(written)))
            position += len(written)
            previous = written
        document.sentences.append((first, len(document.tokens)))
    document.text = "".join(parts)
    return document


def conll_files(path: Path) -> list[Path]:
    """``path`` itself, or the CoNLL files of a folder (sorted, recursively)."""
    if path.is_file():
        return [path]
    found = {p for pattern in PATTERNS for p in path.rglob(pattern) if p.is_file()}
    return sorted(p for p in found if looks_like_conll(p))


def read_path(path: Path) -> tuple[list[ConllDocument], list[str]]:
    """Every document of the CoNLL file or folder, in file order."""
    documents: list[ConllDocument] = []
    problems: list[str] = []
    root = path if path.is_dir() else path.parent
    for file in conll_files(path):
        name = str(file.relative_to(root))
        found, trouble = read_text(decode(file.read_bytes()), name)
        documents += found
        problems += trouble
    return documents, problems


def looks_like_conll(file: Path, lines: int = 200) -> bool:
    """True when the first non-blank lines of ``file`` read as CoNLL: a -DOCSTART- line, or
    lines of 2+ columns whose last column is a NER tag (most of them, and one not ``O``)."""
    try:
        with file.open("rb") as handle:
            head = decode(handle.read(64_000))
    except OSError:
        return False
    rows = [line.split() for line in head.splitlines()[:lines] if line.strip()]
    if not rows:
        return False
    if rows[0][0] == DOCSTART:
        return True
    tags = [normalise_tag(r[-1]) if len(r) > 1 else None for r in rows]
    readable = sum(t is not None for t in tags)
    named = sum(t not in (None, "O") for t in tags)
    return readable >= 0.9 * len(rows) and named > 0


# ---------------------------------------------------------------------------------------------
# Chunks (conlleval's rules)


def _split(tag: str) -> tuple[str, str]:
    return ("O", "") if tag == "O" else (tag[0], tag[2:])


def _ends(prev_tag: str, tag: str, prev_type: str, kind: str) -> bool:
    """conlleval's endOfChunk: does the chunk open at the previous token end before this one?"""
    if prev_tag in ("E", "S"):
        return True
    if prev_tag in ("B", "I") and tag in ("B", "S", "O"):
        return True
    return prev_tag != "O" and prev_type != kind


def _starts(prev_tag: str, tag: str, prev_type: str, kind: str) -> bool:
    """conlleval's startOfChunk: does a chunk start at this token?"""
    if tag in ("B", "S"):
        return True
    if prev_tag in ("E", "S", "O") and tag in ("E", "I"):
        return True
    return tag != "O" and prev_type != kind


def chunks(tags: Sequence[str]) -> list[Chunk]:
    """The chunks of one sentence's normalised tags, read as conlleval reads them (so IOB1,
    IOB2 and IOBES give the same chunks for the same names)."""
    found: list[Chunk] = []
    start: int | None = None
    prev_tag, prev_type = "O", ""
    for i, raw in enumerate([*tags, "O"]):
        tag, kind = _split(raw)
        if start is not None and _ends(prev_tag, tag, prev_type, kind):
            found.append((start, i, prev_type))
            start = None
        if _starts(prev_tag, tag, prev_type, kind):
            start = i
        prev_tag, prev_type = tag, kind
    return found


def chunks_of_sentences(tags: Sequence[str], sentences: Iterable[tuple[int, int]]) -> list[Chunk]:
    """Chunks sentence by sentence (a chunk never crosses a sentence break), in document
    token indices."""
    return [(a + s, b + s, t) for s, e in sentences for a, b, t in chunks(tags[s:e])]


def tags_for(spans: Iterable[Chunk], size: int) -> list[str]:
    """IOB2 tags for predicted token spans; a span overlapping one already tagged (earlier, or
    longer at the same start) is dropped, as a tag sequence can hold only one."""
    tags = ["O"] * size
    for start, end, kind in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        if start >= end or any(t != "O" for t in tags[start:end]):
            continue
        tags[start] = f"B-{kind}"
        for i in range(start + 1, end):
            tags[i] = f"I-{kind}"
    return tags


def token_span(document: ConllDocument, start: int, end: int) -> tuple[int, int] | None:
    """The tokens a character span touches (first, end exclusive), or None: a prediction that
    cuts a token in two covers the whole token, since conlleval scores tokens."""
    starts = document.token_starts
    first = max(bisect_right(starts, start) - 1, 0)
    if first < len(starts) and document.tokens[first].end <= start:
        first += 1
    last = bisect_left(starts, end)  # tokens before index `last` start before `end`
    return (first, last) if first < last else None


# ---------------------------------------------------------------------------------------------
# Scores


@dataclass
class ChunkTally:
    """conlleval's counts by type: gold chunks, predicted chunks, correct chunks."""

    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Iterable[Chunk], predicted: Iterable[Chunk]) -> None:
        gold_set, predicted_set = set(gold), set(predicted)
        self.gold.update(t for _, _, t in gold_set)
        self.predicted.update(t for _, _, t in predicted_set)
        self.correct.update(t for _, _, t in gold_set & predicted_set)

    def score(self, types: Iterable[str]) -> tuple[float, float, float]:
        """Precision, recall, F1 over the chunks of ``types`` (micro-averaged, as conlleval)."""
        kinds = set(types)
        return prf(
            sum(n for t, n in self.correct.items() if t in kinds),
            sum(n for t, n in self.predicted.items() if t in kinds),
            sum(n for t, n in self.gold.items() if t in kinds),
        )

    def count(self, counter: Counter[str], types: Iterable[str]) -> int:
        kinds = set(types)
        return sum(n for t, n in counter.items() if t in kinds)
