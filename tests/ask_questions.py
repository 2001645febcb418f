"""Scoring a hand-written question set for ``ask`` the way ``storyline eval briefing`` scores
its gold questions (eval/briefing/FORMAT.md, ``questions``): an answer is right when ``ask``
found one and an ``accept`` string occurs in what it prints (text and value line); citations are
right when the first cited document is in ``cite_ok`` and one cited document is in ``cite``; a
``no-answer`` question is right only when ``ask`` declines.

The sets live in ``tests/data/ask_*_questions.json`` (written by hand from the articles only,
see each file's ``note``); ``scripts/score_ask_questions.py`` prints the same score with every
failure and the confidence of each answer, for calibrating ``[answer] min_confidence``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.briefing.answers import rendered
from storyline.evaluation.briefing.gold import GoldQuestion
from storyline.evaluation.briefing.text import contains
from storyline.models import Answer

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class QuestionItem:
    gold: GoldQuestion
    type: str  # who / where / when / … as the set's author classed it (informative)


@dataclass
class Judged:
    item: QuestionItem
    answer: Answer
    answer_right: bool
    cite_right: bool

    @property
    def right(self) -> bool:
        return self.answer_right and self.cite_right

    @property
    def confident_no_answer(self) -> bool:
        """An answer given to a question the pile cannot answer."""
        return self.item.gold.kind == "no-answer" and self.answer.found

    def line(self) -> str:
        got = rendered(self.answer).replace("\n", " / ")
        cited = ",".join(dict.fromkeys(c.doc_id[:3] for c in self.answer.citations)) or "-"
        state = "answer" if self.answer.found else "declined"
        wanted = " / ".join(self.item.gold.accept[:3]) or "no answer"
        return (
            f"[{self.item.type}] {self.item.gold.question}\n"
            f"    expected {wanted} (cite {','.join(d[:3] for d in self.item.gold.cite) or '-'})"
            f" | got {state} {self.answer.confidence:.2f}: {got[:140]} (cited {cited})"
        )


@dataclass
class Report:
    judged: list[Judged] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.judged)

    def count(self, test: Callable[[Judged], bool]) -> int:
        return sum(1 for j in self.judged if test(j))

    def summary(self) -> str:
        by_type: dict[str, list[Judged]] = defaultdict(list)
        for j in self.judged:
            by_type[j.item.type if j.item.gold.kind != "no-answer" else "no-answer"].append(j)
        parts = [
            f"answers right {self.count(lambda j: j.answer_right)}/{self.n}",
            f"citations right {self.count(lambda j: j.cite_right)}/{self.n}",
            f"both {self.count(lambda j: j.right)}/{self.n}",
            "confident answers to no-answer questions "
            f"{self.count(lambda j: j.confident_no_answer)}",
        ]
        types = ", ".join(
            f"{t} {sum(j.right for j in js)}/{len(js)}" for t, js in sorted(by_type.items())
        )
        return "; ".join(parts) + f"\nby type: {types}"


def load_questions(path: Path) -> list[QuestionItem]:
    data = json.loads(path.read_text("utf-8"))
    return [
        QuestionItem(GoldQuestion.model_validate(q), str(q.get("type", q.get("kind", ""))))
        for q in data["questions"]
    ]


def judge(item: QuestionItem, answer: Answer, gid: Callable[[str], str] = str) -> Judged:
    """One answer judged by the rules of FORMAT.md (``gid`` maps a store id to a gold id)."""
    q = item.gold
    if q.kind == "no-answer":
        return Judged(item, answer, not answer.found, not answer.found)
    text = rendered(answer)
    answer_right = answer.found and any(contains(text, a) for a in q.accept)
    cited = list(
        dict.fromkeys(gid(c.doc_id) for c in sorted(answer.citations, key=lambda c: c.number))
    )
    first_ok = set(q.cite_ok or q.cite)
    cite_right = bool(cited) and cited[0] in first_ok and any(d in q.cite for d in cited)
    return Judged(item, answer, answer_right, cite_right)


def score(
    items: Iterable[QuestionItem],
    ask: Callable[[str], Answer],
    gid: Callable[[str], str] = str,
) -> Report:
    return Report([judge(item, ask(item.gold.question), gid) for item in items])
