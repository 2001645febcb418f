"""Gold factuality of event words, from MEANTIME's event attributes and TimeML's instances and
subordination links, mapped onto storyline's classes (``models.events.Factuality``).

Both corpora annotate whether an event happened on every event word, with attributes that say
more than storyline does; the mapping keeps storyline's precedence (negated > hypothetical >
planned > reported > asserted), so one gold word gets one class:

MEANTIME (NewsReader guidelines NWR-2014-2-2, section 5.1.2: ``polarity``, ``certainty`` and
``time`` of an EVENT_MENTION)
* ``polarity="NEG"`` → negated; ``polarity="UNDERSPECIFIED"`` (questions, "whether") →
  hypothetical;
* ``certainty`` POSSIBLE or UNDERSPECIFIED → hypothetical; PROBABLE → planned when
  ``time="FUTURE"`` ("is expected to"), hypothetical otherwise;
* ``time="FUTURE"`` (certain) → planned;
* an event an SLINK subordinates to a SPEECH_COGNITIVE event ("said", "claimed") → reported;
* the rest → asserted.

TimeML (TimeBank 1.2 and AQUAINT as cleaned for TempEval-3; the TimeML 1.2.1 guidelines,
MAKEINSTANCE and SLINK)
* ``polarity="NEG"`` → negated, and so is the subordinated event of a COUNTER_FACTIVE
  ("prevented", "failed to") or NEG_EVIDENTIAL ("denied") SLINK;
* a ``modality`` other than will/shall ("would", "could", "must") → hypothetical, and so are
  both events of a CONDITIONAL SLINK (the condition and what depends on it);
* ``tense="FUTURE"`` or ``modality`` will/shall → planned, and so is the subordinated event of
  a MODAL SLINK ("plans to", "want to", "expected to");
* the subordinated event of an EVIDENTIAL SLINK ("said") → reported (a FACTIVE one: asserted);
* the rest → asserted.
25 AQUAINT files of that release have polarity inverted: nearly every instance NEG
(NYT20000601.0442: 162 of 166, "Elian could be forced to stay" among them) and the few POS ones
the negated ("does not guarantee", "neither approves nor disapproves"); in a document where more
than half the instances are NEG (``INVERTED_NEG_SHARE``), POS is read as NEG and NEG as POS.

Keys of the honest split (``splits``): the MEANTIME doc_id, the TimeML DOCID.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluation.timeml import TAG, strip_markup, tag_attributes

CLASSES: tuple[str, ...] = ("asserted", "reported", "planned", "hypothetical", "negated")
INVERTED_NEG_SHARE = 0.5
PLANNING_MODALITIES = frozenset({"will", "shall", "'ll"})


@dataclass(frozen=True)
class GoldEvent:
    """One gold event word with its mapped class and the attribute that decided it."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    why: str


@dataclass(frozen=True)
class GoldText:
    """A document's text and its gold events (offsets index ``text``); ``scored_end`` ends the
    part whose events are annotated in full."""

    doc_id: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    events: tuple[GoldEvent, ...]
    scored_end: int


# --- MEANTIME ------------------------------------------------------------------------------


def meantime_label(polarity: str, certainty: str, time: str, under_speech: bool) -> tuple[str, str]:
    """(class, deciding attribute) of a MEANTIME event mention."""
    if polarity == "NEG":
        return "negated", "polarity NEG"
    if polarity == "UNDERSPECIFIED":
        return "hypothetical", "polarity UNDERSPECIFIED"
    if certainty in ("POSSIBLE", "UNDERSPECIFIED"):
        return "hypothetical", f"certainty {certainty}"
    if certainty == "PROBABLE":
        if time == "FUTURE":
            return "planned", "certainty PROBABLE, time FUTURE"
        return "hypothetical", "certainty PROBABLE"
    if time == "FUTURE":
        return "planned", "time FUTURE"
    if under_speech:
        return "reported", "SLINK from a SPEECH_COGNITIVE event"
    return "asserted", "certain, positive, not future"


def meantime_texts(path: Path, part: str, limit: int | None = None) -> tuple[list, list[str]]:
    """(MeantimeDocument, GoldText) pairs of one part, and the reader's problems."""
    from storyline.evaluation.meantime import annotated_end, read_corpus
    from storyline.evaluation.splits import in_part

    documents, problems = read_corpus(Path(path))
    documents = [d for d in documents if in_part(d.doc_id, part)][:limit]
    out = []
    for source in documents:
        classes = {m.m_id: m.event_class for m in source.event_mentions}
        reported = {
            target
            for rel in source.relations
            if rel.kind == "SLINK"
            and any(classes.get(s) == "SPEECH_COGNITIVE" for s in rel.sources)
            for target in rel.targets
        }
        end = annotated_end(source)
        events = []
        for m in source.event_mentions:
            if m.end > end or m.event_class == "GRAMMATICAL":
                continue
            label, why = meantime_label(m.polarity, m.certainty, m.time, m.m_id in reported)
            events.append(GoldEvent(source.doc_id, m.start, m.end, m.text, label, why))
        gold = GoldText(source.doc_id, source.text, source.sentences, tuple(events), end)
        out.append((source, gold))
    return out, problems


