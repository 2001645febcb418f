"""Entity mentions of one document, from spaCy's NER corrected by rules of news writing.

``extract_mentions`` keeps the NER model's people, organisations, places, groups, facilities,
products, works and events, and corrects what it gets wrong in news text: heading words and
title-case fragments are not names ("Strategic Significance"); titles, honorifics, possessives
and handles are not part of a name ("Prime Minister Narendra Modi", "Putin's",
"Narendra Modi (@narendramodi)"); a capitalised title makes the proper nouns after it a person
("PM Modi", "National Security Adviser (NSA) Ajit Doval") even where the model saw a place or
nothing, and so does a full name the PETRARCH2 actor dictionary knows; a designation before a
craft or weapon noun is a product ("Chandrayaan-3 spacecraft"); initials the model left
out join the name ("Dr [S] Jaishankar"); a name with a name inside is one name (``nested``);
labels are corrected in ``labels``; names that take no part in the story are dropped in
``participants``. Roles come from ``roles``. Cross-document work (one entity per real thing) is
``canonicalise`` in ``canon``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from storyline.entities.abbreviations import with_definitions
from storyline.entities.actor_affiliation import affiliation, capital_country
from storyline.entities.canon import canonicalise
from storyline.entities.discourse_types import with_full_name_types
from storyline.entities.known_names import (
    dictionary_organisations,
    dictionary_people,
    joined_organisations,
)
from storyline.entities.labels import (
    corrected_label,
    designated_products,
    trim_descriptors,
    widen_over_initials,
)
from storyline.entities.lexicon import Lexicon, Title, lexicon, name_key
from storyline.entities.model_numbers import with_model_numbers
from storyline.entities.names import is_handle, normalise_name
from storyline.entities.nested import first_argument_end, whole_names
from storyline.entities.participants import participant_drafts
from storyline.entities.product_readings import with_product_readings
from storyline.entities.repeats import acronym_repeats, name_repeats, surname_repeats
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
from storyline.nlp_tokens import tokens

__all__ = ["affiliation", "canonicalise", "capital_country", "extract_mentions"]

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
        table = tokens(doc)
        return table.idx[self.start], table.idx[self.end - 1] + len(table.text[self.end - 1])


def extract_mentions(document: Document, parsed: Doc) -> list[Mention]:
    """Named mentions of one document, in text order, each with its provenance and any role."""
    lex = lexicon()
    ents = entity_index(parsed)
    drafts = [d for ent in doc_ents(parsed) if ent.label_ in LABELS for d in [_draft(ent)] if d]
    drafts = with_model_numbers(parsed, _with_legal_forms(parsed, drafts, lex))
    drafts = _with_joined_organisations(parsed, drafts)
    drafts += _title_triggered(parsed, ents, drafts, lex)
    claimed = {i for d in drafts for i in range(d.start, d.end)}
    drafts += [_Draft(s, e, "ORG", "O") for s, e in dictionary_organisations(parsed, claimed)]
    taken = {i for d in drafts for i in range(d.start, d.end)} | set(ents)
    drafts += [_Draft(s, e, "PERSON", "O") for s, e in dictionary_people(parsed, taken)]
    taken = {i for d in drafts for i in range(d.start, d.end)} | set(ents)
    drafts += [_Draft(s, e, "PRODUCT", "O") for s, e in designated_products(parsed, taken)]
    wholes, swallowed = whole_names(parsed, [(d.start, d.end, d.label) for d in drafts])
    drafts = [d for n, d in enumerate(drafts) if n not in swallowed]
    drafts += [_Draft(start=s, end=e, label=label, model_label="O") for s, e, label in wholes]
    drafts = with_definitions(parsed, drafts, lex, _Draft)
    for draft in drafts:
        _correct_label(draft, parsed, lex)
        if draft.label == "PERSON":
            _read_role(draft, parsed, ents, lex)
    drafts = with_full_name_types(parsed, drafts, lex)
    people = [(d.start, d.end) for d in drafts if d.label == "PERSON"]
    taken = {i for d in drafts for i in range(d.start, d.end)} | set(ents)
    surnames = surname_repeats(parsed, people, taken)
    drafts += [_Draft(i, i + 1, "PERSON", "O") for i in surnames]
    named = [(d.start, d.end, d.label) for d in drafts]
    acronyms = acronym_repeats(parsed, named, taken | set(surnames))
    drafts += [_Draft(i, i + 1, LABELS[label], "O") for i, label in acronyms]
    taken |= {i for d in drafts for i in range(d.start, d.end)}
    drafts = _drop_non_names(document, parsed, drafts, lex)
    # a name repeated where the model missed it, seeded by names that take part on their own
    # (a repeat must not vouch for its seed); the repeats then pass the same filter
    named = [(d.start, d.end, d.label) for d in drafts]
    repeats = [_Draft(s, e, label, "O") for s, e, label in name_repeats(parsed, named, taken)]
    if repeats:
        drafts = _drop_non_names(document, parsed, drafts + repeats, lex)
    drafts = with_product_readings(parsed, drafts, lex)
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
    doc, table = ent.doc, tokens(ent.doc)
    text, lower, is_punct, is_space = table.text, table.lower, table.is_punct, table.is_space
    start, end = ent.start, ent.end
    for i in range(start, end):  # a name never crosses a line break
        if "\n" in text[i] or (i > start and "\n" in table.whitespace[i - 1]):
            if any(table.is_alpha[start:i]):
                end = i
                break
            start = i
    end = first_argument_end(doc, start, end)
    alias = None
    for i in range(start, end):
        if text[i] in ("(", "["):
            alias = _alias_at(doc, i)
            end = i
            break
    while start < end and (is_punct[start] or is_space[start] or lower[start] in _DETERMINERS):
        start += 1
    while end > start and (is_punct[end - 1] or is_space[end - 1] or text[end - 1] in _POSSESSIVES):
        end -= 1
    if end <= start or not any(c.isalpha() for c in table.span_text(start, end)):
        return None
    if text[start].startswith("@"):  # a handle ('@KremlinRussia') is not a name
        return None
    if alias is None and end == ent.end and end < len(doc) and text[end] == "(":
        alias = _alias_at(doc, end)
    label = LABELS[ent.label_]
    return _Draft(start=start, end=end, label=label, model_label=ent.label_, alias=alias)


def _with_legal_forms(doc: Doc, drafts: list[_Draft], lex: Lexicon) -> list[_Draft]:
    """A company's legal form the model read as a name of its own ('Chrysler' + 'LLC',
    'Fiat' + 'SpA') ends the name right before it, with a comma between or not."""
    by_end = {d.end: d for d in drafts}
    kept = []
    for draft in sorted(drafts, key=lambda d: d.start):
        before = by_end.get(draft.start) or by_end.get(draft.start - 1)
        if (
            token_words(doc, draft.start, draft.end) in lex.legal_suffixes
            and before is not None
            and before is not draft
            and before.label in ("ORG", "PERSON", "GPE", "PRODUCT")
            and all(t.is_punct for t in doc[before.end : draft.start])
        ):
            before.end, before.label = draft.end, "ORG"
            continue
        kept.append(draft)
    return kept


def _with_joined_organisations(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Two drafts the model cut out of one organisation's name the dictionary lists
    ('[Lockheed] [Martin]') become that organisation."""
    joined = joined_organisations(doc, [(d.start, d.end, d.label) for d in drafts])
    if not joined:
        return drafts
    inside = {i for start, end in joined for i in range(start, end)}
    kept = [d for d in drafts if d.start not in inside]
    return kept + [_Draft(start, end, "ORG", "O") for start, end in joined]


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
    table = tokens(doc)
    pos, is_title = table.pos, table.is_title
    found = []
    for sent in doc.sents:
        i = sent.start
        while i < sent.end - 1:
            nxt = i + 1
            # cheap tests first: a missed name is a title-case proper noun nobody claimed
            if i in ents or nxt in ents or nxt in taken or pos[nxt] != "PROPN" or not is_title[nxt]:
                i += 1
                continue
            last = _title_end_before(doc, nxt, sent.start)
            match = title_ending_at(doc, last, sent.start, lex, honorifics=True)
            if (
                match is None
                or title_ending_at(doc, nxt, sent.start, lex)
                is not None  # 'Chief Executive Officer'
                or not doc[match[0]].text[:1].isupper()
                or token_words(doc, match[0], last + 1) not in lex.name_triggers
            ):
                i += 1
                continue
            end = nxt
            while (
                end < sent.end
                and end - nxt < _MAX_TRIGGERED_NAME
                and pos[end] == "PROPN"
                and is_title[end]
                and end not in ents
            ):
                end += 1
            if end > nxt:
                found.append(_Draft(start=nxt, end=end, label="PERSON", model_label="O"))
            i = end
    return found


