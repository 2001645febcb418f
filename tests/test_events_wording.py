"""One act re-told in the same words across the articles of one story is one event
(``events.wording``), and a person named inside a longer name is that person
(``canonical_actors.same_people``)."""

from __future__ import annotations

from storyline.events.canonical_actors import same_organisations, same_people
from storyline.events.merge import merge_events
from storyline.events.wording import compared_mode, report_words, trigger_word
from storyline.models import Actor, EventMention
from tests.event_builders import document, entity, mention, named, phrase, provenance

DOCS = [document(d) for d in "ABC"]
ONE_STORY = {"A": "s1", "B": "s1", "C": "s1"}


ENTITIES = [
    entity("e:gibson", "Mel Gibson", "PERSON", [(d, 10, "Gibson") for d in "ABC"]),
    entity("e:promises", "Promises Malibu", "ORG", [("A", 40, "Promises Malibu")]),
    entity("e:sierra", "Sierra Tucson", "ORG", [("C", 40, "Sierra Tucson")]),
]
CHECK = "petrarch:V:check[dyad]"


def test_trigger_word_is_the_lexicon_row_whichever_table_it_came_from() -> None:
    assert trigger_word("petrarch:V:check[dyad]") == trigger_word("V:check") == "V:check"
    assert trigger_word("user:V:snub") == "V:snub"
    assert trigger_word("V:speak+to|with") == "V:speak+to|with"
    assert trigger_word("V:meet") != trigger_word("V:meet+with")


def test_one_act_told_in_the_same_words_by_two_articles_of_a_story_is_one_event() -> None:
    # the second report names only one party; the words are those of the first
    first = mention(
        "A", "Gibson checked into Promises Malibu on the advice of his doctors.", CHECK,
        [named("Gibson", 10)], [named("Promises Malibu", 40)],
    )  # fmt: skip
    second = mention(
        "B", "Gibson checked into a rehabilitation clinic, his spokesman said.", CHECK,
        [named("Gibson", 10)], [phrase("a rehabilitation clinic", 40)],
    )  # fmt: skip
    (event,) = merge_events([first, second], ENTITIES, DOCS, stories=ONE_STORY)
    assert event.documents == ["A", "B"]
    # outside one story, or told with another word, one shared actor is not enough
    assert len(merge_events([first, second], ENTITIES, DOCS)) == 2
    other_word = second.model_copy(update={"rule": "V:enter", "trigger": "entered"})
    assert len(merge_events([first, other_word], ENTITIES, DOCS, stories=ONE_STORY)) == 2
    # a dated report's date tells its occurrence: the word alone does not give it an undated one
    dated = first.model_copy(update={"date": "2010-04-02", "date_basis": "timex"})
    assert len(merge_events([dated, second], ENTITIES, DOCS, stories=ONE_STORY)) == 2


def test_the_same_words_with_another_named_party_are_another_act() -> None:
    # "checked into" twice in one story: two clinics, two stays
    first = mention(
        "A", "Gibson checked into Promises Malibu on the advice of his doctors.", CHECK,
        [named("Gibson", 10)], [named("Promises Malibu", 40)],
    )  # fmt: skip
    later = mention(
        "C", "Gibson checked into Sierra Tucson after leaving the Malibu clinic.", CHECK,
        [named("Gibson", 10)], [named("Sierra Tucson", 40)],
    )  # fmt: skip
    assert len(merge_events([first, later], ENTITIES, DOCS, stories=ONE_STORY)) == 2


def test_reports_naming_no_one_join_only_in_the_same_words() -> None:
    def killed(doc_id: str, victims: str, rule: str = "V:kill") -> EventMention:
        return mention(
            doc_id, f"A gunman killed {victims} at the courthouse.", rule,
            [phrase("gunman", 2)], [phrase(victims, 16)], type_="ASSAULT",
        )  # fmt: skip

    (event,) = merge_events(
        [killed("A", "four people"), killed("B", "four people")], [], DOCS, stories=ONE_STORY
    )
    assert event.documents == ["A", "B"]
    # other victims, another trigger, or no common story: not the same act
    pairs = [
        [killed("A", "four people"), killed("B", "two deputies")],
        [killed("A", "four people"), killed("B", "four people", rule="V:shoot")],
    ]
    for pair in pairs:
        assert len(merge_events(pair, [], DOCS, stories=ONE_STORY)) == 2
    assert (
        len(merge_events([killed("A", "four people"), killed("B", "four people")], [], DOCS)) == 2
    )


