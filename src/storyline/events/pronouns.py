"""What a pronoun refers to, where grammar makes it safe: the speaker of a reporting verb ("X said
it will …"), the subject of its clause for a possessive ("Modi … briefed him on his visit"), the
subject of the main clause for a fronted clause, the nearest preceding name of its kind in the
sentence, the only person of the previous sentence, or (for a subject "they") the previous
sentence's plural subject."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from storyline.events.references import (
    PERSON_PRONOUNS,
    ActorRef,
    antecedent,
    clause_head,
    identity,
)
from storyline.models import Mention

if TYPE_CHECKING:
    from storyline.events.actors import ActorResolver


#: Labels of the mentions that can be a plural pronoun's antecedent.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

#: Subordinators of adverbial clauses of time and reason.
SUBORDINATORS = frozenset({"after", "before", "when", "while", "since", "as", "because", "until"})


def _main_subjects(clause: Token) -> list[Token]:
    """The subject of the clause an adverbial clause modifies: the nearest verb above it, up
    through infinitives and coordinated verbs that share their governor's subject."""
    verb = clause.head
    for _ in range(6):
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects or verb.dep_ not in ("xcomp", "conj") or verb.head == verb:
            return subjects
        verb = verb.head
    return []


class PronounResolver:
    """Pronoun antecedents over one document's parse, through its ``ActorResolver``."""

    def __init__(self, actors: ActorResolver) -> None:
        self.actors = actors

    def resolve(self, pron: Token) -> list[ActorRef]:
        if pron.tag_ in ("WP", "WDT") and pron.head.dep_ == "relcl" and pron.head.head != pron:
            # a relative pronoun is the noun its clause describes: "the suspect, who was
            # arrested" (grammar settles it, unlike a personal pronoun)
            return self.actors.resolve(antecedent(pron.head), 1)
        word = pron.lower_
        first_person = word in ("i", "me", "my", "we", "us", "our")
        if first_person or pron.dep_ in ("nsubj", "nsubjpass"):
            speaker = self._speaker(pron)
            if speaker is not None:
                return speaker
        if word == "their" and pron.dep_ == "poss":
            return self._plural_subject(pron)
        if word == "they" and pron.dep_ in ("nsubj", "nsubjpass"):
            return self._continued_subject(pron)
        if word not in PERSON_PRONOUNS | {"it", "its"}:
            return []
        labels = {"PERSON"} if word in PERSON_PRONOUNS else {"GPE", "ORG"}
        clause = clause_head(pron)
        if pron.dep_ == "poss":
            owner = self._clause_subject(clause, pron, labels)
            if owner is not None:
                return [owner]
        fronted = clause.i > pron.i and clause.head.i > clause.i
        # the subject of an adverbial clause is, failing other cues, the main clause's subject
        # (subjects are the most salient antecedents: Lappin & Leass's salience weights; "Modi
        # dialled Putin …, a day after he discussed Ukraine with Biden": Modi)
        trailing = pron.dep_ == "nsubj" and clause.head.i < pron.i
        adverbial = clause.dep_ == "advcl" or (
            trailing
            and any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in clause.children)
        )  # "…, a day after he discussed": the parser may hang the clause on "day"
        if adverbial and (fronted or trailing):
            for subj in _main_subjects(clause):
                if fronted or subj.i < pron.i:
                    mention = self.actors.mention_at(subj)
                    if mention is not None and self.actors.label_of(mention) in labels:
                        return [self.actors._from_mention(mention, "pronoun:main-subject")]
                    if mention is None and subj.pos_ == "PROPN":  # a name the NER missed
                        phrase = self.actors._phrase(subj)
                        return [
                            ActorRef(
                                phrase.text, phrase.start, phrase.end, None, "pronoun:main-subject"
                            )
                        ]
        sentence = self.actors.sentences[self.actors.sentence_index(pron)]
        before = [
            m
            for m in self.actors.mentions_between(sentence.start_char, pron.idx)
            if self.actors.label_of(m) in labels
        ]
        if before:
            return [self.actors._from_mention(before[-1], "pronoun:preceding")]
        if word in PERSON_PRONOUNS and self.actors.sentence_index(pron) > 0:
            prev = self.actors.sentences[self.actors.sentence_index(pron) - 1]
            people: dict[str, Mention] = {}
            for mention in self.actors.mentions_between(prev.start_char, prev.end_char):
                if self.actors.label_of(mention) == "PERSON":
                    people.setdefault(identity(mention), mention)
            if len(people) == 1:
                return [self.actors._from_mention(next(iter(people.values())), "pronoun:previous")]
        return []

    def _plural_subject(self, pron: Token) -> list[ActorRef]:
        """ "their" as a possessor names the subject of its clause when that subject names
        two or more actors ("Gondor and Osgiliath postponed their meeting", "the two leaders
        held their first talks", "after their meeting, Modi and Putin signed …"; a fronted
        phrase's clause is the main one; inside the subject itself, the previous sentence's
        subject): a plural pronoun needs a plural antecedent, and the subject is the most
        salient one (Lappin & Leass; centering). A singular subject leaves it open."""
        clause = clause_head(pron)
        for _ in range(3):
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and pron in subjects[0].subtree:
                # "Their summit was the first since …": inside the subject, the pronoun
                # continues the previous sentence's subject (its backward-looking centre)
                index = self.actors.sentence_index(pron)
                if index == 0:
                    return []
                root = self.actors.sentences[index - 1].root
                subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                if subjects[0].pos_ == "PRON":
                    return []
                found = self.actors.resolve(subjects[0], 1)
                named = [r for r in found if self.actors.names_actor(r)]
                return named if len(named) >= 2 and len(named) == len(found) else []
            if clause.dep_ not in ("conj", "xcomp", "advcl") or clause.head == clause:
                return []
            clause = clause.head
        return []

    def _continued_subject(self, pron: Token) -> list[ActorRef]:
        """A subject "they" that opens its sentence's main clause continues the previous
        sentence's subject when that subject names two or more actors ("Xi and Biden met for
        four hours … They agreed to resume military talks"; ECB+ 2_5ecb: "Mark and Condon have
        axed the opening monologue … They said …"): the subject is the most salient antecedent
        and the backward-looking centre (Lappin & Leass; centering), and a plural pronoun needs a
        plural one. A pronoun outside the main clause, an actor named before it in its sentence,
        a singular subject or a pronoun subject leaves it open."""
        index = self.actors.sentence_index(pron)
        sentence = self.actors.sentences[index]
        if index == 0 or clause_head(pron) != sentence.root:
            return []
        before = self.actors.mentions_between(sentence.start_char, pron.idx)
        if any(self.actors.label_of(m) in ACTOR_LABELS for m in before):
            return []
        root = self.actors.sentences[index - 1].root
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or subjects[0].pos_ == "PRON":
            return []
        found = self.actors.resolve(subjects[0], 1)
        named = [r for r in found if self.actors.names_actor(r)]
        if len(named) < 2 or len(named) != len(found):
            return []
        return [
            ActorRef(r.text, r.start, r.end, r.mention, "pronoun:previous-subject", r.label)
            for r in named
        ]

    def _clause_subject(self, clause: Token, pron: Token, labels: set[str]) -> ActorRef | None:
        """A possessive pronoun names the subject of its clause when that subject is of its
        kind ("Modi called Putin and briefed him on his visit": Modi's visit); a coordinated
        verb shares its governor's subject."""
        verb = clause
        for _ in range(3):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                subject = subjects[0]
                if subject.i > pron.i or subject.pos_ == "PRON":
                    return None
                mention = self.actors.mention_at(subject)
                if mention is not None and self.actors.label_of(mention) in labels:
                    return self.actors._from_mention(mention, "pronoun:clause-subject")
                return None
            if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head == verb:
                return None
            verb = verb.head
        return None

    def _speaker(self, pron: Token) -> list[ActorRef] | None:
        """The subject of the reporting verb whose clause holds the pronoun ("X said it will")."""
        node = clause_head(pron)
        while node.dep_ in ("ccomp", "xcomp", "conj") and node.head != node:
            head = node.head
            if head.lemma_.lower() in self.actors.reporting and node.dep_ == "ccomp":
                for subj in head.children:
                    if subj.dep_ == "nsubj" and subj.pos_ != "PRON":
                        refs = self.actors.resolve(subj)
                        return [
                            ActorRef(r.text, r.start, r.end, r.mention, "pronoun:speaker", r.label)
                            for r in refs
                        ] or None
                return None
            node = head
        return None
