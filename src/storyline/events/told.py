"""An act as its report words it: the label's words where the type's gloss says too little.

A type's plain label is PLOVER's gloss of its category. It is right for counting and merging,
but a reader of a timeline needs the act: "The International Criminal Court coerced Vladimir
Putin" for "issued an arrest warrant against him" (briefing tuning part), "someone fought
China" for "a suspected Chinese surveillance balloon was shot down" (tuning), "Joseph R. Biden
criticised Xi Jinping" for "called Xi a dictator" (tuning), "India cooperated with Russia" for
"has sharply increased its purchases of Russian oil" (the check part, read only). Judged by
hand on the PLOVER gold file's tuning texts and MEANTIME's tuning documents (results.md). Where
a mention's type, mode and CAMEO code have no label of their own (``labels``: only the type's
gloss would be said) and its type is one whose gloss is not how news words the act ([wording]
glossed_types), the mention keeps its verb's predicate as written (``themes.predicate_phrase``:
auxiliaries and negation, the verb, its particle and objects, its first prepositional phrase;
no subject, time, aside or later circumstance) and where in it a target is named, so a label
says that target by its canonical name:

* active, with its own subject or one shared with the verb it is coordinated with ("has not
  joined … and has … increased"): the event's sources, then the predicate;
* passive with no agent ("was shot down", "was admitted as a permanent member of the G20"):
  the subject's head phrase, then the predicate. News leaves the doer out where it is unknown
  or obvious: the issue's "was bombed on Thursday, officials and witnesses said", ECB+'s "was
  shot" and "was captured", the PLOVER gold file's "were killed";
* anything else keeps the gloss: an infinitive or a gerund (its tense is not the act's), a
  noun, a passive with its agent (the agent is the source), a personal pronoun that names no
  target ("called it …": out of its sentence it names nothing), a relative clause (its subject
  or object is "that" / "whom"), a verb whose object did not fit, a bracket or quote cut open.

The words are whole written words ("Vietnamese-led", not "led"), a list of names stays whole
and is said once ("GM and Chrysler"), and nothing dangles at the end ("according", "because
of").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from storyline.events.labels import glossed
from storyline.events.lexicon import settings
from storyline.events.references import ActorRef
from storyline.events.subjects import SUBJECT_DEPENDENTS
from storyline.events.themes import head_phrase, predicate_phrase
from storyline.models import EventMention, Wording

#: Dependents a predicate leaves to the label: its subjects, and a passive's agent.
LEFT_TO_LABEL = SUBJECT_DEPENDENTS | {"agent"}
#: Verb forms whose words tell an act as it happened or happens: past, present, a participle
#: after its auxiliary ("has increased", "was shot").
TOLD_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})
#: Where a personal pronoun stands for a party of the act.
PARTY_DEPS = frozenset({"dobj", "dative", "pobj", "nsubjpass", "obj", "iobj"})
#: Where a name stands for a party of the act (not inside another noun phrase).
NAMING_DEPS = PARTY_DEPS | {"conj", "appos", "attr"}
#: Subjects that name nothing out of their clause: relative, demonstrative and personal
#: pronouns, existential "there".
EMPTY_SUBJECT_TAGS = frozenset({"WDT", "WP", "PRP", "DT", "EX"})
#: Words that cannot end a label: a preposition, conjunction, article or auxiliary left
#: without what it introduces.
DANGLING_POS = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "AUX", "PART"})
#: Marks glued inside one written word ("six-month", "al-Qaida", "U.S.-based").
WORD_JOINERS = frozenset({"-", "–", "'", "’", "/", "."})


def mention_wording(
    type_: str,
    mode: str | None,
    cameo: str | None,
    trigger: Sequence[Token],
    sources: Sequence[ActorRef],
    targets: Sequence[ActorRef],
) -> Wording | None:
    """The act of a coded mention in its report's words, or None where the gloss is kept (see
    the module docstring)."""
    if type_ not in settings()["wording"]["glossed_types"] or not glossed(type_, mode, cameo):
        return None
    verb = _told_verb(trigger)
    if verb is None:
        return None
    budget = int(settings()["wording"]["max_words"])
    predicate = predicate_phrase(verb, budget, LEFT_TO_LABEL)
    if not _tensed(verb, predicate) or any(
        c.dep_ == "dobj" and c not in predicate for c in verb.children
    ):
        return None  # no tense of its own, or the object did not fit: "forced out" of what?
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    said_subject: str | None = None
    if passive is not None:
        if sources or passive.tag_ in EMPTY_SUBJECT_TAGS:
            return None
        tokens = sorted({*head_phrase(passive, budget), *predicate}, key=lambda t: t.i)
    else:
        subject = _subject(verb)
        if subject is None or not (sources or subject.tag_ not in EMPTY_SUBJECT_TAGS):
            return None
        tokens = predicate
        if subject.tag_ not in EMPTY_SUBJECT_TAGS:
            said = _words_of(head_phrase(subject, budget))
            said_subject = _written([t for t in said if _word_piece(t)], [])[0]
            if not _balanced(said_subject):
                return None
    tokens = _words_of(_with_that(tokens))
    runs = _target_runs(tokens, targets)
    if runs is None or not tokens:
        return None
    text, spans = _written(tokens, runs)
    if not _balanced(text):
        return None  # a bracket or quote cut open: "Shan-e-Mustafa SAW)' Rally"
    return Wording(text=text, own_subject=passive is not None, subject=said_subject, targets=spans)


def _told_verb(trigger: Sequence[Token]) -> Token | None:
    """The trigger's governing verb where it tells the act in a clause of its own: not in a
    relative clause, whose subject or object is a relative pronoun ("that controls
    Afghanistan", "whom authorities blame"), nor with its agent in a by-phrase."""
    verbs = [t for t in trigger if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    verb = min(verbs, key=lambda t: (len(list(t.ancestors)), t.i))
    if verb.dep_ == "relcl" or verb.tag_ not in TOLD_TAGS:
        return None
    return None if any(c.dep_ == "agent" for c in verb.children) else verb


def _tensed(verb: Token, predicate: list[Token]) -> bool:
    """A participle tells the act only after its auxiliary ("has increased", "was shot"); one
    that modifies a noun or stands in a reduced clause has no tense of its own."""
    if verb.tag_ != "VBN":
        return True
    return any(t.head == verb and t.dep_ in ("aux", "auxpass") for t in predicate)


def _with_that(tokens: list[Token]) -> list[Token]:
    """A kept clause keeps its "that" ("reiterated its demand that Israel ease …"): the head
    phrase cuts a clause's marker, which a theme says itself."""
    kept = set(tokens)
    marks = {
        c
        for t in tokens
        if t.dep_ in ("ccomp", "acl") and t.head in kept
        for c in t.children
        if c.dep_ == "mark" and c.lower_ == "that"
    }
    return sorted(kept | marks, key=lambda t: t.i)


def _words_of(tokens: list[Token]) -> list[Token]:
    """The phrase as whole written words, with nothing left dangling at its end."""
    tokens = [t for t in tokens if not t.is_space]
    return _trimmed(_whole_words(_trimmed(tokens)))


def _whole_words(tokens: list[Token]) -> list[Token]:
    """The tokens with every piece of a word they cut ("Vietnamese-led", "six-month",
    "Fazl-ur-Rehman" are one word each in the text and several tokens in the parse)."""
    kept = set(tokens)
    grown = True
    while grown:
        grown = False
        for token in list(kept):
            doc, sentence = token.doc, token.sent
            left = doc[token.i - 1] if token.i > sentence.start else None
            right = doc[token.i + 1] if token.i + 1 < sentence.end else None
            for near, glued in (
                (left, left is not None and not left.whitespace_),
                (right, not token.whitespace_),
            ):
                if near is not None and glued and near not in kept and _word_piece(near):
                    kept.add(near)
                    grown = True
    return sorted(kept, key=lambda t: t.i)


def _word_piece(token: Token) -> bool:
    """A token that can be part of a written word (not a comma, a bracket, a quote)."""
    return not token.is_space and (not token.is_punct or token.text in WORD_JOINERS)


def _balanced(text: str) -> bool:
    """Every bracket closed and no quote left open."""
    return (
        text.count("(") == text.count(")")
        and text.count("[") == text.count("]")
        and text.count('"') % 2 == 0
        and not any(mark in text for mark in ("`", "''", "“", "”"))
    )


def _trimmed(tokens: list[Token]) -> list[Token]:
    """Without the words that cannot end a label: punctuation, and a preposition, article,
    conjunction or auxiliary whose phrase was cut ("… according", "because of"), or a word
    that introduced a phrase now cut ("out of the country following")."""
    kept = set(tokens)
    while tokens:
        last = tokens[-1]
        objects = [c for c in last.children if c.dep_ in ("pobj", "pcomp")]
        wants_object = last.dep_ in ("prep", "agent", "pcomp") or (
            last.pos_ in ("ADP", "VERB") and bool(objects)
        )
        dangling = last.pos_ in DANGLING_POS or (
            wants_object and not any(c in kept for c in objects)
        )
        if not (last.is_punct or dangling):
            break
        kept.discard(last)
        tokens = tokens[:-1]
    return tokens


def chosen_wording(
    mentions: Sequence[EventMention], type_: str, has_sources: bool
) -> Wording | None:
    """The wording an event's label says: of its mentions of its own type, the first that names
    a target, else the first; one with its own subject (a passive) only where the event has no
    source."""
    worded = [
        m.wording
        for m in mentions
        if m.wording is not None and m.type == type_ and not (m.wording.own_subject and has_sources)
    ]
    return next((w for w in worded if w.targets), worded[0] if worded else None)


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, or the one it shares with the verb it is coordinated with."""
    node = verb
    while True:
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None or node.dep_ != "conj" or node.head == node:
            return subject
        node = node.head


def _target_runs(tokens: list[Token], targets: Sequence[ActorRef]) -> list[list[Token]] | None:
    """The runs of ``tokens`` that name a target: a name's whole noun phrase ("the African
    Union"), or the personal pronoun a resolved target was read from ("against him"). None when
    a personal pronoun names no target: the words would name nothing out of their sentence."""
    inside = set(tokens)
    pronouns = [t for t in tokens if t.tag_ == "PRP" and t.dep_ in PARTY_DEPS]
    resolved = [a for a in targets if a.rule.startswith("pronoun")]
    by_name = [a for a in targets if a not in resolved]
    naming = {t for a in by_name for t in tokens if a.start <= t.idx < a.end}
    runs = [
        run
        for actor in by_name
        if (named := [t for t in tokens if actor.start <= t.idx < actor.end])
        and (run := _naming_run(named, inside, naming, actor))
    ]
    # one list of names is one run ("GM and Chrysler"), not a run per name inside it
    runs = [r for r in runs if not any(set(r) < set(other) for other in runs)]
    in_runs = {t for run in runs for t in run}
    if runs and any(t in naming and t not in in_runs for t in tokens):
        # a target named outside the run ("killed Superior Court Judge Rowland Barnes,
        # Brandau and ...": the title makes Barnes no run of names) would be said twice
        return None
    for pronoun in pronouns:
        if not resolved:
            return None
        runs.append([pronoun])
    return runs if len(runs) <= 1 else None


def _naming_run(
    named: list[Token], inside: set[Token], naming: set[Token], actor: ActorRef
) -> list[Token] | None:
    """The noun phrase the target's name heads, its article included ("the African Union"),
    where names are the phrase ("GM and Chrysler": ``naming`` holds every target's words):
    not a word inside another noun ("its purchases of Russian oil", "a suspected Chinese
    surveillance balloon" name a country, not a party)."""
    root = min(named, key=lambda t: (len(list(t.ancestors)), t.i))
    mention = actor.mention
    if root.dep_ not in NAMING_DEPS or mention is None:
        return None
    if not mention.provenance.start <= root.idx < mention.provenance.end:
        return None
    phrase = [t for t in root.subtree if t in inside]
    if any(t not in naming and t.dep_ not in ("det", "cc", "punct") for t in phrase):
        return None
    return phrase


def _article(token: Token, after: Token | None) -> str:
    """ "a", or "an" where the word that now follows it starts with a vowel ("a six-month
    extension" cut to "an extension")."""
    if after is None or after.i == token.i + 1 or after.text[:1].lower() not in "aeiou":
        return token.text
    return token.text + "n"


def _written(tokens: list[Token], runs: list[list[Token]]) -> tuple[str, list[tuple[int, int]]]:
    """The tokens as text (one space where words were left out) and the offsets of each run."""
    text = ""
    spans: list[tuple[int, int]] = []
    starts = {run[0].i: run for run in runs}
    open_run: list[Token] | None = None
    begin = 0
    for token, after in zip(tokens, [*tokens[1:], None], strict=True):
        if token.i in starts:
            open_run, begin = starts[token.i], len(text)
        text += _article(token, after) if token.lower_ == "a" else token.text
        if open_run is not None and token == open_run[-1]:
            spans.append((begin, len(text)))
            open_run = None
        if after is not None:
            text += token.whitespace_ if after.i == token.i + 1 else " "
    return text, spans