def test_a_person_named_inside_a_longer_name_is_that_person() -> None:
    people = [
        entity("e:1", "Ellen DeGeneres", "PERSON", [("A", 0, "Ellen DeGeneres")]),
        entity("e:2", "Comedian Ellen DeGeneres", "PERSON", [("B", 0, "Comedian Ellen")]),
        entity("e:3", "Theo Epstein", "PERSON", [("A", 20, "Theo Epstein")]),
        entity("e:4", "GM Theo Epstein", "PERSON", [("B", 20, "GM Theo Epstein")]),
        entity("e:5", "Epstein", "PERSON", [("C", 20, "Epstein")]),
        entity("e:6", "Tara Reid", "PERSON", [("A", 40, "Tara Reid")]),
        entity("e:7", "Richard Reid", "PERSON", [("B", 40, "Richard Reid")]),
        entity("e:8", "Reid", "PERSON", [("C", 40, "Reid")]),
        entity("e:9", "Ellen", "GPE", [("C", 60, "Ellen")]),
    ]
    assert same_people(people) == {"e:2": "e:1", "e:4": "e:3", "e:5": "e:3"}


def test_a_title_in_one_report_of_a_person_does_not_split_the_event() -> None:
    people = [
        entity("e:ellen", "Ellen DeGeneres", "PERSON", [("A", 0, "Ellen DeGeneres")]),
        entity("e:comedian", "Comedian Ellen DeGeneres", "PERSON", [("B", 0, "Comedian Ellen")]),
        entity("e:oscars", "Oscars", "ORG", [(d, 40, "Oscars") for d in "AB"]),
    ]

    def hosted(doc_id: str, name: str) -> EventMention:
        return mention(
            doc_id, f"{name} hosted the Oscars in 2007.", "V:host[obj:party]",
            [named(name, 0)], [named("Oscars", 40)], type_="CONSULT", mode="host",
        ).model_copy(update={"date": "2007", "date_basis": "timex"})  # fmt: skip

    (event,) = merge_events(
        [hosted("A", "Ellen DeGeneres"), hosted("B", "Comedian Ellen")], people, DOCS
    )
    assert [a.name for a in event.source] == ["Ellen DeGeneres"]


def test_the_fuller_name_speaks_for_a_person_unless_it_begins_with_a_descriptor() -> None:
    """A given name or an initial before a surname of two words ("Cheryl Boone Isaacs", "H.
    Dale Hall") is part of the name, so the shorter second reference takes the full name; a
    descriptor (lower case, an acronym, a capital owed to the sentence start) is dropped."""
    people = [
        entity("e:full", "Cheryl Boone Isaacs", "PERSON",
               [(d, 30, "Cheryl Boone Isaacs") for d in "AB"]),
        entity("e:short", "Boone Isaacs", "PERSON", [(d, 60, "Boone Isaacs") for d in "ABC"]),
        entity("e:surname", "Isaacs", "PERSON", [("C", 90, "Isaacs")]),
        entity("e:hall", "H. Dale Hall", "PERSON", [("A", 120, "H. Dale Hall")]),
        entity("e:dale", "Dale Hall", "PERSON", [("B", 120, "Dale Hall")]),
        entity("e:boxer", "unbeaten Alexander Povetkin", "PERSON",
               [("A", 150, "unbeaten Alexander Povetkin")]),
        entity("e:povetkin", "Alexander Povetkin", "PERSON", [("B", 150, "Alexander Povetkin")]),
    ]  # fmt: skip
    assert same_people(people) == {
        "e:short": "e:full", "e:surname": "e:full", "e:dale": "e:hall", "e:boxer": "e:povetkin",
    }  # fmt: skip
    # two fuller names for one shorter name: which one it is stays open
    rival = entity("e:rival", "Maria Boone Isaacs", "PERSON", [("C", 10, "Maria Boone Isaacs")])
    found = same_people([*people, rival])
    assert "e:short" not in found and "e:full" not in found and "e:rival" not in found


