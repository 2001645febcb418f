"""What a question asks, read from its syntax (one spaCy parse of the question).

English interrogatives have a fixed shape (Huddleston & Pullum, *Cambridge Grammar of the English
Language*, ch. 10): a wh-phrase up front, then either the rest of the clause in declarative order
(the wh-phrase is the subject: "Who hosted the summit?") or subject–auxiliary inversion (the
wh-phrase is a non-subject: "Who did Modi speak with?", "How many countries did BRICS invite?").
A preposition left at the end ("… speak with?", "… travel to Kyiv from?") says which oblique the
wh-phrase stands for. That shape is read here without trusting the parser's label for the
wh-word itself (a small model often calls a fronted object a subject): inversion is seen as a
nominal between the wh-phrase and its verb.

The frame says
* the asked **acts**: the lexical verbs (the most embedded first: "decide to invite" → invite,
  decide), or, when every verb is light (be, have, come …: Jespersen's and Grimshaw & Mester's
  light verbs), none — the content nouns carry such a question;
* the **role** of the wh-phrase: ``agent`` (the doer: active subject, passive *by*-phrase),
  ``patient`` (active object, passive subject) or ``oblique`` with its preposition;
* the **focus** noun of the wh-phrase ("which *summit*", "how many *countries*");
* which named entities of the question are **core** arguments of the act (its subject and
  object: they must be in the supporting sentence) and which only set the scene (a
  prepositional modifier: "… at the summit", "… in Kyiv", which the article may say nearby).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from storyline.ask.query import Question, config

Span = tuple[int, int]
WH_WORDS = frozenset({"who", "whom", "whose", "what", "which", "when", "where", "why", "how"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd", "pobj"})
#: Prepositions that put an act at a place (closed class; Huddleston & Pullum ch. 7).
LOCATIVE = frozenset({"in", "at", "on", "near", "inside", "outside"})


@dataclass(frozen=True)
class Frame:
    acts: tuple[str, ...] = ()  # lemmas of the asked acts, most embedded first
    act_spans: tuple[Span, ...] = ()  # where the act words stand in the question
    role: str | None = None  # agent | patient | oblique | None (an adjunct: when, where, why)
    prep: str | None = None  # the oblique's preposition ("with", "from")
    focus: str | None = None  # lemma of the wh-phrase's head noun
    core: tuple[Span, ...] = ()  # entity spans that are the act's subject or object
    # each core span's role in the act: agent (its doer) or patient (its undergoer)
    core_roles: tuple[tuple[Span, str], ...] = ()
    scene: tuple[Span, ...] = ()  # names in a place phrase of the act ("at the SCO summit")
    passive: bool = False
    modal: bool = False  # the question asks with a modal ("Who would represent Russia?")
    light: bool = False  # every verb of the question is light: its nouns carry the act
    wh_span: Span | None = None
    nouns: tuple[str, ...] = field(default=())  # content noun lemmas outside names and focus

    @property
    def has_act(self) -> bool:
        return bool(self.acts)


@lru_cache(maxsize=512)
def parse_text(text: str) -> Doc:
    """One parse of a question (cached: the frame, the scorer and the value reader share it)."""
    from storyline.nlp import load_model

    return load_model()(text)


def read_frame(q: Question, names: Iterable[Span]) -> Frame:
    """The question's frame; ``names`` are the spans the entity index recognised as names."""
    if not q.text.strip():
        return Frame()
    doc = parse_text(q.text)
    spans = sorted(names)
    in_name = {t.i for t in doc if any(s <= t.idx < e for s, e in spans)}
    light = frozenset(config()["light_verbs"])
    wh = _wh_phrase(doc)
    wh_tokens = set(range(wh[0], wh[1])) if wh else set()
    verbs = [
        t
        for t in doc
        if t.pos_ == "VERB"
        and t.i not in in_name
        and t.i not in wh_tokens
        and t.dep_ not in ("aux", "auxpass")
        and t.lemma_.lower() not in WH_WORDS
    ]
    verbs.sort(key=_depth, reverse=True)  # "decide to invite": invite first
    lexical = [v for v in verbs if v.lemma_.lower() not in light or _particle(v)]
    main = lexical[0] if lexical else (verbs[0] if verbs else None)
    focus = _focus(doc, wh)
    passive = main is not None and any(c.dep_ in ("auxpass", "nsubjpass") for c in main.children)
    role, prep = _role(doc, wh, main, in_name, passive) if main is not None else (None, None)
    if q.kind in ("when", "where", "why", "how_much", "how_many", "how_long"):
        role = None if q.kind != "where" else role
    # only names written as names are core: a lower-case word the entity index also knows
    # ("health" in "a global health emergency") is no party to the act
    proper = [(s, e) for s, e in spans if q.text[s : s + 1].isupper()]
    roles = _core(doc, main, wh_tokens, proper, passive) if main is not None else ()
    core = tuple(span for span, _ in roles) if main is not None else tuple(proper)
    stop = frozenset(config()["stopwords"])
    nouns = tuple(
        dict.fromkeys(
            t.lemma_.lower()
            for t in doc
            if t.pos_ in ("NOUN", "PROPN")
            and t.i not in in_name
            and t.i not in wh_tokens
            and t.lemma_.lower() not in stop
        )
    )
    return Frame(
        acts=tuple(dict.fromkeys(act_name(v) for v in lexical)),
        act_spans=tuple((v.idx, v.idx + len(v.text)) for v in lexical),
        role=role,
        prep=prep,
        focus=focus,
        core=core,
        core_roles=roles,
        scene=_scene(doc, proper) if main is not None else (),
        passive=passive,
        modal=any(t.tag_ == "MD" for t in doc),
        light=bool(verbs) and not lexical,
        wh_span=(doc[wh[0]].idx, doc[wh[1] - 1].idx + len(doc[wh[1] - 1].text)) if wh else None,
        nouns=nouns,
    )


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token and depth < 50:
        token = token.head
        depth += 1
    return depth


