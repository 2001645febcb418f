"""What an event is about: the theme of an agreement, a demand, a gift, a refusal, a threat.

"Modi and Putin agreed" tells a reader nothing; the news is what they agreed to. The theme is
read from the trigger's syntax, in this order (the first found wins):

1. what a construction asks ("X said Y must Z", "only if Y did Z": ``constructions``): a
   mandative clause, its verb in the base form after "demanded that" ("that Ukraine pull its
   troops out of four regions");
2. the trigger's infinitive complement ("agreed to resume talks", "pressed India to use its
   influence");
3. its finite clause ("warned that there would be consequences"), unless the trigger is a verb
   of saying, whose clause is what was said, not what was demanded or agreed;
4. its prepositional object, for the prepositions of the type (events.toml [themes]
   prepositions: "agreed on a joint declaration", "warned Washington against supporting
   Taiwan's independence");
5. its direct object when that is a thing, not an actor ("signed the roughly $375 million
   deal", "rejected Biden's description of Xi").

Each phrase is cut to its head phrase ([themes] cut_dependents: no relative clauses, no
coordinated clauses; a verb's prepositional phrases after its first, which say how or amid what
it was done: ``_first_circumstance_only``) and to [themes] max_words, dropping later modifiers
first, so a label stays one line. Only the types that have a [labels_theme] template get one.

An event's theme (``chosen_theme``) is that of its most informative mention: the head told by
the most documents, then the longest phrase (more said), then the first told.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from spacy.tokens import Token

from storyline.events.lexicon import settings
from storyline.events.possessives import unanchored_possessives
from storyline.events.references import is_infinitive
from storyline.models import EventMention, Theme
from storyline.models.events import ThemeKind

#: spaCy entity types that name actors: an object that is one is a target, not a theme.
ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
#: Entity types of when and how long, which belong to the event's date, not its theme.
TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: The words of a verb group before its verb: "has not increased", "was shot down".
VERB_GROUP = frozenset({"aux", "auxpass", "neg"})
#: The links of a coordinated list ("A and B").
LIST_DEPS = frozenset({"conj", "cc", "preconj"})
#: Modals dropped from a demanded clause ("Y must withdraw" → "that Y withdraw").
CLAUSE_MODALS = frozenset({"must", "should", "would", "will", "shall"})


@cache
def themed_types() -> frozenset[str]:
    """The types (and CAMEO codes) that have a theme template ([labels_theme])."""
    keys = settings()["labels_theme"]
    return frozenset(k.split(".")[1] if k.startswith("CAMEO.") else k.split(".")[0] for k in keys)


def mention_theme(
    type_: str,
    cameo: str | None,
    trigger: Sequence[Token],
    complement: Token | None = None,
    constructed: bool = False,
) -> Theme | None:
    """The theme of an event whose trigger words are ``trigger`` (``complement``: the clause a
    construction asks for, when ``constructed``), or None when the syntax says none. A theme
    must say more than the trigger: "took part" has the object "part", no theme."""
    if type_ not in themed_types() and (cameo or "") not in themed_types():
        return None
    if constructed and complement is not None:
        return _mandative(complement)
    theme = _read(type_, _verb(trigger))
    return theme if theme is not None and _says_more(trigger, theme) else None


def _verb(trigger: Sequence[Token]) -> Token:
    """The trigger's governing word: its verb nearest the root ("announced" of "announced $1.5
    billion in aid"), else its first word."""
    verbs = [t for t in trigger if t.pos_ in ("VERB", "AUX")] or list(trigger)
    return min(verbs, key=lambda t: (len(list(t.ancestors)), t.i))


def _says_more(trigger: Sequence[Token], theme: Theme) -> bool:
    """The theme has a content word (or a number) the trigger does not already say."""
    span = trigger[0].doc.char_span(theme.start, theme.end, alignment_mode="expand")
    inside = list(span) if span is not None else []
    said = {t.i for t in trigger}
    return any(t.i not in said and (t.is_alpha or t.like_num) and not t.is_stop for t in inside)


def _read(type_: str, head: Token) -> Theme | None:
    """The first theme the trigger's syntax offers (see the module docstring for the order)."""
    conf = settings()
    saying = head.lemma_.lower() in conf["factuality"]["reporting_verbs"]
    prepositions = conf["themes"]["prepositions"].get(type_, [])
    children = list(head.children)
    candidates: list[tuple[Token, ThemeKind]] = [
        *((c, "to") for c in children if c.dep_ == "xcomp" and is_infinitive(c)),
        *((c, "that") for c in children if c.dep_ == "ccomp" and not saying and _declarative(c)),
        *(
            (c, "prep")
            for c in children
            if c.dep_ == "prep" and c.lower_ in prepositions and _has_object(c)
        ),
        *((c, "thing") for c in children if c.dep_ in ("dobj", "obj") and _thing(c)),
    ]
    return next((t for c, kind in candidates if (t := _theme(c, kind)) is not None), None)


