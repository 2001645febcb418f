"""Roles next to person names, read from the tokens and the dependency parse.

Three constructions of news English carry a person's office:

* a title in front of the name, with the country or organisation before it:
  "Russian President Vladimir Putin", "India's Prime Minister Narendra Modi", "Apple CEO
  Steve Jobs", "former US President Joe Biden";
* an apposition either way round: "India's Foreign Minister, S Jaishankar," and
  "Sergey Lavrov, Russia's foreign minister," or "Putin, the president of Russia";
* a counterpart: "his Russian counterpart, Sergey Lavrov" holds the office of the person the
  clause is about ("his" → the subject), in the counterpart's country.

Titles, honorifics, qualifiers and countries come from the lexicon (``entities_lexicon``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.entities.lexicon import Lexicon, Title, key_words
from storyline.entities.names import normalise_name
from storyline.nlp import doc_ents
from storyline.nlp_tokens import tokens

#: spaCy labels that can name the country or organisation a title belongs to.
AFFILIATION_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC"})
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
_SKIPPED_IN_TITLES = frozenset({".", "-", "–"})
_PRONOUNS = frozenset({"his", "her", "their", "its"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class RoleReading:
    """What the words around one name say about the person's office."""

    title: Title | None
    title_start: int = -1
    title_end: int = -1
    affiliation: str | None = None
    is_country: bool = False
    qualifier: str | None = None
    counterpart_of: int | None = None
    rule: str = "title"

    def role(self, lex: Lexicon, counterpart_title: Title | None = None) -> str | None:
        """The role in words: 'President of Russia', 'former Chief Executive of Apple'."""
        title = self.title
        if self.counterpart_of is not None:
            if counterpart_title is None:
                return None
            title = counterpart_title
            name = title.same_as or title.name
        elif title is None:
            return None
        else:
            name = title.name
        if self.affiliation:
            where = lex.country_name(self.affiliation) if self.is_country else self.affiliation
            name = f"{name} of {where}"
        return f"{self.qualifier} {name}" if self.qualifier else name


def entity_index(doc: Doc) -> dict[int, Span]:
    """Token index → the NER span that covers it."""
    return {i: ent for ent in doc_ents(doc) for i in range(ent.start, ent.end)}


def token_words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """Key words of tokens [start, end), hyphens and stray full stops skipped."""
    return tuple(
        k
        for text in tokens(doc).text[start:end]
        if text not in _SKIPPED_IN_TITLES
        for k in key_words(text)
    )


def title_ending_at(
    doc: Doc, last: int, lower: int, lex: Lexicon, honorifics: bool = False
) -> tuple[int, Title | None] | None:
    """(first token, title) of the longest title whose last token is ``last``, or None.

    With ``honorifics`` an honorific ('Mr') also matches and comes back with title None.
    """
    texts = tokens(doc).text
    if last < lower or texts[last] in _SKIPPED_IN_TITLES:
        return None
    best: tuple[int, Title | None] | None = None
    first = last
    words: tuple[str, ...] = ()  # ``token_words(doc, first, last + 1)``, grown leftwards
    while first >= lower and last - first < lex.max_title_words + 2:
        if _breaks_title(texts[first]):
            break
        if texts[first] not in _SKIPPED_IN_TITLES:
            words = key_words(texts[first]) + words
        if len(words) > lex.max_title_words:
            break
        if words in lex.titles:
            best = (first, lex.titles[words])
        elif honorifics and words in lex.honorifics:
            best = (first, None)
        first -= 1
    return best


def _breaks_title(text: str) -> bool:
    """Punctuation other than a hyphen or full stop ends a title: 'Minister, Jaishankar'."""
    return text not in _SKIPPED_IN_TITLES and not key_words(text)


