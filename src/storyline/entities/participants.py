"""Which names on a page take part in the story, decided from where they stand.

A scraped article carries names that are no participants: the byline ("By Kavya Reddy"), the
agency credit after the dateline ("New Delhi, Aug 27 (IANS)") or in a closing parenthesis
("(Reporting by …; Editing by …)", "(With inputs from UNI)"), the sign-off ("--IANS"), the
copyright and ownership lines, the page's widgets and prompts ("Follow us on Google News",
"We use cookies … our Cookie Policy"), the masthead ("Horizon Times"), teasers for other stories
("READ NEXT: … contingent to Paris"), time zones ("22:10 IST") and honours ("the Order of
St Andrew"). The cleaner removes much of this, but what it leaves must not become entities.

The rules read the *line* a name stands on, never a list of names:

* a **furniture line** (byline, desk credit, sign-off, agency slug, copyright, a widget of
  separators or breadcrumbs, a short line that addresses the reader — an imperative such as
  "Follow", "Subscribe", "Get", or "you … our" — with no quotation or reported speech in it)
  contributes no participant;
* a **prose line** (at least ``PROSE_MIN_WORDS`` words with a finite verb, not opened by a
  label) is the story: its names are participants and *vouch* for the same names elsewhere;
* on a page that shows furniture of the kinds above, a label line ("Trending: …", "READ NEXT:
  …") keeps a name only when a prose line of the same document vouches for it, and a short
  line before the first or after the last prose line (the masthead, an author line without
  "By") likewise unless the tables know the name; a plain text of short lines ("Scorers: …" in
  a results report) keeps its names;
* a title-case heading keeps a name the body also uses or the tables know.

Word lists (credit openers, desk words, time zones, honour words) are in
``data/entities_participants.toml`` with their sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from storyline.data import read_toml
from storyline.entities.amount_units import is_currency_after_amount
from storyline.entities.lexicon import Lexicon, key_words, name_key
from storyline.entities.names import is_handle, normalise_name
from storyline.entities.nested import capitalised_run_end
from storyline.ingest.header import BYLINE
from storyline.models import Document
from storyline.nlp import doc_text, span_text
from storyline.nlp_tokens import tokens
from storyline.text.datewords import MONTH_RE
from storyline.text.lines import normalise_line

#: A line is prose from this many words with a finite verb (a headline has fewer or none).
PROSE_MIN_WORDS = 8
#: Longest line (words) read as a reader-directed prompt or widget.
PROMPT_MAX_WORDS = 40
#: Share of capitalised content words from which a heading is in title case (sentence-case
#: headings of news sites capitalise one or two words in five or more; title case all).
TITLE_CASE_SHARE = 0.75
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_LABEL = re.compile(r"^(?P<label>[A-Za-z][\w'’&.-]*(?:\s+[A-Za-z][\w'’&.-]*){0,3})\s*:\s+\S")
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\b)|all rights reserved|(?:©|\(c\))\s*(?:19|20)\d\d", re.IGNORECASE
)
_BREADCRUMB = re.compile(r"^[\w&'’ .-]+(?:\s[>»›/]\s[\w&'’ .-]+)+$")
_SLUG = re.compile(r"^(?:[A-Z]{2,6}(?:\s+[A-Z]{1,5}){0,4}\s+\d{2,4}|[a-z]{1,4}(?:/[a-z]{1,4})+)$")
_SIGN_OFF = re.compile(r"^(?:--|—|–)\s*[A-Za-z][\w .&]{0,30}$")
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
#: Words that may open a command before its verb ('Do not miss', 'Please share').
_COMMAND_OPENERS = frozenset({"do", "n't", "not", "never", "please", "just", "always"})
_SITE_VOICE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"[\"“”„«»]|``|''")
#: Words that attribute speech: a line that reports what someone said is prose, not a prompt.
_REPORTING = re.compile(r"\b(?:said|says|told|tells|added|asked|according to)\b", re.IGNORECASE)
_CLOCK = re.compile(r"^(?:[0-2]?\d[:.][0-5]\d|[ap]\.?m\.?|hrs?)$", re.IGNORECASE)
_MILITARY_TIME = re.compile(r"^[0-2]\d[0-5]\d$")
_DATELINE_CREDIT = re.compile(
    rf"^(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}},?\s+(?:(?:{MONTH_RE})\.?\s+\d{{1,2}}"
    rf"|\d{{1,2}}\s+(?:{MONTH_RE}))(?:,?\s*(?:19|20)\d\d)?|[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)"
    rf"{{0,3}}(?:,\s+[A-Z][\w.'’-]*)?)\s*\((?P<agency>[A-Za-z][\w .&-]{{0,30}})\)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Words:
    """The word lists of ``entities_participants.toml``, as matching keys."""

    credit_openers: tuple[tuple[str, ...], ...]
    desk_words: frozenset[tuple[str, ...]]
    time_zones: frozenset[str]
    honour_verbs: frozenset[str]
    honour_starts: tuple[tuple[str, ...], ...]
    honour_ends: tuple[tuple[str, ...], ...]


@cache
def words() -> Words:
    data = read_toml("entities_participants.toml")
    return Words(
        credit_openers=tuple(key_words(p) for p in data["credit_openers"]),
        desk_words=frozenset(key_words(p) for p in data["desk_words"]),
        time_zones=frozenset(data["time_zones"]),
        honour_verbs=frozenset(data["honour_verbs"]),
        honour_starts=tuple(key_words(p) for p in data["honour_starts"]),
        honour_ends=tuple(key_words(p) for p in data["honour_ends"]),
    )


@dataclass
class PageLayout:
    """The lines of one document by kind, as character ranges of its clean text."""

    furniture: list[tuple[int, int, str]] = field(default_factory=list)
    labelled: list[tuple[int, int]] = field(default_factory=list)
    other: list[tuple[int, int]] = field(default_factory=list)
    prose: list[tuple[int, int]] = field(default_factory=list)

    def furniture_reason(self, start: int, end: int) -> str | None:
        return next((why for s, e, why in self.furniture if s <= start and end <= e), None)

    def in_prose(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.prose)

    def in_label_line(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.labelled)


def page_layout(doc: Doc) -> PageLayout:
    """Classify every line of the parsed clean text (furniture, label, prose, other) and add
    the credits in parentheses as furniture."""
    layout = PageLayout()
    text = doc_text(doc)
    for m in re.finditer(r"[^\n]+", text):
        stripped = m.group(0).strip()
        if not stripped:
            continue
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        end = start + len(stripped)
        span = doc.char_span(start, end, alignment_mode="expand")
        reason = line_furniture(stripped, span)
        if reason:
            layout.furniture.append((start, end, reason))
        elif _is_label_line(stripped, span):
            layout.labelled.append((start, end))
        elif _is_prose(span):
            layout.prose.append((start, end))
        else:
            layout.other.append((start, end))
    layout.furniture += credits_in_text(text)
    return layout


def line_furniture(line: str, span: Span | None = None) -> str | None:
    """Why a whole line is page furniture ('byline', 'credit', 'copyright', 'widget'), or None."""
    norm = normalise_line(line)
    keys = key_words(norm)
    lists = words()
    if BYLINE.match(norm) or (len(keys) <= 6 and _ends_with(keys, lists.desk_words)):
        return "byline"
    if _SIGN_OFF.match(norm) or _SLUG.match(norm) or _opens_with(keys, lists.credit_openers):
        return "credit"
    if _COPYRIGHT.search(norm):
        return "copyright"
    if norm.count("|") >= 2 or _BREADCRUMB.match(norm):
        return "widget"
    plain = not _QUOTE_MARKS.search(norm) and not _REPORTING.search(norm)
    if plain and len(keys) <= PROMPT_MAX_WORDS and (_addresses_reader(norm) or _imperative(span)):
        return "widget"
    return None


def credits_in_text(text: str) -> list[tuple[int, int, str]]:
    """Parenthesised credits anywhere ('(With inputs from UNI)', '(Reporting by …)') and the
    agency after a dateline ('New Delhi, Aug 28 (UNI)', 'WASHINGTON (Reuters)')."""
    found = []
    for m in re.finditer(r"\(([^()\n]{1,300})\)", text):
        if _opens_with(key_words(m.group(1)), words().credit_openers):
            found.append((m.start(), m.end(), "credit"))
    for m in _DATELINE_CREDIT.finditer(text):
        found.append((m.start("agency"), m.end("agency"), "credit"))
    return found


def is_time_zone(doc: Doc, start: int, end: int) -> bool:
    """A time-zone abbreviation written after a clock time ('22:10 IST', '11:40 PM IST',
    '1400 GMT'); a bare four-digit number counts as a clock only before a listed zone."""
    text = tokens(doc).span_text(start, end)
    if end - start != 1 or not text.isalpha() or not text.isupper() or not 2 <= len(text) <= 5:
        return False
    before = [t.text for t in doc[max(0, start - 3) : start] if not t.is_space][-2:]
    if any(_CLOCK.match(t) for t in before):
        return True
    return text in words().time_zones and bool(before) and bool(_MILITARY_TIME.match(before[-1]))


def is_honour(span: Span) -> bool:
    """An order, medal or prize: by its head words ('Order of …', '… Prize') or as what
    a verb of conferring hands over ('conferred the X on', 'decorated him with the X')."""
    keys = tuple(k for k in key_words(span_text(span)) if k != "the") or ("",)
    lists = words()
    if any(keys[: len(s)] == s for s in lists.honour_starts):
        return True
    if any(len(keys) > len(e) and keys[-len(e) :] == e for e in lists.honour_ends):
        return True
    if not _OBJECT_DEPS.intersection(tokens(span.doc).dep[span.start : span.end]):
        return False  # its root is one of its tokens: none is an object (spares ``span.root``)
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "with":
        head = head.head
    elif root.dep_ != "dobj":
        return False
    elif any(c.dep_ in ("dobj", "dative") and c.i >= span.end for c in head.children):
        return False  # "awarded Narendra Modi the Order …": the first of two objects receives it
    return head.pos_ == "VERB" and head.lemma_.lower() in lists.honour_verbs


_OBJECT_DEPS = frozenset({"dobj", "pobj"})


def _opens_with(keys: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(keys[: len(p)] == p and len(keys) > len(p) for p in phrases)


def _ends_with(keys: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> bool:
    return any(len(keys) > n and keys[-n:] in phrases for n in (1, 2, 3))


def _addresses_reader(line: str) -> bool:
    """The site speaking to its reader: 'you'/'your' and 'we'/'our' (the caller has ruled out
    quotations and reported speech)."""
    return bool(_SECOND_PERSON.search(line) and _SITE_VOICE.search(line))


def _imperative(span: Span | None) -> bool:
    """A line of bare commands with no subject: 'Follow us on …', 'Get our … app', 'Don't
    miss out on the news that matters. Subscribe to …' (every sentence of it a command)."""
    if span is None or not len(span):
        return False
    first = span[0]
    if first.dep_ == "ROOT" and _bare_verb(first):
        return True
    sentences = {token.sent.start: token.sent for token in span}
    return first.is_sent_start is True and all(_command(s) for s in sentences.values())


