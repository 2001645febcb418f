"""Temporal expressions: find them in a document's clean text and normalise them TIMEX3-style.

A cascade, as HeidelTime does it: rules from ``data/timex.toml`` propose spans (longest match
wins); each span is normalised against the document's publication date, or against the last
date the text itself resolved ("the following day"); the tense of the governing clause decides
whether a bare weekday or month looks back (news default) or ahead ("will meet on Monday").
spaCy's DATE/TIME entities are a second source of spans (see ``SOURCES``). Nothing here reads
a clock or calls spaCy on text: the parse is given.

Measured on TempEval-3 TBAQ (``storyline eval timex``): rules alone beat rules + spaCy spans
(value F1 0.78 vs 0.75: spaCy's extra spans are mostly ages and "annual"/"quarterly"
adjectives), and this normaliser beats dateparser on the same spans (0.78 vs 0.46, which also
cannot express durations, sets or PAST_REF).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from spacy.tokens import Doc, Span, Token

from storyline.models import Document, Timex
from storyline.models.language import TimexType
from storyline.nlp import doc_ents, doc_sentences, doc_text, provenance
from storyline.text.datewords import parse_iso_prefix
from storyline.timex.calendar import VALUE_PARTS, Context, Direction, Normal
from storyline.timex.normalise import normalise
from storyline.timex.prefilter import gate_for
from storyline.timex.rules import Lexicon, Rule, alternation, load_rules

#: Where candidate spans come from: our rules only, or rules plus spaCy DATE/TIME entities that
#: no rule covered (kept with value None — they are temporal, but we cannot say when).
SOURCES = ("rules", "rules+spacy")
DEFAULT_SOURCES = "rules"
NUMERIC = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})  # spaCy: not a date
#: A verb form without tense of its own, and the relations by which it takes the tense of the
#: verb it hangs from: a bare infinitive or a gerund ("let the offensive begin", "will begin
#: withdrawing troops on Friday", "has fluctuated, rising ... from $29.75 in March"), a
#: participle as an object's complement ("hold all markets closed"). Not a "to"-infinitive
#: (its act may come later: "placed orders to start the first trading day for November"),
#: nor a participle in a reduced relative or participial clause ("the decision, announced
#: Wednesday", "Rescued on Nov. 25 by fishermen"): its act is its own.
COMPLEMENTS: dict[str, frozenset[str]] = {
    "VB": frozenset({"xcomp", "ccomp", "conj"}),
    "VBG": frozenset({"xcomp", "ccomp", "advcl", "conj"}),
    "VBN": frozenset({"xcomp", "ccomp"}),
}
LIMIT_PREPOSITIONS = frozenset({"through", "thru", "until", "till", "to", "by", "into"})
WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule | None  # None: a spaCy entity no rule covered
    match: re.Match[str] | None
    label: str = "DATE"


def _word_before(text: str, start: int) -> str:
    m = WORD_BEFORE.search(text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def _spacy_label(parsed: Doc, start: int, end: int) -> str:
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span[0].ent_type_ if span is not None and len(span) else ""


def _read_as_verb(parsed: Doc, start: int, end: int) -> bool:
    """Is a bare one-word match a verb in the parse ("stock markets continued to fall", MEANTIME;
    "the group began to fall apart", TimeBank)? "to" lets a bare month or season in ("from
    March to May"), but after it a season's name is as often the verb of the same spelling."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].pos_ in ("VERB", "AUX")


