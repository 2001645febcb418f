"""Entity mentions of one document, from spaCy's NER corrected by rules of news writing.

``extract_mentions`` keeps the NER model's people, organisations, places, groups, facilities,
products, works and events, and corrects what it gets wrong in news text: heading words and
title-case fragments are not names ("Strategic Significance"); titles, honorifics, possessives
and handles are not part of a name ("Prime Minister Narendra Modi", "Putin's",
"Narendra Modi (@narendramodi)"); a capitalised title makes the proper nouns after it a person
("PM Modi") even where the model saw a place or nothing. Roles come from ``entities_roles``.
Cross-document work (one entity per real thing) is ``canonicalise`` in ``entities_canon``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from storyline.entities.actor_affiliation import affiliation
from storyline.entities.canon import canonicalise
from storyline.entities.lexicon import Lexicon, Title, lexicon, name_key
from storyline.entities.names import is_handle, normalise_name
from storyline.entities.roles import (
    RoleReading,
    entity_index,
    read_apposition,
    read_title_before,
    title_ending_at,
    title_prefix_length,
    token_words,
)
from storyline.models import Document, Mention
from storyline.models.language import EntityType
from storyline.nlp import doc_ents, provenance

__all__ = ["affiliation", "canonicalise", "extract_mentions"]

#: spaCy (OntoNotes) label → our entity type; other labels (dates, numbers) are not entities.
LABELS: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FAC",
    "PRODUCT": "PRODUCT",
    "WORK_OF_ART": "WORK",
    "EVENT": "EVENT",
}
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_ALIAS = re.compile(r"@\w{1,30}|[A-Z][A-Za-z0-9&.\-]{1,11}")
_MAX_TRIGGERED_NAME = 3
#: Share of capitalised content words from which a heading is in title case (sentence-case
#: headings of news sites capitalise one or two words in five or more; title case all).
TITLE_CASE_SHARE = 0.75


@dataclass
class _Draft:
    """A name span on its way to becoming a ``Mention``."""

    start: int  # token indices of the name words
    end: int
    label: EntityType
    model_label: str
    alias: str | None = None
    reading: RoleReading | None = None

    def chars(self, doc: Doc) -> tuple[int, int]:
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1])


def extract_mentions(document: Document, parsed: Doc) -> list[Mention]:
    """Named mentions of one document, in text order, each with its provenance and any role."""
    lex = lexicon()
    ents = entity_index(parsed)
    drafts = [d for ent in doc_ents(parsed) if ent.label_ in LABELS for d in [_draft(ent)] if d]
    drafts += _title_triggered(parsed, ents, drafts, lex)
    for draft in drafts:
        _correct_label(draft, parsed, lex)
        if draft.label == "PERSON":
            _read_role(draft, parsed, ents, lex)
    drafts = _drop_non_names(document, parsed, drafts, lex)
    titles = _titles_by_name(parsed, drafts)
    mentions = []
    for draft in sorted(drafts, key=lambda d: d.start):
        start, end = draft.chars(parsed)
        mentions.append(
            Mention(
                text=document.text[start:end],
                label=draft.label,
                model_label=draft.model_label,
                role=_role(draft, parsed, drafts, titles, lex),
                title=_title_text(draft, parsed),
                alias=draft.alias,
                provenance=provenance(document.id, parsed, start, end),
            )
        )
    return mentions


def _draft(ent: Span) -> _Draft | None:
    """Trim an NER span to its name words: no line breaks, determiners, edge punctuation,
    possessive or parenthesis; a '(SCO)' or '(@handle)' right after it becomes the alias.

    The model puts a possessive inside far more names than end in one ("Apple Computer's"
    against "Standard & Poor's"), so a final 's is always taken off."""
    doc = ent.doc
    start, end = ent.start, ent.end
    for i in range(start, end):  # a name never crosses a line break
        if "\n" in doc[i].text or (i > start and "\n" in doc[i - 1].whitespace_):
            if any(t.is_alpha for t in doc[start:i]):
                end = i
                break
            start = i
    alias = None
    for i in range(start, end):
        if doc[i].text in ("(", "["):
            alias = _alias_at(doc, i)
            end = i
            break
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].lower_ in _DETERMINERS
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in _POSSESSIVES
    ):
        end -= 1
    if end <= start or not any(c.isalpha() for c in doc[start:end].text):
        return None
    if doc[start].text.startswith("@"):  # a handle ('@KremlinRussia') is not a name
        return None
    if alias is None and end == ent.end and end < len(doc) and doc[end].text == "(":
        alias = _alias_at(doc, end)
    label = LABELS[ent.label_]
    return _Draft(start=start, end=end, label=label, model_label=ent.label_, alias=alias)