def test_the_same_report_in_articles_without_a_date_joins_across_stories() -> None:
    """Story clustering places an article with no publication date by its words alone, so two
    such articles in two stories may tell one act: the same word, the same parties in the same
    roles join (``wording.same_report``); a dated article's story line stands."""
    entities = [
        entity("e:gibson", "Mel Gibson", "PERSON", [(d, 10, "Gibson") for d in "AC"]),
        entity("e:promises", "Promises Malibu", "ORG", [(d, 40, "Promises Malibu") for d in "AC"]),
    ]

    def checked(doc_id: str, rule: str = CHECK) -> EventMention:
        return mention(
            doc_id, "Gibson checked into Promises Malibu, his publicist said on Monday.", rule,
            [named("Gibson", 10)], [named("Promises Malibu", 40)],
        )  # fmt: skip

    two_stories = {"A": "s1", "C": "s2"}
    (event,) = merge_events([checked("A"), checked("C")], entities, DOCS, stories=two_stories)
    assert event.documents == ["A", "C"]
    # another word for it, or roles turned round, is not the same report
    entered = checked("C", rule="V:enter")
    assert len(merge_events([checked("A"), entered], entities, DOCS, stories=two_stories)) == 2
    turned = checked("C").model_copy(
        update={"source": [named("Promises Malibu", 40)], "target": [named("Gibson", 10)]}
    )
    assert len(merge_events([checked("A"), turned], entities, DOCS, stories=two_stories)) == 2
    # dated articles: their stories were told apart by their days too
    dated = [d.model_copy(update={"published": "2008-12-01"}) for d in DOCS]
    found = merge_events([checked("A"), checked("C")], entities, dated, stories=two_stories)
    assert len(found) == 2


def test_an_organisation_named_without_its_place_is_the_one_named_with_it() -> None:
    orgs = [
        entity("e:ny", "New York Yankees", "ORG", [("A", 0, "New York Yankees")]),
        # the article that names the team in full drops the place later on
        entity("e:yankees", "Yankees", "ORG", [("A", 40, "Yankees"), ("B", 0, "Yankees")]),
        entity("e:wapo", "Washington Post", "ORG", [("A", 30, "Washington Post")]),
        # an article naming the paper's place reads "the Post" as that place's paper
        entity("e:post", "Post", "ORG", [("B", 30, "Post")]),
        entity("e:washington", "Washington", "GPE", [("B", 50, "Washington")]),
        # two courts named with a place: which one "Superior Court" is stays open ...
        entity("e:la", "Los Angeles Superior Court", "ORG", [("A", 60, "Los Angeles Superior")]),
        entity("e:oc", "Orange County Superior Court", "ORG", [("B", 60, "Orange County")]),
        entity("e:court", "Superior Court", "ORG", [("A", 99, "Superior"), ("B", 99, "Superior")]),
        # ... unless its article names one court's place and no other's
        entity("e:court2", "High Court", "ORG", [("C", 60, "High Court")]),
        entity("e:oc2", "Orange County High Court", "ORG", [("D", 60, "Orange County")]),
        entity("e:la2", "Los Angeles High Court", "ORG", [("E", 60, "Los Angeles High")]),
        entity("e:county", "Orange County", "GPE", [("C", 0, "Orange County")]),
        # a nationality is no place: "Foreign Ministry" may be any country's
        entity("e:rus", "Russian Foreign Ministry", "ORG", [("A", 90, "Russian Foreign")]),
        entity("e:mfa", "Foreign Ministry", "ORG", [("B", 90, "Foreign Ministry")]),
    ]
    assert same_organisations(orgs) == {
        "e:yankees": "e:ny", "e:post": "e:wapo", "e:court2": "e:oc2"
    }  # fmt: skip


def test_a_short_name_is_not_another_articles_body_named_with_a_place() -> None:
    """MEANTIME's tanker reports write the USAF as "the Air Force" and "United States Air
    Force" while one of them lists the "UAE Air Force" among Airbus's clients; ECB+'s Atlanta
    reports write "Superior Court" where the Lohan reports of the same pile write "Los
    Angeles Superior Court". Neither short name is the other article's body."""
    air_force = entity(
        "e:usaf", "Air Force", "ORG", [("T1", 0, "United States Air Force"), ("T2", 9, "Air Force")]
    )
    orgs = [
        air_force,
        entity("e:uae", "UAE Air Force", "ORG", [("T2", 90, "UAE Air Force")]),
        entity("e:la", "Los Angeles Superior Court", "ORG", [("L1", 5, "Los Angeles Superior")]),
        entity("e:court", "Superior Court", "ORG", [("A1", 60, "Superior Court")]),
        entity("e:los-angeles", "Los Angeles", "GPE", [("L1", 0, "Los Angeles")]),
        entity("e:atlanta", "Atlanta", "GPE", [("A1", 0, "Atlanta")]),
    ]
    assert same_organisations(orgs) == {}


