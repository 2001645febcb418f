"""Headlines: chosen among candidates by agreement and shape, with site names stripped."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.clean import clean_text
from storyline.ingest.html import title_candidates
from storyline.ingest.titles import (
    TitleCandidate,
    choose_title,
    is_date_line,
    is_headline,
    looks_like_site,
    readings,
    title_agrees,
)

LEAD = (
    "The two leaders met for talks on Friday and agreed to expand trade and energy links, "
    "officials said.\nThey also discussed the war in Ukraine and shipping in the Black Sea, "
    "according to a statement."
)


SITE = "Daily Ledger"
PACT = "Ministers agree on trade pact"


@pytest.mark.parametrize(
    ("candidates", "title"),
    [
        # the site name after a strong separator goes; og:title and <title> agree on the rest
        ([("og:title", PACT), ("title", f"{PACT} | {SITE}")], PACT),
        # only <title>: "Headline - Site" loses a site with a masthead noun …
        ([("title", "Floods close schools - Valley Times")], "Floods close schools"),
        # … but a subtitle after a dash stays
        ([("title", "Budget explained - What You Need to Know")], None),
        ([("title", "Election results - LIVE updates")], None),
        # a section label before the headline goes
        ([("title", f"WORLD | {PACT} | {SITE}")], PACT),
        # agreement beats order: the <h1> and <title> agree on a longer reading
        (
            [("og:title", "Trade pact"), ("h1", f"{PACT} after talks"),
             ("title", f"{PACT} after talks | {SITE}")],
            f"{PACT} after talks",
        ),
        # labels, breadcrumbs and dates are never headlines
        ([("line", "WORLD | DIPLOMACY")], ""),
        ([("line", "SENTINEL ONLINE")], ""),
        ([("line", "Wednesday, September 14, 2022")], ""),
        ([("line", "")], ""),
    ],
)  # fmt: skip
def test_choose_title(candidates: list[tuple[str, str]], title: str | None) -> None:
    """``None``: the candidate as written; ``""``: no headline at all."""
    found = choose_title([TitleCandidate(source, text) for source, text in candidates])
    assert found == (candidates[0][1] if title is None else title or None)


def test_known_site_name_is_stripped_whatever_its_shape() -> None:
    assert readings("Why the talks failed - the ledger", ["the ledger"])[-1] == (
        "Why the talks failed"
    )


@pytest.mark.parametrize(
    ("part", "dash", "site"),
    [
        ("Daily Ledger", False, True),
        ("Trident Times", True, True),
        ("NewsNook", True, True),
        ("WorldDesk 24", True, True),
        ("example.com", True, True),
        ("All Answers Explained", True, False),  # no masthead noun after a dash
        ("What You Need to Know!", False, False),
        ("how it works", False, False),
    ],
)
def test_looks_like_site(part: str, dash: bool, site: bool) -> None:
    assert looks_like_site(part, dash=dash) is site


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Ministers agree on trade pact", True),
        ("Big News", True),  # short and capitalised: weak, but a headline when alone
        ("Home > India > Diplomacy", False),
        ("PACIFIC LEDGER", False),
        ("Sep 10, 2023 18:20 IST", False),
        ("The talks were held in Delhi,", False),
    ],
)
def test_is_headline(line: str, headline: bool) -> None:
    assert is_headline(line) is headline


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Wednesday, September 14, 2022", True),
        ("Sep 10, 2023 18:20 IST", True),
        ("14 September 2022", True),
        ("Talks on September 14, 2022 ended early", False),
    ],
)
def test_is_date_line(line: str, date: bool) -> None:
    assert is_date_line(line) is date


def test_title_agreement_ignores_typography() -> None:
    assert title_agrees("‘Not an era of war’: leaders meet", "'Not an era of war': leaders meet")
    assert title_agrees("Leaders meet | Daily Ledger", "Leaders meet")


SAMARKAND = "Leaders to meet in Samarkand today"
FERTILISER = "India and Russia sign a fertiliser deal"
PORTS = "Ports reopen after the storm passes"
STOCKS = "Stocks rally as inflation cools in the euro zone"
DEAL = "Leaders strike a deal at last - here is what changes!"
LONG = (
    "PM Modi and President Putin hold talks in Samarkand; 'today's era is not of war', the "
    "Prime Minister tells the Russian leader"
)


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (f"SENTINEL ONLINE\nWORLD | DIPLOMACY\nWednesday, September 14, 2022\n{SAMARKAND}\n{LEAD}",
         SAMARKAND),
        (f"Home > India > Diplomacy\n{FERTILISER}\nBy Staff Reporter\n{LEAD}", FERTILISER),
        (f"The Daily Sentinel\n{PORTS}\n{LEAD}", PORTS),
        (f"Markets | {STOCKS}\n{LEAD}", STOCKS),
        (f"{DEAL}\n{LEAD}", DEAL),  # a headline ending with "!" opens the text: the title
        (f"Horizon Times\nModi Meets Putin\n{LEAD}", "Modi Meets Putin"),  # masthead first
        # a long headline looks like prose; the byline and date under it are still metadata
        (f"The Daily Ledger\n{LONG}\nBy Staff Reporter\nUpdated: Sep 16, 2022 18:20 IST\n{LEAD}",
         LONG),
        (LEAD, None),  # a lead paragraph is never a title
    ],
)  # fmt: skip
def test_title_of_a_text_scrape(raw: str, title: str | None) -> None:
    cleaned = clean_text(raw)
    assert cleaned.header.title == title
    if title:
        assert title not in cleaned.text
        assert cleaned.text.startswith("The two leaders met")


def test_html_candidates_and_site_name() -> None:
    html = (
        "<html><head><title>Ports reopen after storm | Coast Chronicle</title>"
        '<meta property="og:title" content="Ports reopen after storm">'
        '<meta property="og:site_name" content="Coast Chronicle"></head>'
        "<body><h1>Ports reopen after storm</h1><p>Text.</p></body></html>"
    )
    candidates, names = title_candidates(html)
    assert [c.source for c in candidates] == ["og:title", "h1", "title"]
    assert names == ["Coast Chronicle"]
    assert choose_title(candidates, names) == "Ports reopen after storm"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=5))
def test_choose_title_never_raises(texts: list[str]) -> None:
    title = choose_title([TitleCandidate("x", t) for t in texts])
    assert title is None or title.strip()