def _alias_at(doc: Doc, open_paren: int) -> str | None:
    """The handle or acronym inside the parentheses opening at ``open_paren``."""
    if open_paren + 2 >= len(doc) or doc[open_paren + 2].text not in (")", "]"):
        return None
    text = doc[open_paren + 1].text
    if not _ALIAS.fullmatch(text):
        return None
    return text if is_handle(text) or sum(c.isupper() for c in text) >= 2 else None


def _title_triggered(
    doc: Doc, ents: dict[int, Span], drafts: list[_Draft], lex: Lexicon
) -> list[_Draft]:
    """Proper nouns after a capitalised title that the model missed: 'PM Modi'."""
    taken = {i for d in drafts for i in range(d.start, d.end)}
    found = []
    for sent in doc.sents:
        i = sent.start
        while i < sent.end - 1:
            nxt = i + 1
            # cheap tests first: a missed name is a title-case proper noun nobody claimed
            if (
                i in ents
                or nxt in ents
                or nxt in taken
                or doc[nxt].pos_ != "PROPN"
                or not doc[nxt].is_title
            ):
                i += 1
                continue
            match = title_ending_at(doc, i, sent.start, lex, honorifics=True)
            if (
                match is None
                or not doc[match[0]].text[:1].isupper()
                or token_words(doc, match[0], i + 1) not in lex.name_triggers
            ):
                i += 1
                continue
            end = nxt
            while (
                end < sent.end
                and end - nxt < _MAX_TRIGGERED_NAME
                and doc[end].pos_ == "PROPN"
                and doc[end].is_title
                and end not in ents
            ):
                end += 1
            if end > nxt:
                found.append(_Draft(start=nxt, end=end, label="PERSON", model_label="O"))
            i = end
    return found


def _correct_label(draft: _Draft, doc: Doc, lex: Lexicon) -> None:
    """Labels the tables know better than the model: countries, demonyms, seats of government,
    international organisations, cities, regions, and a name right after a person's title."""
    text = doc[draft.start : draft.end].text
    if lex.seat(text):
        draft.label = "FAC"
    elif lex.organisation(text):
        draft.label = "ORG"
    elif lex.country_of_place(text) and text[:1].isupper() and draft.label != "PERSON":
        draft.label = "GPE"
    elif lex.country_of_demonym(text) and draft.label in ("GPE", "PERSON", "ORG", "NORP"):
        draft.label = "NORP"
    elif text[:1].isupper() and (
        lex.capital(text, person_label=draft.label == "PERSON")
        or lex.city(text, person_label=draft.label == "PERSON")
    ):
        draft.label = "GPE"
    elif lex.is_region(text) and text[:1].isupper() and draft.label not in ("GPE", "LOC"):
        draft.label = "LOC"
    elif draft.label in ("GPE", "ORG", "LOC", "NORP", "FAC") and (
        _after_person_title(doc, draft.start, lex) or _starts_with_person_title(draft, doc, lex)
    ):
        draft.label = "PERSON"


def _after_person_title(doc: Doc, start: int, lex: Lexicon) -> bool:
    """A capitalised person's title right before the span: 'Prime Minister [Modi]'."""
    if start == 0:
        return False
    match = title_ending_at(doc, start - 1, doc[start].sent.start, lex, honorifics=True)
    return (
        match is not None
        and doc[match[0]].text[:1].isupper()
        and token_words(doc, match[0], start) in lex.name_triggers
    )


def _starts_with_person_title(draft: _Draft, doc: Doc, lex: Lexicon) -> bool:
    """A span that is a person's title plus one to three capitalised names ('PM Modi'),
    none of them an organisation word ('President Hotel' stays what it was)."""
    for cut in range(draft.start + 1, min(draft.end, draft.start + lex.max_title_words + 1)):
        if token_words(doc, draft.start, cut) not in lex.name_triggers:
            continue
        rest = doc[cut : draft.end]
        return (
            doc[draft.start].text[:1].isupper()
            and 1 <= len(rest) <= _MAX_TRIGGERED_NAME
            and all(t.is_title and t.pos_ == "PROPN" for t in rest)
            and lex.org_sector(rest.text) is None
        )
    return False


