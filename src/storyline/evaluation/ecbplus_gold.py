"""ECB+ event-coreference gold: action mentions, their chains, and their characters in the text
the build actually analysed.

**Mentions.** Every ``ACTION_*`` and ``NEG_ACTION_*`` markable anchored to tokens is a gold event
mention; its characters are its tokens' spans in the text ``ecbplus.read_document`` rebuilds
(a mention may be discontinuous: "checked … into").

**Chains** (README of the release): a ``CROSS_DOC_COREF`` relation links mentions to an instance
(the target markable's ``instance_id``) shared across documents of a topic; an
``INTRA_DOC_COREF`` relation links mentions of one document only, so its chain is that document's
own; a mention in no relation is a singleton. The release notes that annotation aimed at a
selection of sentences (ECBplus_coreference_sentences.csv); the copy here has no such file, so
every annotated action mention is scored and a system mention counts for coverage only in a
sentence that holds some gold markable (see ``ecbplus_coref``).

**Characters in the built text.** The build cleans the text before analysing it: it lifts the
headline into the title, inserts blank lines between paragraphs, and strips datelines and
furniture ("Updated: May 16, 2005"). Gold spans are carried over line by line: a line found
verbatim (in order) maps whole; a line the cleaner trimmed maps through the longest built line
it contains; a line the build dropped maps nowhere, and its mentions are reported as lost, not
silently scored.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from xml.etree import ElementTree

from storyline.evaluation.ecbplus import EcbDocument

#: The shortest built line that may stand for a trimmed gold line: shorter pieces ("AP") would
#: match by chance.
MIN_PIECE = 12


@dataclass(frozen=True)
class GoldMention:
    """One gold action mention; ``spans`` are its tokens' characters in the ECB+ text."""

    doc_id: str
    m_id: str
    tag: str
    topic: str
    chain: str
    spans: tuple[tuple[int, int], ...]
    #: the coders' name of the chain's instance ("t1b_checking_in_promises"), else the chain id
    label: str = ""

    @property
    def key(self) -> str:
        return f"{self.doc_id}#{self.m_id}"


@dataclass(frozen=True)
class GoldDocument:
    mentions: list[GoldMention]
    #: (start, end) of every token any markable (action, participant, time, place) anchors
    markable_spans: list[tuple[int, int]]


def is_action(tag: str) -> bool:
    return tag.startswith(("ACTION_", "NEG_ACTION_"))


def read_gold(document: EcbDocument) -> GoldDocument:
    """The action mentions of one ECB+ file with their chains (module doc)."""
    root = ElementTree.parse(document.path).getroot()
    markables = root.find("Markables")
    anchored: dict[str, tuple[str, list[str]]] = {}
    instances: dict[str, tuple[str, str]] = {}
    for markable in markables if markables is not None else ():
        m_id = markable.get("m_id") or ""
        anchors = [a.get("t_id") or "" for a in markable.iter("token_anchor")]
        if anchors:
            anchored[m_id] = (markable.tag, anchors)
        elif markable.get("instance_id"):
            instance = markable.get("instance_id") or ""
            instances[m_id] = (instance, markable.get("TAG_DESCRIPTOR") or instance)
    chain_of: dict[str, tuple[str, str]] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        target = next((t.get("m_id") or "" for t in relation.iter("target")), "")
        if relation.tag == "CROSS_DOC_COREF":
            instance = relation.get("note") or f"{document.name}:{target}"
            linked = instances.get(target, (instance, instance))
        elif relation.tag == "INTRA_DOC_COREF":
            linked = (f"{document.name}:intra:{target}", f"{document.name} chain {target}")
        else:
            continue
        for source in relation.iter("source"):
            chain_of[source.get("m_id") or ""] = linked
    mentions: list[GoldMention] = []
    markable_spans: list[tuple[int, int]] = []
    for m_id, (tag, anchors) in anchored.items():
        spans = tuple(sorted(document.token_spans[t] for t in anchors if t in document.token_spans))
        markable_spans.extend(spans)
        if not spans or not is_action(tag):
            continue
        chain, label = chain_of.get(m_id) or (f"{document.name}:alone:{m_id}", "singleton")
        mentions.append(GoldMention(document.name, m_id, tag, document.topic, chain, spans, label))
    mentions.sort(key=lambda m: m.spans)
    return GoldDocument(mentions, sorted(markable_spans))


class LineMap:
    """Carries character spans of the ECB+ text into the built (cleaned) text (module doc)."""

    def __init__(self, source: str, built: str) -> None:
        #: (source start, source end, built start) of each piece that maps, in source order
        self.pieces: list[tuple[int, int, int]] = []
        built_lines = _lines(built)
        cursor = 0
        offset = 0
        for line in source.split("\n"):
            stripped = line.strip()
            lead = len(line) - len(line.lstrip())
            at = built.find(stripped, cursor) if stripped else -1
            if at >= 0:
                self.pieces.append((offset + lead, offset + lead + len(stripped), at))
                cursor = at + len(stripped)
            elif stripped:
                piece = _longest_piece(stripped, built_lines, cursor)
                if piece is not None:
                    text, at = piece
                    start = offset + lead + stripped.index(text)
                    self.pieces.append((start, start + len(text), at))
                    cursor = at + len(text)
            offset += len(line) + 1
        self._starts = [piece[0] for piece in self.pieces]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The built text's characters for source [start, end); None when they were dropped."""
        index = bisect_right(self._starts, start) - 1
        if index < 0:
            return None
        first, last, at = self.pieces[index]
        if start < first or end > last:
            return None
        return at + start - first, at + end - first


def _lines(text: str) -> list[tuple[str, int]]:
    out, offset = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            out.append((stripped, offset + len(line) - len(line.lstrip())))
        offset += len(line) + 1
    return out


def _longest_piece(line: str, built: list[tuple[str, int]], cursor: int) -> tuple[str, int] | None:
    """The longest built line at or after ``cursor`` that the source line contains."""
    found = [
        (text, at) for text, at in built if at >= cursor and len(text) >= MIN_PIECE and text in line
    ]
    return max(found, key=lambda item: len(item[0])) if found else None
