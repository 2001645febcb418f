"""Per-document language analysis: one spaCy parse feeds every per-document extractor.

``analyse`` is pure (document + parse → ``DocumentAnalysis``); ``analyse_documents`` batches
the parsing through ``nlp.pipe``. Bump ``ANALYSIS_VERSION`` when an extractor's output changes:
the next build re-analyses stored documents whose analysis is older.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from storyline.entities.extract import extract_mentions
from storyline.events.extract import extract_event_mentions
from storyline.events.lexicon import Lexicon, load_lexicon
from storyline.figures.extract import extract_figures
from storyline.models import AnalysisError, Document, DocumentAnalysis, Sentence
from storyline.nlp import DEFAULT_BATCH_SIZE, load_model, parse, parse_one, sentence_spans
from storyline.pipeline.stages import DocumentStage, DocumentState
from storyline.quality.signals import document_signals
from storyline.timex.extract import extract_timexes

# 16: entity mentions: project names, title fragments, command widgets, natural features (15)
# 14: a place naming a meeting is its venue (15); 13: figures own conjoined parties (16)
# 15: figure counts in compounds, "N years of X" (16); 12: fact lines kept (20); 11: issues 14-20
# 17: event dating ("since", "when" clauses), trips, weapon deliveries (15)
# 18: event targets named inside the governed phrase, whole hyphenated names; a "where"
#     clause locates its event at the antecedent (15); present-tense weekdays look ahead
# 19: a bare surname after the full name is that person where the model missed it (15)
# 20: "the two leaders" skips one of the pair named alone in between (15)
# 21: an acronym read as an organisation or country once keeps that label in the document (15)
# 22: an agreed restriction aimed at no one stays AGREE, not THREATEN (15)
# 23: a passive relative clause names its patient; a name fills one object slot; agent nouns
#     no longer cut at "and" ("trade and commerce minister" is a minister, "trade" no actor);
#     a plan is not dated by the day its report names (15)
# 24: a passive lends no subject, its borrowed noun is the target; "shot and killed X" shares X (15)
# 25: leading, heading, directing or ruling a body is a role, not cooperation (15)
# 26: hosting codes only with a visitor, a meeting or no object: no show or ceremony (15)
# 27: an irregular past ("was found guilty") is its lemma's, not a homograph base form (15)
# 28: object constraints read a passive's subject; a person fired is dismissed, no FIGHT (15)
# 29: "checked with X" is consultation, "checked out of" a place no event (15)
# 30: no event from a sports or entertainment story (PETRARCH2 discards) (15)
# 31: a death alone is no event; "died in the clashes" makes the dead the target (15)
# 32: the prepositional phrase right after an act names its target first (15)
# 33: who is sent is no target, the recipient is; "the Xs that …" is no anaphor (15)
# 34: an act's place from the gazetteer where NER missed it, "on the sidelines of X in Y" (15)
# 35: relative clauses by pronoun ("X of ORG, which"; "Name, a noun who"); "consider X Y", "serve
#     as/time", "argued that" no events; a reverse row's doer no place modifier; a quoted base
#     form not the speaker's (15)
# 36: a person's span drops a descriptor in front (lower-case word, participle, nationality:
#     'unbeaten Russian [Alexander Povetkin]', 'Having [Jackman]'); a sentence's 'A' no initial (15)
# 37: a relational noun ("the … Strategic Partnership", "ties"; a name by its head before a
#     preposition: not "Council on Foreign Relations") is never an event's party (15)
# 38: a passive transfer's subject is what moved, its "to" phrase the target; a meeting noun under
#     a verb that codes nothing stands; "their" names a plural subject (15)
# 39: an institution's name runs on through "in" to what it is about ('… Museum of the History
#     of Ukraine in the Second World War'); a name modifying a building noun is the venue (15)
# 40: a verb with a goal phrase to a facility is in its "entering a place" sense ("checked into
#     a rehab clinic", "admitted to hospital"): no inspection, no confession; a participle's
#     noun fills no-event rows ("a statement released to …") (events/senses.py, 15)
# 41: a small clause's predicate fills PETRARCH2's naming patterns ("called him a dictator" 111);
#     SHIP/TRANSFER/TRANSPORT aid or weapons is AID, as SEND's block codes it (15)
# 42: a bare "the country"/"the nation" names the nearest country named before it (definites.py).
# 43: abbreviations a document defines (Schwartz & Hearst: "the Prime Minister's Office (PMO)")
#     are one name with its alias; a name labelled once is labelled where it recurs; a legal
#     form ('Corporation', 'LLC') makes a company (entities, 15)
# 44: a two-party event takes its other side from a reciprocal adverb's clause or the meeting it
#     continues; a source is never a target by who it names (reciprocal.py).
# 45: a thing as the object picks a verb's non-political sense ("released the new iPhone",
#     "demonstrated the chip", obj:thing); an adjective fills no one-word object slot (15)
# 46: a noun of persons from WordNet 3.0 is no thing: "released the crew/sailors/inmates" (15)
# 47: organisations the model read as a number ("the Group of Twenty", "the G-7") or missed,
#     found by the actor dictionary and the numbered-group form (known_names.py) (15)
# 48: "they" continues a plural subject; coordinated infinitives share subject and standing
#     ("agreed to resume … and to work together"); 'call' of a thing is no phone call; "cease
#     fire" is no FIGHT; "said X would A only if Y B" is a demand of Y (constructions.py) (15)
# 49: a reported clause without "that" keeps its subject, not the reporter; "according to" is
#     no accord and names no target; a charge names no party; "the coach fired" is dismissed;
#     "the people of X" is X; "the Red Sox team of A, B" is the Red Sox (events: subjects,
#     scope, collectives) (15)
# 50: the lede's day wherever the lede states it sets the story's day; an earlier day later on
#     dates its own sentence and the next; a definite event noun a clause is about ("X's visit
#     underscored …") takes no story day (events/dating.py, 15)
# 51: event mentions carry a theme, what was agreed, demanded, given or refused (themes.py) (15)
# 52: a theme's verb keeps its first prepositional phrase, not the circumstances after it
#     ("to take his seat at the leaders' table", not "… to applause"); a possessive whose
#     antecedent is no party reads "the" (events/themes.py, possessives.py, 15)
# 53: a country name of two words is a country where the model says person ("Sri Lanka", not
#     "Lanka" with the honorific "Sri"; entities/labels.py, 15)
# 54: an event the label would only gloss by its type keeps its act in the report's words
#     ("issued an arrest warrant against him", "was shot down": events/told.py) (15)
# 55: a thing acted on is no event target ("a curfew imposed on Quetta": Quetta, not the curfew);
#     attacks keep the thing they hit (15)
# 56: PETRARCH2's agent heads are actor nouns only where WordNet says they name people ("jail",
#     "crimes", "center", "progress" and "state" are no actors; petrarch_tables.py) (15)
# 57: a maker's or a line's name and its model number are one product ("the Boeing 747",
#     "Airbus A380"; entities/model_numbers.py); a surname the model typed a nationality or a
#     place is the person named in full in the document (entities/discourse_types.py); a name
#     before a company's office, or one PETRARCH2 lists as an organisation only, is an
#     organisation ("Ryanair CEO", "Primerica"; entities/labels.py); two adjacent names whose
#     joined words PETRARCH2 lists are that organisation ("Lockheed Martin"; known_names.py) (15)
# 58: a loose synonym whose own CAMEO code is the bare intent 030 ("seek", "vote") needs a dyad;
#     a report's words naming a target outside their run of names keep the gloss (told.py) (15)
# 59: a verb filed under a generic CAMEO code takes its own noun's specific code ("negotiated
#     with" is CONSULT 046 like "negotiations"; events/petrarch_tables.follow_nominals) (15)
# 60: the infinitive an attitude adjective or "look forward to" takes, and the purpose of a
#     plan, are planned; a plan given up ("abandoned their plans to") is negated (15)
# 61: the day of an act told as done ("O'Brien, fired on June 8", "was fired June 8") is not
#     after the document date: no look-ahead drift (timex/extract.dates_done_act) (15)
# 62: an act told in a clause describing a dated occasion takes the occasion's date ("the 2007
#     Oscars hosted by DeGeneres", events/occasion_dates) (15)
# 63: a vehicle or weapon acts through the operator named before it ("Israeli tanks" → Israeli),
#     an organisation through the agent noun after it ("Hamas militants" → Hamas), and a
#     journey verb moving a thing ("flew the missiles to") is no journey; "Israel is opposed to"
#     is Israel's stance; a document or an honour is no actor (15)
# 64: a name an organisation unveils, launches or releases, or an apposition calls a version or
#     a vessel, is a product, and so are its other mentions (entities/product_readings) (15)
# 65: a loose synonym of a PETRARCH2 block codes alone what its own patterns agree on
#     ("overturned" REJECT, not COERCE; "eased" RETREAT, not COOPERATE) (15)
# 66: a model designation in the plural standing as a noun ("18 777s", "the A380s") is a
#     product; a currency code after an amount ("$249 USD") is no entity (15)
# 67: the persons whose premises are acted on, the owner inside a pattern noun under "part of",
#     the speaker of a verb of saying or protest after its content, the subject of a past form
#     the parser hung on a later verb's subject; a name split at its preposition is named
#     whole (events/pointed, subjects, scope) (15)
# 68: a catenative "help"/"need" with a verb complement codes the complement's act; a journey
#     row whose goal names no actor is no visit (events/senses) (15)
# 69: a past auxiliary dates a verb of saying or deciding on its own day ("was announced
#     Friday"); a date in a present-perfect clause is not ahead of the article's; an earlier
#     plan ("as previously planned") sets no direction; a gerund or bare infinitive takes the
#     tense of the verb it hangs from; a season's name read as a verb ("continued to fall") is
#     no timex (timex) (15)
# 70: PETRARCH2's discard phrases in an event's own words drop it ("defended his IBF
#     heavyweight crown"); a bare verb row whose object is a prize or title codes nothing
#     ("will host the Oscars", "beat Pakistan to lift the title") (events/discards, senses) (15)
# 71: a discard phrase's last word may be plural ("made the playoffs"), as PETRARCH2 reads an
#     entry not marked exact as a stem (events/discards) (15)
# 72: goods arriving are their delivery ("the missiles reached the Philippines", "relief
#     supplies arrived in Gaza": AID to the destination, PETRARCH2's subject patterns; weapons
#     reaching a town were fired, not delivered); a declaration or communique adopted is
#     signed; a possessive inside a document's name is no party ("the New Delhi Leaders'
#     Declaration") (events/matching, coder, transfers, pointed) (15)
# 73: an act told twice in one document takes the finer of its nested dates: "two years after
#     Manila signed a contract … The contract, signed on January 28, 2022" (events/re_mentions) (15)
# 74: a warning of a prospect with no act or threat pattern in it is no threat ("warned there
#     could be more losses"; data/petrarch_threats.tsv); declining to speak rejects no one
#     ("declined to comment", data/petrarch_statements.tsv) (events/senses, coder) (15)
# 75: the last-resort target is only a party the coders' dictionaries know as a political actor
#     ("hit .358 with the Angels", "settling in at Morningside Recovery" take none) (events/scope,
#     political) (15)
# 76: a bare row of an act on people (arrest, expel, assault) codes nothing on a thing ("to
#     arrest global warming"); goods ordered are no demand; rallying someone is no protest
#     (events/senses, matching; plover_lexicon.tsv) (15)
# 77: factuality from the words around a clause: a negative quantifier subject or object ("no
#     team has offered"), the goal of a failed attempt, the content of a need or of a demand
#     ("the need for", "called for") or of a possibility ("fears of a recession"), the future
#     "is to", "as long as" conditions, "picked to host" (events/unrealised, factuality) (15)
# 78: a party is an actor: a product with its model number ("the Boeing 737-800"), a date, an
#     amount or a common noun of things ("the message said", "our economy") is no source or
#     target; a count heading its "of" phrase is a partitive ("90% of GM's bondholders")
#     (events/parties, arguments, coder, collectives) (15)
# 79: an agent noun in its other spellings ("protestors", "organisers", "narcoterrorist") is an
#     agent noun (text/spellings, events/lexicon, political) (15)
# 80: a participle that "as" introduces is no act ("listed X as threatened"); a participle
#     clause is passive and lends its doer to nothing; an actor object does the infinitive
#     after it; a subject infinitive borrows no speaker; the doer of a relative clause is no
#     last-resort target (events/subjects, predicatives, scope) (15)
# 81: a time after a noun phrase is its head event noun's only: not a modifier's ("cooperation
#     plan Friday"), not a thing with an event suffix ("positions"); an occasion noun in an
#     "at"/"during" phrase takes its clause's own time; a "when" clause on a time expression
#     happened at it; a main clause dated by a begun week ends the story's day, and a clause
#     dated by a time that is no calendar day ("last week") does not take it (events/
#     clause_time, dating) (15)
# 82: a "must" clause of the speaker's own side is no demand; a bare cooperation row (060) done
#     to the subject's own things, or one creator founding something, codes nothing
#     (events/matching, said_senses, party_senses) (15)
ANALYSIS_VERSION = "82"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnalysisSettings:
    """What a user may change about the per-document analysis; small and picklable, so
    worker processes and Dask workers receive it with each task."""

    event_lexicon: str | None = None  # a user TSV merged over the built-in PLOVER lexicon

    def version(self) -> str:
        """ANALYSIS_VERSION plus a digest of the user's lexicon: changing it re-analyses."""
        return _version(self.event_lexicon)


