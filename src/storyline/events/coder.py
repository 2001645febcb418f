"""Coding one sentence: triggers from the lexicon, their arguments over the dependency parse.

``matching`` finds the triggers and decides their type and mode, ``arguments`` (with
``subjects``) resolves who did what to whom and where; this module runs them in order.

A trigger is a verb ("met", "telephoned"), a verb with its particle or object ("held talks" as
"hold" + "talk" is a light-verb construction, "impose sanctions", "open fire"), a nominal
("Jaishankar's visit to Russia", "the talks between Modi and Putin") or an adjective taking an
infinitive ("willing to"). For each trigger the coder finds

* the clause word its arguments hang on (the verb, the light verb carrying a nominal trigger, or
  the nominal itself),
* the source (subject, passive agent, possessor or "by"/"between" phrase of a nominal; an
  infinitive or coordinated verb borrows its governor's subject) and the target (direct object
  when it names an actor, else "with"/"to"/"against"/… phrases, else an actor inside the object:
  "rejected North Korea's demand"),
* the location ("at the Kremlin", "in Moscow"), the factuality, and an explanation.

A trigger inside the complement of another trigger is folded into it (one event per predicate, as
PLOVER codes: "agreed to work together" is AGREE, "threatened to impose sanctions" is THREATEN with
the mode of the threatened act). Nominal triggers without any actor are dropped ("the meeting
unfolded against…"): they repeat an event told elsewhere.
"""

from __future__ import annotations

from spacy.tokens import Span

from storyline.events.actors import ActorResolver
from storyline.events.arguments import ArgumentResolver
from storyline.events.discards import event_discard
from storyline.events.factuality import assess, is_generic
from storyline.events.lexicon import Lexicon, settings
from storyline.events.matching import Coded, TriggerMatcher
from storyline.events.places import PlaceResolver
from storyline.events.reciprocal import continue_partners
from storyline.events.refine import refine
from storyline.events.said_senses import declines_comment, warns_of_a_prospect
from storyline.events.senses import goes_to_no_party
from storyline.events.subjects import SubjectFinder, is_passive
from storyline.events.transfers import fired_at_a_place