def _command(sentence: Span) -> bool:
    """A sentence opened by its bare root verb, or by 'do not'/'please'/'never' before it."""
    root = sentence.root
    opening = sentence.doc[sentence.start : root.i]
    return _bare_verb(root) and all(t.lower_ in _COMMAND_OPENERS for t in opening)


def _bare_verb(token: Token) -> bool:
    return token.tag_ in ("VB", "VBP") and not any(  # a line-initial imperative is often VBP
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children
    )


def _is_label_line(line: str, span: Span | None) -> bool:
    """'Trending: …', 'READ NEXT: …', 'Tags: …': a short label, no digits, no place (a
    dateline 'NEW DELHI: …' is prose), before a colon."""
    m = _LABEL.match(line)
    if not m or any(c.isdigit() for c in m.group("label")):
        return False
    if span is not None:
        cut = span.start_char + m.end("label")
        if any(e.label_ in ("GPE", "LOC") and e.start_char < cut for e in span.ents):
            return False
    return True


def _is_prose(span: Span | None) -> bool:
    if span is None:
        return False
    table = tokens(span.doc)
    count = sum(table.is_alpha[span.start : span.end])
    return count >= PROSE_MIN_WORDS and any(
        tag in _FINITE_TAGS for tag in table.tag[span.start : span.end]
    )


