"""Which quantity a figure measures, as a key two sources share: the measure's head and its
arguments, never the stray names of its sentence.

A figure's identity is what a reader would use to say two numbers are "the same figure":

* the **head**: the measured noun ("trade", "oil import", "gdp"), normalised so that the names
  of one quantity meet ("trade turnover", "two-way trade", "bilateral trade" → trade; "output"
  → gdp; "world"/"global" → the party *world*); for a count, the counted noun and the act that
  counts it ("countries" *backed* = *endorsed* a communique, a different count from countries
  that *attended*: verb classes from the CAMEO/PETRARCH2 synonym sets); for a duration, the
  event that lasted (a meeting, a journey, a stay);
* its **arguments**: the parties the measure phrase itself names ("India's", "between India
  and Russia", "G20 accounts for"), the subject of the act a count or duration belongs to
  ("India and Ukraine signed four agreements"), the place of a stay.

Names elsewhere in the sentence ("… at the Filoli estate in Woodside") are not arguments; they
are kept apart as the figure's *context*, which grouping uses only to tell apart figures that
name no parties at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from storyline.data import verb_classes
from storyline.events.lexicon import default_lexicon
from storyline.figures.candidates import Candidate
from storyline.figures.numbers import lexicon
from storyline.figures.parties import Party, parties_in, title_parties
from storyline.figures.syntax import (
    NOUNS,
    VERBS,
    Context,
    content_compounds,
    named,
    render_np,
    resolve_possessive,
    subject,
)
from storyline.figures.target import find_target, share_source
from storyline.nlp import span_ents

LIGHT_VERBS = frozenset({"be", "have", "include", "get", "make", "see", "give"})
RELATIVE = frozenset({"which", "that", "who"})
SCOPE_PARTY = "world"  # the party of a measure over the whole world ("global GDP")


@dataclass(frozen=True)
class Signature:
    """The measure's head and its argument parties; ``event`` marks a count or duration tied to
    an act (its parties are participants: two reports naming different ones can still agree)."""

    head: str
    parties: tuple[str, ...] = ()
    event: bool = False
    # the unit a count is in when it is not its noun's ("represents 55 countries": members)
    unit: str | None = None

    @property
    def key(self) -> str:
        return "|".join([self.head, *self.parties])


@dataclass(frozen=True)
class _Tables:
    same: dict[str, str]  # phrase → the quantity's key
    scope: frozenset[str]  # "world", "global": the measure covers the whole world
    dropped: frozenset[str]  # "bilateral", "two-way": implied by the parties
    predicates: dict[str, str]  # verb (phrasal verbs with a space) → its class
    event_modes: dict[str, str]  # event noun with no mode in the event lexicon → its mode
    travel: frozenset[str]  # means of travel: "10 hours on a train" is a journey
    member: str  # the head of an organisation's member count
    members: frozenset[str]  # counted heads that are members ("member state")
    member_verbs: frozenset[str]  # "represents 55 countries": its members
    member_nouns: frozenset[str]  # what such verbs count as members (countries, states)


@cache
def tables() -> _Tables:
    m = lexicon()["measures"]
    same = {
        " ".join(phrase.split()): key
        for key, phrases in m["same_quantity"].items()
        for phrase in [key, *phrases]
    }
    predicates = dict(verb_classes())
    for cls, verbs in m["predicate_classes"].items():
        for verb in verbs:
            predicates[verb] = cls
    return _Tables(
        same=same,
        scope=frozenset(m["scope_words"]),
        dropped=frozenset(m["implied_modifiers"]),
        predicates=predicates,
        event_modes=dict(m["event_modes"]),
        travel=frozenset(m["travel_means"]),
        member=m["membership"]["head"],
        members=frozenset(m["membership"]["members"]),
        member_verbs=frozenset(m["membership"]["verbs"]),
        member_nouns=frozenset(m["membership"]["counted"]),
    )


# ---------------------------------------------------------------- normalising a head


def normalise_head(core: str) -> tuple[str, list[str]]:
    """(head key, scope parties) of a measured phrase: scope words become the party "world",
    implied modifiers go, and the names of one quantity meet ("world output" → gdp, world)."""
    t = tables()
    tokens = [w for w in re.split(r"[\s]+", core.lower().replace("–", " ")) if w]
    scope = [SCOPE_PARTY] if any(w in t.scope for w in tokens) else []
    kept = [w for w in tokens if w not in t.scope and w not in t.dropped]
    phrase = " ".join(kept) or (tokens[-1] if tokens else core)
    if phrase in t.same:
        return t.same[phrase], scope
    last = kept[-1] if kept else phrase
    if len(kept) > 1 and last in t.same and t.same[last] == last and kept[0] in t.dropped:
        return last, scope
    return phrase, scope


def predicate_class(verb: Token) -> str:
    """The class of the act a verb names: its phrasal form ("take part") or lemma, looked up in
    the verb classes (CAMEO synonym sets plus the table's own additions), else the lemma."""
    t = tables()
    lemma = verb.lemma_.lower()
    extras = [
        c.lower_
        for c in verb.children
        if c.dep_ == "prt" or (c.dep_ == "dobj" and c.lower_ in ("part", "place"))
    ]
    for form in ([f"{lemma} {' '.join(extras)}"] if extras else []) + [lemma]:
        if form in t.predicates:
            return t.predicates[form]
    return lemma


def event_class(token: Token) -> str:
    """An event noun or verb as a class: the event lexicon's type and mode ("meeting", "met",
    "talks" → consult:meet), travel words → travel, else its lemma."""
    t = tables()
    lemma = token.lemma_.lower()
    if lemma in t.travel:
        return "travel"
    pos = "V" if token.pos_ in VERBS else "N"
    for entry in default_lexicon().candidates(pos, lemma):
        if not entry.others:
            mode = entry.mode or t.event_modes.get(lemma) or lemma
            return f"{entry.type.lower()}:{mode}"
    default = t.event_modes.get(lemma)
    return f"consult:{default}" if default else lemma


# ---------------------------------------------------------------- the signature


def measure_signature(c: Candidate, ctx: Context, avoid: set[int]) -> Signature:
    """The figure's measure key (see the module docstring)."""
    if c.kind == "duration":
        return _duration(c, ctx, avoid)
    if c.kind in ("count", "ordinal") and c.noun is not None and not _is_level_count(c):
        return _counted(c, ctx, avoid)
    return _level(c, ctx, avoid)


def context_parties(c: Candidate, ctx: Context) -> list[str]:
    """Every party the figure's sentence names, else the title's: the context a figure without
    arguments is read in (used only to keep apart figures that name no parties)."""
    found = parties_in(span_ents(c.anchor.sent))
    previous = ctx.previous_sentence(c.anchor)
    if not found and previous is not None:
        found = parties_in(span_ents(previous))
    if not found and ctx.title:
        found = title_parties(ctx)
    return sorted({p.key for p in found})


def _is_level_count(c: Candidate) -> bool:
    noun = c.noun
    return (
        noun is not None
        and noun.dep_ == "pobj"
        and noun.head.lower_ in ("to", "from", "at", "by")
        and noun.head.dep_ != "agent"
        and noun.head.head.pos_ in VERBS
        and c.kind == "count"
        and c.quantity.scaled
    )


def _keys(parties: list[Party]) -> tuple[str, ...]:
    return tuple(sorted({p.key for p in parties}))


def _np_parties(noun: Token, ctx: Context, avoid: set[int]) -> list[Party]:
    rendered = render_np(noun, ctx, avoid)
    spans = [ctx.ents[t.i] for t in rendered.tokens if t.i in ctx.ents]
    return parties_in([*spans, *rendered.referents])


def _subject_parties(verb: Token, ctx: Context, exclude: set[int]) -> list[Party]:
    subj = subject(verb)
    if subj is None or subj.i in exclude:
        return []
    if subj.pos_ == "PRON":
        if subj.lower_ in RELATIVE and verb.dep_ == "relcl":
            subj = verb.head
        else:
            return parties_in(resolve_possessive(subj, ctx)) if subj.lower_ in ("its",) else []
    heads = [subj, *(c for c in subj.children if c.dep_ == "conj")]
    found = [e for h in heads if (e := named(h, ctx)) is not None]
    return parties_in(found)


def _level(c: Candidate, ctx: Context, avoid: set[int]) -> Signature:
    from storyline.figures.measure import core_of  # the display layer's reading of a noun

    target = find_target(c.anchor, c.kind, avoid, ctx)
    aspect = "" if target.aspect == "level" else f"{target.aspect}:"
    if target.noun is None:
        verb = target.verb
        if verb is None:
            return Signature(f"{aspect}unspecified")
        parties = _subject_parties(verb, ctx, avoid)
        return Signature(f"{aspect}{predicate_class(verb)}", _keys(parties), event=True)
    head, scope = normalise_head(core_of(target.noun, ctx, avoid))
    if any(ch.lower_ in tables().scope for ch in target.noun.children if ch.i not in avoid):
        scope = [SCOPE_PARTY]  # "global GDP": an adjective the head leaves out
    parties = _np_parties(target.noun, ctx, avoid)
    if target.aspect == "share":
        source = share_source(target, ctx)
        if source is not None:
            ent = named(source, ctx)
            parties += parties_in([ent] if ent is not None else [])
    elif target.verb is not None and not parties and target.relation is None:
        subj = subject(target.verb)
        if subj is not None and subj.i != target.noun.i and subj.i not in avoid:
            # every conjunct owns it: "India and Russia have set a target of $100 billion"
            owners = [named(h, ctx) for h in (subj, *subj.conjuncts) if h.i not in avoid]
            parties += parties_in([o for o in owners if o is not None])
    keys = tuple(sorted({*_keys(parties), *scope}))
    return Signature(f"{aspect}{head}", keys)


def _count_verb(noun: Token) -> Token | None:
    """The act a counted noun takes part in: its verb ("signed four agreements"), the verb of a
    passive agent ("backed by 80 countries"), or the verb of the noun it belongs to
    ("delegations from 92 countries took part")."""
    current = noun
    for _ in range(3):
        head = current.head
        if head == current:
            return None
        if head.pos_ in VERBS:
            return head if current.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "attr") else None
        if head.pos_ == "ADP":
            if head.dep_ == "agent" and head.head.pos_ in VERBS:
                return head.head
            if head.lower_ in ("from", "of", "alongside", "with") and head.head.pos_ in NOUNS:
                current = head.head
                continue
            if head.head.pos_ in VERBS and head.lower_ in ("alongside", "with"):
                return head.head
            return None
        return None
    return None


