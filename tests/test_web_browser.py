"""The web app in a real browser: Debian's headless Chromium drives the app served by uvicorn
on a loopback port, over a copy of the demo store.

A reader's path through the briefing (overview → timeline → the 20 March 2024 call → its two
sources), search, ask, adding an article from the browser, and a hostile article that must
execute nothing. Screenshots at desktop and phone widths go to test-artifacts/web/.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from storyline.web import create_app
from tests.browser import DESKTOP, PHONE, chromium, collect
from tests.conftest import ROOT, TODAY
from tests.test_web import ARTICLE, copy_store, demo_store

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "web"
WAIT = 90.0  # seconds: an upload runs a whole build (spaCy included) on a busy machine

HOSTILE_TEXT = """Minister denies report <script>window.__pwned = 1</script>

Lagos, June 3: The finance minister <img src=x onerror="window.__pwned = 2"> said on Monday \
that the report was false. Read the <a href="javascript:window.__pwned = 3">full story</a> or \
[click here](javascript:window.__pwned=4). <svg onload="window.__pwned = 5"></svg> \
<iframe src="javascript:window.__pwned = 6"></iframe> The ministry said revenue grew 12%.
"""
HOSTILE_JSON = {
    "title": '<img src=x onerror="window.__pwned = 7">Budget row',
    "url": "javascript:window.__pwned = 8",
    "date": "2024-06-04",
    "byline": "<script>window.__pwned = 9</script>",
    "text": 'Abuja, June 4: Lawmakers questioned the budget. "<b onmouseover=window.__pwned=10>'
    'We will not sign it</b>," said the Senate President, who met the minister on Tuesday.',
}


# -- the server -----------------------------------------------------------------------------
@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app on a free loopback port, served by uvicorn in a background thread."""
    import uvicorn

    config = uvicorn.Config(
        create_app(db, today=TODAY), host="127.0.0.1", port=0, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


@pytest.fixture(scope="module")
def site(tmp_path_factory, samples_dir: Path) -> Iterator[str]:
    db = copy_store(demo_store(tmp_path_factory, samples_dir), tmp_path_factory.mktemp("browser"))
    with serving(db) as url:
        yield url


# -- helpers ----------------------------------------------------------------------------------
def phone(driver) -> None:
    """Emulate a phone: headless Chromium keeps windows at least 500 px wide, so the phone's
    viewport (390 CSS px, 2x pixels, touch) comes from device emulation instead."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", _phone_metrics(PHONE[1]))
    driver.phone = True


def _phone_metrics(height: int) -> dict:
    return {"width": PHONE[0], "height": height, "deviceScaleFactor": 2, "mobile": True}


def shot(driver, name: str) -> Path:
    """A full-page screenshot (the viewport grows to the page's height, within reason)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    full = driver.execute_script("return document.documentElement.scrollHeight")
    path = ARTIFACTS / f"{name}.png"
    if getattr(driver, "phone", False):
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", _phone_metrics(min(max(PHONE[1], full), 5000))
        )
        driver.save_screenshot(str(path))
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", _phone_metrics(PHONE[1]))
        return path
    size = driver.get_window_size()
    width, height = size["width"], size["height"]
    driver.set_window_size(width, min(max(height, full + 120), 6000))
    driver.save_screenshot(str(path))
    driver.set_window_size(width, height)
    return path


def wait_for(driver, condition, timeout: float = 10.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition(driver)
        except Exception:  # the page may be mid-navigation
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what} on {driver.current_url}")


def css(driver, selector: str):
    return driver.find_elements("css selector", selector)


def no_horizontal_scroll(driver) -> bool:
    return driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1"
    )


def assert_clean(log, base: str) -> None:
    """No console errors (a CSP violation is one) and no request left the server."""
    assert not log.errors, log.errors
    web = [u for u in log.requests if u.startswith(("http:", "https:", "ws:", "wss:"))]
    outside = [u for u in web if not u.startswith(base + "/")]  # chrome:// is the browser's
    assert not outside, outside