def participant_drafts(
    document: Document, doc: Doc, spans: Sequence[tuple[int, int, str]], lex: Lexicon
) -> list[bool]:
    """For each name span (token start, end, label): does it name a participant?"""
    layout = page_layout(doc)
    table = tokens(doc)
    chars = [(table.idx[s], table.idx[e - 1] + len(table.text[e - 1])) for s, e, _ in spans]
    keys = [_key(doc, s, e, label) for s, e, label in spans]
    prose = layout.prose or layout.other + layout.labelled
    vouched = _vouching(keys, chars, prose)
    headings = _title_case_headings(document, doc)
    body = _vouching(keys, chars, None, exclude=headings)
    # Labels and edge lines say "furniture" only on a page that shows furniture elsewhere: a
    # plain text of short lines ("Scorers: …" in a results report) keeps its names.
    web_page = bool(layout.furniture)
    zones = _edge_zones(layout) if web_page else []
    lower_words = {
        lower
        for lower, alpha, is_lower in zip(table.lower, table.is_alpha, table.is_lower, strict=True)
        if alpha and is_lower
    }
    honours = [(s, capitalised_run_end(doc, e)) for s, e, _ in spans if is_honour(doc[s:e])]
    keep = []
    for (s, e, label), (start, end), key in zip(spans, chars, keys, strict=True):
        text = tokens(doc).span_text(s, e)
        ok = not (
            not key
            or is_handle(text)
            or layout.furniture_reason(start, end)
            or is_time_zone(doc, s, e)
            or is_currency_after_amount(doc, s, e)
            or any(hs <= s and e <= he for hs, he in honours)
            or (web_page and layout.in_label_line(start, end) and not _vouched(key, vouched))
            or (_inside(start, end, headings) and key not in body and not _known(text, lex))
            or (_inside(start, end, zones) and not _vouched(key, vouched) and not _known(text, lex))
            or (label == "PERSON" and _common_words(doc, s, e, lower_words))
        )
        keep.append(ok)
    return keep


