"""Whose act a predicate is: the subject of a verb, borrowed where the clause has none.

An infinitive or coordinated verb borrows its governor's subject ("agreed to work together"),
an object-control verb lends its object ("urged Iran to stop"), a relative clause its head noun,
a quotation its speaker ("“Spoke with …,” Modi said"). Trigger constraints ("subj:person") and
the source of an event both ask this.

A passive predicate has no subject to lend: the noun it borrows is what the act was done to
("the coach who was fired", "the fifth coach to be fired", "before being promoted", "if Boeing
is indicted or convicted"), so ``find`` gives nothing and ``patients`` gives that noun; the doer
of a passive is only its "by" phrase (``arguments``).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from storyline.events.actors import ActorResolver
from storyline.events.factuality import inside_quotes
from storyline.events.lexicon import default_lexicon, settings
from storyline.events.references import antecedent, infinitive_partner

#: Prepositions whose gerund completes a verb about its object ("accused X of -ing", "thanked X
#: for -ing", "charged X with -ing", "stopped X from -ing"); "by", "before", "after", "without"
#: tell how or when the subject acted.
CONTROLLING_PREPOSITIONS = frozenset({"of", "for", "with", "from"})
#: Prepositions that mark a passive participle's own argument ("charged with", "accused of").
PASSIVE_ARGUMENT_PREPOSITIONS = frozenset({"of", "for", "with", "by"})
#: CAMEO root codes of verbal conflict: demand, disapprove, threaten, protest.
VERBAL_CONFLICT_ROOTS = frozenset({"10", "11", "13", "14"})
#: Dependents that give a verb a subject of its own.
SUBJECT_DEPENDENTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


class SubjectFinder:
    """Subjects of verbs over one document's parse."""

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver
        self.roles = {key: frozenset(value) for key, value in settings()["roles"].items()}

    def find(self, verb: Token, depth: int = 0) -> tuple[list[Token], str]:
        """Subject tokens of a verb, borrowed from the governor for infinitives and conjuncts."""
        if is_passive(verb):
            return [], "none"
        subjects = [
            c
            for c in verb.children
            if c.dep_ in ("nsubj", "csubj") and not any(second_subject(a) for a in c.children)
        ]
        if subjects:
            relative = [s for s in subjects if s.tag_ in ("WP", "WDT")]
            if relative and verb.dep_ == "relcl":
                return [antecedent(verb)], "relative clause head"
            return subjects, "subject"
        if verb.dep_ == "ROOT" and inside_quotes(verb):
            speaker = self._quote_speaker(verb)
            if speaker:
                return speaker, "speaker of the quotation"
        if depth > 4 or verb.head == verb:
            return [], "none"
        head = verb.head
        dep = verb.dep_
        if dep == "xcomp":
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised:  # "the leaders are expected to discuss", "he was forced to resign"
                return raised, "subject of the passive governing verb"
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objects and (
                head.lemma_.lower() in self.roles["object_control"]
                or self._actor_told_to_act(verb, objects)
            ):
                return objects, "object of the governing verb"
            found, _ = self.find(head, depth + 1)
            return found, "subject of the governing verb"
        if dep == "conj":
            partner = infinitive_partner(verb)
            if partner is not None:
                found, _ = self.find(partner, depth + 1)
                return found, "subject of the coordinated infinitive"
            if is_passive(head):  # "he was arrested and fled": the one arrested fled
                return self.patients(head, depth + 1), "passive subject of the coordinated verb"
            found, _ = self.find(head, depth + 1)
            return found, "subject of the coordinated verb"
        if dep == "pcomp" and head.lower_ in CONTROLLING_PREPOSITIONS:
            objects = [c for c in head.head.children if c.dep_ in ("dobj", "dative")]
            if objects and head.head.pos_ == "VERB":
                # "accused Russia of shelling", "charged him with killing", "thanked Putin for
                # hosting": the verb's object is who does the gerund, not its subject
                return objects, "object of the verb the phrase completes"
        if dep == "advcl" and subject_infinitive(verb):
            return [], "none"
        if dep in ("advcl", "pcomp") or (dep == "acomp" and head.pos_ == "AUX"):
            governor = head
            while governor.pos_ not in ("VERB", "AUX") and governor.head != governor:
                governor = governor.head
            found, _ = self.find(governor, depth + 1)
            return found, "subject of the main clause"
        if dep == "acl":
            if postposed_report(verb):  # "…, a human rights group protested here Wednesday"
                return [head], "subject of a clause told after its content"
            if second_subject(verb):  # "Her lawyer negotiated with …, and the actress traveled"
                return [head], "subject the parser gave a later verb"
            if verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children):
                return [], "none"
            if not self.resolver.is_actorish(head) and head.dep_ in ("dobj", "pobj", "attr"):
                governor = head.head
                while governor.pos_ not in ("VERB", "AUX") and governor.head != governor:
                    governor = governor.head
                found, _ = self.find(governor, depth + 1)
                return found, "subject of the verb whose object the clause describes"
            return [head], "noun the clause describes"
        if dep == "relcl":
            return [head], "relative clause head"
        misread = misread_subject(verb)
        if misread is not None:
            return [misread], "object the parser gave the reporting verb"
        finite = verb.tag_ != "VB"
        if (
            dep == "ccomp"
            and finite
            and not any(c.dep_ in ("nsubjpass", "expl") for c in verb.children)
        ):
            # a subjectless quote ("“Spoke with President Putin,” Modi said"); a passive
            # clause under a reporting verb is complete: "… was bombed, officials said" was not
            # bombed by the officials; and a base form ("…: protect our wildlife,” said X",
            # "“To admit …, but then deny it …, is shameful,” said X") is an infinitive or an
            # imperative, whose doer is not the speaker
            speaker = [c for c in head.children if c.dep_ == "nsubj"]
            if speaker and head.lemma_.lower() in settings()["factuality"]["reporting_verbs"]:
                return speaker, "speaker of the quoted clause"
        return [], "none"

    def _actor_told_to_act(self, infinitive: Token, objects: list[Token]) -> bool:
        """Does a verb's actor object do its "to"-infinitive, whatever the verb? "directed
        federal agencies to continue consulting", "prompting the riot squad officers to fire
        back" (ECB+), "prompting Apple Corps to file suit" (MEANTIME), "implore his country to
        fight on", "hired an investment banking firm to assist" (TimeBank): the object is the
        infinitive's subject. A thing object leaves the infinitive to the verb's subject ("used
        force to disperse"): only the listed control verbs lend one ([roles] object_control)."""
        to_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.children)
        return to_infinitive and all(self.resolver.is_actorish(o) for o in objects)

    def patients(self, verb: Token, depth: int = 0) -> list[Token]:
        """What a passive predicate was done to: its passive subject (the head noun for "who"),
        the noun a passive relative or participle describes, the passive conjunct's, or the
        subject the clause borrows ("X spent years there before being promoted")."""
        if not is_passive(verb) or depth > 4:
            return []
        direct = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
        relative = verb.dep_ == "relcl" and any(c.tag_ in ("WP", "WDT") for c in direct)
        if direct and not relative:
            return direct
        head, dep = verb.head, verb.dep_
        if dep in ("relcl", "acl") and head != verb:
            return [antecedent(verb)]
        if dep == "conj" and head != verb:
            if is_passive(head):
                return self.patients(head, depth + 1)
            return self.find(head, depth + 1)[0]
        misread = misread_subject(verb)
        if misread is not None:  # "said the purchase, rejected by regulators, was aimed at …"
            return [misread]
        if dep in ("xcomp", "advcl", "pcomp") and head != verb:
            governor = head
            while governor.pos_ not in ("VERB", "AUX") and governor.head != governor:
                governor = governor.head
            # the clause's subject, whatever its voice: "was given two extra life sentences
            # after being convicted" (ECB+), "had probably been killed soon after being
            # captured" (TimeBank)
            return self.find(governor, depth + 1)[0] or self.patients(governor, depth + 1)
        return []

    def _quote_speaker(self, verb: Token) -> list[Token]:
        """The subject of the reporting verb after a quotation ("“Spoke with …,” Modi said")."""
        reporting = settings()["factuality"]["reporting_verbs"]
        doc = verb.doc
        sentence = verb.sent
        following = [sentence]
        if sentence.end < len(doc):
            following.append(doc[sentence.end].sent)
        for sent in following:
            for token in sent:
                if token.i <= verb.i or token.lemma_.lower() not in reporting:
                    continue
                subjects = [c for c in token.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
                if subjects and not inside_quotes(token):
                    return subjects
        return []


def stance_holders(participle: Token) -> list[Token]:
    """The subject of a participle used as an adjective ("Israel is opposed to …"), wherever the
    parser hangs it: on the participle, or on its "be" ("Poland" under "is" when the clause is
    the complement of a reporting verb)."""
    holders = [c for c in participle.children if c.dep_ in ("nsubj", "nsubjpass")]
    for aux in participle.children:
        if aux.dep_ == "auxpass":
            holders += [c for c in aux.children if c.dep_ in ("nsubj", "nsubjpass")]
    return holders


def is_passive(verb: Token) -> bool:
    """A passive predicate: a passive subject or auxiliary ("was fired", "to be fired", "being
    promoted"), a participle sharing a passive conjunct's auxiliary ("is indicted or
    convicted"), or a bare participle describing a noun ("soldiers trained by the US")."""
    children = list(verb.children)
    if any(c.dep_ in ("nsubjpass", "csubjpass", "auxpass") for c in children):
        return True
    # a past form modifying a noun is its participle, whatever the tagger says: "the fifth
    # coach fired this season" (ECB+, tagged VBD), "soldiers trained by the US"
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ == "acl")
    if participle and (postposed_report(verb) or second_subject(verb)):
        return False
    own = ("nsubj", "aux", "dobj", "dative")
    bare = participle and not any(c.dep_ in own for c in children)
    if bare and verb.dep_ == "conj" and verb.head != verb:
        return is_passive(verb.head)
    if verb.dep_ == "conj" and verb.tag_ == "VBD" and not any(c.dep_ in own for c in children):
        # a past form coordinated with a participle clause is a participle too: "held under
        # … and intended to increase" (a finite "he was arrested and fled" has its own "was")
        return participle_clause(verb.head)
    return bare and (verb.dep_ == "acl" or participle_clause(verb))