def upload(driver, base: str, files: list[Path]) -> dict:
    """Add files through the page's form; wait for the job and return it as the API has it."""
    driver.get(f"{base}/add")
    field = css(driver, "input[type=file]")[0]
    field.send_keys("\n".join(str(f) for f in files))
    css(driver, "#add-form button[type=submit]")[0].click()
    wait_for(
        driver,
        lambda d: (
            d.find_element("id", "job-state").text in ("Done.",)
            or d.find_element("id", "job-state").text.startswith("Failed")
        ),
        WAIT,
        "the job to finish",
    )
    job_id = driver.find_element("id", "job").get_attribute("data-job")
    return json.loads(fetch(driver, f"{base}/api/jobs/{job_id}"))


def fetch(driver, url: str) -> str:
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.text()).then(done);",
        url,
    )


# -- the tests --------------------------------------------------------------------------------
def test_reader_follows_the_march_20_call_to_its_two_sources(site: str) -> None:
    with chromium(DESKTOP) as (driver, log):
        driver.get(site + "/")
        assert "5 articles" in driver.find_element("css selector", ".lede").text
        assert css(driver, ".summary-list li"), "the overview leads with the cited summary"
        shot(driver, "overview-desktop")

        driver.find_element("link text", "Timeline").click()
        wait_for(driver, lambda d: d.current_url.endswith("/timeline"), what="the timeline")
        assert css(driver, "svg.chart.wide a"), "the chart has clickable events"
        shot(driver, "timeline-desktop")
        calls = [
            e
            for e in css(driver, "li.entry")
            if e.find_element("css selector", ".entry-date").text == "20 Mar 2024"
            and "phone" in e.find_element("css selector", ".badge.type").text
        ]
        assert calls, "the 2024-03-20 phone call is on the timeline"
        calls[0].find_element("css selector", "a.entry-label").click()
        wait_for(driver, lambda d: "/events/" in d.current_url, what="the event page")
        title = driver.find_element("tag name", "h1").text
        assert "Modi" in title and "Putin" in title
        sources = [a.text[:3] for a in css(driver, "a.source-link")]
        assert sorted(sources) == ["000", "001"], sources
        shot(driver, "event-desktop")

        event_url = driver.current_url
        for prefix in ("000", "001"):
            link = next(a for a in css(driver, "a.source-link") if a.text.startswith(prefix))
            link.click()
            wait_for(driver, lambda d: "/sources/" in d.current_url, what=f"source {prefix}")
            target = driver.find_element("id", "at")
            assert target.text.strip(), "the cited words are marked"
            assert driver.execute_script(  # and scrolled into view
                "const r = arguments[0].getBoundingClientRect();"
                "return r.top >= 0 && r.bottom <= window.innerHeight;",
                target,
            )
            assert driver.find_element("css selector", ".crumbs .id").text == prefix
            if prefix == "000":
                shot(driver, "source-000-desktop")
            driver.get(event_url)
        collect(driver, log)
    assert_clean(log, site)


def test_search_and_ask(site: str) -> None:
    with chromium(DESKTOP) as (driver, log):
        driver.get(site + "/")
        box = driver.find_element("css selector", ".top-search input")
        box.send_keys("Kremlin\n")
        wait_for(driver, lambda d: css(d, "ol.hits li"), what="search results")
        marks = [m.text.lower() for m in css(driver, ".snippet mark")]
        assert marks and set(marks) == {"kremlin"}
        assert any(h.text.endswith("002") for h in css(driver, "ol.hits li a + .id"))
        shot(driver, "search-desktop")

        collect(driver, log)
        driver.get(site + "/search?q=%22unclosed")
        assert "malformed search query" in driver.find_element("css selector", "[role=alert]").text
        expected = driver.get_log("browser")  # the 400 itself is logged as a failed load
        assert [e["message"].split(" - ")[0] for e in expected] == [site + "/search?q=%22unclosed"]

        driver.get(site + "/ask")
        question = driver.find_element("css selector", "main form input[name=q]")
        question.send_keys("When did Modi call Putin?\n")
        wait_for(driver, lambda d: css(d, "#answer"), what="the answer")
        assert "20 March 2024" in driver.find_element("css selector", "#answer .value").text
        citations = css(driver, "a.citation")
        assert citations
        cited = {c.get_attribute("href").split("/sources/")[1][:3] for c in citations}
        assert cited == {"000", "001"}, cited
        shot(driver, "ask-desktop")
        citations[0].click()
        wait_for(driver, lambda d: css(d, "#at"), what="the cited sentence")
        collect(driver, log)
    assert_clean(log, site)


