"""What a figure measures: a short phrase and a grouping key, read off the dependency parse.

A number rarely names what it counts. "Trade turnover exceeded $50 billion" puts the measured
thing in the subject; "increase trade volumes to $30 billion" in the object; "40% of its oil
imports" in the "of" complement (a share); "a target of $30 billion" hangs from a frame noun
that says what kind of claim it is, and the measured thing sits further up. This module walks
from the figure to that noun phrase, renders it ("India–Russia trade turnover"), and builds a
key from its head-noun lemmas plus the parties (countries, organisations, people) found in the
phrase, else in the clause, the sentence, the previous sentence, then the title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from storyline.figures.syntax import (
    NOUNS,
    VERBS,
    Context,
    Party,
    Rendered,
    content_compounds,
    content_np,
    context_parties,
    is_frame,
    named,
    participle,
    parties_in,
    plural,
    possessive,
    render_np,
    subject,
    word,
    words,
)

COUNT_ROLES = ("dobj", "nsubj", "nsubjpass")
MAX_CLIMB = 12


@dataclass(frozen=True)
class Measure:
    phrase: str
    key: str
    parties: tuple[Party, ...]


# ---------------------------------------------------------------- the measured thing


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


# ---------------------------------------------------------------- measure phrase and key


def _core(noun: Token, ctx: Context, avoid: set[int]) -> str:
    """Lemmas of the measured head: compounds plus head, or what a generic head is a quantity of."""
    lex = words()
    ent = ctx.ents.get(noun.i)
    if ent is not None and ent.root == noun:
        return re.sub(r"^the\s+", "", ent.text.lower())
    lemma = noun.lemma_.lower()
    compounds = [c.lemma_.lower() for c in content_compounds(noun) if c.i not in avoid]
    if lemma in lex.generic or lemma in lex.frames:
        if compounds:
            return " ".join(compounds)
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in NOUNS]
                if objects:
                    return _core(objects[0], ctx, avoid)
    return " ".join([*compounds, lemma])


def _key(aspect: str, core: str, parties: Sequence[Party]) -> str:
    prefix = "" if aspect == "level" else f"{aspect}:"
    names = sorted({p.key for p in parties} - {core})
    return "|".join([f"{prefix}{core}", *names])


def _with_parties(
    rendered: Rendered, ctx: Context, anchor: Token, noun: Token, prefix: bool = True
) -> tuple[str, list[Party]]:
    """The phrase plus its parties: its own names, else the context's.

    Countries from the context are written into a common-noun phrase ("trade volumes" with
    India and Russia around → "India–Russia trade volumes"); other parties only go in the key.
    """
    own = parties_in(
        [ctx.ents[t.i] for t in rendered.tokens if t.i in ctx.ents] + rendered.referents
    )
    if own:
        persons = [p for p in own if p.label == "PERSON"]
        return rendered.text, persons if persons and _has_owner(rendered, ctx) else own
    parties = context_parties(anchor, ctx)
    countries = [p for p in parties if p.label == "GPE"]
    if not prefix or not countries or noun.pos_ != "NOUN" or noun.i in ctx.ents:
        return rendered.text, parties
    if len(countries) == 1:
        return f"{possessive(countries[0].name)} {rendered.text}", parties
    return f"{'–'.join(p.name for p in countries)} {rendered.text}", parties


def _has_owner(rendered: Rendered, ctx: Context) -> bool:
    named_person = any(
        ctx.ents.get(t.i) is not None and ctx.ents[t.i].label_ == "PERSON" for t in rendered.tokens
    )
    return ("'s " in rendered.text and named_person) or any(
        r.label_ == "PERSON" for r in rendered.referents
    )


def describe_level(anchor: Token, kind: str, avoid: set[int], ctx: Context) -> Measure:
    """Measure of a money, percent or bare scaled count figure."""
    target = find_target(anchor, kind, avoid, ctx)
    if target.noun is None:
        return _verb_measure(target, anchor, kind, ctx)
    rendered = render_np(target.noun, ctx, avoid)
    _add_owner(rendered, target, ctx)
    phrase, parties = _with_parties(rendered, ctx, anchor, target.noun, prefix=not target.relation)
    core = _core(target.noun, ctx, avoid)
    if target.aspect == "share":
        source = share_source(target, ctx)
        if source is not None and source.i not in {t.i for t in rendered.tokens}:
            source_text = render_np(source, ctx, avoid, preps=()).text
            phrase = f"{phrase} from {source_text}"
            extra = parties_in([ctx.ents[source.i]] if source.i in ctx.ents else [])
            parties = list({p.key: p for p in [*parties, *extra]}.values())
        return Measure(f"share of {phrase}", _key("share", core, parties), tuple(parties))
    if target.aspect in ("rise", "fall"):
        return Measure(
            f"{target.aspect} in {phrase}", _key(target.aspect, core, parties), tuple(parties)
        )
    if kind == "duration":
        return Measure(f"duration of {phrase}", _key("duration", core, parties), tuple(parties))
    if target.relation:
        phrase = f"amount {target.relation} {phrase}"
    return Measure(phrase, _key("level", core, parties), tuple(parties))


def _add_owner(rendered: Rendered, target: Target, ctx: Context) -> None:
    """ "Siemens posted €3bn in profit" → "Siemens' profit": the named subject owns the thing."""
    has_names = rendered.referents or any(t.i in ctx.ents for t in rendered.tokens)
    if target.verb is None or target.noun is None or has_names or target.aspect != "level":
        return
    if target.relation:
        return
    subj = subject(target.verb)
    if subj is None or subj.i == target.noun.i:
        return
    owner = named(subj, ctx)
    if owner is not None and owner.label_ in ("ORG", "PERSON", "GPE"):
        name = owner.text.replace("’", "'")
        rendered.text = f"{possessive(name)} {rendered.text}"
        rendered.referents.append(owner)


def _verb_measure(target: Target, anchor: Token, kind: str, ctx: Context) -> Measure:
    """No measured noun: say what was done ("amount raised by fund", "how long he served")."""
    verb = target.verb
    parties = context_parties(anchor, ctx)
    if verb is None:
        return Measure("unspecified", _key(target.aspect, "unspecified", parties), tuple(parties))
    subj = subject(verb)
    who, who_key = "", ""
    if subj is not None and subj.pos_ in NOUNS:
        ent = named(subj, ctx)
        who = ent.text if ent is not None else render_np(subj, ctx, set(), preps=()).text
        who_key = "" if ent is not None else subj.lemma_.lower()
    elif subj is not None and subj.pos_ == "PRON":
        who = subj.lower_
    aspect, core = target.aspect, verb.lemma_.lower()
    if aspect in ("rise", "fall"):
        phrase = f"{aspect} in {who or 'value'}"
    elif kind == "duration":
        aspect, phrase = "duration", f"how long {who or 'it'} {verb.lower_}"
    else:
        phrase = f"amount {participle(verb)}" + (f" by {who}" if who and who_key != "it" else "")
        core = f"{core}:{who_key}" if who_key else core
    return Measure(phrase, _key(aspect, core, parties), tuple(parties))


def describe_counted(noun: Token, kind: str, avoid: set[int], ctx: Context) -> Measure:
    """Measure of a count ("jobs cut by company"), ordinal ("Putin's terms …") or duration."""
    verb = noun.head if noun.head.pos_ in VERBS and noun.head != noun else None
    if verb is None and noun.dep_ == "pobj" and noun.head.head.pos_ in VERBS:
        verb = noun.head.head
    rendered = render_np(noun, ctx, avoid)
    head_word = word(noun, ctx)
    if kind == "ordinal":
        head_plural = plural(noun.lemma_.lower() if noun.pos_ == "NOUN" else head_word)
        rendered.text = _replace_head(rendered, noun, head_plural, ctx)
    owner_missing = (
        not any(t.dep_ == "poss" and t.head.i == noun.i for t in rendered.tokens)
        and not rendered.referents
    )
    if kind in ("ordinal", "duration") and owner_missing and verb is not None:
        subj = subject(verb)
        owner = named(subj, ctx, guess=True) if subj is not None else None
        if owner is not None:
            name = owner.text.replace("’", "'")
            rendered.text = f"{possessive(name)} {rendered.text}"
            rendered.referents.append(owner)
    # a counted noun, an ordinal's or a duration's is not something the context's countries own
    phrase, parties = _with_parties(rendered, ctx, noun, noun, prefix=False)
    core = noun.lemma_.lower()
    if kind == "duration":
        return Measure(f"duration of {phrase}", _key("duration", core, parties), tuple(parties))
    light = verb is not None and verb.lemma_.lower() in ("be", "have", "include", "get")
    if kind == "count" and verb is not None and not light and noun.dep_ in COUNT_ROLES:
        core = f"{core}:{verb.lemma_.lower()}"
        if noun.dep_ == "dobj":
            phrase = f"{phrase} {participle(verb)}"
            subj = subject(verb)
            if subj is not None and subj.pos_ in NOUNS and subj.i not in avoid | ctx.numbers:
                phrase += f" by {render_np(subj, ctx, avoid, preps=()).text}"
        else:
            phrase = f"{phrase} {verb.lower_}"
    return Measure(phrase, _key("level", core, parties), tuple(parties))


def _replace_head(rendered: Rendered, noun: Token, new: str, ctx: Context) -> str:
    old = word(noun, ctx)
    pattern = rf"(?<![\w-]){re.escape(old)}(?![\w-])"
    return re.sub(pattern, new, rendered.text, count=1)
