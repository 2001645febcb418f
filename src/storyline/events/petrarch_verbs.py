"""Reading PETRARCH2's CAMEO verb dictionary (``CAMEO.2.0.txt``) into plain verb patterns.

The format (PETRARCH2 ``dictionaries.rst``): synonym sets (``&NAME`` then ``+WORD`` lines), then
verb blocks. A block opens with ``--- NAME [CODE] ---``; its verb lines (``VERB {irregular forms}
[code]``, ``+MULTI_WORD`` with ``+`` on the verb) share its patterns (``- pre-verb * post-verb
[CODE] # verb``). A pattern's post-verb part holds nouns (``AID``, ``{FINANCIAL AID}`` with the
head last, ``&SYNSET``) and prepositional phrases (``(FOR TALKS)``, ``(TO)``). A code is a CAMEO
code, ``---`` (no event), ``a:b`` (the subject does ``a`` to the object and the object ``b`` to
the subject; ``:b`` alone means the object acts on the subject: "came under fire").
Transformations (``~``) follow the verbs and are not read.

Which verbs a pattern applies to: PETRARCH applies every pattern of a block to every verb of the
block; here a pattern whose comment names verbs of its block as the ones it was found with ("#
ISSUE") applies to those only, and a pattern that names none applies to the block's verbs without
a code of their own. Blocks join loose synonyms, and a pattern written for one misreads the
others: "issued an order" is a demand, "awarded the Order of St Andrew" is not; "condemned the
attack" is no "prevented the attack". What is kept, and why: the verb's base form and every post-
verb word a pattern requires, as lower-case alternatives (a synonym set becomes the set of its
phrases' head words, less those of open compounds it also spells closed, ``synset_heads``; a
plural noun also stands for its singular, since the coder compares lemmas).
Patterns with pre-verb nouns (they constrain the subject noun: "MEDIATORS * [045]") and the ``$ +
^ %`` actor markers are dropped or skipped: the coder finds actors from the parse. This reader
never raises on odd lines: a line it cannot read is skipped and counted
(``VerbDictionary.skipped``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

CODE = re.compile(r"\[([^\]]*)\]")
BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
MARKERS = frozenset({"$", "+", "^", "%", "*"})


@dataclass(frozen=True)
class VerbPattern:
    """One verb (or verb + required words) and the CAMEO code it carries."""

    verb: str
    words: tuple[frozenset[str], ...]
    code: str | None  # None: the pattern codes no event (PETRARCH's "---")
    reverse: bool  # the code is for the object acting on the subject (":173")
    block: str
    comment: str
    inherited: bool = False  # a bare verb whose code is its block's, not its own
    recoded: bool = False  # a bare loose synonym coded by its own patterns (petrarch_loose)
    phrasal: bool = False  # a multi-word verb line ("+TIE_IN"): its words are the verb's own


@dataclass
class VerbDictionary:
    patterns: list[VerbPattern] = field(default_factory=list)
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)
    skipped: int = 0


def read_verb_dictionary(text: str) -> VerbDictionary:
    """Every verb and verb pattern of a PETRARCH verb dictionary, in file order."""
    result = VerbDictionary()
    synset: str | None = None
    members: list[str] = []
    block: tuple[str, str | None] | None = None
    verbs: list[tuple[str, tuple[frozenset[str], ...], bool]] = []
    for raw in text.splitlines():
        line, _, comment = raw.partition("#")
        line = line.strip()
        if raw.startswith("~"):
            break  # transformations
        if not line:
            if synset is not None:
                result.synsets[synset] = synset_heads(members)
                synset = None
            continue
        if line.startswith("&") and block is None:
            if synset is not None:
                result.synsets[synset] = synset_heads(members)
            synset, members = line.split()[0].rstrip("_"), []
            continue
        if synset is not None and line.startswith("+"):
            members.append(line[1:])
            continue
        header = BLOCK.match(line)
        if header:
            block, verbs = (header.group(1), _code(header.group(2))[0]), []
            continue
        if block is None:
            continue
        if line.startswith("-"):
            result.patterns.extend(_patterns(line, comment.strip(), block[0], verbs, result))
            continue
        parsed = _verb_line(line, block[1])
        if parsed is None:
            result.skipped += 1
            continue
        verb, words, code = parsed
        own = CODE.search(line) is not None
        verbs.append((verb, words, own))
        result.patterns.append(
            VerbPattern(
                verb,
                words,
                code[0],
                code[1],
                block[0],
                comment.strip(),
                not own,
                False,
                bool(words),
            )
        )
    return result


def _code(text: str) -> tuple[str | None, bool]:
    """(CAMEO code or None for no event, reverse) of a code field: '042:043', ':173', '---'."""
    text = text.strip()
    forward, _, backward = text.partition(":")
    forward, backward = forward.strip(), backward.strip()
    if forward and forward != "---":
        return (forward if forward.isdigit() else None), False
    if not forward and backward and backward.isdigit():
        return backward, True
    return None, False


Slots = tuple[frozenset[str], ...]


def _verb_line(
    line: str, block_code: str | None
) -> tuple[str, Slots, tuple[str | None, bool]] | None:
    """(verb base form, other required words, code) of a verb line, or None."""
    code_match = CODE.search(line)
    code = _code(code_match.group(1)) if code_match else (block_code, False)
    head = re.sub(r"\{[^}]*\}", " ", CODE.sub(" ", line)).split()
    if not head:
        return None
    phrase = head[0]
    parts = [p for p in phrase.split("_") if p]
    if not parts:
        return None
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    index = marked[0] if marked else 0
    words = [p.lstrip("+").lower() for p in parts]
    if not all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
        return None
    others = tuple(frozenset({w}) for i, w in enumerate(words) if i != index)
    return words[index], others, code


def _patterns(
    line: str,
    comment: str,
    block: str,
    verbs: list[tuple[str, tuple[frozenset[str], ...], bool]],
    result: VerbDictionary,
) -> Iterator[VerbPattern]:
    code_match = CODE.search(line)
    if code_match is None or "*" not in line:
        result.skipped += 1
        return
    code, reverse = _code(code_match.group(1))
    body = line[1 : code_match.start()]
    before, _, after = body.partition("*")
    if any(t not in MARKERS for t in _tokens(before)):
        return  # pre-verb nouns constrain the subject: not read (see module docstring)
    slots = []
    for token in _tokens(after):
        if token in MARKERS:
            continue
        if token.startswith("&"):
            heads = result.synsets.get(token.rstrip("_"))
            if not heads:
                result.skipped += 1
                return
            slots.append(heads)
            continue
        forms = _forms(token)
        if not forms:
            result.skipped += 1
            return
        slots.append(forms)
    if not slots:
        return
    found_with = {w.lower() for w in re.findall(r"[A-Za-z]+", comment)}
    named = {verb for verb, _, _ in verbs if verb in found_with}
    for verb, own, coded in verbs:
        if (named or coded) and verb not in named:
            continue  # the pattern was found with other verbs of the block (see module doc)
        yield VerbPattern(verb, own + tuple(slots), code, reverse, block, comment)


def _tokens(text: str) -> list[str]:
    """Words of a pattern part, braces and parentheses removed ("{FINANCIAL AID}" → two words;
    "BY/WITH" stays one alternative token)."""
    cleaned = re.sub(r"[{}()]", " ", text)
    tokens = []
    for token in cleaned.split():
        if token.startswith("&"):
            tokens.append(token)
        else:
            tokens.extend(t for t in token.split("_") if t)
    return tokens


def _forms(token: str) -> frozenset[str]:
    """Lower-case forms a pattern word stands for: alternatives ("BY/WITH"), a plural's singular."""
    forms: set[str] = set()
    for word in token.lower().split("/"):
        word = word.strip("_")
        if not re.fullmatch(r"[a-z][a-z'-]*", word):
            continue
        forms.add(word)
        if word.endswith("ies") and len(word) > 4:
            forms.add(word[:-3] + "y")
        elif word.endswith("ses") and len(word) > 4:
            forms.add(word[:-2])
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            forms.add(word[:-1])
    return frozenset(forms)


def synset_heads(phrases: list[str]) -> frozenset[str]:
    """The head words a synonym set stands for (``_heads`` of each phrase), less the last word of
    an open compound whose closed or hyphenated spelling the set lists too: "CEASE_FIRE" beside
    "CEASEFIRE" and "CEASE-FIRE" is one word written apart, not a kind of "fire", so "would cease
    fire" is no call-off of a ceasefire (&CEASEFIRE, CANCEL block 196). A phrase headed by its
    last word ("ARMED_FORCES") keeps its head."""
    spelled = [(p, p.split()[0].strip("_").lower()) for p in phrases if p.split()]
    closed = {word.replace("-", "") for _, word in spelled if "_" not in word}
    heads: set[str] = set()
    for phrase, word in spelled:
        if "_" in word and word.replace("_", "") in closed:
            continue
        heads |= _heads(phrase)
    return frozenset(heads)


def _heads(phrase: str) -> set[str]:
    """The head word of a synonym-set phrase ('ARMED_FORCES' → 'forces', and 'force')."""
    words = [w for w in re.split(r"[_\s]+", phrase.strip()) if w]
    return set(_forms(words[-1])) if words else set()
