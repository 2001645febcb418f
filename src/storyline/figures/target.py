"""Where a figure's measured thing is: the walk from the number up the dependency parse.

A number rarely names what it counts. "Trade turnover exceeded $50 billion" puts the measured
thing in the subject; "increase trade volumes to $30 billion" in the object; "40% of its oil
imports" in the "of" complement (a share); "a target of $30 billion" hangs from a frame noun
that says what kind of claim it is, and the measured thing sits further up. This module walks
from the figure to that noun (or, failing one, the verb it depends on) and says whether the
figure is a level, a share, a rise or a fall; ``measure`` turns the result into words and a key.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storyline.figures.syntax import (
    NOUNS,
    VERBS,
    Context,
    content_np,
    is_frame,
    participle,
    subject,
    words,
)

MAX_CLIMB = 12


@dataclass
class Target:
    """Where the walk from a figure ended: the measured noun or the verb it depends on."""

    noun: Token | None = None
    aspect: str = "level"  # level | share | rise | fall
    verb: Token | None = None
    relation: str | None = None  # "approved for", "infused into": how the amount meets its thing


def _own_complement(anchor: Token, avoid: set[int], ctx: Context) -> tuple[Token, str] | None:
    """ "€3bn in profit", "$2bn of debt", "$5bn for defence": the figure names its own thing."""
    for child in anchor.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "for", "on"):
            for obj in child.children:
                if obj.dep_ == "pobj" and content_np(obj, avoid, ctx):
                    return obj, child.lower_
    return None


def _antecedent(pronoun: Token, ctx: Context) -> Token | None:
    """ "It dropped 10%": the subject of the previous sentence, the usual antecedent in news."""
    if pronoun.lower_ not in ("it", "they"):
        return None
    previous = ctx.previous_sentence(pronoun)
    if previous is None:
        return None
    subj = subject(previous.root) if previous.root.pos_ in VERBS else None
    return subj if subj is not None and subj.pos_ in NOUNS else None


def _verb_candidates(
    verb: Token, role: str, avoid: set[int], ctx: Context, names: bool
) -> tuple[Token, str | None] | None:
    subj = subject(verb)
    if subj is not None and subj.pos_ == "PRON":
        subj = _antecedent(subj, ctx)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i not in avoid), None)
    order: list[tuple[Token | None, str | None]]
    states_level = verb.pos_ == "AUX" or verb.lemma_.lower() in words().level_verbs or names
    if role in ("dobj", "attr", "oprd", "acomp", "npadvmod", "advmod", "dative") and states_level:
        order = [(subj, None)]
    elif role in ("dobj", "dative"):  # "set aside Rs 2,000 crore for rural roads"
        done = participle(verb)
        order = [
            (g, f"{done} {c.lower_}")
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("for", "on", "to", "into", "in", "towards")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    elif role in ("nsubj", "nsubjpass"):
        order = [(obj, None)] + [
            (g, f"{participle(verb)} {c.lower_}")
            for c in verb.children
            if c.dep_ == "prep"
            for g in c.children
            if g.dep_ == "pobj"
        ]
    else:
        order = [(obj, None), (subj, None)]
    for token, relation in order:
        if token is not None and content_np(token, avoid, ctx, names):
            return token, relation
    return None


def _change(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    lex = words()
    if lemma in lex.rise_words or token.lower_ in lex.rise_words:
        return "rise"
    if lemma in lex.fall_words or token.lower_ in lex.fall_words:
        return "fall"
    return None


def find_target(anchor: Token, kind: str, avoid: set[int], ctx: Context) -> Target:
    """Walk up from a money/percent/bare-count figure to the thing it measures."""
    lex = words()
    if kind == "percent":
        share = _own_share(anchor, avoid, ctx)
        if share is not None:
            return Target(noun=share, aspect="share", verb=_governing_verb(anchor))
    own = _own_complement(anchor, avoid, ctx)
    if own is not None:
        noun, prep = own
        verb = _governing_verb(anchor)
        relation = None
        if prep in ("for", "on"):
            relation = f"{participle(verb)} {prep}" if verb is not None else prep
        return Target(noun=noun, verb=verb, relation=relation)
    current = anchor
    aspect = "level"
    last_verb: Token | None = None
    for _ in range(MAX_CLIMB):
        head, dep = current.head, current.dep_
        if head == current:
            break
        if head.pos_ in ("ADV", "ADJ") and _change(head) and aspect == "level":
            aspect = _change(head) or aspect  # "was down 2.6%", "1.75% lower"
        if head.pos_ in VERBS:
            role = dep
            verb = head
        elif head.pos_ == "ADP" and head.head != head and head.head.pos_ in VERBS:
            role, verb = f"prep:{head.lower_}", head.head
        else:
            verb = None
        if verb is not None:
            last_verb = last_verb or verb
            lemma = verb.lemma_.lower()
            level_role = role in ("prep:to", "prep:from", "prep:at")
            if kind == "percent" and not level_role and aspect == "level":
                if lemma in lex.rise:
                    aspect = "rise"
                elif lemma in lex.fall:
                    aspect = "fall"
            found = _verb_candidates(verb, role, avoid, ctx, names=aspect != "level")
            if found is not None:
                return Target(noun=found[0], aspect=aspect, verb=last_verb, relation=found[1])
            current = verb
            continue
        if head.pos_ == "ADP":
            host = head.head
            if host.pos_ in NOUNS and host.i not in avoid | ctx.numbers and host != head:
                if _change(host) and head.lower_ == "of" and aspect == "level":
                    aspect = _change(host) or aspect  # "a fall of 17%": a change of something
                    changed = _changed_thing(host, avoid, ctx)
                    if changed is not None:
                        return Target(noun=changed, aspect=aspect, verb=last_verb)
                    current = host
                    continue
                if is_frame(host) or host.like_num:
                    current = host
                    continue
                return Target(noun=host, aspect=aspect, verb=last_verb)
            current = head
            continue
        if (
            head.pos_ in NOUNS
            and head.i not in avoid
            and head.i not in ctx.numbers
            and dep in ("compound", "nmod", "amod", "nummod", "quantmod", "npadvmod", "appos")
        ):
            if _change(head) and aspect == "level":
                aspect = _change(head) or aspect  # "a 3 percent boost"
                changed = _changed_thing(head, avoid, ctx)
                if changed is not None:
                    return Target(noun=changed, aspect=aspect, verb=last_verb)
                current = head
                continue
            if is_frame(head):
                current = head
                continue
            return Target(noun=head, aspect=aspect, verb=last_verb)
        current = head
    return Target(aspect=aspect, verb=last_verb)


def _changed_thing(change: Token, avoid: set[int], ctx: Context) -> Token | None:
    """What a change noun changes: "a rise in exports", "the Dow's fall"."""
    for child in change.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj" and content_np(obj, avoid, ctx, names=True):
                    return obj
        if child.dep_ == "poss" and child.pos_ in NOUNS and child.i not in avoid:
            return child
    return None


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(MAX_CLIMB):
        if current.head == current:
            return current if current.pos_ in VERBS else None
        current = current.head
        if current.pos_ in VERBS:
            return current
    return None


def _own_share(anchor: Token, avoid: set[int], ctx: Context) -> Token | None:
    """ "40% of its oil imports": the "of" complement of a percentage is what it is a share of."""
    holders = [anchor] + ([anchor.head] if anchor.dep_ in ("nummod", "compound") else [])
    for holder in holders:
        for child in holder.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ in NOUNS and obj.i not in avoid:
                        return obj
    return None


def share_source(target: Target, ctx: Context) -> Token | None:
    """Where a share comes from: "relies on Russia for 40% of …", "Russia accounts for 40% …"."""
    lex = words()
    verb = target.verb
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    if lemma in lex.source_verbs:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == lex.source_verbs[lemma]:
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
    if lemma in lex.supplier_verbs:
        for child in verb.children:  # passive: "supplied by domestic manufacturers"
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        subj = subject(verb)
        if subj is not None and subj.dep_ == "nsubj" and subj.i not in ctx.numbers:
            return subj
    return None