def _title_end_before(doc: Doc, name_start: int, lower: int) -> int:
    """Last token of a title written before a name, over an acronym in parentheses:
    'National Security Adviser (NSA) [Ajit Doval]' → 'Adviser'."""
    j = name_start - 1
    if (
        j - 2 >= lower
        and doc[j].text == ")"
        and doc[j - 2].text == "("
        and doc[j - 1].text.isupper()
    ):
        return j - 3
    return j


def _correct_label(draft: _Draft, doc: Doc, lex: Lexicon) -> None:
    """Labels the tables, the words around and the name's form know better than the model."""
    if draft.label == "PERSON":
        draft.start = trim_descriptors(widen_over_initials(draft.start, doc), draft.end, doc, lex)
    draft.label = corrected_label(draft.start, draft.end, draft.label, doc, lex)


def _read_role(draft: _Draft, doc: Doc, ents: dict[int, Span], lex: Lexicon) -> None:
    """Strip titles inside the span, then read the role in front of or beside the name."""
    draft.start += title_prefix_length(doc, draft.start, draft.end, lex)
    lower = tokens(doc).sentence(draft.start)[0]
    reading = read_title_before(doc, draft.start, lower, ents, lex)
    if reading is None or reading.title is None:
        apposition = read_apposition(doc, doc[draft.start : draft.end], ents, lex)
        reading = apposition or reading
    draft.reading = reading


