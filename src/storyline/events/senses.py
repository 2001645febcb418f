"""Verb senses decided by the complement: the "entering a place" sense PLOVER does not code.

A verb row of the lexicon names a verb in the sense its CAMEO block gives it ("admit" as
disclose, "check" as inspect). News uses many of the same verbs for being taken into a facility:
"was admitted to hospital on Saturday", "checked herself into a rehab clinic". The goal phrase
picks that sense (PETRARCH2's own DISCLOSE block codes "ADMIT * (TO HOSPITAL)" as no event; its
INSPECT block codes "check" only with an information object), and the sense is no political
event: forcing it into the nearest type made a celebrity's rehab stay an investigation. The rule
(``events.toml [senses]``) is syntactic, not a list of verbs: a bare verb row whose event is no
movement, with a "to"/"into" phrase whose head is a facility and no direct object other than the
mover itself, codes nothing. "Admitted to the charges", "checked the records" and "looked into
the deaths" (a row that names its preposition) keep their sense.

The parse can also hide the object that picks a sense: in "a statement released to People" the
participle modifies its patient instead of taking it as an object (``modified``).

The object's kind picks a sense too (``thing_objects``, the lexicon constraint ``obj:thing``).
PETRARCH2 codes a bare verb's event only towards an actor: its object is the target, and the
patterns of a block list the things that take the verb elsewhere. "Release" frees people
(its RELEASE block's 0841 patterns: PRISONERS, &HOSTAGE, ACTIVIST, &PEOPLE, WOMAN), while a
RECORDING, a REPORT or a STATEMENT released is no event or a statement; "introduce" a proposal,
an amnesty or an answer is never the bare row's meeting (INTRODUCE block); "unveil" a plan or a
regulation is a statement (DISCLOSE); "demonstrate" codes a protest only without an object (its
MARCH block's 141 patterns are "(AGAINST)", "(THROUGH PROTEST)"; with an object it shows
SUPPORT, SOLIDARITY or a &PROGRAM). News applies the same verbs to products, works and figures
the dictionary never lists ("Apple released the new iPhone", "introduced the next generation of
software", "the content of the rule was not released", "demonstrated the new chip"): a row
marked ``obj:thing`` says that sense codes nothing when every object is a thing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from spacy.tokens import Token

from storyline.events.derivations import NOUN_SUFFIXES, nominalisations
from storyline.events.lexicon import (
    Entry,
    Lexicon,
    person_nouns,
    prize_nouns,
    settings,
)
from storyline.events.party_senses import cooperates_with_no_party, created_alone
from storyline.events.references import antecedent

#: Objects that repeat the subject: "checked herself into …" has no other patient.
REFLEXIVES = frozenset(
    "myself yourself himself herself itself ourselves yourselves themselves".split()
)


#: Pronouns that stand for a thing, never a person: "it isn't even released yet"; a relative
#: "which"/"that" stands for the noun its clause describes (``antecedent``).
THING_PRONOUNS = frozenset({"it", "this", "which", "that"})

#: Nouns that stand for a noun the text gave before ("killed one soldier and wounded two
#: others", "freed the older ones"): whether they are people is that noun's, so never a thing.
STAND_INS = frozenset({"other", "others", "one", "ones", "another"})

#: Nouns of quantity, which are what their "of" names ("none of those doctors", "a number of
#: the books") and alone a count ("the number injured topped 2,200"); the plural "numbers" are
#: figures ("released the unemployment numbers").
QUANTITY_NOUNS = frozenset({"number", "none", "dozen", "dozens", "hundreds", "thousands", "scores"})


@cache
def _senses() -> dict[str, frozenset[str]]:
    conf = settings()["senses"]
    return {key: frozenset(words) for key, words in conf.items()}


def enters_place(entry: Entry, verb: Token) -> bool:
    """Is ``verb``, matched by ``entry``, used in the "entering a place" sense (see the module
    docstring), so that the row's event does not apply?"""
    conf = _senses()
    if entry.pos != "V" or len(entry.slots) > 1 or entry.type in conf["movement_types"]:
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    if any(o.lower_ not in REFLEXIVES for o in objects):
        return False
    return any(_facility(goal) for goal in _goals(verb, conf["entry_prepositions"]))


def _goals(verb: Token, prepositions: frozenset[str]) -> list[Token]:
    """Objects of the verb's goal phrases: "into the clinic", "to hospital", and "in to the
    facility" (a particle "in" before "to")."""
    goals: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in prepositions:
            goals.extend(g for g in child.children if g.dep_ == "pobj")
    return goals