def test_adding_an_article_from_the_browser(site: str, tmp_path: Path) -> None:
    article = tmp_path / "grain deal.txt"
    article.write_text(ARTICLE)
    picture = tmp_path / "chart.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with chromium(DESKTOP) as (driver, log):
        job = upload(driver, site, [article, picture])
        assert job["added"] == ["grain-deal"], job
        assert [s["source"] for s in job["skipped"]] == ["chart.txt"]
        skipped = driver.find_element("css selector", ".job-skipped").text
        assert "chart.txt" in skipped and "binary file" in skipped
        shot(driver, "add-done-desktop")
        driver.find_element("css selector", ".job-added a").click()
        wait_for(driver, lambda d: "/sources/grain-deal" in d.current_url, what="the new article")
        assert "wheat" in driver.find_element("id", "doctext").text
        driver.get(site + "/")
        assert "6 articles" in driver.find_element("css selector", ".lede").text
        collect(driver, log)
    assert_clean(log, site)
    polls = [u for u in log.requests if u.startswith(f"{site}/api/jobs/{job['id']}")]
    assert polls, "the page followed the job's progress"


def test_a_hostile_article_executes_nothing(site: str, tmp_path: Path) -> None:
    text = tmp_path / "hostile.txt"
    text.write_text(HOSTILE_TEXT)
    record = tmp_path / "hostile.json"
    record.write_text(json.dumps(HOSTILE_JSON))
    with chromium(DESKTOP) as (driver, log):
        job = upload(driver, site, [text, record])
        assert len(job["added"]) == 2, job
        pages = [f"/sources/{doc}" for doc in job["added"]]
        pages += ["/", "/sources", "/entities", "/figures", "/timeline", "/search?q=minister"]
        for path in pages:
            driver.get(site + path)
            time.sleep(0.2)
            assert driver.execute_script("return window.__pwned === undefined"), path
            assert (
                driver.execute_script(
                    "return document.querySelectorAll("
                    "'script:not([src]), img[src=x], svg[onload], iframe, [onerror], [onmouseover],"
                    " a[href^=javascript], a[href^=JavaScript]').length"
                )
                == 0
            ), path
        shown = ""
        for page in pages[:2]:
            driver.get(site + page)
            shown += driver.find_element("tag name", "main").text
        # the markup is shown as text, not run
        assert "<script>window.__pwned = 1</script>" in shown
        assert 'onerror="window.__pwned = 2"' in shown and "javascript:window.__pwned" in shown
        shot(driver, "hostile-desktop")
        collect(driver, log)
    assert_clean(log, site)


@pytest.mark.parametrize(
    "path", ["/", "/timeline", "/figures", "/ask?q=When+did+Modi+call+Putin%3F"]
)
def test_phone_layout(site: str, path: str) -> None:
    name = {"/": "overview", "/timeline": "timeline", "/figures": "figures"}.get(path, "ask")
    with chromium(PHONE) as (driver, log):
        phone(driver)
        driver.get(site + path)
        assert driver.execute_script("return window.innerWidth") == PHONE[0]
        assert no_horizontal_scroll(driver), f"{path} scrolls sideways on a phone"
        nav = css(driver, "nav a")
        assert all(a.is_displayed() for a in nav), "every section is reachable on a phone"
        if path == "/timeline":
            assert css(driver, "svg.chart.narrow")[0].is_displayed()
            assert not css(driver, "svg.chart.wide")[0].is_displayed()
        shot(driver, f"{name}-phone")
        collect(driver, log)
    assert_clean(log, site)


def test_phone_source_page(site: str) -> None:
    with chromium(PHONE) as (driver, log):
        phone(driver)
        driver.get(site + "/sources")
        css(driver, "table.docs tbody a")[0].click()
        wait_for(driver, lambda d: css(d, "#doctext"), what="a source page")
        assert no_horizontal_scroll(driver)
        shot(driver, "source-phone")
        collect(driver, log)
    assert_clean(log, site)
