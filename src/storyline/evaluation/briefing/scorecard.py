"""The score table and the failure list every area writes into, and their ``EvalTable`` form.

One row per measure — area, measure, value, count (``num/den``), note — in the fixed area order
of FORMAT.md, then every failure as ``[area] item: expected … | got …``. The failures go into an
``EvalTable`` titled "failures" (columns area / item / expected / got) so the report keeps the
shape every other eval task uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.evaluation import EvalTable

AREAS = (
    "dates",
    "clean",
    "events",
    "planned",
    "stories",
    "duplicates",
    "figures",
    "entities",
    "junk",
    "quality",
    "summary",
    "ask",
)
ORDER = {area: i for i, area in enumerate(AREAS)}
FAILURES_TITLE = "failures"
MAX_TEXT = 160


@dataclass
class Row:
    area: str
    measure: str
    value: float | None
    count: str
    note: str = ""
    key: str = ""


@dataclass
class Failure:
    area: str
    item: str
    expected: str
    got: str

    def line(self) -> str:
        return f"[{self.area}] {self.item}: expected {self.expected} | got {self.got}"


def short(text: str | None, width: int = MAX_TEXT) -> str:
    """One line, at most ``width`` characters: failures must stay readable in a terminal."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@dataclass
class Scorecard:
    """Rows and failures as the areas produce them; ``headline`` keys pick the numbers to quote."""

    rows: list[Row] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def ratio(
        self, area: str, measure: str, num: float, den: int, note: str = "", key: str = ""
    ) -> Row:
        """A ``num/den`` row; its value is the share (None when nothing was scored)."""
        shown = f"{num:.2f}".rstrip("0").rstrip(".") if isinstance(num, float) else str(num)
        row = Row(area, measure, num / den if den else None, f"{shown}/{den}", note, key)
        self.rows.append(row)
        return row

    def value(
        self,
        area: str,
        measure: str,
        value: float | None,
        count: str,
        note: str = "",
        key: str = "",
    ) -> Row:
        """A row whose value is not a plain share (a mean, an F1)."""
        row = Row(area, measure, value, count, note, key)
        self.rows.append(row)
        return row

    def fail(self, area: str, item: str, expected: str, got: str) -> None:
        self.failures.append(Failure(area, short(item), short(expected), short(got)))

    def ordered(self) -> list[Row]:
        """Rows in FORMAT.md's area order (stable within an area)."""
        return sorted(self.rows, key=lambda r: ORDER.get(r.area, len(AREAS)))

    def headline(self) -> dict[str, float]:
        return {r.key: round(r.value, 4) for r in self.ordered() if r.key and r.value is not None}

    def tables(self, title: str) -> list[EvalTable]:
        rows = self.ordered()
        failures = sorted(self.failures, key=lambda f: ORDER.get(f.area, len(AREAS)))
        return [
            EvalTable(
                title=title,
                columns=["area", "measure", "value", "count", "note"],
                rows=[
                    [
                        r.area,
                        r.measure,
                        None if r.value is None else round(r.value, 4),
                        r.count,
                        r.note,
                    ]
                    for r in rows
                ],
            ),
            EvalTable(
                title=FAILURES_TITLE,
                columns=["area", "item", "expected", "got"],
                rows=[[f.area, f.item, f.expected, f.got] for f in failures],
            ),
        ]