def title_prefix_length(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """Tokens at the start of [start, end) that are titles, honorifics, qualifiers or places
    in front of a title (leaving at least one token): 'Prime Minister' in a PERSON span."""
    cut = start
    while cut < end - 1:
        step = 0
        for stop in range(min(end - 1, cut + lex.max_title_words + 1), cut, -1):
            words = token_words(doc, cut, stop)
            if words and (words in lex.titles or words in lex.honorifics):
                step = stop - cut
                break
        if not step and doc[cut].lower_ in lex.qualifiers:
            step = 1
        place = 0 if step else _place_words(doc, cut, lex)
        if place and any(
            token_words(doc, cut + place, stop) in lex.titles
            for stop in range(cut + place + 1, min(end - 1, cut + place + lex.max_title_words) + 1)
        ):
            step = place
        if not step:
            break
        cut += step
    return cut - start


def _place_words(doc: Doc, start: int, lex: Lexicon) -> int:
    """Length of a country name or demonym (with possessive) starting at ``start``."""
    for n in (3, 2, 1):
        if start + n > len(doc):
            continue
        key = " ".join(token_words(doc, start, start + n))
        if key in lex.countries or key in lex.demonyms:
            has_poss = start + n < len(doc) and doc[start + n].text in _POSSESSIVE_TOKENS
            return n + (1 if has_poss else 0)
    return 0


def read_title_before(
    doc: Doc, name_start: int, lower: int, ents: dict[int, Span], lex: Lexicon
) -> RoleReading | None:
    """A title written right before the name (inside or outside its NER span), with the
    country or organisation and qualifier in front of it."""
    j = name_start - 1
    honorific = title_ending_at(doc, j, lower, lex, honorifics=True)
    if honorific is not None and honorific[1] is None:
        j = honorific[0] - 1
    found = title_ending_at(doc, j, lower, lex)
    if found is None:
        if honorific is not None:
            return RoleReading(title=None, title_start=honorific[0], title_end=name_start)
        return None
    first, title = found
    affiliation, is_country, j = _affiliation_left(doc, first - 1, lower, ents, lex)
    qualifier = doc[j].lower_ if j >= lower and doc[j].lower_ in lex.qualifiers else None
    return RoleReading(
        title=title,
        title_start=first,
        title_end=name_start,
        affiliation=affiliation,
        is_country=is_country,
        qualifier=qualifier,
    )


def _affiliation_left(
    doc: Doc, j: int, lower: int, ents: dict[int, Span], lex: Lexicon
) -> tuple[str | None, bool, int]:
    """(affiliation, is it a country, index left of it) for the words ending at ``j``."""
    if j < lower:
        return None, False, j
    end = j
    if doc[j].text in _POSSESSIVE_TOKENS:
        end = j - 1
    if end < lower:
        return None, False, j
    ent = ents.get(end)
    if ent is not None and ent.end == end + 1 and ent.label_ in AFFILIATION_LABELS:
        name, is_country = resolve_affiliation(ent.text, ent.label_, lex)
        return name, is_country, ent.start - 1
    for n in (3, 2, 1):
        start = end - n + 1
        if start < lower:
            continue
        key = " ".join(token_words(doc, start, end + 1))
        country = lex.countries.get(key) or lex.demonyms.get(key)
        if country and all(t.text[:1].isupper() for t in doc[start : end + 1] if t.is_alpha):
            return country, True, start - 1
    return None, False, j


def resolve_affiliation(text: str, label: str, lex: Lexicon) -> tuple[str, bool]:
    """A country for a demonym or place name, else the organisation's normalised name."""
    country = lex.country_of_demonym(text) or lex.country_of_place(text)
    if country:
        return country, True
    return normalise_name(text), False


def read_apposition(
    doc: Doc, name: Span, ents: dict[int, Span], lex: Lexicon
) -> RoleReading | None:
    """A title noun in apposition with the name, on either side of it."""
    root = name.root
    heads: list[Token] = []
    if root.dep_ == "appos" and not name.start <= root.head.i < name.end:
        heads.append(root.head)
    heads.extend(c for c in root.children if c.dep_ == "appos" and c.i >= name.end)
    for head in heads:
        in_ent = ents.get(head.i)
        if in_ent is not None and in_ent.label_ == "PERSON":
            continue
        reading = _read_title_head(doc, head, ents, lex)
        if reading is not None:
            return reading
    return None


def _read_title_head(
    doc: Doc, head: Token, ents: dict[int, Span], lex: Lexicon
) -> RoleReading | None:
    """The office named by a noun phrase headed by ``head`` ('India's Foreign Minister')."""
    lower = head.left_edge.i
    affiliation, is_country = _affiliation_of_head(head, ents, lex)
    qualifier = next((c.lower_ for c in head.lefts if c.lower_ in lex.qualifiers), None)
    if token_words(doc, head.i, head.i + 1) in lex.counterparts:
        referent = _counterpart_referent(head, ents)
        if referent is None:
            return None
        return RoleReading(
            title=None,
            affiliation=affiliation,
            is_country=is_country,
            counterpart_of=referent,
            rule="counterpart",
        )
    found = title_ending_at(doc, head.i, lower, lex)
    if found is None:
        return None
    return RoleReading(
        title=found[1],
        title_start=found[0],
        title_end=head.i + 1,
        affiliation=affiliation,
        is_country=is_country,
        qualifier=qualifier,
        rule="apposition",
    )


def _affiliation_of_head(
    head: Token, ents: dict[int, Span], lex: Lexicon
) -> tuple[str | None, bool]:
    """Country or organisation of a title noun: its possessor, a modifier, or 'of X'."""
    candidates = [c for c in head.children if c.dep_ == "poss"]
    candidates += [c for c in head.lefts if c.dep_ in ("amod", "compound", "nmod")]
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            candidates += [c for c in prep.children if c.dep_ == "pobj"]
    for token in candidates:
        ent = ents.get(token.i)
        if ent is not None and ent.label_ in AFFILIATION_LABELS:
            return resolve_affiliation(ent.text, ent.label_, lex)
        country = lex.country_of_demonym(token.text) or lex.country_of_place(token.text)
        if country and token.text[:1].isupper():
            return country, True
    return None, False


def _counterpart_referent(head: Token, ents: dict[int, Span]) -> int | None:
    """Token of the person whose counterpart this is: a named possessor, or for 'his/her' the
    person-named subject of the clause the phrase sits in."""
    for child in head.children:
        if child.dep_ != "poss":
            continue
        ent = ents.get(child.i)
        if ent is not None and ent.label_ == "PERSON":
            return child.i
        if child.lower_ not in _PRONOUNS:
            return None
    clause = head
    for _ in range(6):
        if clause.pos_ in ("VERB", "AUX") or clause.dep_ == "ROOT":
            subjects = [c for c in clause.children if c.dep_ in _SUBJECT_DEPS]
            for subject in subjects:
                ent = ents.get(subject.i)
                if ent is not None and ent.label_ == "PERSON":
                    return subject.i
                for token in subject.subtree:
                    ent = ents.get(token.i)
                    if ent is not None and ent.label_ == "PERSON":
                        return token.i
            if subjects or clause.dep_ == "ROOT":
                return None
        clause = clause.head
    return None