DEFAULT_SETTINGS = AnalysisSettings()


@cache
def _version(lexicon_path: str | None) -> str:
    """Read once per process: ``analyse`` asks for it with every document."""
    if lexicon_path is None:
        return ANALYSIS_VERSION
    digest = hashlib.sha256(Path(lexicon_path).read_bytes()).hexdigest()[:10]
    return f"{ANALYSIS_VERSION}+lexicon-{digest}"


@cache
def _lexicon(path: str | None) -> Lexicon | None:
    return load_lexicon(path) if path else None


def _sentences(state: DocumentState) -> list[Sentence]:
    text, doc_id = state.document.text, state.document.id
    return [
        Sentence(doc_id=doc_id, index=i, start=start, end=end, text=text[start:end])
        for i, (start, end) in enumerate(sentence_spans(state.parse))
    ]


#: The per-document stages, in the order they run (each reads only what earlier ones add).
DOCUMENT_STAGES: tuple[DocumentStage, ...] = (
    DocumentStage("sentences", frozenset({"document", "parse"}), "sentences", _sentences),
    DocumentStage(
        "timexes",
        frozenset({"document", "parse"}),
        "timexes",
        lambda s: extract_timexes(s.document, s.parse),
    ),
    DocumentStage(
        "entities",
        frozenset({"document", "parse"}),
        "mentions",
        lambda s: extract_mentions(s.document, s.parse),
    ),
    DocumentStage(
        "events",
        frozenset({"document", "parse", "timexes", "mentions", "settings"}),
        "events",
        lambda s: extract_event_mentions(
            s.document,
            s.parse,
            s.found["timexes"],
            s.found["mentions"],
            _lexicon(s.settings.event_lexicon),
        ),
    ),
    DocumentStage(
        "figures",
        frozenset({"document", "parse", "timexes"}),
        "figures",
        lambda s: extract_figures(s.document, s.parse, s.found["timexes"]),
    ),
    DocumentStage(
        "quality signals",
        frozenset({"document", "parse"}),
        "signals",
        lambda s: document_signals(s.document, s.parse),
        empty=dict,
    ),
)