def _facility(noun: Token) -> bool:
    """Does the phrase headed by ``noun`` name a facility: a facility noun as its head or as the
    last word of a name ("the Betty Ford Center"), or a name the model types as a building?"""
    nouns = _senses()["facility_nouns"]
    if noun.lemma_.lower() in nouns or noun.lower_ in nouns:
        return True
    return noun.ent_type_ == "FAC"


def modified(verb: Token) -> list[Token]:
    """The noun a participle modifies (a reduced passive relative: "a statement released to the
    press" is a statement that was released), which fills the object slot of the rows that code
    no event: PETRARCH2's "RELEASE * STATEMENT" is publishing, not a release of captives. Only
    those rows read it: it tells a sense the parse hides, and the noun's own event, if any, is
    coded from the noun."""
    return [verb.head] if verb.dep_ == "acl" and verb.tag_ == "VBN" else []


def thing_objects(verb: Token, objects: list[Token], is_actor: Callable[[Token], bool]) -> bool:
    """Are the ``objects`` of ``verb`` (its direct objects, or a passive's patient) all things,
    so that a row marked ``obj:thing`` applies? A thing is a noun phrase that names no actor: not
    an actor name, actor noun or personal pronoun (``is_actor``), nor a noun of persons
    (``lexicon.person_nouns``: WordNet's "the crew", PETRARCH2's "the hostages"), nor a count,
    which stands for people ("released 20 on Monday", "five of the suspects"). A quantifier is
    what its "of" names ("some of the features"), and a relative pronoun the noun its clause
    describes ("the activists that the junta released" are people)."""
    if not objects:
        return False
    return all(_thing(verb, noun, is_actor) for noun in objects)


def _thing(verb: Token, noun: Token, is_actor: Callable[[Token], bool]) -> bool:
    if noun.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        noun = antecedent(verb)
    if is_actor(noun) or noun.lemma_.lower() in person_nouns():
        return False
    if noun.ent_type_ in ("MONEY", "PERCENT"):
        return True  # a sum is never people: "has ordered US$6 billion in new airliners"
    if noun.pos_ == "NUM" or noun.ent_type_ in ("CARDINAL", "QUANTITY"):
        return False  # a count stands for people: "released 20 on Monday", "five of the suspects"
    if noun.lemma_.lower() in STAND_INS:
        return False  # "killed one U.S. soldier and wounded two others": what it stands for
    if noun.pos_ in ("PRON", "DET") or noun.lower_ in QUANTITY_NOUNS:
        # a part of something is what its "of" names: "some of the features"
        partitive = [
            g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
        ]
        if partitive:
            return all(_thing(verb, g, is_actor) for g in partitive)
        return noun.lower_ in THING_PRONOUNS  # a bare quantity is a count: "the number injured"
    return noun.pos_ in ("NOUN", "PROPN", "X")


def phrase_for_particle(verb: Token, filled: Sequence[Token]) -> bool:
    """Is a word of a phrasal verb's row ("particle": PETRARCH2's multi-word verb lines,
    "+GIVE_IN", "+TIE_IN", "+ASK_FOR") filled by a preposition heading its own phrase away from
    the verb? The verb line is one word written apart, which PETRARCH matches as a unit: its
    words stand next to the verb ("gave in to the demands", "asked for talks") or are the
    verb's particle wherever the parser puts it ("voted the proposition down", "break Thompson
    down"). A preposition with its own object elsewhere heads a circumstance of the plain verb:
    "In Havana, the government gave a guarded first response" (TimeBank), "will give owners of
    its new iPhone 4 a free case in response to" (MEANTIME), "Georgia tied for third in
    carrying out executions" (the tuning review pile) are no concession and no link."""
    span = len(filled)
    return any(
        word.dep_ == "prep"
        and any(c.dep_ in ("pobj", "pcomp") for c in word.children)
        and not 0 < abs(word.i - verb.i) <= span
        for word in filled
    )


def names_an_act(noun: Token, lexicon: Lexicon) -> bool:
    """Does ``noun`` name an act the lexicon codes: a nominal row ("bombings", "embargo"), or a
    regular noun of a coded verb's act (``derivations.nominalisations``, and -ure: "assessment"
    of "assess", "departure" of "depart")? Such an object stands for an act, not for goods. A
    number or a sum names none ("billion" is no "bill"), nor a gerund-like noun the lexicon does
    not list as an act ("global warming" is no act of "warm")."""
    lemma = noun.lemma_.lower()
    if noun.pos_ == "NUM" or noun.ent_type_ in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY"):
        return False
    if lexicon.candidates("N", lemma):
        return True
    for suffix in (*(s for s in NOUN_SUFFIXES if s != "ing"), "ure"):
        stem = lemma[: -len(suffix)] if lemma.endswith(suffix) else ""
        for verb in (stem, f"{stem}e") if stem else ():
            regular = lemma in nominalisations(verb) or suffix == "ure"
            if regular and lexicon.candidates("V", verb):
                return True
    return False