def _key(doc: Doc, start: int, end: int, label: str) -> str:
    return name_key(normalise_name(tokens(doc).span_text(start, end), label == "PERSON"))


def _vouching(
    keys: list[str],
    chars: list[tuple[int, int]],
    lines: list[tuple[int, int]] | None,
    exclude: list[tuple[int, int]] | None = None,
) -> set[str]:
    """Keys (and last words) of the names inside ``lines`` (all, when None) but outside
    ``exclude``: the names the story itself uses."""
    found = set()
    for key, (start, end) in zip(keys, chars, strict=True):
        if lines is not None and not _inside(start, end, lines):
            continue
        if (exclude and _inside(start, end, exclude)) or not key:
            continue
        found |= {key, key.rsplit(" ", 1)[-1]}
    return found


def _vouched(key: str, vouched: set[str]) -> bool:
    return key in vouched or key.rsplit(" ", 1)[-1] in vouched


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _known(text: str, lex: Lexicon) -> bool:
    return bool(
        lex.country_of_place(text)
        or lex.country_of_demonym(text)
        or lex.organisation(text)
        or lex.seat(text)
    )


def _edge_zones(layout: PageLayout) -> list[tuple[int, int]]:
    """Short non-prose lines before the first and after the last prose line: the masthead,
    an author line without 'By', the name of the section."""
    if not layout.prose:
        return []
    first = min(s for s, _ in layout.prose)
    last = max(e for _, e in layout.prose)
    return [(s, e) for s, e in layout.other if e <= first or s >= last]


def _title_case_headings(document: Document, doc: Doc) -> list[tuple[int, int]]:
    """Heading blocks written in title case, where capitals say nothing about names."""
    found = []
    for block in document.blocks:
        if block.kind == "heading" and _title_case(doc.char_span(block.start, block.end, "expand")):
            found.append((block.start, block.end))
    return found


def _title_case(span: Span | None) -> bool:
    """Most content words capitalised: 'Historical Context and Strategic Significance'. Words
    inside names the model found do not count, unless nothing else is left: a name is
    capitalised in any heading ('Scorers: Kazuyoshi Miura (23rd minute) …' is not in title
    case)."""
    if span is None:
        return False
    words = [t for t in span if t.is_alpha and not t.is_stop]
    content = [t for t in words if t.ent_type_ not in _NAME_LABELS] or words
    capitalised = sum(1 for t in content if t.text[:1].isupper())
    return len(content) >= 1 and capitalised >= max(1, TITLE_CASE_SHARE * len(content))


def _common_words(doc: Doc, start: int, end: int, lower_words: set[str]) -> bool:
    """A 'person' that is common words: a multi-word span whose every word the document also
    writes in lower case ('Strategic Significance')."""
    table = tokens(doc)
    words = [table.lower[i] for i in range(start, end) if table.is_alpha[i]]
    return len(words) > 1 and all(w in lower_words for w in words)