def test_a_team_named_without_its_city_does_not_split_the_offer() -> None:
    orgs = [
        entity("e:ny", "New York Yankees", "ORG", [("A", 0, "New York Yankees")]),
        entity("e:yankees", "Yankees", "ORG", [("B", 0, "Yankees")]),
        entity("e:cc", "CC Sabathia", "PERSON", [(d, 40, "CC Sabathia") for d in "AB"]),
    ]

    def offered(doc_id: str, team: str) -> EventMention:
        return mention(
            doc_id, f"{team} offered CC Sabathia a six-year contract.", "petrarch:V:offer",
            [named(team, 0)], [named("CC Sabathia", 40)], type_="AGREE",
        )  # fmt: skip

    found = merge_events(
        [offered("A", "New York Yankees"), offered("B", "Yankees")], orgs, DOCS, stories=ONE_STORY
    )
    assert [[a.name for a in e.source] for e in found] == [["New York Yankees"]]


def test_a_mode_joins_reports_across_articles_only_where_it_names_the_occasion() -> None:
    """A call's mode is its occasion; a material act's mode is only its means: one service's
    seizure and its capture, told undated by two articles of one story, are two acts, unless
    told in the same word; told in one article they stay two (a material conflict: one article
    tells several by one party, ``wording.material_conflict_types``)."""
    entities = [entity("e:kws", "Kenya Wildlife Service", "ORG", [(d, 10, "KWS") for d in "AB"])]
    service = named("KWS", 10)

    def seized(doc_id: str, rule: str = "petrarch:V:seize", words: str = "seized") -> EventMention:
        return mention(
            doc_id, f"The KWS {words} two tonnes of ivory at the port of Mombasa.", rule,
            [service], [phrase("two tonnes of ivory", 40)], type_="COERCE", mode="confiscate",
        )  # fmt: skip

    captured = mention(
        "B", "The KWS captured three poachers in Tsavo East on patrol.",
        "petrarch:V:capture[dyad]", [service], [phrase("three poachers", 40)],
        type_="COERCE", mode="confiscate",
    )  # fmt: skip
    assert len(merge_events([seized("A"), captured], entities, DOCS, stories=ONE_STORY)) == 2
    # the same word in both articles: one act; two words in one article: still two acts
    assert len(merge_events([seized("A"), seized("B")], entities, DOCS, stories=ONE_STORY)) == 1
    in_one = captured.model_copy(update={"provenance": provenance("A", 5, "The KWS captured …")})
    assert len(merge_events([seized("A"), in_one], entities, DOCS, stories=ONE_STORY)) == 2
    # a call: "telephoned" and "spoke by phone" in two articles are one call
    called = mention(
        "A", "Gibson telephoned his sponsor late on Sunday night.", "V:telephone",
        [named("Gibson", 10)], [phrase("his sponsor", 40)], type_="CONSULT", mode="phone",
    )  # fmt: skip
    spoke = mention(
        "B", "Gibson spoke by phone with a counsellor, his spokesman said.", "V:speak+to|with",
        [named("Gibson", 10)], [phrase("a counsellor", 40)], type_="CONSULT", mode="phone",
    )  # fmt: skip
    assert len(merge_events([called, spoke], ENTITIES, DOCS, stories=ONE_STORY)) == 1


def test_one_article_joins_two_words_of_one_statement_not_two_material_acts() -> None:
    """Undated, in one article, one shared party and one modeless type: "Gibson rejected …" and
    later "Gibson refused …" are one statement, but "Comeaux forced them to drive" and "Comeaux
    restrained the officers" (ECB+ 3_4) are two acts: an article tells several material acts
    of one kind by one party (TimeBank's APW19990507.0207: Kopp a suspect in "three non-fatal
    sniper attacks … and one near Rochester")."""
    party = [named("Gibson", 10)]

    def told(rule: str, sentence: str, type_: str) -> EventMention:
        return mention("A", sentence, rule, party, [], type_=type_)

    statement = [
        told("V:reject", "Gibson rejected the claims.", "REJECT"),
        told("V:refuse", "Gibson refused the claims outright.", "REJECT"),
    ]
    assert len(merge_events(statement, ENTITIES, DOCS)) == 1
    acts = [
        told("V:force", "Gibson forced the guards to drive.", "COERCE"),
        told("V:restrain", "Gibson restrained the two officers.", "COERCE"),
    ]
    assert len(merge_events(acts, ENTITIES, DOCS)) == 2


