"""The code a loose synonym of a PETRARCH2 verb block carries alone: its own patterns' category.

PETRARCH2 files a verb under a block and lets every verb without a code of its own borrow the
block's code. Blocks are loose: TAKE_CONTROL (171, seize property) holds OVERTURN, whose six
patterns, all written for it ("# OVERTURN"), code reversing a decision (081, 124, 1241, 1243);
FACILITATE (060, material cooperation) holds EASE, whose five patterns all de-escalate (0813
curfew, 085 sanctions, 087 attacks); CONSIDER (040, consult) holds MULL and PONDER, whose
patterns weigh a policy option (014, a statement). Wherever the dictionary's authors met such a
verb they coded it outside its block, so its bare use borrowing the block's code is a sense
nobody observed: "President Obama on Tuesday overturned a last-minute Bush administration
regulation" (ECB+ tuning 9_2ecbplus) was coded as seizing property.

The rule: a bare verb that only borrows its block's code (``VerbPattern.inherited``, not the verb
the block is named after) and that at least two patterns written for it (their comment names it)
code takes instead the code most frequent in the CAMEO cue category (the first two digits) that
holds at least two thirds of those patterns, when none of them is in its block's category. A
bare majority is not agreement: INCREASE's patterns are troops five times in eight (154) and
aid or protection the rest, and "the Federal Reserve arranged to increase existing swap lines
with the European Central Bank" (MEANTIME tuning, 113278) is no mobilisation. It keeps
its code when one of its patterns codes no event ("---"): the authors listed exceptions to the
bare code, so they knew it ("DEFEAT * GOVERNMENT [---]"). Patterns of intent (03) and threat
(13) record a sentence's framing, not the verb's act, and do not make a category. A verb whose
block codes no event (statements, CAMEO 01 and 02) is left alone: the rule re-types events, it
never makes one. The verb keeps PETRARCH2's ``require_dyad`` constraint of a loose synonym
(``petrarch_tables``), and its patterns that code as it now does stay in the table.

A block is left as it is where a verb with a code of its own codes in the block's category: the
authors then filed its other verbs as that act on purpose. APPREHEND (171) lists ARREST [173]
beside CAPTURE, whose own patterns are mostly territory taken (192); "the escaped inmate was
captured" (ECB+ tuning 3_10ecbplus) is the arrest the block means, and a capture coded as a
territorial fight no longer joined the inmate's recapture.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from storyline.events.cameo import plover_of
from storyline.events.petrarch_verbs import VerbPattern

MIN_OWN_PATTERNS = 2
NO_EVENT = "---"
#: CAMEO cue categories of intent (03, "express intent to cooperate") and threat (13): a
#: pattern coded so records the sentence's framing ("agreed to supply fighter-bombers"), which
#: the coder reads from modality, not what the verb does.
MODAL_CATEGORIES = frozenset({"03", "13"})


def recode_loose_synonyms(patterns: Iterable[VerbPattern]) -> list[VerbPattern]:
    """``patterns`` with each bare loose synonym's code replaced by its own patterns' (module
    doc); the replaced ones name the borrowed code in their comment."""
    patterns = list(patterns)
    own = _own_codes(patterns)
    coherent = confirmed_blocks(patterns)
    result = []
    for pattern in patterns:
        code = own_code(pattern, own.get((pattern.verb, pattern.block), Counter()))
        if code is None or pattern.block in coherent:
            result.append(pattern)
            continue
        note = f"own patterns {code[:2]}x, block code {pattern.code} not used"
        comment = f"{pattern.comment}; {note}" if pattern.comment else note
        result.append(replace(pattern, code=code, reverse=False, comment=comment, recoded=True))
    return result


def own_code(pattern: VerbPattern, codes: Counter[str]) -> str | None:
    """The code ``pattern`` (a bare verb) takes from its own patterns' ``codes``, or None when it
    keeps the one it has."""
    if pattern.words or not pattern.inherited or pattern.code is None:
        return None
    if pattern.block.split("_")[0].lower() == pattern.verb:
        return None  # the verb the block is named after: the block's code is its own
    if plover_of(pattern.code)[0] is None or NO_EVENT in codes:
        return None  # "---" patterns are exceptions the authors listed to the verb's bare code
    if codes.total() < MIN_OWN_PATTERNS:
        return None
    categories = Counter({category: 0 for category in sorted({c[:2] for c in codes})})
    for code, count in codes.items():
        categories[code[:2]] += count
    if categories[pattern.code[:2]]:
        return None  # the authors met the verb in its block's sense too: the bare code stands
    category, count = categories.most_common(1)[0]
    if category in MODAL_CATEGORIES or 3 * count < 2 * codes.total():
        return None
    in_category = [c for c in sorted(codes, key=lambda c: -codes[c]) if c[:2] == category]
    return in_category[0]


def confirmed_blocks(patterns: list[VerbPattern]) -> frozenset[str]:
    """Blocks where a verb with a code of its own codes in the block's category: the authors
    filed the block's verbs as that act ("ARREST [173]" in APPREHEND [171] beside CAPTURE)."""
    block_codes: dict[str, str] = {}
    own: dict[str, set[str]] = defaultdict(set)
    for pattern in patterns:
        if pattern.words or pattern.code is None:
            continue
        if pattern.inherited:
            block_codes.setdefault(pattern.block, pattern.code)
        else:
            own[pattern.block].add(pattern.code[:2])
    return frozenset(b for b, code in block_codes.items() if code[:2] in own[b])


def _own_codes(patterns: list[VerbPattern]) -> dict[tuple[str, str], Counter[str]]:
    """(verb, block) → codes of the patterns with words whose comment names that verb."""
    found: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for pattern in patterns:
        if not pattern.words or pattern.inherited:
            continue
        if pattern.verb in {w.lower() for w in re.findall(r"[A-Za-z]+", pattern.comment)}:
            found[pattern.verb, pattern.block][pattern.code or NO_EVENT] += 1
    return found