def _counted(c: Candidate, ctx: Context, avoid: set[int]) -> Signature:
    noun = c.noun
    assert noun is not None
    lemma = noun.lemma_.lower()
    head_word, _ = normalise_head(
        " ".join([*(t.lemma_.lower() for t in content_compounds(noun)), lemma])
    )
    verb = _count_verb(noun)
    if c.kind == "ordinal":  # "Putin secured a fifth term": whose term it is
        owners = _np_parties(noun, ctx, avoid)
        if verb is not None:
            owners += _subject_parties(verb, ctx, {noun.i})
        return Signature(f"ordinal:{head_word}", _keys([p for p in owners if p.label == "PERSON"]))
    if c.kind == "count" and _membership(head_word, lemma, verb):
        owners = _np_parties(noun, ctx, avoid)
        if verb is not None and noun.dep_ not in ("nsubj", "nsubjpass"):
            owners += _subject_parties(verb, ctx, {noun.i})
        member = tables().member
        return Signature(member, _keys(owners), unit=member)
    if verb is None or verb.lemma_.lower() in LIGHT_VERBS:
        return Signature(head_word, _keys(_np_parties(noun, ctx, avoid)))
    parties = _np_parties(noun, ctx, avoid)
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        parties += _subject_parties(verb, ctx, {noun.i})
    return Signature(f"{head_word}:{predicate_class(verb)}", _keys(parties), event=True)


