"""Which clause's time is an event's: the dependency syntax ``events.dating`` reads.

Clauses share a time along coordination, control, shared-time adverbial clauses, infinitival
relatives ("became the first leader to visit") and out of a trailing attribution ("…, the office
said"); "after/before/since/until" clauses order two times instead. A temporal expression belongs
to the word it hangs on, read up through place and thing nouns to the first verb or event noun —
and, after an event noun in a verb's phrase, to that noun (late closure). Durations before
"after"/"before" ("a day after he discussed …") place a clause relative to its main clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from storyline.data import read_toml
from storyline.events.matching import Coded
from storyline.events.triggers import is_event_word
from storyline.nlp import doc_text

#: Dependencies through which a clause shares the time of the clause above it.
SHARED_TIME = frozenset({"conj", "xcomp", "advcl"})
#: A noun inside another noun's phrase, not its head ("cooperation plan", "the bloc's summit").
NOUN_MODIFIERS = frozenset({"compound", "poss", "amod", "nmod"})
#: "at the summit", "during the talks": an occasion noun holding its clause's act.
OCCASION_PREPOSITIONS = frozenset({"at", "during"})
#: Words between a clause's subject and its verb ("since Moscow first sent", "had sent").
LEFT_OF_VERB = frozenset({"aux", "auxpass", "advmod", "neg"})
#: "a day after", "two months before", "four days after": a clause placed from its main clause.
OFFSET_BEFORE = re.compile(
    r"\b(?P<num>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(?P<unit>day|week|month|year)s?\s+(?P<dir>after|before)\s*$",
    re.IGNORECASE,
)
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


@dataclass(frozen=True)
class DatingRules:
    present_cues: tuple[re.Pattern[str], ...]
    lede_sentences: int
    other_time_words: frozenset[str]
    other_time_phrases: tuple[str, ...]
    event_noun_suffixes: tuple[str, ...]
    ordering_marks: frozenset[str]
    same_time_marks: frozenset[str]
    attribution_verbs: frozenset[str]
    time_nouns: frozenset[str]


@cache
def dating_rules() -> DatingRules:
    """The ``[event_dating]`` table of ``data/dates.toml``, read once."""
    conf = read_toml("dates.toml")["event_dating"]
    return DatingRules(
        present_cues=tuple(
            re.compile(rf"\b{re.escape(c)}\b", re.IGNORECASE) for c in conf["present_cues"]
        ),
        lede_sentences=int(conf["lede_sentences"]),
        other_time_words=frozenset(conf["other_time_words"]),
        other_time_phrases=tuple(conf["other_time_phrases"]),
        event_noun_suffixes=tuple(conf["event_noun_suffixes"]),
        ordering_marks=frozenset(conf["ordering_marks"]),
        same_time_marks=frozenset(conf["same_time_marks"]),
        attribution_verbs=frozenset(conf["attribution_verbs"]),
        time_nouns=frozenset(conf["time_nouns"]),
    )


@dataclass(frozen=True)
class Offset:
    """A clause's time relative to its main clause: ``sign`` × ``amount`` ``unit``s."""

    amount: int
    unit: str  # "day", "week", "month", "year"
    sign: int
    text: str


