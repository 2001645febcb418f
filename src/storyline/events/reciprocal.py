"""The other party of a two-party event that its own clause leaves unnamed.

Meetings, talks, cooperation and agreements (events.toml [roles] two_party_types) happen between
parties, and English often names the second one outside the event's own clause:

* a **reciprocal adverb** ("together", "jointly", "mutually", "with each other") marks the act as
  shared by the subject and someone the sentence has already named (Quirk et al. 1985 §6.30 and
  Huddleston & Pullum 2002 ch. 17 §2 on reciprocals: the reciprocal takes its parties from its
  antecedent; PropBank annotates "together" on cooperate/work as the comitative ARGM of a
  shared act). With one subject the other party is the one the coordinated or governing clause
  acts on: "congratulated Putin on his re-election and agreed to work together" — Putin;
* "**between** A and B" on the event or on its object ("held talks between Japan and South
  Korea", "the agreement reached between the two firms") names both parties (FrameNet's
  Meet_with / Make_agreement frames take the parties as "between" phrases; ``pointed``
  finds them): the one that is not the subject is the other party, so a source is never also a
  target by who it names, not only by where (``others``);
* a **continuation**: a two-party event in a non-finite or coordinated clause sharing the main
  clause's subject goes on with the main clause's partner ("met with Putin at his residence before
  engaging in talks at the Kremlin": the talks are with Putin). Only a two-party event of the
  main clause lends its partner; "criticised Pakistan before holding talks" says nothing of whom
  the talks were with.

Only syntax links a partner: a plural subject already names both sides (PLOVER's reciprocal
convention, ``coder._dyad``), a one-sided act ("visited Moscow") gains nothing, and a place the
governing clause acts on ("visited Moscow and agreed to work together") is where, not who.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from storyline.events.actors import PLACE_LABELS, ActorResolver
from storyline.events.lexicon import settings
from storyline.events.matching import Coded
from storyline.events.references import ActorRef

#: Reciprocal adverbs (Quirk et al. §8.88 "together", "jointly", "mutually"; CGEL's reciprocal
#: adjuncts): the act is shared with a party the sentence names.
RECIPROCAL_ADVERBS = frozenset({"together", "jointly", "mutually", "bilaterally"})
#: The reciprocal pronouns, as objects of "with" ("agreed to cooperate with each other").
RECIPROCAL_PRONOUNS = frozenset({"each other", "one another"})
#: How a clause sharing its subject hangs on the one it continues: an infinitive complement, a
#: coordinated verb, an adverbial clause, or a gerund under a preposition ("before engaging").
CONTINUING = frozenset({"xcomp", "conj", "advcl"})


def two_party_types() -> frozenset[str]:
    """The event types that take the other side as target (events.toml [roles])."""
    return frozenset(settings()["roles"]["two_party_types"])


def named(refs: Sequence[ActorRef]) -> list[ActorRef]:
    """The references backed by an entity mention ("countries" alone names no party)."""
    return [r for r in refs if r.mention is not None]


def reciprocal_partner(
    resolver: ActorResolver, coded: Coded, sources: Sequence[ActorRef]
) -> list[ActorRef]:
    """The other party of a two-party event with one source and no named target, where a
    reciprocal adverb links it to the clause it continues (see the module docstring)."""
    if coded.type not in two_party_types() or len(sources) != 1:
        return []
    shared = _reciprocal_cue(coded)
    if shared is not None:
        for governor in governors(coded.anchor):
            found = others(_acted_on(resolver, governor), sources)
            if found:
                coded.notes.append(
                    f"'{shared}': the other party is the one '{governor.text}' names "
                    f"'{found[0].text}'"
                )
                return found
    return []


def continue_partners(events: Sequence[Coded]) -> None:
    """A two-party event without a named target, in a clause that shares its subject with a
    two-party event of the clause it hangs on, takes that event's partner ("met with Putin …
    before engaging in talks": talks with Putin)."""
    kinds = two_party_types()
    by_anchor = {
        e.anchor.i: e
        for e in events
        if e.type in kinds and e.mode != "visit" and _parties(e.targets)
    }
    for event in events:
        if event.type not in kinds or named(event.targets) or not event.sources:
            continue
        for governor in governors(event.anchor):
            main = by_anchor.get(governor.i)
            if main is None or main is event:
                continue
            if not {_key(r) for r in event.sources} <= {_key(r) for r in main.sources}:
                break  # another doer: not the main clause's act going on
            event.targets = others(_parties(main.targets), event.sources)
            if event.targets:
                event.notes.append(
                    f"continues '{main.trigger_text}' with the same partner "
                    f"'{event.targets[0].text}'"
                )
            break


def governors(anchor: Token) -> Iterator[Token]:
    """The predicates a subjectless clause continues, nearest first: the verb an infinitive,
    coordinated verb or adverbial clause hangs on, and the verb a gerund's preposition modifies
    ("met … before engaging"). A clause with a subject of its own starts a new predication."""
    node = anchor
    for _ in range(4):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return
        if node.dep_ in CONTINUING and node.head != node:
            node = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head != node.head:
            node = node.head.head
        else:
            return
        if node.pos_ not in ("VERB", "AUX"):
            return
        yield node


def _reciprocal_cue(coded: Coded) -> str | None:
    """The reciprocal word on the event's predicate or on the infinitive it governs ("agreed to
    work together": the agreement is the shared work's)."""
    holders = [coded.anchor, coded.head]
    holders += [c for c in coded.anchor.children if c.dep_ == "xcomp"]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "advmod" and child.lower_ in RECIPROCAL_ADVERBS:
                return child.text
            if child.dep_ == "prep" and child.lower_ == "with":
                for obj in child.children:
                    words = " ".join(t.lower_ for t in obj.subtree)
                    if obj.dep_ == "pobj" and words in RECIPROCAL_PRONOUNS:
                        return f"with {words}"
    return None


def _acted_on(resolver: ActorResolver, verb: Token) -> list[ActorRef]:
    """The actor a predicate acts on or with: its object or "with" phrase naming an actor; a
    place is where, not a party ("visited Moscow")."""
    found: list[ActorRef] = []
    for child in verb.children:
        tokens = [child] if child.dep_ in ("dobj", "dative") else []
        if child.dep_ == "prep" and child.lower_ == "with":
            tokens = [g for g in child.children if g.dep_ == "pobj"]
        for token in tokens:
            if resolver.is_actorish(token) and not resolver.is_place(token):
                found.extend(named(resolver.resolve(token)))
    return found


def _parties(refs: Sequence[ActorRef]) -> list[ActorRef]:
    """The named actors among an event's targets that are no place: a visit's destination or a
    venue is where the act happened, not who took part."""
    return [r for r in named(refs) if r.label not in PLACE_LABELS]


def _key(ref: ActorRef) -> str:
    """Who a reference names: its entity, else its whole name (a last word alone would make
    North and South Korea one party)."""
    mention = ref.mention
    if mention is not None and mention.entity_id:
        return mention.entity_id
    return (mention.text if mention is not None else ref.text).lower()


def others(parties: Sequence[ActorRef], sources: Sequence[ActorRef]) -> list[ActorRef]:
    """The parties that are not a source, by place in the text or by who they name: "Japan held
    talks between Japan and South Korea" names Japan twice, and its other side is South Korea."""
    keys = {_key(r) for r in sources}
    spans = {(r.start, r.end) for r in sources}
    return [r for r in parties if _key(r) not in keys and (r.start, r.end) not in spans]