def chosen_theme(mentions: Sequence[EventMention], type_: str) -> Theme | None:
    """The theme of an event from its mentions of its own type: the head told by the most
    documents, then the longest phrase, then the first told."""
    themed = [(m.provenance.doc_id, m.theme) for m in mentions if m.theme and m.type == type_]
    documents: dict[str, set[str]] = {}
    for doc_id, theme in themed:
        documents.setdefault(theme.head, set()).add(doc_id)
    ranked = sorted(
        enumerate(themed),
        key=lambda item: (-len(documents[item[1][1].head]), -len(item[1][1].text), item[0]),
    )
    return ranked[0][1][1] if ranked else None


# -- phrases -----------------------------------------------------------------------------
def _theme(root: Token, kind: ThemeKind) -> Theme | None:
    tokens = _phrase(root, settings()["themes"]["max_words"])
    if kind == "to":
        tokens = sorted({*tokens, *(c for c in root.children if _infinitive_marker(c))}, key=_at)
    return _made(root, kind, tokens, "that " if kind == "that" else "")


def _said(tokens: list[Token], root: Token) -> str:
    """The theme's words, a possessive whose antecedent is no party said as "the"
    (``possessives``): ``root`` hangs from the event's verb."""
    return _words(tokens, definite=unanchored_possessives(tokens, root.head))


def _mandative(clause: Token) -> Theme | None:
    """A demanded clause as "that Y do Z": its modal dropped, its verb in the base form (the
    mandative subjunctive of "demanded that")."""
    tokens = [
        t
        for t in _phrase(clause, settings()["themes"]["max_words"] + 1)
        if not (t.head == clause and t.dep_ == "aux" and t.lower_ in CLAUSE_MODALS)
    ]
    if not any(t.dep_ in ("nsubj", "nsubjpass") and t.head == clause for t in tokens):
        return None
    # the first verb after the subject takes the base form: "that Y withdraw", "that sanctions
    # be lifted" (of "must be lifted" or "are lifted")
    auxiliaries = [t for t in tokens if t.head == clause and t.dep_ in ("aux", "auxpass")]
    return Theme(
        text="that " + _words(tokens, base=auxiliaries[0] if auxiliaries else clause),
        kind="that",
        head=clause.lemma_.lower(),
        start=tokens[0].idx,
        end=tokens[-1].idx + len(tokens[-1].text),
    )


def _at(token: Token) -> int:
    return token.i


def _made(root: Token, kind: ThemeKind, tokens: list[Token], lead: str = "") -> Theme | None:
    if len(tokens) < 2 and kind != "thing":
        return None
    text = _said(tokens, root)
    head = _head_word(root, kind)
    return Theme(
        text=lead + text,
        kind=kind,
        head=head.lemma_.lower(),
        start=tokens[0].idx,
        end=tokens[-1].idx + len(tokens[-1].text),
    )


def _head_word(root: Token, kind: ThemeKind) -> Token:
    """The word that says what the theme is: the verb of a clause, the noun of an object."""
    if kind == "prep":
        return next((c for c in root.children if c.dep_ in ("pobj", "pcomp")), root)
    return root


def _phrase(root: Token, budget: int, whole_lists: bool = False) -> list[Token]:
    """``root``'s head phrase: its dependents in sentence order, less the cut ones, each whole
    or not at all. Words before the root (determiners, adjectives, compounds, possessors) are
    always kept: a noun phrase without them reads wrong. Those after it are dropped from the
    first that no longer fits ``budget`` or that would lose its object (``_complete``).
    ``whole_lists`` keeps coordinated nouns and modifiers ("between Boeing and Russia")."""
    cut = set(settings()["themes"]["cut_dependents"])
    kept = _first_circumstance_only(root, [c for c in root.children if _kept(c, cut, whole_lists)])
    before, after = [c for c in kept if c.i < root.i], [c for c in kept if c.i > root.i]
    return _grown(root, before, after, budget, whole_lists)


def head_phrase(root: Token, budget: int) -> list[Token]:
    """``root``'s head phrase within ``budget`` words (``_phrase``), for a label's subject: a
    list of names stays whole ("Northrop Grumman and EADS")."""
    return _phrase(root, budget, whole_lists=True)


def predicate_phrase(verb: Token, budget: int, left_out: frozenset[str]) -> list[Token]:
    """``verb``'s predicate as a head phrase: its auxiliaries and negation before it ("has
    increased"), what follows it by the head phrase's rules, and none of the ``left_out``
    dependents (its subject, an agent: the label says them by name). Coordinated nouns stay
    whole; a coordinated verb is another act and goes."""
    cut = set(settings()["themes"]["cut_dependents"]) | left_out
    kept = _first_circumstance_only(verb, [c for c in verb.children if _kept(c, cut, True)])
    before = [c for c in kept if c.i < verb.i and c.dep_ in VERB_GROUP]
    return _grown(verb, before, [c for c in kept if c.i > verb.i], budget, True)