def _passes_context(rule: Rule, m: re.Match[str], text: str, parsed: Doc, lex: Lexicon) -> bool:
    if rule.context is None:
        return True
    before = _word_before(text, m.start())
    if rule.context == "amount":
        span = parsed.char_span(m.start(), m.end(), alignment_mode="expand")
        previous = parsed[span.start - 1] if span is not None and span.start > 0 else None
        return before in lex.amount_words or (
            previous is not None
            and (previous.like_num or previous.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY"))
        )
    groups = m.groupdict()
    if any(groups.get(k) for k in ("rel", "mod", "mod2", "det")):
        return True
    if _read_as_verb(parsed, m.start(), m.end()):
        return False
    label = _spacy_label(parsed, m.start(), m.end())
    return label in ("DATE", "TIME") or (before in lex.context_words and label not in NUMERIC)


def find_candidates(text: str, parsed: Doc, sources: str = DEFAULT_SOURCES) -> list[Candidate]:
    """Non-overlapping candidate spans in text order: the longest rule match wins."""
    lexicon, rules = load_rules()
    gate = gate_for(tuple(rule.pattern.pattern for rule in rules))
    windows = gate.windows(text, doc_sentences(parsed))
    found: list[tuple[int, int, Candidate]] = []
    for order, (rule, stretches) in enumerate(zip(rules, windows, strict=True)):
        for start, end in [(0, len(text))] if stretches is None else stretches:
            for m in rule.pattern.finditer(text, start, end):
                if m.end() > m.start() and _passes_context(rule, m, text, parsed, lexicon):
                    candidate = Candidate(m.start(), m.end(), rule, m)
                    found.append((m.end() - m.start(), order, candidate))
    chosen: list[Candidate] = []
    for _, _, candidate in sorted(found, key=lambda item: (-item[0], item[1])):
        if not any(candidate.start < c.end and c.start < candidate.end for c in chosen):
            chosen.append(candidate)
    if sources == "rules+spacy":
        for ent in doc_ents(parsed):
            if ent.label_ not in ("DATE", "TIME"):
                continue
            start, end = _trim(ent)
            if end > start and not any(start < c.end and c.start < end for c in chosen):
                chosen.append(Candidate(start, end, None, None, ent.label_))
    return sorted(chosen, key=lambda c: c.start)


def _trim(ent: Span) -> tuple[int, int]:
    """An entity's span without leading prepositions/determiners TIMEX3 leaves out."""
    tokens = list(ent)
    while tokens and tokens[0].pos_ in ("ADP", "PUNCT", "CCONJ"):
        tokens.pop(0)
    while tokens and tokens[-1].pos_ == "PUNCT":
        tokens.pop()
    if not tokens:
        return 0, 0
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def clause_direction(parsed: Doc, start: int, end: int, lexicon: Lexicon) -> Direction:
    """'future' when the clause governing the span is future (will, scheduled, planned to …),
    'past' when it is in the past tense, None when nothing says."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sentence = span.sent
    window = doc_text(parsed)[max(sentence.start_char, start - 40) : start].lower()
    if any(re.search(rf"\b{re.escape(p)}\b", window) for p in lexicon.future_phrases):
        before = doc_text(parsed)[sentence.start_char : start].lower()
        return None if _earlier_plan(before, lexicon) else "future"
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxiliaries = _auxiliaries(verb)
    if _future_auxiliary(auxiliaries, lexicon):
        return "future"
    head = verb.head
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and head.lemma_.lower() in lexicon.future_verbs:
        return "future"
    if verb.tag_ == "VBN" and auxiliaries and _plans_ahead(verb, auxiliaries, lexicon):
        return "future"
    if _past_tense(verb, auxiliaries):
        return "past"
    if _present_perfect(verb, auxiliaries) and not _limit(span.root):
        return "past"
    if _adverbial_of(span.root, verb) and _present_not_perfect(verb, auxiliaries):
        return "future"
    return _governing_tense(verb, auxiliaries, span.root, lexicon)


def _governing_tense(
    verb: Token, auxiliaries: list[Token], when: Token, lexicon: Lexicon
) -> Direction:
    """The direction of the verb a tenseless one hangs from (``COMPLEMENTS``): "Bush let the
    offensive begin Saturday night" (past), "has fluctuated sharply, rising ... from $29.75 in
    March" (present perfect: past), "will begin withdrawing troops on Friday" (future)."""
    for _ in range(3):
        if auxiliaries or verb.dep_ not in COMPLEMENTS.get(verb.tag_, ()):
            return None  # a "to"-infinitive too: "placed orders to start November trading"
        verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        auxiliaries = _auxiliaries(verb)
        if _future_auxiliary(auxiliaries, lexicon):
            return "future"
        if _past_tense(verb, auxiliaries):
            return "past"
        if _present_perfect(verb, auxiliaries):
            return None if _limit(when) else "past"
    return None


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _future_auxiliary(auxiliaries: list[Token], lexicon: Lexicon) -> bool:
    """A future auxiliary ("will", "shall", "would" …) among a verb's auxiliaries."""
    return any(a.lower_ in lexicon.future_aux for a in auxiliaries)


def _past_tense(verb: Token, auxiliaries: list[Token]) -> bool:
    """The verb or one of its auxiliaries is in the simple past ("said", "was announced")."""
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)


