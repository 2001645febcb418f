"""The ``summary`` and ``ask`` areas.

Summary dates: a dated summary sentence (corpus summary and story summaries, each source
sentence and date once) whose first evidence sentence holds an anchor sentence must carry a date
that fits one of the anchored gold events.

Ask: the answer a user sees is what ``storyline ask`` prints as the answer: ``Answer.text`` and,
when the answer has a value, the value line (``kind: value``); the cited sentences are evidence,
not the answer, and are not searched for ``accept`` strings. "Declined" is ``Answer.found`` being
false. For a conflict question the values are told apart by the first number of each ``accept``
string (``85 per cent`` / ``85%`` are one value, ``80 per cent`` another); a value is surfaced
when one of its strings occurs anywhere in the printed output, cited sentences included.
"""

from __future__ import annotations

import re
from collections import defaultdict

from storyline.evaluation.briefing.gold import Gold, GoldQuestion
from storyline.evaluation.briefing.matching import Anchors, date_text
from storyline.evaluation.briefing.scorecard import Scorecard, short
from storyline.evaluation.briefing.system import Scope, System
from storyline.evaluation.briefing.text import contains, date_matches, gold_interval, norm
from storyline.models import Answer

NUMBER = re.compile(r"\d[\d,.]*")


def score_summary(
    card: Scorecard, gold: Gold, scope: Scope, system: System, anchors: Anchors
) -> None:
    events = gold.events_by_id
    summaries = [s for s in [system.briefing.summary, *system.briefing.story_summaries] if s]
    seen: set[tuple[str, str, str]] = set()
    right = total = 0
    for summary in summaries:
        for sentence in summary.sentences:
            if not sentence.date or not sentence.evidence:
                continue
            first = sentence.evidence[0]
            doc = system.gid(first.doc_id)
            key = (doc, norm(first.sentence), sentence.date)
            if key in seen or not scope.doc(doc):
                continue
            seen.add(key)
            anchored = sorted(e for e in anchors.in_sentence(doc, first.sentence) if e in events)
            if not anchored:
                continue
            total += 1
            wanted = [events[e] for e in anchored]
            if any(date_matches(sentence.date, gold_interval(g.date, g.date_end)) for g in wanted):
                right += 1
            else:
                card.fail(
                    "summary",
                    f"{doc} '{short(first.sentence, 100)}'",
                    " or ".join(f"{g.id} {date_text(g)}" for g in wanted),
                    sentence.date,
                )
    card.ratio(
        "summary",
        "summary dates",
        right,
        total,
        "dated sentences holding an anchor",
        "summary.dates",
    )


def rendered(answer: Answer) -> str:
    """The answer as ``storyline ask`` prints it, without the cited sentences."""
    text = answer.text
    if answer.value is not None:
        text += f"\n{answer.value.kind}: {answer.value.value}"
    return text


def value_groups(accept: list[str]) -> dict[str, list[str]]:
    """Accept strings by the value they state (their first number, else the string itself)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for item in accept:
        number = NUMBER.search(item)
        groups[number.group().rstrip(".,") if number else norm(item)].append(item)
    return groups


def score_ask(card: Scorecard, gold: Gold, scope: Scope, system: System) -> None:
    questions = [q for q in gold.questions if scope.question(q)]
    answer_right = cite_right = both = 0
    conflicts = surfaced = 0
    for q in questions:
        answer = system.answers.get(q.question)
        if answer is None:
            card.fail("ask", q.question, "an answer", "not asked")
            continue
        a_ok, c_ok = _judge(card, q, answer, system)
        answer_right += a_ok
        cite_right += c_ok
        both += a_ok and c_ok
        if q.kind == "conflict":
            conflicts += 1
            full = rendered(answer) + "\n" + "\n".join(c.sentence for c in answer.citations)
            groups = value_groups(q.accept)
            shown = [v for v, items in groups.items() if any(contains(full, i) for i in items)]
            if len(groups) > 1 and len(shown) == len(groups):
                surfaced += 1
            else:
                card.fail(
                    "ask",
                    f"{q.question} (conflict)",
                    f"values {', '.join(groups)} surfaced",
                    ", ".join(shown) or "none",
                )
    n = len(questions)
    card.ratio("ask", "answers right", answer_right, n, key="ask.answers")
    card.ratio("ask", "citations right", cite_right, n, key="ask.citations")
    card.ratio("ask", "answer and citations right", both, n, key="ask.both")
    card.ratio(
        "ask", "conflicts with both values surfaced", surfaced, conflicts, "conflict questions"
    )


def _judge(card: Scorecard, q: GoldQuestion, answer: Answer, system: System) -> tuple[bool, bool]:
    shown = rendered(answer).replace("\n", " / ")
    got = f"{'answer' if answer.found else 'declined'}: '{short(shown, 110)}'"
    if q.kind == "no-answer":
        if answer.found:
            card.fail("ask", q.question, "no answer (declined)", got)
        return not answer.found, not answer.found
    text = rendered(answer)
    a_ok = answer.found and any(contains(text, item) for item in q.accept)
    if not a_ok:
        card.fail("ask", q.question, " / ".join(q.accept[:4]) or q.answer, got)
    cited = system.gids(c.doc_id for c in sorted(answer.citations, key=lambda c: c.number))
    first_ok = set(q.cite_ok or q.cite)
    c_ok = bool(cited) and cited[0] in first_ok and any(d in q.cite for d in cited)
    if not c_ok:
        card.fail(
            "ask",
            f"{q.question} (citations)",
            f"first in {', '.join(sorted(first_ok))}; one of {', '.join(q.cite)}",
            ", ".join(cited) or "no citation",
        )
    return a_ok, c_ok
