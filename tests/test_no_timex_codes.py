"""No TIMEX code reaches a reader (issue 14): a pile full of week, weekend, partial-date,
reference, quarter and duration values goes through a real build, then every surface a user
reads — the HTML and Markdown reports (timeline, summary, figures, sources), the web app's pages,
``ask``'s answers and the command line's timeline — is searched for codes."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.ask import answer_question
from storyline.briefing.compose import load_view
from storyline.cli.commands import app as cli_app
from storyline.pipeline.build import BuildOptions, build
from storyline.store import Store
from storyline.web import create_app
from tests.conftest import TODAY
from tests.test_readable_dates import CODE

#: (file name, text): an undated article full of relative dates, and a dated one with weeks,
#: weekends, quarters and references.
PILE = [
    (
        "undated.txt",
        "Ministers agree to resume trade talks\n\n"
        "Foreign Minister Anna Berg met her counterpart Paul Roth on Thursday in Geneva and "
        "agreed to resume trade talks, officials said.\n\n"
        "The two ministers spoke again last weekend and will meet every week from now on. "
        "Trade between their countries rose by $5 billion over three years, Berg said.\n",
    ),
    (
        "dated.txt",
        "Ministers sign trade pact in Vienna\n"
        "Published: July 22, 2013\n\n"
        "Foreign Minister Anna Berg signed a trade pact with Paul Roth in Vienna last weekend, "
        "officials said on Monday.\n\n"
        "Exports rose to $12 billion in the second quarter, and both ministers said relations "
        "were now at their best in recent years. Roth visited Vienna last week and praised "
        "Berg on Saturday night.\n",
    ),
]


def visible_text(page: str) -> str:
    """What a reader sees of an HTML page: its text and its tooltips, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    tips = " ".join(re.findall(r'(?:title|aria-label|alt)="([^"]*)"', page))
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", page) + " " + tips)


def codes_in(text: str) -> list[str]:
    return sorted({m.group(0) for m in CODE.finditer(text)})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("timex-pile")
    for name, text in PILE:
        (folder / name).write_text(text, "utf-8")
    out = tmp_path_factory.mktemp("timex-build")
    build([str(folder)], out, options=BuildOptions(today=TODAY))
    return out


def test_the_pile_holds_the_codes_the_surfaces_must_hide(built: Path) -> None:
    """Guard against a test that cannot fail: the analyses do hold raw TIMEX codes (in the
    store: briefing.json holds no time expressions since schema 3)."""
    with Store(built / "storyline.db") as store:
        analyses = store.analysis_pile().read(("timexes",))
        values = [t.value or "" for a in analyses for t in a.timexes]
    raw = " ".join(values)
    assert "XXXX-WXX-4" in raw and "-WE" in raw and "PRESENT_REF" in raw


def test_reports(built: Path) -> None:
    report = visible_text((built / "report.html").read_text("utf-8"))
    assert "Summary" in report and "Timeline" in report
    assert codes_in(report) == []
    assert codes_in((built / "report.md").read_text("utf-8")) == []


def test_web_pages(built: Path) -> None:
    db = built / "storyline.db"
    with Store(db) as store:
        doc_ids = [d.id for d in store.documents()]
        events = [e.id for e in load_view(store)["events"]]
    paths = ["/", "/timeline", "/sources", "/figures", "/stories", "/entities"]
    paths += [f"/sources/{d}" for d in doc_ids] + [f"/events/{e}" for e in events]
    paths += ["/ask?q=When+did+Berg+meet+Roth%3F", "/ask?q=When+did+Berg+sign+the+pact%3F"]
    with TestClient(create_app(db, today=TODAY), base_url="http://127.0.0.1") as client:
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert codes_in(visible_text(response.text)) == [], path


def test_ask_answers(built: Path) -> None:
    with Store(built / "storyline.db") as store:
        for question in ("When did Berg meet Roth?", "When did Berg sign the pact?"):
            answer = answer_question(store, question)
            assert codes_in(answer.text) == [], (question, answer.text)
            if answer.value is not None:
                assert codes_in(answer.value.text) == [], (question, answer.value.text)


def test_command_line_timeline(built: Path) -> None:
    result = CliRunner().invoke(cli_app, ["timeline", "--db", str(built / "storyline.db")])
    assert result.exit_code == 0, result.output
    assert codes_in(result.output) == []
