"""Where an event happened, and the place a territorial act or a visit acts on.

* the location: an "in/at" place phrase ("at the Kremlin" → "Kremlin, Moscow", a seat of government
  named for its city), else the antecedent of a "where" clause ("Geneva, where they signed"),
  else a visit's destination, else a city standing as subject ("Kazan held
  talks": the talks were there);
* the target of a territorial act with no other target: the place it happens in ("lifted the
  curfew in Montenegro"); a visit's place is its destination.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.events.actors import ActorResolver
from storyline.events.lexicon import settings
from storyline.events.matching import Coded

#: "on the sidelines/margins of" an occasion: the act happened where the occasion did
MARGINS = frozenset({"sideline", "sidelines", "margin", "margins"})


class PlaceResolver:
    """Locations and place targets of coded triggers (one document's parse)."""

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        roles = settings()["roles"]
        self.roles = {key: frozenset(value) for key, value in roles.items()}
        self.seats = dict(settings()["seats"])

    def place_target(self, coded: Coded) -> None:
        """A territorial act with no other target acts on the place it happens in ("lifted the
        curfew in Montenegro", "demonstrated in Serbia"); a visit's place is its destination."""
        visit = coded.type == "CONSULT" and coded.mode == "visit"
        if coded.targets or not (coded.type in self.roles["place_target_types"] or visit):
            return
        for holder in (coded.anchor, coded.head):
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "into", "to", "at", "inside"):
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and self.resolver.is_place(obj):
                        coded.targets = self.resolver.resolve(obj)
                        coded.notes.append(f"target is the place acted on '{prep.text} {obj.text}'")
                        return

    def location(self, coded: Coded) -> str | None:
        """Where the event took place: an "in/at" place phrase, else a visit's destination."""
        holders = [coded.anchor, coded.head]
        trigger_ids = {t.i for t in coded.tokens}
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in self.roles["place_preps"]:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj" or obj.i in trigger_ids:
                        continue
                    place = self._place_name(obj)
                    if place:
                        coded.notes.append(f"location from '{prep.text} {obj.text}'")
                        return place
        place = self._where_clause(coded) or self._sidelines(holders)
        if place:
            return place
        if coded.type == "CONSULT" and coded.mode == "visit":
            for target in coded.targets:
                if target.label in ("GPE", "LOC", "FAC"):
                    return target.text
        for child in coded.head.children:  # "the Woodside meeting" (arguments: a venue)
            mention = self.resolver.mention_at(child) if child.dep_ == "compound" else None
            if mention is not None and self.resolver.is_place(child) and not _nation(mention.text):
                coded.notes.append(f"location from '{child.text} {coded.head.text}'")
                return mention.text
        for subject in (c for c in coded.anchor.children if c.dep_ == "nsubj"):
            if self.resolver.is_city(subject):  # "Kazan held talks …": the talks were there
                mention = self.resolver.mention_at(subject)
                return mention.text if mention is not None else subject.text
        return None

    def _where_clause(self, coded: Coded) -> str | None:
        """A relative "where" clause happens at its antecedent: "the visit to Kyiv, where Modi
        … signed four agreements", "travelled to Geneva, where they signed an accord"."""
        verb = coded.anchor
        while verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head  # "where Modi embraced Zelenskyy and signed …"
        if verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
            return None
        place = self._place_name(verb.head)
        if place:
            coded.notes.append(f"location from 'where' after '{verb.head.text}'")
        return place

    def _sidelines(self, holders: list[Token]) -> str | None:
        """An act "on the sidelines (margins) of the G7 summit in Italy" happened where the
        occasion did: the place named by the occasion's phrase."""
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ != "on":
                    continue
                edges = [o for o in prep.children if o.lemma_.lower() in MARGINS]
                occasions = [
                    g
                    for edge in edges
                    for of in edge.children
                    if of.dep_ == "prep" and of.lower_ == "of"
                    for g in of.children
                    if g.dep_ == "pobj"
                ]
                for occasion in occasions:
                    place = self._place_name(occasion)
                    if place:
                        return place
        return None

    def _place_name(self, token: Token) -> str | None:
        """A place named by a phrase ("the Kremlin" → "Kremlin, Moscow"; "residence outside
        Moscow" → "Moscow")."""
        nested = [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in self.roles["place_preps"]
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for candidate in [token, *nested]:
            mention = self.resolver.mention_at(candidate)
            text = mention.text if mention is not None else None
            if text is None and candidate == token and candidate.pos_ == "PROPN":
                text = _compound_text(candidate)
            if text is None:
                continue
            bare = text.removeprefix("the ").removeprefix("The ")
            if bare in self.seats:
                return f"{bare}, {self.seats[bare]}"
            if mention is not None and self.resolver.label_of(mention) in ("GPE", "LOC", "FAC"):
                return bare
            if mention is None and candidate.pos_ == "PROPN" and _gazetteer_place(bare):
                return bare  # a place the model did not tag ("talks in Kyiv")
        return None


def _gazetteer_place(name: str) -> bool:
    """A country, capital or listed city (entities_places.toml, entities_cities.toml): a
    gazetteer backs off the NER model where it missed a place."""
    from storyline.entities.lexicon import lexicon

    return bool(lexicon().place_country(name))


def _nation(name: str) -> bool:
    from storyline.entities.lexicon import lexicon

    return lexicon().country_of_place(name) is not None


def _compound_text(token: Token) -> str:
    words = [c for c in token.children if c.dep_ == "compound" and c.i < token.i] + [token]
    return " ".join(w.text for w in sorted(words, key=lambda w: w.i))


def modifies_a_thing(name: Token, resolver: ActorResolver) -> bool:
    """Is the name only a modifier of a thing ("an Atlanta courthouse", "a Chicago
    courtroom")? It tells where or what kind the thing is, too weak a cue to make it the doer of
    what a subject underwent (a reverse row: "received a sentence … in an Atlanta courthouse").
    A name modifying an actor noun ("a Chicago judge") is that actor; a possessor ("Sweden's
    decision") is whose act it is, and elsewhere an origin can be a party ("purchases of Russian
    oil": the seller), so only reverse rows ask."""
    head = name.head
    return (
        name.dep_ in ("compound", "amod")
        and head != name
        and head.pos_ == "NOUN"
        and not resolver.is_actorish(head)
    )