def _wh_phrase(doc: Doc) -> tuple[int, int] | None:
    """Token range of the fronted wh-phrase: an optional preposition, the wh-word and the
    noun phrase it determines ("In which city", "How many new countries", "What share of …")."""
    first = next((t for t in doc[:3] if t.lower_ in WH_WORDS), None)
    if first is None:
        return None
    start = first.i - 1 if first.i > 0 and doc[first.i - 1].pos_ == "ADP" else first.i
    end = first.i + 1
    head = _wh_head(doc, first)
    if head is not None:
        end = max(end, max(t.i for t in head.subtree if t.i >= first.i) + 1)
    elif first.lower_ == "how" and first.i + 1 < len(doc):
        end = first.i + 2  # how much / how long
    return start, end


def _wh_head(doc: Doc, wh: Token) -> Token | None:
    """The noun a which/what/how-many phrase is about, when it has one."""
    if wh.lower_ in ("which", "what", "whose"):
        nxt = doc[wh.i + 1] if wh.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
            head = nxt
            while (
                head.i + 1 < len(doc)
                and doc[head.i + 1].pos_ in ("NOUN",)
                and (
                    doc[head.i + 1].dep_ in ("compound", "nsubj", "dobj", "ROOT", "pobj", "attr")
                    and head.dep_ == "compound"
                )
            ):
                head = doc[head.i + 1]
            return head if head.pos_ in ("NOUN", "PROPN") else None
    if wh.lower_ == "how" and wh.i + 1 < len(doc) and doc[wh.i + 1].lower_ in ("many", "much"):
        quantifier = doc[wh.i + 1]
        if quantifier.head.pos_ in ("NOUN", "PROPN") and quantifier.head.i > quantifier.i:
            return quantifier.head
        nxt = doc[wh.i + 2] if wh.i + 2 < len(doc) else None
        while nxt is not None and nxt.pos_ == "ADJ" and nxt.i + 1 < len(doc):
            nxt = doc[nxt.i + 1]
        if nxt is not None and nxt.pos_ == "NOUN":
            return nxt
    return None


def _focus(doc: Doc, wh: tuple[int, int] | None) -> str | None:
    if wh is None:
        return None
    word = next((t for t in doc[wh[0] : wh[1]] if t.lower_ in WH_WORDS), None)
    head = _wh_head(doc, word) if word is not None else None
    return head.lemma_.lower() if head is not None else None


def _role(
    doc: Doc, wh: tuple[int, int] | None, verb: Token, in_name: set[int], passive: bool
) -> tuple[str | None, str | None]:
    """The wh-phrase's role for ``verb`` (see the module docstring)."""
    stranded = _stranded_preposition(doc)
    if wh is None:
        return None, stranded
    if doc[wh[0]].pos_ == "ADP":  # "With whom …", "To which country …"
        return "oblique", doc[wh[0]].lower_
    between = [t for t in doc[wh[1] : verb.i] if t.dep_ not in ("aux", "auxpass", "neg")]
    inverted = any(t.pos_ in NOMINAL or t.i in in_name for t in between)
    if not inverted and wh[1] <= verb.i:
        return ("patient" if passive else "agent"), stranded
    if stranded is not None:
        return "oblique", stranded
    return ("agent" if passive else "patient"), None


def _stranded_preposition(doc: Doc) -> str | None:
    """A preposition left without its object at the end of the question ("… speak with?",
    "… come from?"), or one followed only by a time phrase ("… speak with the day before …")."""
    words = [t for t in doc if not t.is_punct]
    if words and words[-1].pos_ == "ADP":
        return words[-1].lower_
    for t in words:
        if (
            t.pos_ == "ADP"
            and t.dep_ in ("prep", "prt")
            and not any(c.dep_ == "pobj" for c in t.children)
        ):
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is None or nxt.is_punct or (nxt.pos_ in ("DET",) and t.dep_ == "prep"):
                return t.lower_
        if t.pos_ == "ADP" and any(
            c.dep_ == "pobj" and c.lemma_.lower() in config()["time_nouns"] for c in t.children
        ):
            return t.lower_
    return None