def _read_role(draft: _Draft, doc: Doc, ents: dict[int, Span], lex: Lexicon) -> None:
    """Strip titles inside the span, then read the role in front of or beside the name."""
    draft.start += title_prefix_length(doc, draft.start, draft.end, lex)
    lower = doc[draft.start].sent.start
    reading = read_title_before(doc, draft.start, lower, ents, lex)
    if reading is None or reading.title is None:
        apposition = read_apposition(doc, doc[draft.start : draft.end], ents, lex)
        reading = apposition or reading
    draft.reading = reading


def _drop_non_names(
    document: Document, doc: Doc, drafts: list[_Draft], lex: Lexicon
) -> list[_Draft]:
    """Heading words and title-case fragments are not names.

    In a title-case heading (where capitals say nothing) a span is kept only when the body
    also names it (or its last word) or the tables know it; a sentence-case heading is read
    like the body. A multi-word PERSON span all of whose words the document also uses in
    lower case ('Strategic Significance') is a capitalised phrase, wherever it stands.
    """
    headings = [
        (b.start, b.end)
        for b in document.blocks
        if b.kind == "heading" and _title_case(doc.char_span(b.start, b.end, "expand"))
    ]

    def in_heading(d: _Draft) -> bool:
        start, end = d.chars(doc)
        return any(s <= start and end <= e for s, e in headings)

    def key(d: _Draft) -> str:
        return name_key(normalise_name(doc[d.start : d.end].text, d.label == "PERSON"))

    body = {key(d) for d in drafts if not in_heading(d)}
    body |= {k.rsplit(" ", 1)[-1] for k in body}  # 'Jaishankar' in the body vouches too
    lower_words = {t.lower_ for t in doc if t.is_alpha and t.is_lower}
    kept = []
    for d in drafts:
        text = doc[d.start : d.end].text
        known = bool(
            lex.country_of_place(text)
            or lex.country_of_demonym(text)
            or lex.organisation(text)
            or lex.seat(text)
        )
        words = [t.lower_ for t in doc[d.start : d.end] if t.is_alpha]
        if is_handle(text) or not key(d):
            continue
        if d.label == "PERSON" and (
            token_words(doc, d.start, d.end) in lex.titles
            or token_words(doc, d.start, d.end) in lex.honorifics
        ):
            continue  # a title alone ('the President said') names nobody
        if in_heading(d) and key(d) not in body and not known:
            continue
        if d.label == "PERSON" and len(words) > 1 and all(w in lower_words for w in words):
            continue
        kept.append(d)
    return kept


def _title_case(span: Span | None) -> bool:
    """Most content words capitalised: 'Historical Context and Strategic Significance'."""
    if span is None:
        return False
    words = [t for t in span if t.is_alpha and not t.is_stop]
    capitalised = sum(1 for t in words if t.text[:1].isupper())
    return len(words) >= 1 and capitalised >= max(1, TITLE_CASE_SHARE * len(words))


def _titles_by_name(doc: Doc, drafts: list[_Draft]) -> dict[str, Title]:
    """Each titled person's office, by full name key and by surname, for counterparts."""
    titles: dict[str, Title] = {}
    for d in drafts:
        if d.reading is not None and d.reading.title is not None:
            key = name_key(normalise_name(doc[d.start : d.end].text, person=True))
            titles.setdefault(key, d.reading.title)
            titles.setdefault(key.rsplit(" ", 1)[-1], d.reading.title)
    return titles


def _role(
    draft: _Draft, doc: Doc, drafts: list[_Draft], titles: dict[str, Title], lex: Lexicon
) -> str | None:
    reading = draft.reading
    if reading is None:
        return None
    if reading.counterpart_of is None:
        return reading.role(lex)
    referent = next(
        (d for d in drafts if d.start <= reading.counterpart_of < d.end and d is not draft), None
    )
    if referent is None:
        return None
    key = name_key(normalise_name(doc[referent.start : referent.end].text, person=True))
    title = titles.get(key) or titles.get(key.rsplit(" ", 1)[-1])
    return reading.role(lex, counterpart_title=title)


def _title_text(draft: _Draft, doc: Doc) -> str | None:
    """The title or honorific words as written in front of the name ('PM', 'President')."""
    reading = draft.reading
    if reading is None or reading.title_start < 0 or reading.rule != "title":
        return None
    return doc[reading.title_start : reading.title_end].text.strip() or None
