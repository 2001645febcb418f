"""The normalised value a question asks for, of the type its interrogative fixes.

Values come from the analysis layers, never from re-reading the text:

* **when**: the date of the merged event the question describes (its participants are the
  question's entities and its type the one the question's verb names in the event lexicon:
  "call" → CONSULT/phone); else the date the events layer tied to that act's mention in a
  supporting sentence; else a resolved date written in the same clause as the asked act ("the
  war began in February 2022" — not "… to visit Ukraine since it became independent in 1991").
  A date is given in words; an unresolved code (``XXXX-WXX-5``, ``PRESENT_REF``) is no date.
* **who / where**: ``people`` (an entity of the asked type, never another).
* **how much / how many**: the figure of the asked kind whose measure best fits the question;
  when sources dispute that measure, ``conflicts`` gives every side.

Each value cites its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from storyline.ask import people
from storyline.ask.argument import act_spans, act_told
from storyline.ask.conflicts import conflict_value, disputed
from storyline.ask.events import EventMatch, Groups
from storyline.ask.frame import Frame, read_frame
from storyline.ask.index import AskIndex
from storyline.ask.query import (
    Question,
    compatible_dates,
    config,
    keys_match,
    name_key,
    term_key,
)
from storyline.ask.score import Scored
from storyline.entities.actor_affiliation import affiliation
from storyline.models import HAPPENED, DocumentAnalysis, Figure, Provenance
from storyline.models.answers import AnswerValue
from storyline.summary.citations import best_mentions
from storyline.text.readable_dates import readable_date

#: A date a reader can be given: ISO year, month or day (with an optional time part).
RESOLVED = re.compile(r"^(?:1[89]|20)\d\d(?:-[01]\d(?:-[0-3]\d)?)?(?=$|T)")
#: Words that open another clause between an act and a date ("… visit Ukraine since it became
#: independent in 1991"): subordinators and relative words of English (Huddleston & Pullum,
#: ch. 11–12), and the punctuation that ends a clause.
CLAUSE_BREAK = re.compile(
    r"[;:—–]|\b(?:since|after|before|when|while|because|although|though|until|once|which|who"
    r"|whom|whose|where|whereas|if|unless|as)\b",
    re.IGNORECASE,
)
SUBORDINATOR = re.compile(CLAUSE_BREAK.pattern[len(r"[;:—–]|") :], re.IGNORECASE)
PUNCTUATION = re.compile(r"[,;:—–()]")
HARD_BREAK = re.compile(r"[;:—–]")
MAX_GAP = 120  # characters between the asked act and its date: a clause, not a paragraph


def find_value(
    q: Question,
    groups: Groups,
    named: set[str],
    supported: Sequence[Scored],
    matches: Sequence[EventMatch],
    index: AskIndex,
    analyses: dict[str, DocumentAnalysis],
) -> AnswerValue | None:
    """The value the question asks for, or None when it asks for none or none is known."""
    top = list(supported[:5])
    told = {(s.hit.doc_id, s.hit.start) for s in top[:3]}
    relevant = [
        m
        for m in matches
        if m.strength > 1.0
        or any((x.provenance.doc_id, x.provenance.sentence_start) in told for x in m.event.mentions)
    ]
    frame = read_frame(q, groups.keys())
    if q.kind == "when":
        core = [groups[span] for span in frame.core if span in groups]
        if act_told(frame, top, index, core) is False:
            return None  # the sentences tell the act of others only: no date of the asked one
        # a sentence that tells the act of someone else dates nothing asked ("Modi became the
        # first … to visit Ukraine on Friday" does not date a visit by Zelenskyy)
        told_of = [s for s in top if act_told(frame, [s], index, core) is not False]
        return _when(q, relevant, told_of, analyses)
    if q.kind == "who":
        return people.who(q, frame, groups, relevant, top, named, index)
    if q.kind == "where":
        return people.where(q, frame, groups, relevant, top, named, index)
    if q.kind in ("how_much", "how_many", "how_long"):
        counted = (frame.focus or q.counted) if q.kind == "how_many" else None
        return _figure(q, top, analyses, index, groups, counted, frame)
    return None


def asked_types(q: Question) -> set[str]:
    """Entity types a question may be answered with (kept for callers of the old name)."""
    return people.answer_types(q)


# ---------------------------------------------------------------- when


def _when(
    q: Question,
    matches: Sequence[EventMatch],
    top: Sequence[Scored],
    analyses: dict[str, DocumentAnalysis],
) -> AnswerValue | None:
    for m in matches:
        event = m.event
        if not event.date or event.factuality not in HAPPENED:
            continue
        if q.dates and not any(compatible_dates(d, event.date) for d in q.dates):
            continue
        told = [x for x in event.mentions if x.date and compatible_dates(x.date, event.date)]
        if not told:
            continue  # a date no report of this act states (inherited from another event)
        evidence = [x.provenance for x in best_mentions(event)]
        found = _date(event.date, event.date_end, "event", event.id, event.documents, evidence)
        if found is not None:
            return found
    for s in top:  # the date the events layer tied to the asked act in a supporting sentence
        for match in s.events:
            for mention in match.mentions:
                p = mention.provenance
                if (p.doc_id, p.sentence_start) != (s.hit.doc_id, s.hit.start):
                    continue
                if mention.date and mention.factuality in HAPPENED:
                    found = _date(mention.date, mention.date_end, "event", match.event.id,
                                  [s.hit.doc_id], [p])  # fmt: skip
                    if found is not None:
                        return found
    for s in top[:3]:  # a resolved date written in the asked act's own clause
        if any(
            x.date_text and x.provenance.sentence_start == s.hit.start
            for m in s.events
            for x in m.mentions
        ):
            continue  # the events layer tied the act to its own date expression (above)
        analysis = analyses.get(s.hit.doc_id)
        acts = _act_positions(q, s)
        for timex in analysis.timexes if analysis else ():
            p = timex.provenance
            if p.sentence_start != s.hit.start or timex.type != "DATE" or not timex.value:
                continue
            if q.dates and not any(compatible_dates(d, timex.value) for d in q.dates):
                continue
            if not _same_clause(s.hit.text, acts, p.start - s.hit.start, p.end - s.hit.start):
                continue
            found = _date(timex.value, timex.range_end, "timex", f"{s.hit.doc_id}:{timex.id}",
                          [s.hit.doc_id], [p])  # fmt: skip
            if found is not None:
                return found
    return None


def _date(
    value: str,
    end: str | None,
    layer: str,
    ref: str,
    documents: Sequence[str],
    evidence: list[Provenance],
) -> AnswerValue | None:
    """A date answer in words, or None when the value is not a resolved date: the one place a
    date is formatted for an answer."""
    if not RESOLVED.match(value):
        return None  # "XXXX-WXX-5", "PRESENT_REF": no date a reader can be told
    day = RESOLVED.match(value).group(0)  # type: ignore[union-attr]
    last = end if end and RESOLVED.match(end) else None
    return AnswerValue(
        kind="date",
        text=format_date(day, last),
        value=day if not last else f"{day}/{last}",
        layer=layer,  # type: ignore[arg-type]
        ref=ref,
        documents=list(documents),
        evidence=evidence,
    )


def _act_positions(q: Question, s: Scored) -> list[tuple[int, int]]:
    """Where the sentence states the asked act: words matching the question's plain words
    (not its names) and the triggers of the events it reports that fit the question."""
    spans = [
        (p.start - s.hit.start, p.end - s.hit.start)
        for m in s.events
        for mention in m.mentions
        if (p := mention.provenance).sentence_start == s.hit.start
    ]
    keys = [term_key(t.text) for t in q.terms]
    for word in re.finditer(r"[^\W_]+", s.hit.text):
        key = term_key(word.group(0))
        if any(keys_match(key, k) for k in keys) and not word.group(0)[:1].isupper():
            spans.append(word.span())
    return spans


def _same_clause(text: str, acts: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether an act and a date share a clause. A date inside a subordinate clause ("… since
    it became independent in 1991, …") dates only the acts of that clause; a date of the main
    clause reaches an act unless a subordinate clause opens between them."""
    left = max((m.end() for m in PUNCTUATION.finditer(text, 0, start)), default=0)
    openers = list(SUBORDINATOR.finditer(text, left, start))
    if openers:
        opener = openers[-1]
        close = PUNCTUATION.search(text, end)
        lo, hi = opener.start(), close.start() if close else len(text)
        return any(lo <= a and b <= hi for a, b in acts)
    for a, b in acts:
        lo, hi = (b, start) if b <= start else (end, a)
        if not 0 <= hi - lo <= MAX_GAP or HARD_BREAK.search(text[lo:hi]):
            continue
        gap = text[lo:hi]
        # a subordinate clause closed by a comma inside the gap ("… nationals who had visited
        # China, Azar announced on Friday") is passed; one still open separates the two
        tail = gap[max((m.end() for m in PUNCTUATION.finditer(gap)), default=0) :]
        if not SUBORDINATOR.search(tail if b <= start else gap.split(",")[0]):
            return True
    return False


