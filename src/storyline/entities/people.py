"""People: one entity per person, from the ways news writes a name.

Blocked by surname (its transliteration skeleton, so "Zelensky" and "Zelenskyy" share a block),
never all pairs. Inside a block two full names are one person when

* surname and first name are the same ("Sergey Lavrov" twice; a middle name or initial may be
  missing: "Joseph R. Biden" / "Joseph Biden");
* the first name is an initial or a familiar short form that fits exactly one full first name
  of the block ("S. Jaishankar" / "Subrahmanyam Jaishankar", "Joe Biden" / "Joseph R. Biden");
* one of the two differs by a transliteration ("Sergey"/"Sergei", "Zelenskyy"/"Zelensky") and
  the evidence agrees: the other name is the same, the two spellings never stand side by side
  in one document (a writer keeps one spelling for one person), and their documents share
  context (other names in common);
* the PETRARCH2 actor dictionary lists both spellings for one person.

Within a document a lone surname is the one full name ending in it ("Modi" after "Narendra
Modi"), or failing that starting with it ("Wang" of "Wang Yi") or holding it inside ("Lula"
of "Luiz Inacio Lula da Silva"), and an office written as an acronym ("the EAM said") is the
one person the document gives that office. Across documents a lone surname joins the unique
person of its block (also when the model typed it as something else, unless the tables know
it: "Jeffs" and "Warren Steed Jeffs") or, when no full name ends in it, the unique person whose
name starts with it or holds it and whose documents share context ("Xi" of "Xi Jinping").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from storyline.entities.actors import actor_dictionary
from storyline.entities.lexicon import Lexicon, key_words
from storyline.entities.name_items import Context, Keys, NameItem
from storyline.entities.variants import fold, short_form, skeleton, spelling_variants
from storyline.models.language import EntityType

_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_words(key: str) -> list[str]:
    """The words of a name key without generational suffixes ('ford jr' → ['ford'])."""
    return [w for w in key.split() if w not in _NAME_SUFFIXES] or key.split()


def surname(key: str) -> str:
    words = name_words(key)
    return words[-1] if words else key


def resolve_in_documents(items: list[NameItem], lex: Lexicon) -> dict[str, str]:
    """A one-word name is the document's only full person name ending in that word (or, for
    a person and failing that, beginning with it: family name first), unless the document
    also starts another kind of name with it ('Ford' of 'Ford Motor Company'); an office
    written as an acronym ('EAM') is the document's only holder of that office. A resolved
    name is shown as the full name was first written; returns those first spellings (key →
    display), which a caller resolving one document at a time merges in document order."""
    full: dict[tuple[str, str], set[str]] = defaultdict(set)
    displays: dict[str, str] = {}
    leading: set[tuple[str, str]] = set()  # first words of other multi-word names
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    organisations = {(i.doc_id, i.key) for i in items if i.label == "ORG" and " " not in i.key}
    for item in items:
        if " " not in item.key or item.fixed:
            continue
        first = (item.doc_id, item.key.split()[0])
        if item.label == "PERSON" and first not in organisations:  # not 'Ford Falcon'
            full[(item.doc_id, surname(item.key))].add(item.key)
            displays.setdefault(item.key, item.display)
            if item.title:
                holders[(item.doc_id, item.title)].add(item.key)
        elif item.label != "PERSON":
            leading.add(first)
    given: dict[tuple[str, str], set[str]] = defaultdict(set)  # names that start with a word
    inner: dict[tuple[str, str], set[str]] = defaultdict(set)  # ... or hold it inside
    for (doc_id, _), keys in full.items():
        for key in keys:
            words = name_words(key)
            given[(doc_id, words[0])].add(key)
            for word in words[1:-1]:
                if len(word) > 2:  # not 'da', 'de', 'bin' nor an initial
                    inner[(doc_id, word)].add(key)
    for item in items:
        if item.fixed or " " in item.key or (item.doc_id, item.key) in leading:
            continue
        candidates = full.get((item.doc_id, item.key), set())
        if not candidates and item.label == "PERSON":  # 'Mr Wang' after 'Wang Yi'
            candidates = given.get((item.doc_id, item.key), set())
        if not candidates and item.label == "PERSON":  # 'Lula' of 'Luiz Inacio Lula da Silva'
            candidates = inner.get((item.doc_id, item.key), set())
        office = lex.titles.get(key_words(item.display))
        if not candidates and office is not None and item.display.isupper():
            candidates = holders.get((item.doc_id, office.name), set())
        if len(candidates) == 1:
            item.key = next(iter(candidates))
            item.display = displays[item.key]
            item.label = "PERSON"
    return displays


def link_people(
    items: list[NameItem],
    types: dict[str, EntityType],
    keys: Keys,
    context: Context,
    known_thing: Callable[[str], bool],
    offices: Callable[[str], str | None],
    descriptors: AbstractSet[str] = frozenset(),
) -> dict[int, str]:
    """Join the name variants of each person; returns, for lone surnames that only their own
    document can disambiguate, the key each such mention joins. ``known_thing`` says whether
    the tables know a name as a place or an organisation (never a person's surname then),
    ``offices`` which office a title names ('EAM' → 'External Affairs Minister'),
    ``descriptors`` the keys whose first word describes the person ('comedian ellen
    degeneres', ``descriptor_first``)."""
    people = sorted({i.key for i in items if types[i.key] == "PERSON" and not i.fixed})
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in people:
        if " " in key:
            blocks[skeleton(surname(key))].append(key)
    for block in blocks.values():
        _join_block(block, keys, context)
        _join_nested(block, keys, descriptors)
    _join_by_dictionary(people, keys)
    _join_mistyped_surnames(items, types, blocks, keys, context, known_thing)
    _join_office_acronyms(items, keys, context, offices)
    return _join_lone_surnames(items, people, blocks, keys, context)


def _join_office_acronyms(
    items: list[NameItem], keys: Keys, context: Context, offices: Callable[[str], str | None]
) -> None:
    """An office acronym its own document does not resolve ('the EAM said', with no named
    minister there) is the corpus's one holder of that office, when their documents share
    context: one story rarely has two External Affairs Ministers."""
    holders: dict[str, set[str]] = defaultdict(set)
    for item in items:
        if item.title and " " in item.key and item.label == "PERSON":
            holders[item.title].add(item.key)
    for item in items:
        office = offices(item.display) if " " not in item.key and item.display.isupper() else None
        if office is None or item.label == "PERSON":
            continue
        found = holders.get(office, set())
        roots = {keys.find(k) for k in found}
        if len(roots) == 1 and any(context.shared(item.key, k) for k in found):
            keys.union(item.key, next(iter(roots)))


def _join_mistyped_surnames(
    items: list[NameItem],
    types: dict[str, EntityType],
    blocks: dict[str, list[str]],
    keys: Keys,
    context: Context,
    known_thing: Callable[[str], bool],
) -> None:
    """A one-word name the model typed as something else ('Jeffs' read as an organisation)
    that is the surname of exactly one person of the corpus, in documents that share context
    with that person's, and that the tables do not know as a place or organisation."""
    seen: set[str] = set()
    heads = {i.key.split()[0] for i in items if " " in i.key and types[i.key] != "PERSON"}
    for item in items:
        key = item.key
        if " " in key or key in seen or item.fixed or types[key] == "PERSON" or key in heads:
            continue  # 'Ford' next to 'Ford Motor Company' is the company
        seen.add(key)
        if not item.display[:1].isupper() or item.display.isupper() or known_thing(item.display):
            continue
        block = blocks.get(skeleton(key), [])
        matching = [k for k in block if fold(surname(k)) == fold(key)]
        roots = {keys.find(k) for k in matching}
        if len(roots) == 1 and any(context.shared(key, k) for k in matching):
            keys.union(key, next(iter(roots)))


def _join_block(block: list[str], keys: Keys, context: Context) -> None:
    """Full names of one surname block that name one person."""
    for i, a in enumerate(block):
        for b in block[i + 1 :]:
            if _same_person(a, b, context):
                keys.union(a, b)
    for key in block:  # initials and short forms: only when they fit one person of the block
        first = name_words(key)[0]
        if len(name_words(key)) < 2:
            continue
        fits = {
            keys.find(other)
            for other in block
            if other != key
            and _same_surname(key, other, context)
            and _abbreviates(first, name_words(other)[0])
        }
        if len(fits) == 1:
            keys.union(key, next(iter(fits)))


def _join_nested(block: list[str], keys: Keys, descriptors: AbstractSet[str]) -> None:
    """A name of two words or more that ends a longer one of the block is that person: news
    writes the full name once and a shorter one after ('Cheryl Boone Isaacs', then 'Boone
    Isaacs'; 'H. Dale Hall', then 'Dale Hall'), and a descriptor the model read into a name
    ('GM Ed Stefanski', 'Comedian Ellen DeGeneres') adds nothing to it. A shorter name that
    ends two different fuller names ('Paul Smith' of 'John Paul Smith' and 'Mary Paul Smith')
    stays apart; a descriptor's name never counts as a second fuller one."""
    present = set(block)
    fuller: dict[str, set[str]] = defaultdict(set)
    for key in block:
        words = key.split()
        for size in range(2, len(words)):
            tail = " ".join(words[-size:])
            if tail in present:
                if key in descriptors:
                    keys.union(key, tail)
                else:
                    fuller[tail].add(key)
                break
    for tail, longer in fuller.items():
        roots = {keys.find(k) for k in longer}
        if len(roots) == 1:
            keys.union(tail, next(iter(roots)))


def descriptor_first(words: list[str], sentence_initial: bool) -> bool:
    """Whether a name's first word describes the person rather than naming them (a name of
    three words or more): lower case ('unbeaten'), an acronym ('GM', 'CEO'; initials carry
    full stops), or a capital the word owes to the start of its sentence in every mention
    ('Comedian Ellen DeGeneres said …'). A given name is capitalised mid-sentence; a one-letter
    word is an initial."""
    if len(words) < 3:
        return False
    first = words[0]
    letters = [c for c in first if c.isalpha()]
    if first[:1].islower() or (len(letters) > 1 and first.isalpha() and first.isupper()):
        return True
    return sentence_initial and len(letters) > 1


def _same_person(a: str, b: str, context: Context) -> bool:
    wa, wb = name_words(a), name_words(b)
    if len(wa) < 2 or len(wb) < 2 or not _same_surname(a, b, context):
        return False
    first_a, first_b = wa[0], wb[0]
    if not _middles_agree(wa[1:-1], wb[1:-1]):
        return False
    if fold(first_a) == fold(first_b):
        return fold(wa[-1]) == fold(wb[-1]) or context.shared(a, b)
    if fold(wa[-1]) != fold(wb[-1]):
        return False  # both first name and surname spelt differently: too little in common
    return (
        spelling_variants(first_a, first_b) and not context.together(a, b) and context.shared(a, b)
    )


def _same_surname(a: str, b: str, context: Context) -> bool:
    sa, sb = surname(a), surname(b)
    if fold(sa) == fold(sb):
        return True
    return spelling_variants(sa, sb) and not context.together(a, b) and context.shared(a, b)


def _middles_agree(ma: list[str], mb: list[str]) -> bool:
    """Middle names agree when either is missing, or each fits the other (initial, variant)."""
    if not ma or not mb:
        return True
    return len(ma) == len(mb) and all(
        fold(x) == fold(y) or _abbreviates(x, y) or _abbreviates(y, x)
        for x, y in zip(ma, mb, strict=True)
    )


def _abbreviates(short: str, full: str) -> bool:
    """'s' of 'subrahmanyam', 'joe' of 'joseph'; never a name of equal length."""
    if len(short) == 1:
        return len(full) > 1 and full.startswith(short)
    return short != full and short_form(short, full)


def _join_by_dictionary(people: list[str], keys: Keys) -> None:
    """Two full names the actor dictionary lists for the same single person."""
    actors = actor_dictionary()
    by_person: dict[int, list[str]] = defaultdict(list)
    for key in people:
        found = actors.people_by_key.get(key, ()) if " " in key else ()
        if len(found) == 1:
            by_person[found[0]].append(key)
    for same in by_person.values():
        for other in same[1:]:
            keys.union(same[0], other)


def _join_lone_surnames(
    items: list[NameItem],
    people: list[str],
    blocks: dict[str, list[str]],
    keys: Keys,
    context: Context,
) -> dict[int, str]:
    """A lone surname joins the one person of its block; when several share it, a mention
    joins the one named in its own document, else stays apart."""
    person_set = set(people)
    override: dict[int, str] = {}
    groups_of: dict[str, list[str]] = {}
    root_docs: dict[str, set[str]] = defaultdict(set)
    for key, docs in context.docs.items():
        root_docs[keys.find(key)] |= docs
    holding_word: dict[str, list[str]] = defaultdict(list)  # first and middle words → names
    for key in people:
        if " " in key:
            for word in {w for w in name_words(key)[:-1]}:
                holding_word[fold(word)].append(key)
    for item in items:
        if " " in item.key or item.key not in person_set:
            continue
        lone = item.key
        if lone not in groups_of:
            block = blocks.get(skeleton(lone), [])
            matching = [k for k in block if _surname_fits(lone, k, context)]
            if not matching:  # family name first ('Xi' of 'Xi Jinping'), or a name inside
                # the full one ('Lula' of 'Luiz Inacio Lula da Silva')
                holding = [k for k in holding_word.get(fold(lone), []) if _holds_word(k, lone)]
                matching = [k for k in holding if context.shared(lone, k)]
            groups_of[lone] = sorted({keys.find(k) for k in matching})
        groups = groups_of[lone]
        if len(groups) == 1:
            keys.union(lone, groups[0])
        elif groups:
            here = [g for g in groups if item.doc_id in root_docs[g]]
            if len(here) == 1:
                override[item.index] = here[0]
    return override


def _holds_word(full: str, word: str) -> bool:
    """The full name starts with the word or holds it as a middle name of 3+ letters."""
    words = [fold(w) for w in name_words(full)]
    target = fold(word)
    return words[0] == target or (len(target) > 2 and target in words[1:-1])


def _surname_fits(lone: str, full: str, context: Context) -> bool:
    last = surname(full)
    if fold(last) == fold(lone):
        return True
    return spelling_variants(last, lone) and context.shared(lone, full)