def test_within_one_article_a_material_acts_mode_is_not_enough_its_word_is() -> None:
    """ "was convicted" and "received two additional life sentences" (ECB+ 3_2, COERCE arrest
    both) are two acts of one article; "convicted" told again in another article of the story
    is the same conviction. A call's mode names the occasion and is enough (``same_mode``)."""
    party = [named("Gibson", 10)]

    def told(doc: str, rule: str, sentence: str, type_: str, mode: str) -> EventMention:
        return mention(doc, sentence, rule, party, [], type_=type_, mode=mode)

    convicted = told("A", "V:convict", "Gibson was convicted of assault.", "COERCE", "arrest")
    sentenced = told(
        "A", "V:receive+sentence", "Gibson received two sentences.", "COERCE", "arrest"
    )
    assert len(merge_events([convicted, sentenced], ENTITIES, DOCS)) == 2
    again = told("B", "V:convict", "Gibson was convicted in 1999.", "COERCE", "arrest")
    assert len(merge_events([convicted, again], ENTITIES, DOCS, stories=ONE_STORY)) == 1
    calls = [
        told("A", "V:call", "Gibson called his lawyer twice.", "CONSULT", "phone"),
        told("A", "V:phone", "Gibson phoned his lawyer again.", "CONSULT", "phone"),
    ]
    assert len(merge_events(calls, ENTITIES, DOCS)) == 1


def test_a_bare_verb_row_counts_its_petrarch_synonym_set_as_its_word() -> None:
    # PETRARCH2 files "arrest", "capture", "catch" in one synonym set (APPREHEND)
    assert report_words("petrarch:V:capture[dyad]") & report_words("petrarch:V:arrest")
    assert report_words("petrarch:V:catch[dyad]") & report_words("petrarch:V:capture")
    # a hand row names its own act ("charged" as an arrest is not "convicted")
    assert report_words("V:charge[obj:actor]") == {"V:charge"}
    assert not report_words("V:charge[obj:actor]") & report_words("petrarch:V:convict")
    # a phrase row is its own word; a noun row has no verb set; other sets stay apart
    assert report_words("petrarch:V:take+into+custody") == {"V:take+into+custody"}
    assert report_words("N:arrest") == {"N:arrest"}
    assert not report_words("petrarch:V:capture[dyad]") & report_words("petrarch:V:steal")


def test_one_capture_told_as_arrested_and_captured_is_one_event() -> None:
    # the dictionary codes "captured" by its set's default (seizing property) and "arrested" as
    # an arrest: two modes of one act, told by two articles of one story, undated
    navy = [entity("e:navy", "Indian Navy", "ORG", [(d, 10, "Indian Navy") for d in "ABC"])]
    captured = mention(
        "A", "The Indian Navy captured 23 pirates in the Gulf of Aden.",
        "petrarch:V:capture[dyad]", [named("Indian Navy", 10)], [phrase("pirates", 40)],
        type_="COERCE", mode="confiscate",
    )  # fmt: skip
    arrested = mention(
        "B", "The Indian Navy arrested the pirates after a chase.", "petrarch:V:arrest",
        [named("Indian Navy", 10)], [phrase("the pirates", 40)], type_="COERCE", mode="arrest",
    )  # fmt: skip
    (event,) = merge_events([captured, arrested], navy, DOCS, stories=ONE_STORY)
    assert event.documents == ["A", "B"]
    # a verb of another synonym set ("stole") is another act of the same party
    stole = arrested.model_copy(update={"rule": "petrarch:V:steal", "mode": "confiscate"})
    assert len(merge_events([captured, stole], navy, DOCS, stories=ONE_STORY)) == 2
    # nor do two stories join on it
    assert len(merge_events([captured, arrested], navy, DOCS)) == 2


def test_a_seizure_compares_as_an_arrest_only_when_it_seizes_people() -> None:
    def seized(target: Actor) -> EventMention:
        return mention(
            "A", "The KWS seized them at the port.", "petrarch:V:seize[dyad]", [named("KWS", 0)],
            [target], type_="COERCE", mode="confiscate",
        )  # fmt: skip

    assert compared_mode(seized(phrase("three poachers", 20))) == "COERCE.arrest"
    assert compared_mode(seized(phrase("Somali pirates", 20))) == "COERCE.arrest"
    assert compared_mode(seized(phrase("two tonnes of ivory", 20))) == "COERCE.confiscate"
    assert compared_mode(seized(named("Gulf of Aden", 20))) == "COERCE.confiscate"