# ---------------------------------------------------------------- how much / how many


def _figure(
    q: Question,
    top: Sequence[Scored],
    analyses: dict[str, DocumentAnalysis],
    index: AskIndex,
    groups: Groups,
    counted: str | None,
    frame: Frame,
) -> AnswerValue | None:
    kinds = set(config()["answer_types"][q.kind or "how_much"])
    keys = [term_key(t.text) for t in q.terms]
    best: tuple[int, int, int, Figure] | None = None
    for rank, s in enumerate(top[:3]):
        analysis = analyses.get(s.hit.doc_id)
        clauses = act_spans(frame, s.hit.text) if frame.acts else []
        for f in analysis.figures if analysis else ():
            if (
                f.provenance.sentence_start == s.hit.start
                and f.kind in kinds
                and _counts(counted, f)
                and _about_the_asked(f, groups, index)
            ):
                where = f.provenance.start - s.hit.start
                in_act = any(a <= where < b for a, b in clauses)  # the asked act's own value
                fit = (int(in_act), _overlap(keys, f), -rank)
                if best is None or fit > best[:3]:
                    best = (*fit, f)
    if best is None:
        return None
    figure = best[3]
    group = disputed(figure, index)
    if group is not None:
        return conflict_value(figure, group, analyses, figure.kind)
    return AnswerValue(
        kind="count" if figure.kind in ("count", "duration") else "amount",
        text=figure_text(figure),
        value=_number(figure),
        layer="figure",
        ref=figure.id,
        documents=[figure.provenance.doc_id],
        evidence=[figure.provenance],
    )