def _membership(head: str, lemma: str, verb: Token | None) -> bool:
    """Whether a count is an organisation's members: "55 member states", "eight members", "which
    represents 55 countries" (``membership`` in ``data/figures.toml``)."""
    t = tables()
    if head == t.member or head in t.members:
        return True
    if verb is None or lemma not in t.member_nouns:
        return False
    lemma_verb = verb.lemma_.lower()
    particles = [p.lower_ for p in verb.children if p.dep_ in ("prt", "advmod")]
    forms = [lemma_verb, *(f"{lemma_verb} {p}" for p in particles)]
    return any(form in t.member_verbs for form in forms)


def _argument_of(noun: Token, verb: Token) -> bool:
    """The noun is the verb's own argument ("made a two-day visit", "arrived after a 10-hour
    journey"), not a noun further down ("the censure of Russia's 22-month conflict")."""
    if noun.head == verb:
        return True
    return noun.dep_ == "pobj" and noun.head.head == verb


def _of_complement(unit: Token) -> Token | None:
    """The noun of "N years of X": what lasted that long (war, talks, relations)."""
    if unit.pos_ not in NOUNS:
        return None
    for prep in unit.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            nouns = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
            if nouns:
                return nouns[0]
    return None


def _lasting(noun: Token) -> str:
    """An event noun's class, else the noun as a quantity's name ("ties" = "relations")."""
    found = event_class(noun)
    return found if ":" in found or found == "travel" else normalise_head(found)[0]