def other_sense(
    entry: Entry,
    verb: Token,
    filled: list[Token],
    moves_things: Callable[[Token], bool],
    acts_on_things: Callable[[Token], bool],
    names_party: Callable[[Token], bool],
    lexicon: Lexicon,
) -> bool:
    """Is ``verb``, whose row ``entry`` filled its slots with ``filled``, used in a sense the
    row does not code: entering a place, an adjective read as a plural's singular, a thing
    moved by a journey verb (``moves_things``: are the verb's objects all things), a contest
    for a prize, an act on people done to a thing (``acts_on_things``: are the verb's objects
    all things that name no event), cooperation with no party (``names_party``: does a noun
    name an actor)?"""
    return (
        enters_place(entry, verb)
        or modifier_object(entry, filled)
        or carries_thing(entry, verb, moves_things)
        or contests_prize(entry, verb)
        or acts_on_a_thing(entry, verb, acts_on_things)
        or cooperates_with_no_party(entry, verb, acts_on_things, names_party, lexicon)
        or created_alone(entry, verb)
    )


def acts_on_a_thing(entry: Entry, verb: Token, on_things: Callable[[Token], bool]) -> bool:
    """Is ``verb``, matched by a bare verb row whose act is done to people (``events.toml
    [senses] person_patient_codes``: arrest, expel, assault, assassinate), used on
    things only (``on_things``: every object or passive patient is a thing, ``thing_objects``)?
    Then the verb is in another of its senses and the row does not apply.

    CAMEO defines these acts on persons, and PETRARCH2 codes a bare verb's event towards its
    object; where its authors met such a verb with a thing, they wrote the thing's own pattern
    and sense ("REMOVE * RESTRICTION" 081 eases a restriction, "REMOVE * &WEAPON" 0873 pulls
    weapons back), which stays more specific than the bare row. News uses the same verbs for
    things no pattern lists: "the agency to arrest global warming", "remove the duties of the
    chairman" (the tuning review pile), "to remove any doubts Iraq still possesses weapons"
    (the PLOVER file's sentences). People, counts and actors keep the row: "arrested 20",
    "expelled the diplomats", "wounded two others"; so does an event the lexicon codes, which
    stands for its doers: "prosecuting the bombings" (TimeBank)."""
    if entry.pos != "V" or len(entry.slots) > 1:
        return False
    return entry.cameo in _senses()["person_patient_codes"] and on_things(verb)


def contests_prize(entry: Entry, verb: Token) -> bool:
    """Is ``verb``, matched by a bare verb row, used for a contest: its object, or the object of
    its purpose clause, is a prize or a title (``lexicon.prize_nouns``, from WordNet's synsets of
    awards, prizes and championships)? Then the parties are rivals for the prize, and the row's
    political act does not apply.

    PETRARCH2 codes a bare verb's event towards an actor, its object; the patterns of a block list
    the things that take the verb elsewhere ("AWARD * MEDAL" is praise, "DEFEND * DECISION"
    support), and none lists what a contest is for. News on the sports and entertainment beats
    applies the same verbs to prizes: "will defend his WBC title against Manuel Charr", "blasted
    a sluggish Rahman … to retain the IBF, WBO and IBO world heavyweight titles" (ECB+ topic 7,
    boxing), "will be hosting the Oscars", "hosted the 79th Oscars" (topic 2, the Academy
    Awards), "Sri Lanka beat Pakistan to lift the title" (a cricket teaser in the briefing set's
    article 204: PETRARCH2's "beat" made it an assault between two countries). A prize handed to
    a recipient is no contest: a passive ("was awarded the Order of Merit") or an indirect object
    ("awarded him the medal") keeps the row, and so does a row that names its object (the
    block's own patterns)."""
    if entry.pos != "V" or len(entry.slots) > 1 or verb.dep_ == "dative":
        return False
    if any(c.dep_ in ("dative", "auxpass", "nsubjpass") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in clause.children):
            objects += [c for c in clause.children if c.dep_ == "dobj"]
    return any(_prize(noun) for noun in objects)