def _about_the_asked(figure: Figure, groups: Groups, index: AskIndex) -> bool:
    """A figure whose measure names parties answers only a question that names one of them or
    of the names around it: "How much oil does China import?" is not answered by India's
    imports from Russia."""
    parties = {p for p in figure.measure_key.split("|")[1:] if p}
    if not parties or not groups:
        return True
    entities = [index.entities[i] for ids in groups.values() for i in ids if i in index.entities]
    asked = {
        name_key(n).split()[-1] if e.type == "PERSON" else name_key(n)
        for e in entities
        for n in (e.name, *e.aliases)
        if name_key(n)
    }
    asked |= {name_key(c) for e in entities if (c := affiliation(e)[0])}  # Rutte → Netherlands
    return bool((parties | set(figure.context)) & asked)


def _counts(counted: str | None, figure: Figure) -> bool:
    """ "How many countries …" is answered by a count of countries (or of a duration's unit:
    "how many hours"), never by another number in the sentence; ``counted`` is the head noun of
    the question's wh-phrase ("how many new *countries*")."""
    if counted is None or figure.unit is None:
        return counted is None or figure.kind not in ("count", "duration")
    return keys_match(term_key(counted), term_key(figure.unit))


def _overlap(keys: list[str], figure: Figure) -> int:
    words = [term_key(w) for w in f"{figure.measure} {figure.unit or ''}".replace("–", " ").split()]
    return sum(any(keys_match(k, w) for w in words) for k in keys)


def figure_text(figure: Figure) -> str:
    """The figure as written, with a comparative qualifier in front when the words that gave
    it are elsewhere ("exceeded $50 billion" → "over $50 billion")."""
    prefix = set(config()["qualifier_prefix"])
    qualifier = figure.qualifier
    if (
        qualifier is not None
        and qualifier in prefix
        and qualifier.lower() not in figure.text.lower()
    ):
        return f"{qualifier} {figure.text}"
    return figure.text


def _number(figure: Figure) -> str:
    """The value in plain decimal digits, never an exponent and never rounded ('5e+10' would
    read as a typo; ':g' would turn 1,234,567 into 1.23457e+06)."""
    text = format(Decimal(repr(figure.value)), "f")
    value = text.rstrip("0").rstrip(".") if "." in text else text
    return f"{value} {figure.unit}".strip() if figure.unit else value


def format_date(value: str, end: str | None = None) -> str:
    """'2024-03-20' → '20 March 2024'; '2023-12' → 'December 2023'; a range → '25–29 December
    2023'; any other TIMEX value as words (``text.readable_dates``)."""
    resolved_end = end if end and RESOLVED.match(end) else None  # an answer names known days
    return readable_date(value, resolved_end, "long")


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