def _duration(c: Candidate, ctx: Context, avoid: set[int]) -> Signature:
    """What lasted: the noun the duration modifies ("a four-hour meeting"), the subject of
    "last"/"take" ("the talks, which lasted four hours"), a journey on a train, a stay ("spent
    seven hours in Kyiv"), else the act it measures ("met for four hours")."""
    verb = c.anchor
    for _ in range(6):
        if verb.pos_ in VERBS or verb.head == verb:
            break
        verb = verb.head
    lasted = _of_complement(c.anchor) if c.noun is None else None
    if lasted is not None:  # "75 years of diplomatic relations": the relations lasted
        parties = _np_parties(lasted, ctx, avoid)
        if verb.pos_ in VERBS and c.anchor.head == verb:
            parties += _subject_parties(verb, ctx, avoid | {lasted.i})
        return Signature(f"duration:{_lasting(lasted)}", _keys(parties), event=True)
    if c.noun is not None:
        event = c.noun
        parties = _np_parties(event, ctx, avoid)
        if verb.pos_ in VERBS and _argument_of(event, verb):
            parties += _subject_parties(verb, ctx, avoid | {event.i})
        return Signature(f"duration:{event_class(event)}", _keys(parties), event=True)
    if verb.pos_ not in VERBS:
        verb = c.anchor.sent.root  # a parse with no verb above the figure: its sentence's
    lemma = verb.lemma_.lower()
    parties = _subject_parties(verb, ctx, avoid)
    if lemma in ("last", "run", "span", "continue", "go"):
        subj = subject(verb)
        if subj is not None and subj.lower_ in RELATIVE and verb.dep_ == "relcl":
            subj = verb.head
        if subj is not None and subj.pos_ in NOUNS:
            return Signature(f"duration:{event_class(subj)}", _keys(parties), event=True)
    if lemma in ("spend", "stay", "remain"):
        places = [
            e
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in ("in", "at")
            for g in p.children
            if g.dep_ == "pobj" and (e := named(g, ctx)) is not None
        ]
        return Signature("duration:stay", _keys([*parties, *parties_in(places)]), event=True)
    holders = [verb, c.anchor, c.anchor.head]
    if verb.dep_ != "conj" and verb.head.lemma_.lower() == "take":
        holders.append(verb.head)  # "It took him ten hours on a train": a misparsed object
    means = [
        g
        for holder in holders
        for p in holder.children
        if p.dep_ == "prep" and p.lower_ in ("on", "by", "aboard", "in")
        for g in p.children
        if g.dep_ == "pobj" and g.lemma_.lower() in tables().travel
    ]
    if lemma == "take" or means:
        objects = [o for o in verb.children if o.dep_ in ("dobj", "dative") and o.i not in avoid]
        parties += parties_in([e for o in objects if (e := named(o, ctx)) is not None])
        if means or any(x.dep_ in ("xcomp", "advcl") for x in verb.children):
            return Signature("duration:travel", _keys(parties), event=True)
    return Signature(f"duration:{event_class(verb)}", _keys(parties), event=True)


__all__ = ["SCOPE_PARTY", "Signature", "context_parties", "measure_signature", "normalise_head"]