def _earlier_plan(before: str, lexicon: Lexicon) -> bool:
    """Is the plan before the date one said to be an earlier plan ("as previously planned
    Saturday night", TimeBank WSJ910225-0066; "previously had been scheduled to expire at
    midnight Friday", TimeBank wsj_0542; "originally scheduled to take place in the spring but
    was delayed", eval/dates)? It was made or changed before the article, so it says nothing
    of whether its day is still ahead; the date keeps the reading of a date without a cue."""
    words = alternation(lexicon.earlier_plan_words)
    phrases = alternation(lexicon.future_phrases)
    return re.search(rf"\b{words}\b(?:\s+[\w']+){{0,2}}\s+{phrases}\b", before) is not None


def _plans_ahead(participle: Token, auxiliaries: list[Token], lexicon: Lexicon) -> bool:
    """Does a passive or perfect of a verb of planning date the planned thing? "is expected
    Monday", "has set Nov. 10 as the deadline", "was expected Wednesday" (the rain still to
    come), "was set for Friday": yes. But with a past auxiliary, a verb that is itself an act
    of saying or deciding dates that act, as any past tense does: "the accord, which was
    announced Friday" (TimeBank wsj_0583), "the INS decision was announced Wednesday"
    (TimeBank APW20000107), "Ohio's presidential primary was postponed Tuesday" (the dates
    set, 1551271741). Only verbs whose passive subject is the awaited event keep looking
    ahead then (``awaiting_verbs``)."""
    lemma = participle.lemma_.lower()
    if lemma not in lexicon.future_verbs:
        return False
    return lemma in lexicon.awaiting_verbs or not any(a.tag_ == "VBD" for a in auxiliaries)


def _present_perfect(verb: Token, auxiliaries: list[Token]) -> bool:
    """The present perfect, simple or progressive ("has confirmed", "have been searching for
    Kopp since shortly after the Oct. 23 slaying", TimeBank APW19990506): it tells what is
    done by the article's day, so a date in its clause is not ahead of it — unless the date
    is the act's limit (``_limit``)."""
    has = any(a.lemma_.lower() == "have" and a.tag_ in ("VBZ", "VBP") for a in auxiliaries)
    return has and (verb.tag_ == "VBN" or any(a.lower_ == "been" for a in auxiliaries))