def act_name(verb: Token) -> str:
    """The act a verb names: its lemma, with its particle when it has one and is light on its
    own ("took over the presidency" → "take over": a phrasal verb is one lexical unit whose
    meaning the light verb alone does not carry; Quirk et al. 1985, *A Comprehensive Grammar
    of the English Language* §16.2–16.4; Huddleston & Pullum ch. 4 §6)."""
    lemma = verb.lemma_.lower()
    particle = _particle(verb)
    if particle and lemma in frozenset(config()["light_verbs"]):
        return f"{lemma} {particle}"
    return lemma


def _particle(verb: Token) -> str | None:
    return next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)


def _core(
    doc: Doc, verb: Token, wh_tokens: set[int], spans: list[Span], passive: bool
) -> tuple[tuple[Span, str], ...]:
    """Name spans that are the act's subject or object themselves (or those of its verb
    chain), each with its role: the argument's head with its name parts and conjuncts, not a
    name nested in a modifier ("Putin's terms", "a warrant against Putin", "the G20
    presidency" are about terms, a warrant and a presidency). A name hanging straight off the
    verb under another label is an argument the small parser mislabelled ("When did
    Zelenskyy visit India?" parsed with "Zelenskyy" as a compound of *visit*, "India" as an
    adverbial): word order tells its role, the subject before the verb, the object after."""
    chain = [verb]
    head = verb
    while head.dep_ in ("xcomp", "ccomp", "conj", "advcl") and head.head != head:
        head = head.head
        chain.append(head)
    named = {t.i for t in doc if any(s <= t.idx < e for s, e in spans)}
    roles: dict[int, str] = {}
    doer = "patient" if passive else "agent"  # a passive's subject undergoes the act
    for v in chain:
        for child in v.children:
            role = None
            if child.dep_ in SUBJECTS:
                role = doer
            elif child.dep_ in ("dobj", "dative", "attr"):
                role = "patient"
            elif child.dep_ in ("compound", "npadvmod", "nmod", "appos") and child.i in named:
                role = doer if child.i < v.i else "patient"
            elif child.dep_ == "agent":
                for pobj in child.children:
                    roles |= dict.fromkeys(_name_tokens(pobj) - wh_tokens, "agent")
            if role is not None:
                roles |= dict.fromkeys(_name_tokens(child) - wh_tokens, role)
        if v.dep_ == "acl" and v.head != v:  # "was Omar Haddad received by …": a participle
            role = "patient" if v.tag_ == "VBN" else "agent"  # on its noun, which it is about
            roles |= dict.fromkeys(_name_tokens(v.head) - wh_tokens, role)
    found = []
    for s, e in spans:
        role = next((r for i, r in roles.items() if s <= doc[i].idx < e), None)
        if role is not None:
            found.append(((s, e), role))
    return tuple(found)


def _scene(doc: Doc, spans: list[Span]) -> tuple[Span, ...]:
    """Name spans inside an adjunct phrase of the clause ("… meet Putin *at the SCO summit in
    Samarkand*", "arrive *in New Delhi*", "share impressions *of the Ukraine visit*"): the
    nearest preposition above the name marks no participant. Such a name sets the scene of
    the act; a name under a preposition that marks a party to it (a comitative "talks *with*
    Tusk", a goal, a source, an agent, a beneficiary, an opponent: Huddleston & Pullum ch. 7
    §2; Fillmore's cases) is one of its participants. Outside any prepositional phrase, a name
    that only modifies a common noun ("skip *the G20 summit*") sets the scene too."""
    parties = frozenset(config()["party_prepositions"])
    found = []
    for s, e in spans:
        token = next((t for t in doc if s <= t.idx < e), None)
        head = token
        while head is not None and head.head != head and head.pos_ != "ADP":
            head = head.head
        if head is not None and head.pos_ == "ADP":
            if head.lower_ not in parties:
                found.append((s, e))
        elif _modifies_common_noun(token):
            found.append((s, e))
    return tuple(found)


def _modifies_common_noun(token: Token | None) -> bool:
    """A name that only modifies a common noun of the clause ("skip *the G20 summit*",
    "reject *Putin's terms*"): the noun is the argument, and the name says which one."""
    if token is None:
        return False
    head = token
    while head.dep_ in ("compound", "flat") and head.head != head and head.head.pos_ == "PROPN":
        head = head.head
    return head.dep_ in ("compound", "poss", "amod", "nmod") and head.head.pos_ == "NOUN"


def _name_tokens(head: Token) -> set[int]:
    """The argument's head, its conjuncts ("Modi and Putin") and, when the head is a name
    itself, its name parts ("Narendra Modi"); a name modifying a common noun ("the G20
    presidency") is no argument of the act."""
    out: set[int] = set()
    for word in (head, *head.conjuncts):
        out.add(word.i)
        if word.pos_ == "PROPN":
            out |= {c.i for c in word.children if c.dep_ in ("compound", "flat")}
    return out
