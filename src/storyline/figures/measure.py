"""What a figure measures: a short phrase and a grouping key, read off the dependency parse.

A number rarely names what it counts. "Trade turnover exceeded $50 billion" puts the measured
thing in the subject; "increase trade volumes to $30 billion" in the object; "40% of its oil
imports" in the "of" complement (a share); "a target of $30 billion" hangs from a frame noun
that says what kind of claim it is, and the measured thing sits further up. ``target`` walks
from the figure to that noun phrase; this module renders it ("India–Russia trade turnover"),
and builds a key from its head-noun lemmas plus the parties (countries, organisations, people)
found in the phrase, else in the clause, the sentence, the previous sentence, then the title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from storyline.figures.parties import Party, context_parties, parties_in
from storyline.figures.syntax import (
    NOUNS,
    VERBS,
    Context,
    Rendered,
    content_compounds,
    named,
    participle,
    plural,
    possessive,
    render_np,
    subject,
    word,
    words,
)
from storyline.figures.target import Target, find_target, share_source

COUNT_ROLES = ("dobj", "nsubj", "nsubjpass")


@dataclass(frozen=True)
class Measure:
    phrase: str
    key: str
    parties: tuple[Party, ...]


# ---------------------------------------------------------------- measure phrase and key


def core_of(noun: Token, ctx: Context, avoid: set[int]) -> str:
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
                    return core_of(objects[0], ctx, avoid)
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
    core = core_of(target.noun, ctx, avoid)
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