def dates_done_act(parsed: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Does the span date an act the text tells as done: an adverbial of a verb in the past
    tense ("was fired on June 8"), the present perfect, or a bare past participle ("O'Brien,
    fired on June 8, is seeking ...")? Such a day is not after the article's own day, unlike a
    date inside a noun phrase of a past clause ("declared a dividend payable Dec. 7"), which
    ``max_drift_days`` lets look ahead. A future cue before the date ("scheduled for"), a
    future auxiliary or a verb of planning ("set for June 8") leaves the date as it was."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = span.root.head if span.root.dep_ != "pobj" else span.root.head.head
    if verb.pos_ not in ("VERB", "AUX") or not _adverbial_of(span.root, verb):
        return False
    if span.root.dep_ == "pobj" and span.root.head.lower_ != "on":
        return False  # "extended to Nov. 20", "through Nov. 17": a limit, not the act's day
    window = doc_text(parsed)[max(span.sent.start_char, start - 40) : start].lower()
    if any(re.search(rf"\b{re.escape(p)}\b", window) for p in lexicon.future_phrases):
        return False
    if verb.lemma_.lower() in lexicon.future_verbs:
        return False
    auxiliaries = _auxiliaries(verb)
    if verb.tag_ == "VBD":
        return not auxiliaries
    if verb.tag_ != "VBN":
        return False
    return all(a.tag_ in ("VBD", "VBN") or a.lemma_.lower() == "have" for a in auxiliaries)


def _adverbial_of(when: Token, verb: Token) -> bool:
    """Is ``when`` an adverbial of ``verb`` itself ("meet Monday", "falls on Saturday"), not
    part of a noun phrase ("Friday's purchases") or of a quotation's frame?"""
    if when.head == verb:
        return when.dep_ in ("npadvmod", "advmod", "obl", "tmod")
    return when.dep_ == "pobj" and when.head.dep_ == "prep" and when.head.head == verb


def _limit(when: Token) -> bool:
    """Is ``when`` the end of a stretch ("has extended loans through January", TimeBank
    wsj_0575; "extended to Nov. 20")? A limit may lie ahead of an act already done."""
    return when.dep_ == "pobj" and when.head.lower_ in LIMIT_PREPOSITIONS


def _present_not_perfect(verb: Token, auxiliaries: list[Token]) -> bool:
    """A clause in the present tense that is not a present perfect: "his birthday, which
    falls on Saturday", "the summit opens on Monday", "the talks are held on Friday". News tells
    what already happened in the past tense (or the present perfect: "has met"), so a weekday
    or month governed by a present-tense verb looks ahead, as HeidelTime's tense
    rule resolves it (present tags → PRESENTFUTURE, the present perfect excepted)."""
    if any(a.lemma_.lower() == "have" for a in auxiliaries) and verb.tag_ == "VBN":
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return bool(auxiliaries) and all(a.tag_ in ("VBZ", "VBP") for a in auxiliaries)


def is_calendar_value(value: str | None) -> bool:
    return bool(value) and VALUE_PARTS.match(value or "") is not None


def extract_timexes(document: Document, parsed: Doc, sources: str = DEFAULT_SOURCES) -> list[Timex]:
    """Every temporal expression in ``document.text``, normalised against its publication date.

    Values follow TIMEX3: 2024-03-18, 2023-12, 2022, 2023-Q3, 1998-W47, P22M, PT3H, P1W (SET),
    PRESENT_REF; relative expressions of an undated document keep ``value=None`` or a partial
    value (XXXX-12-27) and ``anchored=True``.
    """
    lexicon, _ = load_rules()
    text = document.text
    context = Context(anchor=parse_iso_prefix(document.published or ""), lexicon=lexicon)
    timexes: list[Timex] = []
    for candidate in find_candidates(text, parsed, sources):
        start, end = candidate.start, candidate.end
        if candidate.rule is None or candidate.match is None:
            normal: Normal | None = Normal(None, "spacy-unnormalised", candidate.label)
            kind = candidate.label
        else:

            def direction(s: int = start, e: int = end) -> Direction:
                return clause_direction(parsed, s, e, lexicon)

            def done(s: int = start, e: int = end) -> bool:
                return dates_done_act(parsed, s, e, lexicon)

            context.direction = direction
            context.done = done
            normal = normalise(candidate.rule.normaliser, candidate.match, context)
            kind = candidate.rule.type
        if normal is None:
            continue
        kind = normal.type or kind
        calendar_part = (normal.range_end or normal.value or "").split("T")[0]
        if normal.sets_reference and is_calendar_value(calendar_part) and kind in ("DATE", "TIME"):
            context.reference = calendar_part  # "Friday evening" sets Friday for "the next day"
        timexes.append(
            Timex(
                id=f"t{len(timexes) + 1}",
                text=text[start:end],
                type=cast(TimexType, kind),  # rule/spaCy labels; the Timex model validates it
                value=normal.value,
                anchored=normal.anchored,
                range_end=normal.range_end,
                rule=f"{candidate.rule.name if candidate.rule else 'spacy'}/{normal.rule}",
                provenance=provenance(document.id, parsed, start, end),
            )
        )
    return timexes