def participle_clause(verb: Token) -> bool:
    """A past participle heading a clause with no subject, auxiliary or object of its own is
    passive: the subject it borrows from the clause it hangs on is what the act was done to,
    never its doer. "Rescued on Nov. 25 by fishermen off the Florida coast, Elian has become
    …" (TimeBank), "Rebuked by Eriador, the state's fiercest foe, Osgiliath is being drawn into
    …" (PETRARCH's unit tests), "the election, held under … a new constitution approved in
    September and intended to increase parliament's powers" (ECB+)."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj", "dative")
            for c in verb.children
        )
    )


def subject_infinitive(verb: Token) -> bool:
    """A "to"-infinitive opening the clause of a verb that has no subject of its own is that
    verb's subject, which the parser hung as an adverbial clause: "“To finally admit …, but then
    deny it the protections …, is nothing other than irresponsible,” said X" (ECB+), "``To say
    this is a great day for Alabama is a monumental understatement" (MEANTIME). Its doer is
    anyone, not the subject or speaker the governing clause borrows; an infinitive of purpose
    leaves its governor a subject ("To make them comparable, each index is …", TimeBank)."""
    head = verb.head
    if head == verb or verb.i > head.i:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return not any(c.dep_ in SUBJECT_DEPENDENTS for c in head.children)


def second_subject(verb: Token) -> bool:
    """A past form the parser hung as a participle on a subject it gave to a later verb that
    has a subject of its own: "Her lawyer negotiated with court officials …, and the actress
    traveled to Rancho Mirage" (ECB+: "lawyer" and "actress" both subjects of "traveled"), "The
    challenger held on to survive, but this was …" (ECB+), "Weisfield's rocketed 9 1/2 to 39
    after the operator said …" (TimeBank). A verb has one subject, so the past form is the
    finite verb of its own clause and the noun its subject. A participle with an agent ("the
    strategies adopted by Boeing", MEANTIME) or on an apposition after a comma ("a body linked
    to the OAU", PLOVER) stays one."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or noun.dep_ != "nsubj":
        return False
    if noun.i > verb.i or any(c.dep_ == "agent" for c in verb.children):
        return False
    opening = noun.left_edge
    if opening.i > 0 and opening.nbor(-1).text == ",":
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN", "PRON") and c != noun
        for c in noun.head.children
    )


