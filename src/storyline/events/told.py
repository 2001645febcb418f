"""An act as its report words it: the label's words where the type's gloss says too little.

A type's plain label is PLOVER's gloss of its category. It is right for counting and merging,
but a reader of a timeline needs the act: "The International Criminal Court coerced Vladimir
Putin" for "issued an arrest warrant against him" (briefing tuning part), "someone fought China"
for "a suspected Chinese surveillance balloon was shot down" (tuning), "Joseph R. Biden
criticised Xi Jinping" for "called Xi a dictator" (tuning), "India cooperated with Russia" for
"has sharply increased its purchases of Russian oil" (the demo-style wire copy of the check
part). Where a mention's type, mode and CAMEO code have no label of their own (``labels``: only
the type's gloss would be said) and its type is one whose gloss is not how news words the act
([wording] glossed_types), the mention keeps its verb's predicate as written
(``themes.predicate_phrase``: auxiliaries and negation, the verb, its particle and objects, its
first prepositional phrase; no subject, time, aside or later circumstance) and where in it a
target is named, so a label says that target by its canonical name:

* active, with its own subject or one shared with the verb it is coordinated with ("has not
  joined … and has … increased"): the event's sources, then the predicate;
* passive with no agent ("was shot down", "was admitted as a permanent member of the G20"):
  the subject's head phrase, then the predicate. News leaves the doer out where it is unknown
  or obvious: the issue's "was bombed on Thursday, officials and witnesses said", ECB+'s "was
  shot" and "was captured", the PLOVER gold file's "were killed";
* anything else keeps the gloss: an infinitive or a gerund (its tense is not the act's), a
  noun, a passive with its agent (the agent is the source), a personal pronoun that names no
  target ("called it …": out of its sentence it names nothing).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from storyline.events.labels import glossed
from storyline.events.lexicon import settings
from storyline.events.references import ActorRef
from storyline.events.themes import head_phrase, predicate_phrase
from storyline.models import EventMention, Wording

#: Dependents a predicate leaves to the label: subjects, and a passive's agent.
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: Verb forms whose words tell an act as it happened or happens: past, present, a participle
#: after its auxiliary ("has increased", "was shot").
TOLD_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})
#: Where a personal pronoun stands for a party of the act.
PARTY_DEPS = frozenset({"dobj", "dative", "pobj", "nsubjpass", "obj", "iobj"})
#: Where a name stands for a party of the act (not inside another noun phrase).
NAMING_DEPS = PARTY_DEPS | {"conj", "appos", "attr"}


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
    verbs = [t for t in trigger if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    verb = min(verbs, key=lambda t: (len(list(t.ancestors)), t.i))
    if verb.tag_ not in TOLD_TAGS or any(c.dep_ == "agent" for c in verb.children):
        return None
    budget = int(settings()["wording"]["max_words"])
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    said_subject: str | None = None
    predicate = predicate_phrase(verb, budget, SUBJECTS | {"agent"})
    if verb.tag_ == "VBN" and not any(
        t.head == verb and t.dep_ in ("aux", "auxpass") for t in predicate
    ):
        return None  # a participle modifying a noun, or a reduced clause: no tense of its own
    if passive is not None:
        if sources:
            return None
        tokens = sorted({*head_phrase(passive, budget), *predicate}, key=lambda t: t.i)
    else:
        subject = _subject(verb)
        if subject is None or not (sources or subject.pos_ in ("NOUN", "PROPN")):
            return None
        tokens = predicate
        said_subject = _written([t for t in head_phrase(subject, budget) if not t.is_punct], [])[0]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]  # a sentence's closing stop, kept as "inside a word" before a break
    runs = _target_runs(tokens, targets)
    if runs is None:
        return None
    text, spans = _written(tokens, runs)
    return Wording(text=text, own_subject=passive is not None, subject=said_subject, targets=spans)


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
    runs: list[list[Token]] = []
    pronouns = [t for t in tokens if t.tag_ == "PRP" and t.dep_ in PARTY_DEPS]
    resolved = [a for a in targets if a.rule.startswith("pronoun")]
    for actor in targets:
        if actor in resolved:
            continue
        named = [t for t in tokens if actor.start <= t.idx < actor.end]
        if named and (run := _naming_run(named, inside, actor)):
            runs.append(run)
    for pronoun in pronouns:
        if not resolved:
            return None
        runs.append([pronoun])
    return runs if len(runs) <= 1 else None


def _naming_run(named: list[Token], inside: set[Token], actor: ActorRef) -> list[Token] | None:
    """The noun phrase the target's name heads, its article included ("the African Union"),
    where the name is the phrase: not a word inside another noun ("its purchases of Russian
    oil", "a suspected Chinese surveillance balloon" name a country, not a party)."""
    root = min(named, key=lambda t: (len(list(t.ancestors)), t.i))
    mention = actor.mention
    if root.dep_ not in NAMING_DEPS or mention is None:
        return None
    if not mention.provenance.start <= root.idx < mention.provenance.end:
        return None
    phrase = [t for t in root.subtree if t in inside]
    if any(t not in named and t.dep_ != "det" for t in phrase):
        return None
    return phrase


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
        text += token.text
        if open_run is not None and token == open_run[-1]:
            spans.append((begin, len(text)))
            open_run = None
        if after is not None:
            text += token.whitespace_ if after.i == token.i + 1 else " "
    return text, spans