def analyse(
    document: Document, parsed: Doc, settings: AnalysisSettings = DEFAULT_SETTINGS
) -> DocumentAnalysis:
    """Everything the per-document stages find in one parsed document.

    A stage that raises on this document is recorded in ``errors`` and leaves its field empty;
    the later stages and the other documents go on (one odd document never stops a build).
    """
    state = DocumentState(document=document, parse=parsed, settings=settings)
    errors: list[AnalysisError] = []
    for stage in DOCUMENT_STAGES:
        try:
            state.found[stage.adds] = stage.run(state)
        except Exception as error:
            log.warning("%s: the %s stage failed", document.id, stage.name, exc_info=True)
            errors.append(_error(document.id, stage.name, error))
            state.found[stage.adds] = stage.empty()
    return DocumentAnalysis(
        doc_id=document.id, version=settings.version(), errors=errors, **state.found
    )


def analyse_documents(
    documents: Iterable[Document],
    settings: AnalysisSettings = DEFAULT_SETTINGS,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[DocumentAnalysis]:
    """Analyses in input order; spaCy runs once over the batch (``nlp.pipe``).

    When the batch parse fails, each document is parsed on its own, so only the document that
    breaks the parser is left unanalysed (with the error recorded)."""
    nlp = load_model()
    pending = list(documents)
    done = 0
    try:
        for doc in parse((d.text for d in pending), nlp, batch_size):
            yield analyse(pending[done], doc, settings)
            done += 1
    except Exception:
        log.warning("the batch parse failed; parsing its documents one by one", exc_info=True)
        for document in pending[done:]:
            yield _analyse_alone(document, settings)


def _analyse_alone(document: Document, settings: AnalysisSettings) -> DocumentAnalysis:
    try:
        doc = parse_one(document.text)
    except Exception as error:
        log.warning("%s: the parse failed", document.id, exc_info=True)
        return DocumentAnalysis(
            doc_id=document.id,
            version=settings.version(),
            errors=[_error(document.id, "parse", error)],
        )
    return analyse(document, doc, settings)


def _error(doc_id: str, stage: str, error: Exception) -> AnalysisError:
    return AnalysisError(doc_id=doc_id, stage=stage, error=f"{type(error).__name__}: {error}")
