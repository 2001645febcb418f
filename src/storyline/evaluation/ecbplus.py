"""ECB+ (EventCorefBank+) as a story-clustering benchmark: a reader and the ``clusters`` task.

ECB+ files are tokenised XML: ``<token t_id sentence number>word</token>`` elements followed by
mention markables. In topic T, ``T_Necb.xml`` files report one seminal event and
``T_Necbplus.xml`` files a look-alike event of the same kind (another celebrity entering rehab,
another earthquake), so the gold story of a file is (topic, half). Scored at two levels:
event (gold = T + half) against storyline's stories, and topic (gold = T) against its
storylines (the threads of related stories); ``ecbplus_scoring`` runs and scores the piles.
The tuning and check parts are split by topic number (``splits.part_of(topic)``).

The reader rebuilds readable text from the tokens (one line per sentence, punctuation attached,
PTB quotes turned back into quotes) and lifts a leading URL "sentence" (ecbplus files start
with the page address, tokenised) into the record's ``url`` instead of the body.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import zip_longest
from pathlib import Path
from xml.etree import ElementTree

from storyline.evaluation.report import EvalReport
from storyline.evaluation.splits import check_part, in_part
from storyline.models import Document, RawRecord

_NAME = re.compile(r"^(?P<topic>\d+)_(?P<number>\d+)(?P<half>ecbplus|ecb)$", re.IGNORECASE)
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]+|'s|'re|'ve|'ll|'d|'m|n't|''|’s|’)$", re.I)
_NO_SPACE_AFTER = re.compile(r"^(?:[(\[{$#]|``|‘|“)$")
_URL_START = re.compile(r"^(?:https?|www)$", re.IGNORECASE)
_QUOTES = {"``": "\u201c", "''": "\u201d"}


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ file as text, with its gold clusters."""

    name: str
    topic: str
    half: str
    text: str
    url: str | None
    path: str
    #: token id (``t_id``) → (start, end) of its characters in ``text``; tokens of the lifted
    #: URL sentence have none
    token_spans: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    @property
    def event(self) -> str:
        return f"{self.topic}{self.half}"


def detokenise(tokens: list[str]) -> str:
    """A sentence's tokens as readable text: punctuation attached, PTB quotes restored."""
    return detokenise_spans(tokens)[0]


def detokenise_spans(tokens: list[str]) -> tuple[str, list[tuple[int, int] | None]]:
    """``detokenise`` plus each token's (start, end) in the text (None for an empty token;
    two apostrophe tokens merged into one quote share its span), so gold markables anchored to
    token ids find their characters."""
    out: list[str] = []
    spans: list[tuple[int, int] | None] = []
    length = 0
    merged = _paired_apostrophes(tokens)
    glue = True  # no space before the first token
    double_open = True  # state of plain '"' quotes, which open and close alternately
    for raw, width in merged:
        token = raw.strip()
        if not token:
            spans.extend([None] * width)
            continue
        attach = _NO_SPACE_BEFORE.match(token) is not None
        if token == '"':
            attach = not double_open
            opening = double_open
            double_open = not double_open
        else:
            opening = _NO_SPACE_AFTER.match(token) is not None
        token = _QUOTES.get(token, token)
        if out and not glue and not attach:
            out.append(" ")
            length += 1
        out.append(token)
        spans.extend([(length, length + len(token))] * width)
        length += len(token)
        glue = opening
    return "".join(out), spans


def _paired_apostrophes(tokens: list[str]) -> list[tuple[str, int]]:
    """Two single-apostrophe tokens in a row are one closing PTB quote (''), split by the
    tokeniser; each token comes with the number of input tokens it stands for."""
    out: list[tuple[str, int]] = []
    for token in tokens:
        if token.strip() == "'" and out and out[-1] == ("'", 1):
            out[-1] = ("''", 2)
        else:
            out.append((token.strip() if token.strip() == "'" else token, 1))
    return out


def _url_sentence(tokens: list[str]) -> str | None:
    """The address when a sentence is a tokenised URL ("http : / / www . site . com / …")."""
    if not tokens or not _URL_START.match(tokens[0].strip()):
        return None
    joined = "".join(t.strip() for t in tokens)
    return joined if re.match(r"^(?:https?://|www\.)\S+$", joined, re.IGNORECASE) else None