class SentenceCoder:
    """Codes the sentences of one parsed document (shares the actor resolver across them)."""

    def __init__(self, resolver: ActorResolver, lexicon: Lexicon) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        subjects = SubjectFinder(resolver)
        self.matcher = TriggerMatcher(resolver, lexicon, subjects)
        self.arguments = ArgumentResolver(resolver, subjects)
        self.places = PlaceResolver(resolver)

    # -- the sentence --------------------------------------------------------------------
    def code(self, sentence: Span) -> list[Coded]:
        """Events coded from one sentence, in text order."""
        kept = self.matcher.find(sentence)
        kept += [inner for coded in kept for inner in self._plans(coded)]
        events = []
        while kept:
            coded = kept.pop(0)
            self.arguments.resolve(coded)
            # goods arriving ("subj:moved": "the missiles reached the Philippines") happen to
            # the destination as a passive delivery does ("were delivered to"): no giver needed
            moved = "subj:moved" in coded.entry.when
            undergone = self._passive(coded) or "reverse" in coded.entry.when or moved
            dyad = "dyad" not in coded.entry.when or self._dyad(coded)
            if goes_to_no_party(coded.entry, coded.targets):
                dyad = False  # "had come to the polling station" is no visit (``senses``)
            if not dyad or not (coded.sources or (coded.targets and undergone)):
                kept[:0] = self._freed(coded)
                continue
            if moved and fired_at_a_place(coded):  # a strike's rockets, not a delivery
                kept[:0] = self._freed(coded)
                continue
            if self._off_topic(coded) or self._prospect(coded):
                kept[:0] = self._freed(coded)
                continue
            refine(coded, sentence)
            coded.location = self.places.location(coded)
            self.places.place_target(coded)
            coded.assessment = assess(coded.anchor, coded.head)
            coded.generic = is_generic(coded.anchor, coded.assessment)
            events.append(coded)
        continue_partners(events)
        self._link_coordinated(events)
        return sorted(events, key=lambda c: c.start)

    def _off_topic(self, coded: Coded) -> bool:
        """Do the event's own words name a sport or show PETRARCH2 discards (``discards.
        event_discard``: "defended his IBF heavyweight crown")? Then it codes nothing."""
        doc = coded.anchor.doc
        parties = []
        for ref in coded.sources + coded.targets:
            span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
            if span is not None and len(span):
                parties.append(span.root)
        phrase = event_discard(coded.anchor, parties)
        if phrase:
            coded.notes.append(f"'{phrase}' names a topic PETRARCH2 discards")
        return phrase is not None

    def _prospect(self, coded: Coded) -> bool:
        """Words about words, no act: a warning of what may happen ("warned there could be
        additional charges", ``said_senses.warns_of_a_prospect``) is no threat, and declining to
        speak ("declined to comment", ``said_senses.declines_comment``) rejects no one."""
        folded = [inner.anchor for inner in coded.folded]
        if warns_of_a_prospect(coded.entry, coded.anchor, folded, self.resolver.is_actorish):
            coded.notes.append(f"'{coded.trigger_text}' warns of a prospect: no act threatened")
            return True
        if declines_comment(coded.entry, coded.anchor, folded):
            coded.notes.append(f"'{coded.trigger_text}' declines comment: no one rejected")
            return True
        return False

    def _plans(self, coded: Coded) -> list[Coded]:
        """The complements of an intention or speech act, kept as events of their own ("invited
        Zelenskyy to visit India" → a planned visit; events.toml [factuality] plan_governors);
        their factuality comes out planned from the governing verb."""
        governors = settings()["factuality"]["plan_governors"]
        if coded.anchor.lemma_.lower() not in governors:
            return []
        return [
            inner
            for inner in coded.folded
            if inner.anchor.dep_ in ("xcomp", "ccomp") and inner.anchor.head == coded.anchor
        ]

    @staticmethod
    def _freed(dropped: Coded) -> list[Coded]:
        """The nominal events folded into a trigger that codes no event, which stand on their
        own: a noun event in a prepositional phrase of a verb is a circumstance of it, not its
        complement ("Leaders gathered for the SCO summit": the bare "gathered" has no target,
        the summit of the SCO still took place; "At a meeting of the commission it was decided
        …"). A complement clause ("refused to meet") stays folded: its standing is the
        governor's."""
        freed = []
        for inner in dropped.folded:
            node = inner.anchor
            while node.dep_ in ("pobj", "compound", "conj") and node.head != node:
                node = node.head
            if inner.entry.pos == "N" and node.dep_ == "prep" and node.head == dropped.anchor:
                inner.notes.append(f"'{dropped.trigger_text}' codes no event: the nominal stands")
                freed.append(inner)
        return freed

    def _link_coordinated(self, events: list[Coded]) -> None:
        """Mark events whose clause words are coordinated ("spoke with X and congratulated him")."""
        for a_index, a in enumerate(events):
            for b_index, b in enumerate(events):
                if a_index != b_index and a.anchor.dep_ == "conj" and a.anchor.head == b.anchor:
                    a.cotemporal.add(b_index)
                    b.cotemporal.add(a_index)

    def _dyad(self, coded: Coded) -> bool:
        """PETRARCH2 codes an event only between a source and a target actor (its default
        ``require_dyad``); a compiled row marked ``dyad`` (a bare verb that only borrows its
        block's code: "took", "explored", "increase") keeps that rule here, so it needs actors
        on both sides, or two sources acting together ("Israel and the Palestinians reached a
        consensus"):
        "Economic collaboration took centre stage" is no event. A reverse or passive row needs
        the actor it happens to."""
        if "source" in coded.refused:
            return False  # its only doer is no actor ("inspired by the wonder of flight")
        names = self.resolver.names_actor
        targets = [r for r in coded.targets if names(r)]
        if "reverse" in coded.entry.when or (not coded.sources and self._passive(coded)):
            return bool(targets)
        sources = [r for r in coded.sources if names(r)]
        if len(sources) != len(coded.sources) or not sources:
            return False
        reciprocal = coded.type in settings()["roles"]["reciprocal_types"]
        return bool(targets) or (reciprocal and len(sources) >= 2)

    @staticmethod
    def _passive(coded: Coded) -> bool:
        return is_passive(coded.anchor)