def _grown(
    root: Token, before: list[Token], after: list[Token], budget: int, whole_lists: bool = False
) -> list[Token]:
    """``root`` with the whole phrases of ``before`` and as many of ``after`` as fit."""
    tokens = [root]
    for child in reversed(before):
        tokens = _phrase(child, budget, whole_lists) + tokens
    for child in after:
        part = _phrase(child, budget - _size(tokens), whole_lists)
        if _size(tokens) + _size(part) > budget or not _complete(child, part):
            break
        tokens = tokens + part
    return sorted(tokens, key=_at)


def _first_circumstance_only(root: Token, kept: list[Token]) -> list[Token]:
    """A verb's prepositional phrases after the first are circumstances of how, where or in
    reaction to what it was done, not what was done: "to take his seat at the leaders' table"
    (not "… to applause from the hall"), "to hint at that option" (not "… in a brief
    statement"). A "to" that closes a "from" goes with it ("from zero to 60 mph")."""
    if root.pos_ not in ("VERB", "AUX"):
        return kept
    after = [c for c in kept if c.i > root.i and c.dep_ == "prep"]
    dropped = {c for c in after[1:] if not (c.lower_ == "to" and after[0].lower_ == "from")}
    return [c for c in kept if c not in dropped]


def _complete(child: Token, part: list[Token]) -> bool:
    """A preposition keeps its object and a verb its direct object, and a purpose clause has
    one: "description of Xi Jinping as" and "to work together to deepen" are not phrases."""
    if child.dep_ == "advcl":  # a purpose says what only with its object
        return any(c in part and c.dep_ in ("dobj", "prep", "xcomp") for c in child.children)
    needed = {"prep": ("pobj", "pcomp")}.get(child.dep_, ("dobj",))
    wanted = [c for c in child.children if c.dep_ in needed]
    return not wanted or any(c in part for c in wanted)


def _size(tokens: list[Token]) -> int:
    """Length in words: punctuation inside a word ("military-to-military") adds none."""
    return sum(not t.is_punct for t in tokens)


def _kept(child: Token, cut: set[str], whole_lists: bool = False) -> bool:
    """A dependent that belongs to the head phrase. Punctuation stays only inside a word
    ("military-to-military", "leaders' table"), never the commas and quotes of an aside."""
    if child.lower_ == "according":
        return False  # "according to officials" says who told it, not what was done
    if child.ent_type_ in TIME_ENTITIES:
        return False
    if child.dep_ == "advmod" and (
        child.head.pos_ not in ("VERB", "AUX") or child.i > child.head.i
    ):
        return True  # "roughly $375 million", "work together"; "also agreed" says nothing
    if child.dep_ == "advcl" and is_infinitive(child) and not _marked(child):
        return True  # a purpose: "to work together to deepen the strategic partnership"
    if whole_lists and child.dep_ in LIST_DEPS and child.head.pos_ not in ("VERB", "AUX"):
        return True  # "Sierra Leonean and Liberian refugees", "between Boeing and Russia"
    if child.dep_ in cut:
        return False
    if child.dep_ == "punct" or (child.is_punct and child.dep_ != "case"):
        before = child.doc[child.i - 1] if child.i > 0 else None
        return bool(before is not None and not before.whitespace_ and not child.whitespace_)
    return True


def _words(
    tokens: list[Token], base: Token | None = None, definite: frozenset[Token] = frozenset()
) -> str:
    """The tokens as text, one space where words were left out between them (``base``: a verb
    said in its base form; ``definite``: possessives said as "the")."""
    text = ""
    for token, after in zip(tokens, [*tokens[1:], None], strict=True):
        text += token.lemma_ if token == base else "the" if token in definite else token.text
        if after is not None:
            text += token.whitespace_ if after.i == token.i + 1 else " "
    return text


def _infinitive_marker(token: Token) -> bool:
    return token.dep_ == "aux" and token.lower_ == "to"


def _marked(verb: Token) -> bool:
    return any(c.dep_ == "mark" for c in verb.children)


def _declarative(verb: Token) -> bool:
    """A finite clause with a subject, introduced by "that" or by nothing: "asked whether …"
    is a question, not what was demanded or warned."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return (
        verb.pos_ in ("VERB", "AUX")
        and marks <= {"that"}
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    )


def _has_object(preposition: Token) -> bool:
    """A preposition with an object that is no date ("agreed on Saturday" says when)."""
    return any(
        c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in TIME_ENTITIES
        for c in preposition.children
    )


def _thing(noun: Token) -> bool:
    """An object that is a thing: a noun or figure that names no actor and is no pronoun."""
    if noun.pos_ not in ("NOUN", "PROPN", "NUM", "SYM") or noun.ent_type_ in ACTOR_ENTITIES:
        return False
    return noun.pos_ != "PROPN" or noun.ent_type_ not in ("", *ACTOR_ENTITIES)
