"""The web app's Stories page: storylines → stories → articles, in the top menu, with a JSON
twin; on the demo corpus its four stories."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.web.app import create_app
from tests.conftest import TODAY
from tests.test_web import BASE, demo_store


@pytest.fixture(scope="module")
def client(tmp_path_factory, samples_dir: Path):
    db = demo_store(tmp_path_factory, samples_dir)
    with TestClient(create_app(db, today=TODAY), base_url=BASE) as app:
        yield app


def test_stories_page_lists_storylines_stories_and_articles(client: TestClient) -> None:
    data = client.get("/api/storylines").json()
    stories = [card["story"] for line in data["storylines"] for card in line["stories"]]
    groups = {frozenset(d[:3] for d in s["documents"]) for s in stories}
    assert groups == {frozenset({"000", "001"}), frozenset({"002"}), frozenset({"003"}),
                      frozenset({"004"})}  # fmt: skip
    assert data["stories"] == len(stories) == len({s["id"] for s in stories})
    for line in data["storylines"]:
        firsts = [c["story"]["first_date"] for c in line["stories"] if c["story"]["first_date"]]
        assert firsts == sorted(firsts), "stories of a storyline in date order"
    call = next(s for s in stories if len(s["documents"]) == 2)
    assert call["label"] == "Modi–Putin phone call, 20 Mar 2024"
    html = client.get("/stories").text
    assert 'href="/stories"' in html.split("</nav>")[0], "Stories is in the top menu"
    assert 'href="/api/storylines"' in html
    for story in stories:
        assert f'href="/stories/{story["id"]}"' in html
        assert story["label"] in html
    for doc_id in call["documents"]:
        assert f'href="/sources/{doc_id}"' in html


def test_every_story_is_in_one_storyline(client: TestClient) -> None:
    stories = {s["id"] for s in client.get("/api/stories").json()}
    listed = [c["story"]["id"] for line in client.get("/api/storylines").json()["storylines"]
              for c in line["stories"]]  # fmt: skip
    assert sorted(listed) == sorted(stories)
