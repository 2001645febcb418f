"""The cleaner: furniture lines out (with audit), repeats collapsed, blocks typed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.clean import block_kind, clean_text

ARTICLE = (
    "The finance ministers met in Brussels on Tuesday to discuss the budget rules for next year.\n"
    "They agreed to extend the deadline for national plans by three months, officials said.\n"
)


@pytest.mark.parametrize(
    ("furniture", "rule"),
    [
        ("1,024 views", "counter"),
        ("12 Comments", "counter"),
        ("0 comment", "counter"),
        ("Read Also: Storm hits coastal towns as thousands evacuate", "teaser"),
        ("ALSO READ | Markets close higher on bank rally", "teaser"),
        ("READ MORE: How the vote was counted", "teaser"),
        ("See also – The history of the summit", "teaser"),
        ("Leave a Reply", "comment-form"),
        ("Post Comment", "comment-form"),
        ("Your email address will not be published. Required fields are marked *", "comment-form"),
        (
            "Save my name, email, and website in this browser for the next time I comment.",
            "comment-form",
        ),
        ("*Alt text: Two leaders shaking hands at a summit*", "caption"),
        ("Image: Reuters", "caption"),
        ("(Photo: AFP)", "caption"),
        ("Share on WhatsApp", "share-widget"),
        ("Follow us on Twitter and Instagram for updates", "follow-subscribe"),
        ("Enjoyed this story? Subscribe now for unlimited access.", "follow-subscribe"),
        ("Journalism you can trust. Sign up for the Daily Ledger.", "follow-subscribe"),
        ("Advertisement", "page-chrome"),
        ("© 2024 Example News Ltd. All rights reserved.", "page-chrome"),
        ("Tags: economy, budget, EU", "tags"),
        ("{", "stray-symbols"),
        ("* * *", "stray-symbols"),
        ("You may also like", "related-list"),
    ],
)
def test_furniture_lines_are_removed_and_recorded(furniture: str, rule: str) -> None:
    raw = f"{ARTICLE}\n{furniture}\n{ARTICLE.replace('Tuesday', 'Monday')}"
    cleaned = clean_text(raw)
    assert furniture.strip("*") not in cleaned.text
    furniture_removed = [r for r in cleaned.removed if r.kind == "furniture"]
    assert [(r.text, r.rule) for r in furniture_removed] == [(furniture, rule)]
    assert raw[furniture_removed[0].start : furniture_removed[0].end] == furniture


@pytest.mark.parametrize("word", ["views", "Comments", "Review Section", "Reviews", "Likes"])
def test_edge_only_words_are_removed_at_the_edges(word: str) -> None:
    middle = f"{ARTICLE}\n{ARTICLE}\n{word}\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}\n{ARTICLE}"
    assert word in clean_text(middle).text  # mid-document: could be a heading
    assert word not in clean_text(f"{word}\n{ARTICLE}").text
    assert word not in clean_text(f"{ARTICLE}\n{word}").text


@pytest.mark.parametrize(
    "prose",
    [
        "Read also the full statement, which the ministry released on Friday evening.",
        "Comments made by the minister drew criticism from the opposition on Monday.",
        "The photo: a crowd of thousands outside parliament, was shared widely online.",
        "Many investors subscribe to the view that rates will fall. Few economists agree.",
        "The talks ended late. Subscriber numbers for the state broadcaster fell in May.",
    ],
)
def test_prose_that_starts_like_furniture_is_kept(prose: str) -> None:
    assert prose in clean_text(f"{ARTICLE}\n{prose}\n{ARTICLE}").text


def test_repeated_embedded_post_is_collapsed_to_the_first_copy() -> None:
    quote = (
        "We agreed to work together to further deepen the partnership between our two "
        "countries in the years ahead"
    )
    raw = (
        f"The minister spoke on Friday.\n“{quote},” the minister said in a post on X.\n"
        f"Officials later confirmed the call.\n{quote}. — Jane Doe (@janedoe) May 3, 2024\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.text.count("further deepen the partnership") == 1
    assert "said in a post on X" in cleaned.text
    repeats = [r for r in cleaned.removed if r.kind == "repeat"]
    assert len(repeats) == 1 and repeats[0].text.endswith("May 3, 2024")


def test_short_lines_that_recur_are_not_repeats() -> None:
    raw = (
        "The first paragraph has enough words to count here.\nBackground\n"
        "The second paragraph also has enough words to count.\nBackground\n"
        "The third paragraph closes the text with a few more words."
    )
    assert clean_text(raw).text.count("Background") == 2


@pytest.mark.parametrize(
    ("line", "heading_marked", "kind"),
    [
        ("Historical Context and Strategic Significance", False, "heading"),
        ("Step 1: Follow Reliable News Outlets", True, "heading"),
        ("1. What was the purpose of the visit?", False, "question"),
        ("- first point of a list", False, "list-item"),
        ("The leaders met on Monday.", False, "paragraph"),
        ("officials said", False, "paragraph"),
    ],
)
def test_block_kinds(line: str, heading_marked: bool, kind: str) -> None:
    assert block_kind(line, heading_marked) == kind


def test_blocks_index_the_clean_text_and_markdown_is_stripped() -> None:
    cleaned = clean_text("# Big News\n\n## Section One\nSome **bold** text in a paragraph here.\n")
    texts = [(b.kind, cleaned.text[b.start : b.end]) for b in cleaned.blocks]
    assert texts == [
        ("heading", "Section One"),
        ("paragraph", "Some bold text in a paragraph here."),
    ]
    assert cleaned.header.title == "Big News"


def test_sample_furniture_is_gone(sample_documents) -> None:
    listed = [
        "views",
        "Comments",
        "0 comment",
        "Read Also:",
        "Leave a Reply",
        "Your email address will not be published",
        "Alt text",
        "Review Section",
        "Post Comment",
    ]
    for doc in sample_documents.values():
        blocks = [doc.block_text(b) for b in doc.blocks]
        for phrase in listed:
            assert not any(b.startswith(phrase) for b in blocks), (doc.id, phrase)
        assert "{" not in blocks
    removed = {r.text.strip("*# ") for d in sample_documents.values() for r in d.furniture}
    for phrase in (
        "views",
        "Comments",
        "0 comment",
        "Leave a Reply",
        "Review Section",
        "Post Comment",
        "{",
    ):
        assert phrase in removed, phrase
    assert sum(t.startswith("Read Also:") for t in removed) == 2
    assert sum(t.startswith("Alt text:") for t in removed) == 2


def test_sample_001_embedded_post_collapsed(sample_documents) -> None:
    doc = sample_documents["001_029f77a4b5c96316"]
    assert doc.text.count("Spoke with President Putin and congratulated him") == 1
    assert [r.kind for r in doc.removed].count("repeat") == 1


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cleaner_never_raises(raw: str) -> None:
    cleaned = clean_text(raw)
    for block in cleaned.blocks:
        assert 0 <= block.start <= block.end <= len(cleaned.text)
    for removal in cleaned.removed:
        assert 0 <= removal.start <= removal.end <= len(raw)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Read Also: x",
                "views",
                "{",
                "Hello world.",
                "## Title",
                "date 2024-01-02 Text",
                "Leave a Reply",
                "",
                "By Jane Doe",
                "Paris, May 2 – The talks began.",
                "Alt text: y",
            ]
        ),
        max_size=12,
    )
)
def test_cleaner_never_raises_on_furniture_mixtures(lines: list[str]) -> None:
    clean_text("\n".join(lines))


def test_similar_but_distinct_paragraphs_are_kept() -> None:
    day = "Breakfast: oatmeal with berries and a glass of milk, then a short walk of {n} minutes"
    raw = "\n".join(day.format(n=n) + f" on day {n}." for n in range(1, 5))
    assert len(clean_text(raw).blocks) == 4


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Choreographer_Jeong said", "Choreographer_Jeong said"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("A line ending in Man**", "A line ending in Man**"),
        ("**Bold** and _italic_ words", "Bold and italic words"),
        ("## Heading", "Heading"),
        ("*Alt text: a caption*", "Alt text: a caption"),
    ],
)
def test_markdown_normalisation_leaves_words_alone(line: str, expected: str) -> None:
    from storyline.text.lines import normalise_line

    assert normalise_line(line) == expected


# --- the line model: position, shape and phrases together ------------------------------------

BODY = [
    "Officials from both countries met in the capital on Thursday to discuss trade and energy "
    "cooperation, the foreign ministry said.",
    "The talks lasted three hours and ended with a joint statement on investment in renewable "
    "energy projects.",
    "Both sides agreed to meet again later this year, according to officials familiar with the "
    "discussions.",
]


def _scrape(header: list[str], middle: list[str], footer: list[str]) -> str:
    return "\n".join([*header, BODY[0], *middle, BODY[1], BODY[2], *footer])


@pytest.mark.parametrize(
    ("zone", "line"),
    [
        ("header", "PACIFIC LEDGER"),  # masthead
        ("header", "World > Europe"),  # breadcrumb
        ("header", "ASIA / ANALYSIS"),  # section label
        ("header", "Listen to this article 00:00"),
        ("header", "A A A"),
        ("header", "5 min read"),
        ("header", "Tweet  Share  Email"),
        ("header", "Save for later"),
        ("header", "Follow us on Google News"),
        ("header", "We use cookies to improve your experience. By continuing you agree. Accept"),
        ("middle", "Also on the wire: Flood alert issued | Markets close higher"),
        ("middle", "Recommended: How the deal was struck"),
        ("middle", "Get our evening newsletter in your inbox - Sign up"),
        ("middle", "Share | Tweet | WhatsApp | Copy link"),
        ("footer", "(Reporting by Jane Doe in Delhi; Editing by John Roe)"),
        ("footer", "(With inputs from PTI)"),
        ("footer", "Maria Lopez contributed reporting from Mexico City."),
        ("footer", "Associated Press writers Ann Lee and Tom Berg contributed to this report."),
        ("footer", "sk/rv"),
        ("footer", "--IANS"),
        ("footer", "UNI AK SB 1812"),
        ("footer", "Disclaimer: This is an unedited copy from the agency feed."),
        ("footer", "This story has been published from a wire agency feed without modifications."),
        ("footer", "Published: June 16, 2024, 11:40 PM IST"),
        ("footer", "(c) 2024 Example Media Group"),
        ("footer", "Example Review is published by Example Foundation. (c) 2019-2025."),
        ("footer", "Floods close schools across the north"),  # a teaser headline
        ("footer", "Cookie preferences | Privacy Notice"),
    ],
)
def test_furniture_by_zone(zone: str, line: str) -> None:
    parts: dict[str, list[str]] = {"header": [], "middle": [], "footer": []}
    parts[zone] = [line]
    cleaned = clean_text(_scrape(parts["header"], parts["middle"], parts["footer"]))
    assert line not in cleaned.text
    for sentence in BODY:
        assert sentence in cleaned.text
    removal = next(r for r in cleaned.removed if r.text == line)
    assert removal.rule and removal.evidence


def test_lists_under_a_teaser_heading_go_up_to_the_next_paragraph() -> None:
    middle = ["Read Next", "Floods close schools", "Markets close higher on bank rally"]
    cleaned = clean_text(_scrape([], middle, []))
    assert [r.rule for r in cleaned.removed] == ["related-list"] * 3
    assert cleaned.text.count("\n\n") == 2  # the three paragraphs


def test_table_of_contents_goes_with_its_entries() -> None:
    middle = ["Table of Contents", "1. Background", "2. What was agreed", "3. What comes next"]
    cleaned = clean_text(_scrape([], middle, []))
    assert {r.rule for r in cleaned.removed} == {"table-of-contents"}
    assert "What was agreed" not in cleaned.text


def test_end_of_wire_copy_ends_the_article() -> None:
    footer = ["sk/rv", "Markets close higher on bank rally", "Gold steadies before US data."]
    cleaned = clean_text(_scrape([], [], footer))
    assert cleaned.text.endswith(BODY[2])
    assert "Gold steadies" not in cleaned.text


@pytest.mark.parametrize(
    "line",
    [
        "What happens next?",  # a question opens an interview or FAQ
        "Part one of the story",  # a crosshead worded like text
        "## Background",  # a marked-up section heading
        "First face-to-face meeting in a year eases tensions, but Taiwan remains a friction",
    ],
)
def test_text_under_the_headline_stays(line: str) -> None:
    cleaned = clean_text(f"Ministers agree on trade pact\n{line}\n" + "\n".join(BODY))
    assert cleaned.header.title == "Ministers agree on trade pact"
    assert line.lstrip("# ") in cleaned.text


def test_prose_is_never_removed_by_position_or_shape() -> None:
    closing = "Whether the deal holds is the question for the months ahead."
    opening = "It was the first visit by a foreign minister in three years."
    cleaned = clean_text("\n".join([opening, *BODY, closing]))
    assert opening in cleaned.text and closing in cleaned.text
    assert cleaned.removed == []


def test_bylines_and_dates_are_metadata() -> None:
    raw = "\n".join(
        ["Ministers agree on trade pact", "Daniel Okafor", "Updated: 17 Nov 2023 09:10 IST", *BODY]
    )
    cleaned = clean_text(raw)
    assert cleaned.header.byline == "Daniel Okafor"
    assert cleaned.header.date_field == "17 Nov 2023"
    assert {r.rule: r.kind for r in cleaned.removed} == {
        "title": "metadata",
        "byline": "metadata",
        "date-field": "metadata",
    }


def test_text_in_another_language_keeps_its_short_lines() -> None:
    korean = [
        "드라마 리뷰",
        "여주인공 지은한을 연기하는 배우는 주목할 만한 연기를 보여준다. 그는 독보적이다.",
        "시어머니를 연기한 배우 역시 좋은 평가를 받았다. 다만 이야기는 금방 읽힌다고 한다.",
        "공연 정보",
        "02-751-1500",
    ]
    cleaned = clean_text("\n".join(korean))
    assert "공연 정보" in cleaned.text and "02-751-1500" in cleaned.text


def test_extracted_text_keeps_short_lines_below_the_text() -> None:
    raw = "\n".join([*BODY, "Tickets: 40,000 won", "Tue – Sat 4PM"])
    assert "Tue – Sat 4PM" not in clean_text(raw).text
    assert "Tue – Sat 4PM" in clean_text(raw, extracted=True).text


def test_pile_repetition_marks_boilerplate_at_the_edges() -> None:
    from storyline.text.lines import line_key

    raw = "\n".join(["Coast Chronicle Premium", *BODY, "Coast Chronicle Premium"])
    repeated = {line_key("Coast Chronicle Premium"): "in 5 of 9 documents"}
    cleaned = clean_text(raw, repeated=repeated)
    rules = [r.rule for r in cleaned.removed]
    assert rules == ["repeated-line", "repeated-line"]
    assert all("in 5 of 9 documents" in (r.evidence or "") for r in cleaned.removed)