def read_document(path: Path) -> EcbDocument:
    """One ECB+ XML file; tokens are ordered by (sentence, number) whatever the file order."""
    root = ElementTree.parse(path).getroot()
    name = (root.get("doc_name") or path.name).removesuffix(".xml")
    match = _NAME.match(name) or _NAME.match(path.stem)
    topic = match.group("topic") if match else path.parent.name
    half = match.group("half").lower() if match else "ecb"
    sentences: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for position, token in enumerate(root.iter("token")):
        sentence = _int(token.get("sentence"), 0)
        number = _int(token.get("number"), position)
        sentences[sentence].append((number, token.text or "", token.get("t_id") or ""))
    lines: list[str] = []
    token_spans: dict[str, tuple[int, int]] = {}
    offset = 0
    url = None
    for index in sorted(sentences):
        ordered = sorted(sentences[index], key=lambda item: item[0])
        words = [word for _, word, _ in ordered]
        address = _url_sentence(words) if not lines and url is None else None
        if address:
            url = address
            continue
        line, spans = detokenise_spans(words)
        if not line:
            continue
        for (_, _, t_id), span in zip(ordered, spans, strict=True):
            if span is not None and t_id:
                token_spans[t_id] = (offset + span[0], offset + span[1])
        lines.append(line)
        offset += len(line) + 1
    return EcbDocument(
        name=name,
        topic=topic,
        half=half,
        text="\n".join(lines),
        url=url,
        path=str(path),
        token_spans=token_spans,
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _sort_key(path: Path) -> tuple[int, str, int, str]:
    match = _NAME.match(path.stem)
    if not match:
        return (1 << 30, path.parent.name, 0, path.name)
    return (int(match["topic"]), match["half"], int(match["number"]), path.name)


def read_corpus(root: Path, limit: int | None = None) -> list[EcbDocument]:
    """Every ``*.xml`` under ``root``; with ``limit``, taken round-robin over gold events so a
    bounded run still spans every topic and both halves."""
    paths = sorted((p for p in Path(root).rglob("*.xml") if p.is_file()), key=_sort_key)
    documents = [read_document(p) for p in paths] if limit is None else []
    if limit is not None:
        by_event: dict[tuple[str, str], list[Path]] = defaultdict(list)
        for p in paths:
            match = _NAME.match(p.stem)
            by_event[(match["topic"], match["half"]) if match else (p.parent.name, "")].append(p)
        chosen = [p for row in zip_longest(*by_event.values()) for p in row if p is not None]
        documents = [read_document(p) for p in sorted(chosen[:limit], key=_sort_key)]
    return documents


def to_record(document: EcbDocument) -> RawRecord:
    return RawRecord(
        source=document.path,
        kind="txt",
        suggested_id=document.name,
        text=document.text,
        url=document.url,
    )


def prepare_corpus(documents: list[EcbDocument], today: date) -> list[Document]:
    """The documents as a build prepares them (clean, header, dates); empty ones are dropped."""
    from storyline.errors import IngestError
    from storyline.ingest.prepare import prepare_document

    prepared = []
    for document in documents:
        try:
            prepared.append(prepare_document(to_record(document), today))
        except IngestError:
            continue
    return prepared


def evaluate(path: Path, limit: int | None = None, part: str = "all") -> EvalReport:
    """Cluster the ECB+ documents with the build's pipeline and score against the gold: all
    topics in one pile, and each topic as a pile of its own (see ``ecbplus_scoring``).
    ``part`` keeps the topics of one part of the split (``splits``: by topic number)."""
    from storyline.evaluation.ecbplus_scoring import score_piles

    check_part(part)
    every = read_corpus(path, limit)
    gold_docs = [d for d in every if in_part(d.topic, part)]
    topics = sorted({d.topic for d in every})
    gold = {d.name: (d.topic, d.event) for d in gold_docs}
    return score_piles(path, gold, prepare_corpus(gold_docs, date.today()), part, topics)
