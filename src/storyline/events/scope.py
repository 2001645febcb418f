"""The last-resort target of an event: the first named actor after its trigger, inside its
clause — the convention of the TABARI and PETRARCH coders ("staged a hunger strike … to demand
the resignation of President Ben Bella").

Whoever the news is attributed to ("…, according to the Canadian Press", PLOVER gold; "according
to her publicist, Jack Ketsoyan", ECB+) told it and took no part in it: the reporter is the
source of a statement, never a party to the act reported; the doer of a relative clause on one
of the clause's nouns acts in that clause, not on the event. (A place in the clause stays a
candidate: PLOVER's coders take "reimposed blockades in the West Bank" as acting on the West
Bank.)

Those coders only ever find an actor their dictionaries know (``political.coders_know``:
states and their places, listed international actors, political agents and office holders),
so neither does this fallback: a baseball team ("hit .358 … with the Angels"), a clinic
("settling in at Morningside Recovery"), a boxer ("landing a left to Klitschko's face") or a
company ("staff of Airbus") is no target they could code. The first named actor decides: when
the dictionaries do not know it, the clause names no party for them, and a name after it is
its circumstance ("a treatment facility in Newport Beach", "German airline Lufthansa"), not
the party. The act then has no target: a row that needs two parties (``coder._dyad``) codes
nothing, any other keeps its source alone.
"""

from __future__ import annotations

from itertools import takewhile

from spacy.tokens import Span, Token

from storyline.events.actors import ActorRef, ActorResolver
from storyline.events.lexicon import settings
from storyline.events.matching import Coded
from storyline.events.places import modifies_a_thing
from storyline.events.political import coders_know
from storyline.events.references import identity

SCOPE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def scope_target(resolver: ActorResolver, coded: Coded, sources: list[ActorRef]) -> list[ActorRef]:
    """The first named actor after the trigger inside its clause that is not a source, a bond
    ("deepen the India-Russia … Partnership") or the one the news is attributed to."""
    anchor = coded.anchor
    last = max(t.i for t in coded.tokens)
    skip: set[int] = set()
    for child in anchor.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj", "relcl", "parataxis"):
            skip |= {t.i for t in child.subtree}
    for clause in anchor.subtree:
        if clause.dep_ != "relcl" or clause == anchor:
            continue
        for doer in clause.children:
            if doer.dep_ in ("nsubj", "agent"):
                # the doer of a relative clause on a noun of the clause acts in that clause:
                # "announced during a business forum that President Vladimir Putin had set
                # up" (ECB+), "the total trade embargo the United Nations has imposed on
                # Iraq" (TimeBank)
                skip |= {t.i for t in doer.subtree}
    taken = {(r.start, r.end) for r in sources}
    for token in anchor.subtree:
        if token.i <= last or token.i in skip:
            continue
        if token.dep_ == "prep" and reporter_phrase(token):
            skip |= {t.i for t in token.subtree}  # "according to Reuters": who told it
            continue
        if token.dep_ in ("ccomp",) and token.head == anchor:
            break
        mention = resolver.mention_at(token)
        if mention is None or resolver.label_of(mention) not in SCOPE_LABELS:
            continue
        if (mention.provenance.start, mention.provenance.end) in taken:
            continue
        span = token.doc.char_span(
            mention.provenance.start, mention.provenance.end, alignment_mode="expand"
        )
        root = name_head(span) if span is not None else token
        if resolver.is_relation(root):
            continue  # "deepen the India-Russia … Partnership": the bond, not a party
        if "reverse" in coded.entry.when and modifies_a_thing(root, resolver):
            continue  # turned into the doer below: "an Atlanta courthouse" sentenced no one
        found = [r for r in resolver.resolve(root) if (r.start, r.end) not in taken]
        if not found:
            continue
        known = [r for r in found if known_party(resolver, r, root)]
        if not known:
            coded.notes.append(
                f"the first actor in the clause '{root.text}' is none the coders know"
            )
            return []
        coded.notes.append(f"target is the first actor in the clause '{root.text}'")
        return known
    return []


def known_party(resolver: ActorResolver, ref: ActorRef, root: Token) -> bool:
    """Would the coders' dictionaries find ``ref`` (``political.coders_know``), read with the
    document's other mentions of the same party ("George W. Bush" for "Bush")? A name owning or
    modifying a phrase headed by a political agent noun is that agent ("Zoran Djindjic's
    opposition coalition": the opposition, PETRARCH2's OPP; "the Clinton administration",
    TimeBank/AQUAINT, and "a Bush administration regulation", ECB+ topic 9: the government)."""
    label = resolver.label_of(ref.mention) if ref.mention is not None else ref.label
    aliases = []
    if ref.mention is not None:
        same = identity(ref.mention)
        aliases = [m for m in resolver.mentions if m is not ref.mention and identity(m) == same]
    if coders_know(ref, label, aliases):
        return True
    if root.dep_ not in ("poss", "compound") or root.head.i <= root.i:
        return False
    owned = root.doc[root.i + 1 : root.head.i + 1].text
    return coders_know(ActorRef(owned, ref.start, ref.end, None, "phrase"), None)


def name_head(name: Span) -> Token:
    """The head of a name: its root, unless the parser hung a preposition inside it on a word
    outside ("conceded to demands from National Union for the Total Independence of Angola":
    "for" under "demands"), which would make the preposition the actor's words; then the last
    word before the preposition ("Union"), as ``ActorResolver.is_relation`` reads a name."""
    root = name.root
    if root.pos_ != "ADP":
        return root
    before = list(takewhile(lambda t: t.pos_ != "ADP", name))
    return before[-1] if before else root


def reporter_phrase(preposition: Token) -> bool:
    """ "according to X" ([factuality] reporting_phrases): X told the news, it took no part."""
    following = preposition.doc[preposition.i : preposition.i + 2].text.lower()
    return following in settings()["factuality"]["reporting_phrases"]