# --- TimeML --------------------------------------------------------------------------------


def read_timeml_events(source: str, fallback_id: str = "") -> GoldText:
    """The TEXT of a TimeML file with each EVENT's gold class (see the module docstring)."""
    doc_match = re.search(r"<DOCID\b[^>]*>(.*?)</DOCID\s*>", source, re.S | re.I)
    doc_id = (doc_match.group(1) if doc_match else fallback_id).strip()
    body_match = re.search(r"<TEXT\b[^>]*>(.*?)</TEXT\s*>", source, re.S | re.I)
    body = body_match.group(1) if body_match else source
    text, tagged = strip_markup(body, "EVENT")
    spans = {attrs.get("eid", ""): (start, end) for attrs, start, end in tagged}
    instances = [
        tag_attributes(m.group(3)) for m in TAG.finditer(source) if m.group(2) == "MAKEINSTANCE"
    ]
    links = [tag_attributes(m.group(3)) for m in TAG.finditer(source) if m.group(2) == "SLINK"]
    negatives = sum(i.get("polarity") == "NEG" for i in instances)
    inverted = negatives > INVERTED_NEG_SHARE * max(1, len(instances))
    by_instance = {i.get("eiid", ""): i for i in instances}
    link_labels: dict[str, list[tuple[str, str]]] = {}
    for link in links:
        kind = link.get("relType", "")
        below = link.get("subordinatedEventInstance", "")
        above = link.get("eventInstanceID", "")
        label = {
            "COUNTER_FACTIVE": "negated",
            "NEG_EVIDENTIAL": "negated",
            "CONDITIONAL": "hypothetical",
            "MODAL": "planned",
            "EVIDENTIAL": "reported",
        }.get(kind)
        if label is None:
            continue
        link_labels.setdefault(below, []).append((label, f"SLINK {kind}"))
        if kind == "CONDITIONAL":
            link_labels.setdefault(above, []).append((label, f"SLINK {kind} (condition)"))
    events: list[GoldEvent] = []
    seen: set[str] = set()
    for eiid, instance in by_instance.items():
        eid = instance.get("eventID", "")
        if eid in seen or eid not in spans:
            continue
        seen.add(eid)
        start, end = spans[eid]
        label, why = timeml_label(instance, link_labels.get(eiid, []), inverted)
        events.append(GoldEvent(doc_id, start, end, text[start:end], label, why))
    events.sort(key=lambda e: e.start)
    return GoldText(doc_id, text, (), tuple(events), len(text))


def timeml_label(
    instance: dict[str, str], from_links: list[tuple[str, str]], inverted: bool = False
) -> tuple[str, str]:
    """(class, deciding attribute) of a TimeML event instance and the SLINK classes it is under;
    ``inverted``: the document's polarity is the wrong way round."""
    candidates = list(from_links)
    if (instance.get("polarity") == "NEG") != inverted:
        candidates.append(("negated", "polarity NEG" + (" (inverted file)" if inverted else "")))
    modality = instance.get("modality", "").strip().lower()
    if modality and modality != "none":
        if modality in PLANNING_MODALITIES:
            candidates.append(("planned", f"modality {modality}"))
        else:
            candidates.append(("hypothetical", f"modality {modality}"))
    if instance.get("tense") == "FUTURE":
        candidates.append(("planned", "tense FUTURE"))
    if not candidates:
        return "asserted", "no modality, negation or subordination"
    rank = {name: k for k, name in enumerate(reversed(CLASSES))}
    return min(candidates, key=lambda c: rank[c[0]])


def timeml_texts(path: Path, part: str, limit: int | None = None) -> list[GoldText]:
    """Every ``.tml`` file under ``path`` of one part, a copy of a document read once."""
    from storyline.evaluation.splits import in_part

    files = [path] if path.is_file() else sorted(Path(path).rglob("*.tml"))
    seen: set[tuple[str, str]] = set()
    out: list[GoldText] = []
    for file in files:
        gold = read_timeml_events(file.read_text(encoding="utf-8", errors="replace"), file.stem)
        if (gold.doc_id, gold.text) in seen or not in_part(gold.doc_id, part):
            continue
        seen.add((gold.doc_id, gold.text))
        out.append(gold)
        if limit is not None and len(out) >= limit:
            break
    return out