def _prize(noun: Token) -> bool:
    """Does ``noun`` name a prize ("titles", "the Oscars", "#Oscars")?"""
    prizes = prize_nouns()
    words = {noun.lemma_.lower(), noun.lower_.lstrip("#")}
    words |= {w[:-1] for w in words if w.endswith("s")}
    return bool(words & prizes)


def carries_thing(entry: Entry, verb: Token, moves_things: Callable[[Token], bool]) -> bool:
    """Is ``verb``, matched by a journey row, used transitively for moving a thing, so that the
    row's journey does not apply? A journey row is a verb with only a goal preposition that codes
    a meeting, a visit or an intent to meet (``events.toml [senses] journey_codes``: PETRARCH2's
    "FLY * (TO)" 036, "RUSH * (TO)" 042, "COME * (TO)" 040): the subject travels to the goal.
    With a direct object (or a passive's patient) that is a thing, the same verb moves the
    thing there ("India flew the missiles to the Philippines", "it was flown to Toulouse",
    MEANTIME; "sent a rule to the White House Office", ECB+): a transfer, not a journey. The
    block's own object patterns code the transfer where they list the thing ("FLY * &FOOD" 073,
    "RUSH * AID" 070); a thing they do not list codes nothing."""
    return journey_row(entry) and moves_things(verb)


def journey_row(entry: Entry) -> bool:
    """Is ``entry`` a journey row: a verb with only a goal preposition that codes a meeting, a
    visit or an intent to meet ("FLY * (TO)" 036, "COME * (TO)" 040; ``carries_thing``)?"""
    conf = _senses()
    if entry.pos != "V" or len(entry.slots) != 2 or entry.cameo not in conf["journey_codes"]:
        return False
    return entry.slots[1] <= conf["journey_prepositions"]


def goes_to_no_party(entry: Entry, targets: Sequence[object]) -> bool:
    """Is a journey row's goal no party, so that the journey is no visit? A visit is a party
    going to another party, its country or its capital (PLOVER's CONSULT visit; PETRARCH2 codes
    "COME * (TO)" only with a target actor, its ``require_dyad``); travel to a polling station,
    a hospital, a stadium or an abstract goal leaves the goal phrase with no actor ("had come to
    the local polling station to vote", ECB+ 11_2; "travelled to the summit" frees the summit's
    own event, ``coder._freed``)."""
    return journey_row(entry) and not targets


def stative(verb: Token, lexicon: Lexicon) -> bool:
    """Is the participle ``verb`` used as the adjective the lexicon lists ("Israel is opposed to
    French mediation", "Vietnam is committed to opening up", PLOVER; "the Sixers are committed to
    Dalembert", ECB+; "we were prepared to move forward", MEANTIME)? The participle after "be"
    with no "by" agent describes how its subject stands, and the subject holds the stance: the
    adjective row (``A``), not the verb's passive, whose subject would be the one opposed."""
    if verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    # the adjective takes "to" (its rows: "opposed to", "committed to", "prepared to"): "who is
    # committed of state crimes" (ECB+) is the verb
    stance = any(c.dep_ in ("xcomp", "ccomp") or c.lower_ == "to" for c in verb.children)
    return stance and bool(lexicon.lookup("A", verb.lower_))


def modifier_object(entry: Entry, filled: list[Token]) -> bool:
    """Is the one object word of a verb pattern filled by an adjective only through the singular
    the table derives from a plural noun? PETRARCH2's "RELEASE * &INFORMATION" lists "news", which
    the compiled table also lists as "new" (a plural's singular, ``petrarch_verbs``), so "released
    the new iPhone" read as releasing information. The object is the noun; an adjective that the
    pattern lists for itself still fills the slot ("sent military personnel": &MILITARY names
    "military"), and so does a participle ("freed kidnapped tourists")."""
    if entry.pos != "V" or len(entry.slots) != 2 or not filled:
        return False
    word = filled[-1]
    if word.dep_ != "amod" or word.tag_ not in ("JJ", "JJR", "JJS"):
        return False
    return f"{word.lower_}s" in entry.slots[1]


def catenative(verb: Token) -> bool:
    """Is ``verb`` used as a catenative: a verb complement whose act its own subject does, with
    no object of the verb and no subject of the complement ("Obama helped celebrate the
    anniversary", "producers need to draw up plans"; ``events.toml [factuality]
    catenative_verbs``)? Then the complement is the event and the verb only its mode; with an
    object ("helped the rebels", "helped him oust Aoun") the verb keeps its own act."""
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False
    return any(
        c.dep_ in ("xcomp", "ccomp")
        and c.pos_ in ("VERB", "AUX")
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for c in verb.children
    )
