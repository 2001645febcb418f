"""Who an event argument refers to: entity mentions, coordination, appositions, "the two leaders".

An argument of an event is a token of the dependency parse (the head of a subject, object or
prepositional phrase). ``ActorResolver`` turns it into ``ActorRef``s: the entity mentions it names
(one per conjunct of a coordination, the name in an apposition "his counterpart, Sergey Lavrov"),
the two people or countries of the nearest preceding sentence for "the two leaders" / "both
sides" when that sentence names exactly two (``pairs``), a pronoun's antecedent where grammar
makes it safe (the speaker of a reporting verb, the subject of the main clause for a fronted
clause, the only person of the previous sentence), or else the compact noun phrase as plain text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from itertools import takewhile

from spacy.tokens import Doc, Token

from storyline.events.collectives import named_inside
from storyline.events.lexicon import agent_nouns, default_lexicon, settings
from storyline.events.pairs import pair_antecedents
from storyline.events.pronouns import PronounResolver
from storyline.events.references import (
    PERSON_PRONOUNS,
    SPEAKER_PRONOUNS,
    ActorRef,
    better_mention,
    identity,
)
from storyline.events.things import known_organisation, operator, thing_tokens
from storyline.models import Mention
from storyline.nlp import doc_text

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
#: Words after a name's head ("Council *on* Foreign Relations", "Ministry *of* Defence").
NAME_PREPOSITIONS = frozenset({"of", "on", "for", "in", "at", "to", "with", "from", "between"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
COPULAS = frozenset({"be", "become", "remain"})


class ActorResolver:
    """Resolves argument tokens of one parsed document to actors (see the module docstring)."""

    def __init__(self, parsed: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = parsed
        conf = settings()["actors"]
        self.window = int(conf["group_window"])
        self.group_nouns = {
            "person": set(conf["group_person_nouns"]),
            "country": set(conf["group_country_nouns"]),
            "any": set(conf["group_any_nouns"]),
        }
        self.actor_nouns = agent_nouns()
        self.relation_nouns = frozenset(settings()["actors"]["relation_nouns"])
        self.reporting = set(settings()["factuality"]["reporting_verbs"])
        self.themes = frozenset(conf["theme_words"])
        self.mentions = sorted(
            (m for m in mentions if m.label in ACTOR_LABELS and not self._theme(m, parsed)),
            key=lambda m: m.provenance.start,
        )
        self._starts = [m.provenance.start for m in self.mentions]
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        full_names: set[str] = set()
        for mention in self.mentions:
            if mention.label != "NORP":
                votes[identity(mention)][mention.label] += 1
                if mention.label == "PERSON" and len(mention.text.split()) > 1:
                    full_names.add(identity(mention))
        self._labels = {
            key: "PERSON" if key in full_names else counts.most_common(1)[0][0]
            for key, counts in votes.items()
        }
        self._by_token: dict[int, Mention] = {}
        for mention in self.mentions:
            span = parsed.char_span(
                mention.provenance.start, mention.provenance.end, alignment_mode="expand"
            )
            for token in span or ():
                current = self._by_token.get(token.i)
                if current is None or better_mention(mention, current):
                    self._by_token[token.i] = mention
        self.sentences = list(parsed.sents)
        self.things = thing_tokens(
            self, [(m.provenance.start, m.provenance.end, m.label) for m in mentions]
        )
        self.pronouns = PronounResolver(self)
        self._sent_starts = [s.start for s in self.sentences]

    def _theme(self, mention: Mention, parsed: Doc) -> bool:
        """An honour or a document named like an actor ("the Order of St Andrew", "the Delhi
        Declaration"), or a name inside one ("St Andrew" in "the Order of St Andrew"); never an
        organisation PETRARCH2's actor dictionary lists ("the Red Cross": NGOHLHIRC)."""
        words = mention.text.lower().replace("the ", "", 1).split()
        if words and (words[0] in self.themes or words[-1] in self.themes):
            return not known_organisation(" ".join(words))
        before = doc_text(parsed)[max(0, mention.provenance.start - 40) : mention.provenance.start]
        tail = before.lower().split()
        return len(tail) >= 2 and tail[-1] == "of" and tail[-2] in self.themes

    def is_city(self, token: Token) -> bool:
        """A city or region that is not a capital: a place, never standing for a government
        ("Kazan held talks" says where, not who; "Moscow said" is Russia)."""
        from storyline.entities.lexicon import lexicon

        mention = self.mention_at(token)
        if mention is None or self.label_of(mention) not in PLACE_LABELS:
            return False
        places = lexicon()
        return places.city(mention.text) is not None or places.is_region(mention.text)

    # -- lookups -------------------------------------------------------------------------
    def label_of(self, mention: Mention) -> str:
        """The label most mentions of the same name carry in this document ("Modi" tagged GPE
        once and PERSON five times is a PERSON)."""
        if mention.label == "NORP":
            return "NORP"
        return self._labels.get(identity(mention), mention.label)

    def mention_at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.provenance.end <= end]

    def sentence_index(self, token: Token) -> int:
        return bisect_right(self._sent_starts, token.i) - 1

    def mentions_back(self, head: Token) -> Iterator[tuple[int, list[Mention]]]:
        """(sentence index, mentions) of ``head``'s sentence before it, then of each earlier
        sentence within ``group_window``, nearest first: where a phrase that refers back looks."""
        sentence = self.sentence_index(head)
        for index in range(sentence, max(-1, sentence - self.window - 1), -1):
            sent = self.sentences[index]
            limit = head.idx if index == sentence else sent.end_char
            yield index, self.mentions_between(sent.start_char, limit)

    def is_actorish(self, token: Token) -> bool:
        """Does this phrase head name an actor (entity, actor noun, personal pronoun)? A
        relational noun never does, named or not ("the Strategic Partnership", "ties")."""
        if self.is_relation(token):
            return False
        mention = self.mention_at(token)
        if mention is not None and mention.label in ACTOR_LABELS:
            return True
        if token.pos_ == "PRON":
            return token.lower_ in PERSON_PRONOUNS | SPEAKER_PRONOUNS - {"it", "its"}
        if token.lemma_.lower() in self.actor_nouns or token.lower_ in self.actor_nouns:
            return True
        return any(c.dep_ == "appos" and self.mention_at(c) is not None for c in token.children)

    def is_relation(self, token: Token) -> bool:
        """Is this phrase head a relational noun (events.toml [actors] relation_nouns)? In a
        name its head decides, the last word before a preposition, whatever the parser made its
        root: "… Strategic Partnership" is a relation, "Council on Foreign Relations" an actor."""
        mention = self.mention_at(token)
        words = mention.text.split() if mention is not None else []
        if not words:
            return bool({token.lemma_.lower(), token.lower_} & self.relation_nouns)
        before = list(takewhile(lambda w: w.lower() not in NAME_PREPOSITIONS, words)) or words
        return before[-1].lower() in self.relation_nouns

    def names_actor(self, ref: ActorRef) -> bool:
        """Is this argument an actor, not just any noun phrase: a name, a resolved pronoun or
        group, or a phrase headed by an agent noun ("officials", "the police")?"""
        if ref.mention is not None or ref.rule != "phrase":
            return True
        words = ref.text.lower().replace("’s", "").replace("'s", "").split()
        if not words:
            return False
        head = words[-1]
        if head in self.actor_nouns:  # with their plurals (``lexicon.agent_nouns``)
            return True
        # a name the NER missed, alone or behind its title: "Modi", "President Ruto"
        raw = ref.text.split()
        if not raw[-1][:1].isupper():
            return False
        if any(w in self.actor_nouns for w in words[:-1]):
            return True
        if not all(w[:1].isupper() for w in raw) or default_lexicon().candidates("N", head):
            return False
        first = self.doc.char_span(ref.start, ref.end, alignment_mode="expand")
        # a capital that only opens a sentence or a heading ("Step 1", "Trade development")
        if first is None:
            return False
        token = first[-1]
        if not first[0].is_sent_start:
            return True
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        numbered = following is not None and (following.like_num or following.text == ":")
        return token.pos_ == "PROPN" and not numbered

    def names_owner(self, token: Token) -> bool:
        """Does the phrase name who it belongs to ("U.N. helicopters", "Israeli army bulldozers",
        "thousands of Iraqi Kurds", "leaders of the opposition coalition")?"""
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and self.mention_at(child):
                return True
            if child.dep_ == "compound" and self.names_owner(child):
                return True
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and (self.mention_at(obj) or self.names_owner(obj)):
                        return True
        return False

    def is_place(self, token: Token) -> bool:
        mention = self.mention_at(token)
        return mention is not None and self.label_of(mention) in PLACE_LABELS

    # -- resolution ----------------------------------------------------------------------
    def resolve(self, token: Token, depth: int = 0) -> list[ActorRef]:
        """Actors named by the phrase headed by ``token`` (coordinations expanded)."""
        refs: list[ActorRef] = []
        for head in (token, *token.conjuncts):
            if head.i < token.i and head != token:
                continue  # conjuncts before token are resolved from their own head
            refs.extend(self._resolve_one(head, depth))
        seen: set[tuple[int, int]] = set()
        unique = []
        for ref in refs:
            if (ref.start, ref.end) not in seen:
                seen.add((ref.start, ref.end))
                unique.append(ref)
        return unique

    def _resolve_one(self, head: Token, depth: int) -> list[ActorRef]:
        if head.pos_ == "PRON":
            return self._pronoun(head)
        copula = head.head
        if head.dep_ in ("attr", "oprd") and copula.lemma_.lower() in COPULAS and depth < 2:
            # "Modi became the first Indian prime minister to visit Ukraine": Modi
            for subject in (c for c in copula.children if c.dep_ == "nsubj"):
                found = self.resolve(subject, depth + 1)
                if found:
                    return found
        for child in head.children:
            if child.dep_ == "appos" and self._dateline(head) and not _described(child):
                # "New Delhi, Aug 28 (UNI) Russian President Vladimir Putin …": the dateline is
                # where the report was filed, the apposed name is who acts
                return self.resolve(child, depth + 1)
        group = pair_antecedents(self, head)
        if group is not None:
            return group
        mention = self.mention_at(head)
        if mention is not None and mention.label != "NORP":
            return [self._from_mention(mention, "name", self._words(head, cover=mention))]
        for child in head.children:
            if child.dep_ == "appos":
                named = self.mention_at(child)
                if named is not None and self.label_of(named) in ("PERSON", "ORG"):
                    return [
                        self._from_mention(named, "apposition", self._words(head, child, named))
                    ]
        inside = named_inside(self, head, depth)
        if inside is not None:
            return inside
        owner = operator(self, head, self.things)  # "Israeli tanks": a thing's operator acts
        if owner:
            return owner
        if mention is not None:  # a NORP used as a noun: "the Palestinians"
            return [self._from_mention(mention, "name")]
        return [self._phrase(head)]

    def _dateline(self, token: Token) -> bool:
        """Is this the place of a dateline opening the sentence ("New Delhi, Aug 28 (UNI)")?"""
        mention = self.mention_at(token)
        if mention is None or self.label_of(mention) not in PLACE_LABELS:
            return False
        sentence = token.sent
        span = token.doc.char_span(
            mention.provenance.start, mention.provenance.end, alignment_mode="expand"
        )
        if span is None or span.start != sentence.start or span.end >= sentence.end:
            return False
        return token.doc[span.end].text in (",", ":", "-", "–", "—", "(")

    def _words(self, head: Token, appos: Token | None = None, cover: Mention | None = None) -> str:
        """The compact noun phrase naming an actor: "Russian President Vladimir Putin", "India's
        Foreign Minister, S Jaishankar" (modifiers before the head, the apposed name), through
        the end of the name it covers (the parse may head "Sami-ul-Haq" on "Sami")."""
        tokens = [
            t
            for t in head.subtree
            if t.i <= head.i and t.dep_ not in ("det", "predet", "nummod", "quantmod")
        ]
        start = min(t.idx for t in tokens) if tokens else head.idx
        last = appos if appos is not None else head
        if appos is not None:
            last = max((t for t in appos.subtree if t.i <= appos.i), key=lambda t: t.i)
        end = last.idx + len(last.text)
        if cover is not None and start <= cover.provenance.start < end:
            end = max(end, cover.provenance.end)
        text = doc_text(self.doc)[start:end]
        if ")" in text:  # a dateline's credit before the name: "Aug 28 (UNI) Russian President …"
            text = text.rsplit(")", 1)[1]
        return text.strip(" ,-–—")

    def _from_mention(self, mention: Mention, rule: str, words: str | None = None) -> ActorRef:
        return ActorRef(
            text=words or mention.text,
            start=mention.provenance.start,
            end=mention.provenance.end,
            mention=mention,
            rule=rule,
            label=self.label_of(mention),
        )

    def _phrase(self, head: Token) -> ActorRef:
        """The compact noun phrase: modifiers before the head, without determiners."""
        left = [
            t
            for t in head.subtree
            if t.i <= head.i and t.dep_ not in ("det", "predet", "punct", "nummod", "quantmod")
        ]
        tokens = [t for t in left if t.i >= head.left_edge.i] or [head]
        start = min(t.idx for t in tokens)
        end = head.idx + len(head.text)
        head_end = head.idx + len(head.text)
        inner = [
            m
            for m in self.mentions_between(start, end)
            if m.label in ACTOR_LABELS and m.label != "NORP" and m.provenance.end >= head_end
        ]
        text = doc_text(self.doc)[start:end]
        if not inner and head.lemma_.lower() in settings()["actors"]["place_heads"]:
            named = [m for m in self.mentions_between(start, end) if m.label in PLACE_LABELS]
            if named:  # "Montenegro province" is Montenegro
                place = named[-1]
                return self._from_mention(place, "phrase")
        return ActorRef(
            text=text,
            start=start,
            end=end,
            mention=inner[-1] if inner else None,
            rule="phrase",
            label=self.label_of(inner[-1]) if inner else None,
        )

    def _pronoun(self, pron: Token) -> list[ActorRef]:
        return self.pronouns.resolve(pron)


def _described(appos: Token) -> bool:
    """An apposition opened by an article describes the name before it ("Pakistan, a key U.S.
    ally in the war against terrorism, has refused", PLOVER; "ProPublica, a nonprofit news
    organization, notes", ECB+): no dateline's date, credit or name is written so."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in appos.children)


__all__ = ["ActorRef", "ActorResolver", "identity"]