def postposed_report(verb: Token) -> bool:
    """A verb of saying or protest the parser hung, as a participle, on an apposition closing
    the sentence after a comma: the finite verb of a clause whose subject is that noun, told
    after what it says. "Croatian authorities are failing to uphold the property rights of
    Croatian Serb refugees, a human rights group protested here Wednesday" (PLOVER), "… was a
    barracks of the elite Republican Guard, a well-placed source told The Associated Press"
    (TimeBank). A participle describing a noun stays one ("the fifth coach fired this season",
    ECB+: no verb of saying; "a man charged with murder": PETRARCH2 also codes "charge" as an
    arrest, and its "with" marks the passive's argument)."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.dep_ != "appos" or noun.i > verb.i:
        return False
    opening = noun.left_edge
    if opening.i == 0 or opening.nbor(-1).text != ",":
        return False
    if any(c.dep_ == "agent" or c.lower_ in PASSIVE_ARGUMENT_PREPOSITIONS for c in verb.children):
        return False
    rest = verb.doc[verb.right_edge.i + 1 : verb.sent.end]
    return all(t.is_punct for t in rest) and speech_verb(verb.lemma_.lower())


@cache
def speech_verb(lemma: str) -> bool:
    """A reporting verb ([factuality] reporting_verbs), or a verb PETRARCH2's CAMEO dictionary
    codes, alone, only as a verbal act of conflict: a demand, a disapproval, a threat or a
    protest (CAMEO 10, 11, 13, 14): "complained", "protested", "warned", "denounced"."""
    if lemma in settings()["factuality"]["reporting_verbs"]:
        return True
    roots = {
        (entry.cameo or "")[:2]
        for entry in default_lexicon().candidates("V", lemma)
        if len(entry.slots) == 1
    }
    return bool(roots) and roots <= VERBAL_CONFLICT_ROOTS


def misread_subject(clause: Token) -> Token | None:
    """The subject of a reported clause that the parser hung on the reporting verb as its
    object, when the reporter dropped "that": "Lynch reported the Red Sox team … offered
    Teixeira a deal" (ECB+), "said the purchase, subsequently rejected by regulators, was aimed
    at …" (TimeBank) — the reporter is the source of the report, never the doer of the act
    reported. The object must end where the subjectless clause begins; a clause opened by "that"
    or "whether" is complete, and its reporting verb's object is the hearer ("told his Cabinet
    on Sunday that Israel was willing …")."""
    head = clause.head
    if clause.dep_ != "ccomp" or head == clause or clause.i < head.i:
        return None
    if head.lemma_.lower() not in settings()["factuality"]["reporting_verbs"]:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "mark") for c in clause.children):
        return None
    objects = [c for c in head.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
    if len(objects) != 1 or objects[0].i > clause.i:
        return None
    between = clause.doc[objects[0].right_edge.i + 1 : clause.left_edge.i]
    if any(not (t.is_punct or t.dep_ in ("aux", "auxpass", "neg", "advmod")) for t in between):
        return None
    return objects[0]