def _drop_non_names(
    document: Document, doc: Doc, drafts: list[_Draft], lex: Lexicon
) -> list[_Draft]:
    """The drafts that name participants (``participants``), less titles, honorifics and
    initials standing alone ('the President said', 'Dr'), which name nobody."""
    drafts = [d for d in drafts if not _only_title_words(d, doc, lex)]
    titles = [
        (d.reading.title_start, d.reading.title_end)
        for d in drafts
        if d.label == "PERSON" and d.reading is not None and d.reading.rule == "title"
    ]
    drafts = [d for d in drafts if not _inside_a_title(d, doc, titles, lex)]
    spans = [(d.start, d.end, d.label) for d in drafts]
    keep = participant_drafts(document, doc, spans, lex)
    return [d for d, kept in zip(drafts, keep, strict=True) if kept]


def _inside_a_title(draft: _Draft, doc: Doc, titles: list[tuple[int, int]], lex: Lexicon) -> bool:
    """A fragment of a person's title that the model took for an organisation: 'External
    Affairs' of 'External Affairs Minister S Jaishankar', 'State' of 'Secretary of State'. A
    fragment that names a body by itself ('Foreign Ministry' of 'Foreign Ministry spokesperson
    Mao Ning', 'Treasury') stays. ``titles``: the token spans of the titles read before the
    document's person names (gathered once, not once per draft)."""
    if draft.label == "PERSON":
        return False
    text = tokens(doc).span_text(draft.start, draft.end)
    if lex.org_sector(text) or lex.organisation(text) or lex.country_of_place(text):
        return False
    return _opens_a_title(draft, doc, lex) or any(
        start <= draft.start and draft.end <= end for start, end in titles
    )


def _opens_a_title(draft: _Draft, doc: Doc, lex: Lexicon) -> bool:
    """The name and the capitalised words right after it are a title of the tables ('External
    Affairs' + 'Minister (EAM) S Jaishankar', where the acronym keeps the title from the name)."""
    sent_start, sent_end = tokens(doc).sentence(draft.start)
    is_title = tokens(doc).is_title
    for last in range(draft.end, min(sent_end, draft.end + lex.max_title_words)):
        if not is_title[last]:
            break
        found = title_ending_at(doc, last, sent_start, lex)
        if found is not None and found[0] <= draft.start:
            return True
    return False


def _only_title_words(draft: _Draft, doc: Doc, lex: Lexicon) -> bool:
    table = tokens(doc)
    words = [i for i in range(draft.start, draft.end) if not table.is_punct[i]]
    if words and all(
        table.is_alpha[i] and len(table.text[i]) == 1 and table.is_upper[i] for i in words
    ):
        return True  # initials alone ('S.'), not 'A400' + 'M'
    keys = token_words(doc, draft.start, draft.end)
    if keys in lex.honorifics:
        return True
    if keys in lex.titles and table.span_text(draft.start, draft.end).isupper():
        return False  # 'EAM': the document's holder of that office, if any (``people``)
    return draft.label == "PERSON" and keys in lex.titles


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