class ClauseSyntax:
    """The clause structure of one parsed document, as event dating reads it."""

    def __init__(self, parsed: Doc, rules: DatingRules | None = None) -> None:
        self.parsed = parsed
        self.rules = rules or dating_rules()

    def main_clause(self, root: Token) -> set[int]:
        """The sentence's root, the clauses coordinated with it or controlled by it, and the
        clause a trailing attribution reports ("X met Y on Monday, the office said")."""
        found, stack = {root.i}, [root]
        while stack:
            node = stack.pop()
            for child in node.children:
                shared = child.dep_ in ("conj", "xcomp") and child.pos_ in ("VERB", "AUX")
                if shared and self.misparsed_subordinate(child):
                    continue
                if shared or self._attributed(child, node):
                    found.add(child.i)
                    stack.append(child)
        return found

    def _attributed(self, clause: Token, head: Token) -> bool:
        return (
            clause.dep_ == "ccomp"
            and clause.i < head.i
            and head.lemma_.lower() in self.rules.attribution_verbs
        )

    def chain(self, anchor: Token, attribution: bool = True) -> set[int]:
        """The anchor and the clauses whose time it shares: up through coordination, control,
        infinitival relatives and adverbial clauses (not "after/before/since/until" ones, which
        order two times), and out of a clause its attribution follows (unless ``attribution``
        is off: a plan's report is not when the plan happens)."""
        chain = {anchor.i}
        node = anchor
        for _ in range(8):
            if node.head is node:
                break
            if _infinitival_relative(node):  # "became the first leader to visit Kyiv"
                node = node.head.head
                chain.add(node.i)
                continue
            if node.dep_ not in SHARED_TIME and not (
                attribution and self._attributed(node, node.head)
            ):
                break
            if node.dep_ == "advcl" and self.ordered(node):
                break
            if self.misparsed_subordinate(node):
                break
            node = node.head
            chain.add(node.i)
        return chain

    def misparsed_subordinate(self, verb: Token) -> bool:
        """ "…, the first visit since Moscow sent its troops into Ukraine on February 24": the
        parser often reads "since Moscow" as a prepositional phrase and hangs the verb after it
        on the main clause as a conjunct (its subject, if any, a noun before "since"). A conjunct
        verb right after "since/after/before/until + noun phrase" is that subordinate clause:
        it orders two times, it shares neither the main clause's time nor its subject's."""
        if verb.dep_ != "conj":
            return False
        j = verb.i - 1
        while j > 0 and self.parsed[j].head.i == verb.i and self.parsed[j].dep_ in LEFT_OF_VERB:
            j -= 1  # "since Moscow first sent", "since Moscow had sent"
        node = self.parsed[j]
        for _ in range(4):  # up from the noun phrase's last word to its head noun
            if node.dep_ == "pobj" and node.right_edge.i == j:
                mark = node.head
                return mark.lower_ in self.rules.ordering_marks and mark.i < node.left_edge.i
            if node.head.i == node.i or node.head.i > j:
                return False
            node = node.head
        return False

    def same_time_clauses(self, anchors: set[int]) -> set[int]:
        """Adverbial "when" clauses on the event's clause ("When Lavrov came to Delhi in
        April 2022, Modi received him"): they happen at its time, so their date is its date."""
        marks = self.rules.same_time_marks
        found: set[int] = set()
        for i in anchors:
            for clause in self.parsed[i].children:
                if clause.dep_ == "advcl" and any(
                    c.dep_ in ("mark", "advmod") and c.lower_ in marks for c in clause.children
                ):
                    found |= self.chain(clause) - anchors | {clause.i}
        return found

    def ordered(self, clause: Token) -> bool:
        """Does an \"after/before/since/until\" word order the clause against another time?"""
        marks = self.rules.ordering_marks
        return any(c.dep_ in ("mark", "prep") and c.lower_ in marks for c in clause.children)

    def anchors(self, coded: Coded, attribution: bool = True) -> set[int]:
        """Tokens whose temporal modifiers date the event: its clause word and the clauses
        sharing its time, its trigger, clauses describing a nominal trigger, the verb a
        nominal trigger is the subject or object of ("the meeting was held on …"), and the
        copula of a time noun an event's relative clause describes. Without ``attribution``
        the verb that reports the clause is left out ("X will visit Moscow, the Kremlin said on
        Friday": Friday is when it was said)."""
        anchors = (
            self.chain(coded.anchor, attribution) | {coded.head.i} | {t.i for t in coded.tokens}
        )
        anchors |= {c.i for c in coded.head.children if c.dep_ in ("acl", "relcl")}
        head = coded.head
        while head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head  # "… first visit … and the leaders' first meeting"
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
            verb = head.head
            if self.misparsed_subordinate(verb):  # "…, the first visit since X sent …"
                verb = verb.head  # the noun phrase is the main clause's, not the "since" one's
            anchors |= self.chain(verb, attribution)
        when = coded.anchor.head  # "The last time the leaders met was in November 2022"
        if (
            coded.anchor.dep_ == "relcl"
            and when.lemma_.lower() in self.rules.time_nouns
            and when.dep_ in ("nsubj", "attr")
            and when.head.lemma_.lower() == "be"
        ):
            anchors |= self.chain(when.head, attribution)
        # "discussed Gaza during a phone call on Monday": what happens during an occasion
        # shares its time, so the occasion's own time words date the event
        anchors |= {
            noun.i
            for i in list(anchors)
            for prep in self.parsed[i].children
            if prep.dep_ == "prep" and prep.lower_ == "during"
            for noun in prep.children
            if noun.dep_ == "pobj"
        }
        return anchors

    def hosting_clause(self, head: Token) -> set[int]:
        """The clause an occasion noun holds the act of ("approved at a special shareholders'
        meeting yesterday", TimeBank tuning; "spoke during the talks on Monday"): the noun and
        the clauses sharing the verb's time, or nothing. The gathering holds the act, so it
        overlaps the act's time (TimeML IS_INCLUDED), the converse of "during" in ``anchors``."""
        prep = head.head
        if head.pos_ not in ("NOUN", "PROPN") or head.dep_ != "pobj" or prep.dep_ != "prep":
            return set()
        if prep.lower_ not in OCCASION_PREPOSITIONS or prep.head.pos_ not in ("VERB", "AUX"):
            return set()
        return self.chain(prep.head) | {head.i}

    def described_time(self, anchors: set[int]) -> list[Token]:
        """The words a "when" clause of the event's may describe as its time: the word it hangs
        on and the word right before "when" (the parser often hangs the clause further up:
        "a return to the larger demonstrations of early December, when hundreds of thousands
        rallied"). Where one is inside a time expression ("lived in London from 1968, when the
        Soviets invaded Czechoslovakia", TimeBank tuning; "in March 2005 when he overpowered a
        female sheriff's deputy", "last year when he hosted the 2007 Oscars", ECB+ tuning),
        the relative "when" says the clause happened at that time (TimeML IS_INCLUDED),
        whatever bounds the time in its own clause ("from 1968")."""
        for i in sorted(anchors):
            clause = self.parsed[i]
            if clause.dep_ not in ("relcl", "advcl") or clause.head.i in anchors:
                continue
            for mark in clause.children:
                if mark.dep_ == "advmod" and mark.lower_ == "when" and mark.i < clause.i:
                    before = mark.i - 1
                    while before >= 0 and self.parsed[before].is_punct:
                        before -= 1
                    words = [clause.head]
                    return words + ([self.parsed[before]] if before >= 0 else [])
        return []

    def attachment(self, span: Span | None) -> Token | None:
        """The word a temporal expression modifies: out of its own phrase and preposition."""
        if span is None or not len(span):
            return None
        node = span.root
        for _ in range(4):
            head = node.head
            if head is node:
                return node
            if span.start <= head.i < span.end or head.pos_ == "ADP" or head.dep_ == "prep":
                node = head
                continue
            return head
        return node.head

    def attached_to(self, span: Span | None, anchors: set[int]) -> bool:
        """Does the expression modify the event? From the word it hangs on, up through place
        and thing nouns (a parser often hangs "on Wednesday" on "the Kremlin") to the first
        verb or event noun: the event's own, or another's."""
        node = self.attachment(span)
        for _ in range(10):
            if node is None or span is None:
                return False
            if node.i in anchors:
                return not self.after_event_noun(span, node, anchors)
            if node.pos_ in ("VERB", "AUX") or node.head is node or self.event_noun(node):
                return False
            node = node.head
        return False

    def closes_late(self, token: Token) -> bool:
        """Can a time expression after this noun be read as its time? Only an event noun
        (``triggers.is_event_word``, not the suffix alone: "positions", "relations", "in the
        morning") that heads its phrase: a time after a noun phrase cannot modify a word inside
        it ("signed an economic cooperation plan Friday", "signed Budapest's accession
        document on February 10", TimeBank tuning; "ended her modeling career in 1957",
        "stepped in as a replacement opponent last month", ECB+), so it hangs on the phrase's
        head, a thing, and through it on the verb."""
        return token.dep_ not in NOUN_MODIFIERS and self.event_noun(token) and is_event_word(token)

    def event_noun(self, token: Token) -> bool:
        return (
            token.tag_ in ("NN", "NNS")
            and len(token) > 5
            and token.lower_.rstrip("s").endswith(self.rules.event_noun_suffixes)
        )

    def after_event_noun(self, span: Span, verb: Token, anchors: set[int]) -> bool:
        """Does the expression follow another event noun in the verb's own phrase
        ("congratulated him on the landing of the probe on August 23")? Then it is that
        noun's time (late closure)."""
        if verb.i > span.start:
            return False
        for token in self.parsed[verb.i + 1 : span.start]:
            if token.i in anchors or not self.closes_late(token):
                continue
            node = token
            for _ in range(6):  # the noun hangs (through prepositions) from this verb
                if node.head is node or node.head.i == verb.i:
                    break
                node = node.head
            if node.head.i == verb.i:
                return True
        return False

    def offset(self, anchor: Token) -> tuple[Offset, Token] | None:
        """The offset placing the event's clause from its main clause ("a day after he
        discussed …" → -1 day), and the clause word it was read at; None without one."""
        for clause in (self.parsed[i] for i in sorted(self.chain(anchor))):
            subtree = {t.i for t in clause.subtree}
            for marker in self.parsed[max(0, clause.left_edge.i - 1) : clause.i]:
                if marker.lower_ not in ("after", "before"):
                    continue
                between = range(marker.i + 1, clause.i)
                if not all(i in subtree for i in between):
                    continue
                sentence = marker.sent
                before = doc_text(self.parsed)[
                    max(sentence.start_char, marker.idx - 30) : marker.idx
                ]
                m = OFFSET_BEFORE.search(before + marker.text)
                if m is None:
                    continue
                number = m.group("num").lower()
                amount = NUMBER_WORDS.get(number) or int(number)
                sign = 1 if m.group("dir").lower() == "after" else -1
                return Offset(amount, m.group("unit").lower(), sign, m.group(0)), clause
        return None


def _infinitival_relative(node: Token) -> bool:
    """ "the first leader to visit Kyiv": a to-infinitive on the predicate noun of a clause."""
    return (
        node.dep_ == "relcl"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children)
        and node.head.dep_ in ("attr", "dobj", "oprd")
        and node.head.head is not node.head
    )


def simple_past(anchor: Token) -> bool:
    """Simple past ("met", "was held"), not pluperfect ("had met") or present perfect."""
    auxiliaries = [c for c in anchor.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("had", "has", "have", "'d", "will", "would", "shall") for a in auxiliaries):
        return False
    return anchor.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)


def pluperfect(token: Token) -> bool:
    """ "had said", "had been asked": a time before the narrative's reference time."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in token.children)


def verb_of(token: Token) -> Token:
    """The finite verb that carries the event's tense: the token itself, the verb a nominal
    trigger hangs from ("the meeting was …"), or the verb an infinitive or participle
    complements ("agreed to work together", "became … holding talks")."""
    node = token
    for _ in range(8):
        if node.head is node:
            return node
        finite = node.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in node.children
        )
        if node.pos_ in ("VERB", "AUX") and (finite or node.dep_ not in ("xcomp", "conj", "advcl")):
            return node
        node = node.head
    return token
