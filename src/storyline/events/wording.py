"""How a report words an event, for telling whether two reports tell one act.

News re-tells one act in the words the first report chose: the wire copy and its rewrites say
"checked into" rehab, "objected", "overturned" the rule, "sentenced" the man, each time (ECB+'s
same-lemma baseline, which pairs mentions of one head lemma within a topic, scores 0.74–0.79
CoNLL F1 on its cross-document chains for this reason; the India–Russia piles' calls are
"telephoned", "dialled", "spoke" in turn, which the call's mode covers). So the lexicon row that
coded a mention (its trigger word, or the row's own listed synonyms) is evidence of one act
where the participants alone are not: for two undated reports of one story, one shared actor
is enough when they tell the same type with the same word (``compatibility.undated_fit``). A dated
report still needs more to take an undated one (its mode, or two shared participants): the
date is what tells its occurrence from another of the story.

Across stories the same holds only where no date could have told the stories apart: story
clustering weighs each article's news day, and an article with no publication date was placed
by its words alone, so the story line says nothing about the occasion (ECB+'s Tara Reid and
Brian Nichols reports, one article each put in a story of its own, tell the act every other
article of the topic tells, "checked into" Promises, "sentenced" Nichols). Two undated reports
in articles without a publication date join there when they tell one type in the same word
with the same named parties in the same roles (``same_report``; blocked by parties and word).
With dated articles the story line stands: "the SCO summit" of two stories may be two years'
summits, "India is ready" two statements.

A word's synonyms are its word (``report_words``): PETRARCH2's verb dictionary files the verbs
of one act in one synonym set (its APPREHEND set holds "arrest", "apprehend", "capture",
"catch", "nab", "seize"), compiled as ``data/verb_classes.tsv``, and reports of one act choose
among them: ECB+ tuning's Atlanta courthouse reports tell Nichols "arrested" and "captured",
its escape reports tell Comeaux "captured" and "caught" in one article; AQUAINT's
APW19990607.0041 offers rewards for "the arrest of Kopp", for "a listed fugitive's capture",
of suspects "charged but not apprehended". So a bare verb row of PETRARCH2 counts its synonym
set as its word too; a hand row of the override layer names its own act, and a phrase row
("take into custody", "set fire to") is its own word: its pattern, not its verb, names it.
The modes the dictionary gives one set's verbs do not tell two acts apart where its own
patterns would not: it codes "capture" and "seize" by the set's default, "Seize or damage
property", and "arrest" as an arrest, but its patterns whose object is people ("* MEMBERS",
"* LEADER", "* {ARMED ROBBER}") as an arrest too, so a seizure of people compares as an arrest
(``compared_mode``; events.toml ``[merge] seizure_of_people``), while seized ivory and captured
poachers stay two acts.

A mode tells one act only where it names the occasion (``same_mode``): a call or a meeting in
person between the same people is one occasion whatever verb each report uses ("telephoned",
"dialled", "spoke"), but a material act's mode names its means, shared by every act of its kind:
ECB+'s escaped convict "pulled a gun", "stole their weapons" and "was captured" (COERCE
confiscate, three acts), "was convicted" and "was imprisoned in 1979" (COERCE arrest, two); the
PLOVER gold's roadside bombing and minefield explosion near Samarra on one Sunday (ASSAULT and
FIGHT "explosives", two events). So across articles, one shared actor and such a mode join two
undated reports only in the same word; within one article the mode is still enough, except for
material conflict (``material_conflict_types``: CAMEO's quad class of cue categories 14-20,
protests, force postures, sanctions, coercion, assaults, fighting), which one article tells
several of by one party: ECB+'s escapee "was convicted" and "received two additional life
sentences" (COERCE arrest, two acts), "forced" the guards to drive and "restrained" the
officers; TimeBank's APW19990507.0207 tells Slepian's shooting beside "three non-fatal sniper
attacks" of its suspect, and Rudolph's clinic bombing beside "three Atlanta attacks".

A report that names no one ("a man killed four people", "the judge sentenced the man") has no
identity but its words: two such reports join only within one story (or article), and only
when the trigger and the phrase in each role are the same (``same_words``); "the leaders" of
one report are never "the Prime Minister" of another, nor "the leaders" of another story.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from storyline.data import verb_classes
from storyline.events.cameo import plover_of
from storyline.events.canonical_actors import actor_key, is_named
from storyline.events.lexicon import agent_nouns, person_nouns, settings
from storyline.models import Actor, EventMention

if TYPE_CHECKING:
    from storyline.events.grouping import Group

ORIGINS = ("petrarch:", "user:")
CLASS = "class:"  # a word standing for a verb's synonym set (``report_words``)
#: CAMEO's cue categories of material conflict (its quad class 4: protest, force posture,
#: reduced relations, coercion, assault, fighting)
MATERIAL_CONFLICT_CUES = range(14, 21)


@cache
def material_conflict_types() -> frozenset[str]:
    """The PLOVER types of CAMEO's material-conflict cue categories (``cameo_plover.toml``):
    acts one article tells several of by one party (module doc)."""
    return frozenset(
        type_ for cue in MATERIAL_CONFLICT_CUES if (type_ := plover_of(f"{cue:02d}")[0])
    )


def trigger_word(rule: str) -> str:
    """The trigger word (or the lexicon row's own synonyms) that coded a mention, whichever
    table the row came from: 'petrarch:V:check[dyad]' and 'V:check' are both 'V:check'; the
    bracket is the row's argument pattern, not its word."""
    key = rule.split(":", 1)[1] if rule.startswith(ORIGINS) else rule
    return key.split("[", 1)[0]


def report_words(rule: str) -> set[str]:
    """The words a report tells its act in (module doc): the lexicon row that coded it and,
    for a bare verb row of PETRARCH2's dictionary, the verb's synonym set there
    ("class:apprehend" for "captured", "caught" and "arrested"). A hand row of the override
    layer names its own act: "charged" coded as an arrest there is not "convicted", though
    PETRARCH2 files both verbs under BLAME."""
    word = trigger_word(rule)
    kind, _, verb = word.partition(":")
    bare_verb = rule.startswith("petrarch:") and kind == "V" and "+" not in verb
    synonyms = verb_classes().get(verb) if bare_verb else None
    return {word, f"{CLASS}{synonyms}"} if synonyms else {word}


def compared_mode(mention: EventMention) -> str | None:
    """The "type.mode" a report is compared by: its own, except that a seizure of people is an
    arrest (module doc): a person, a nationality, or a phrase whose head is a noun of people."""
    if not mention.mode:
        return None
    mode = f"{mention.type}.{mention.mode}"
    arrest = settings()["merge"]["seizure_of_people"].get(mode)
    if arrest and mention.target and all(_people(actor) for actor in mention.target):
        return str(arrest)
    return mode


def _people(actor: Actor) -> bool:
    if actor.label in ("PERSON", "NORP"):
        return True
    if actor.label is not None or is_named(actor):
        return False
    head = actor.text.lower().split()[-1:] or [""]
    nouns = person_nouns() | agent_nouns()
    return any(form in nouns for form in (head[0], head[0].removesuffix("s")))


def unnamed_phrases(mention: EventMention) -> set[str]:
    """The words of each role's unnamed actors ("source:text:man", "target:text:people")."""
    roles = (("source", mention.source), ("target", mention.target))
    return {f"{role}:{actor_key(a)}" for role, actors in roles for a in actors if not is_named(a)}


def same_report(a: Group, b: Group) -> bool:
    """Two undated reports of one type, in the same word, naming the same parties in the same
    roles, and no dated occurrence far apart could claim either (module doc). Only once the
    articles have been put in stories: before that, undated reports join within an article."""
    return (
        a.timeless
        and b.timeless
        and bool(a.stories and b.stories)
        and not (a.dates or b.dates or a.contested or b.contested)
        and len(a.types) == 1
        and a.types == b.types
        and bool(a.words & b.words)
        and bool(a.participants)
        and (a.sources, a.targets, a.participants) == (b.sources, b.targets, b.participants)
    )


def same_mode(a: Group, b: Group) -> bool:
    """The same mode, where that tells one act (module doc): a mode naming the occasion
    (``events.toml [merge] occasion_mode_types``: a call, a visit), or any mode within one
    article (not of a material conflict) or in the same word."""
    if not (a.modes and a.modes == b.modes):
        return False
    occasion = set(settings()["merge"]["occasion_mode_types"])
    if all(mode.split(".", 1)[0] in occasion for mode in a.modes):
        return True
    if a.types & material_conflict_types():
        return bool(a.words & b.words)
    return bool(a.documents & b.documents or a.words & b.words)


def same_words(a: Group, b: Group) -> bool:
    """Two reports naming no one: the same trigger word and the same phrase in each role."""
    return bool(a.phrases) and a.phrases == b.phrases and bool(a.words & b.words)
