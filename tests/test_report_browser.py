"""The HTML report in headless Chromium, opened from disk as a user would open it.

Screenshots of the demo report at desktop and phone widths are saved under
test-artifacts/report/ for a person to look at. The checks: the timeline chart has event marks,
the console has no errors, nothing but the file itself is requested, the phone layout does not
scroll sideways, citations land on their sentences, the tables sort, and a hostile article
(script tags, onerror handlers, javascript: links) runs nothing.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from storyline.briefing.compose import briefing_with_records
from storyline.models import Briefing
from storyline.report.write import write_reports
from storyline.store import Store
from tests.browser import DESKTOP, PHONE, BrowserLog, chromium, collect
from tests.conftest import ROOT, TODAY
from tests.test_report import hostile_case, texts

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "report"
MAX_SHOT_HEIGHT = 16000  # Chromium's largest capture is about 16k px
SIZES = {"desktop": (DESKTOP, False), "phone": (PHONE, True)}


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory, samples_dir: Path) -> Path:
    from storyline.pipeline.build import BuildOptions, build

    out = tmp_path_factory.mktemp("report-browser")
    report = build([str(samples_dir)], out, options=BuildOptions(today=TODAY))
    briefing = Briefing.model_validate_json(Path(report.briefing_path).read_text())
    with Store(report.store_path) as store:
        records = briefing_with_records(store)[1]
        return write_reports(briefing, out, store.documents, records)[1]


def open_report(driver, path: Path, size: tuple[int, int], mobile: bool) -> None:
    """Load ``path`` at exactly ``size`` (a window cannot be narrower than ~500 px, so the
    phone width is emulated), after draining what the browser's start page logged. Reduced
    motion turns smooth scrolling off, so a click lands where the page is, not where it goes."""
    driver.get("about:blank")
    collect(driver, BrowserLog())
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": mobile},
    )
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]},
    )
    driver.get(path.as_uri())


def screenshot(driver, name: str, width: int) -> Path:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {
                "x": 0,
                "y": 0,
                "width": width,
                "height": min(height, MAX_SHOT_HEIGHT),
                "scale": 1,
            },
        },
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


VISIBLE_MARKS = """
return Array.from(document.querySelectorAll('svg.timeline-chart'))
  .filter(svg => getComputedStyle(svg).display !== 'none' && svg.getBoundingClientRect().width > 0)
  .map(svg => svg.querySelectorAll('a.mark').length);
"""
BROKEN_LINKS = """
return Array.from(document.querySelectorAll('a[href^="#"]'))
  .map(a => a.getAttribute('href').slice(1))
  .filter(id => !document.getElementById(id));
"""


@pytest.mark.parametrize("name", list(SIZES))
def test_demo_report_renders(demo_report: Path, name: str) -> None:
    size, mobile = SIZES[name]
    with chromium(size) as (driver, log):
        open_report(driver, demo_report, size, mobile)
        assert driver.execute_script("return window.innerWidth") == size[0]
        shot = screenshot(driver, f"demo-{name}", size[0])
        marks = driver.execute_script(VISIBLE_MARKS)
        assert len(marks) == 1 and marks[0] > 0, "one visible timeline chart, with event marks"
        assert driver.execute_script(BROKEN_LINKS) == []
        widths = driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        collect(driver, log)
    assert shot.stat().st_size > 10_000
    assert log.errors == []
    assert log.requests == [demo_report.as_uri()]
    if mobile:
        assert widths[0] <= widths[1] + 1, "no sideways scrolling on a phone"


def test_citation_lands_on_its_sentence(demo_report: Path) -> None:
    with chromium(DESKTOP) as (driver, _log):
        open_report(driver, demo_report, DESKTOP, False)
        cite = driver.find_element("css selector", "#timeline a.cite")
        target = cite.get_attribute("href").split("#", 1)[1]
        cite.click()
        assert driver.execute_script("return location.hash") == f"#{target}"
        landed = driver.execute_script(
            "const el = document.querySelector(':target');"
            "return [el.id, el.tagName, el.getBoundingClientRect().top, innerHeight];"
        )
    assert landed[0] == target and landed[1] == "MARK"
    assert 0 <= landed[2] < landed[3], "the sentence is scrolled into view"


def test_sources_table_sorts(demo_report: Path) -> None:
    first_label = "return document.querySelector('table.sources tbody tr .src-label').textContent"
    with chromium(DESKTOP) as (driver, _log):
        open_report(driver, demo_report, DESKTOP, False)
        before = driver.execute_script(first_label)
        button = driver.find_element(
            "xpath", "//table[contains(@class,'sources')]//th//button[.='Quality']"
        )
        button.click()  # ascending: the weakest source first
        ascending = driver.execute_script(first_label)
        button.click()
        descending = driver.execute_script(first_label)
    assert before == descending != ascending


def test_hostile_article_runs_nothing(tmp_path: Path) -> None:
    briefing, records = hostile_case()
    page = write_reports(briefing, tmp_path, texts, records)[1]
    with chromium(DESKTOP) as (driver, log):
        open_report(driver, page, DESKTOP, False)
        assert driver.execute_script("return typeof window.__pwned") == "undefined"
        assert (
            driver.execute_script(
                "return Array.from(document.querySelectorAll('[href],[src]'))"
                ".map(e => e.getAttribute('href') || e.getAttribute('src'))"
                ".filter(v => /^\\s*javascript:/i.test(v))"
            )
            == []
        )
        links = driver.find_elements("xpath", "//*[contains(text(), 'javascript:window.__pwned')]")
        shown = [e for e in links if e.is_displayed()]
        assert shown, "the hostile text is shown, as text"
        for element in shown:
            element.click()
        assert driver.execute_script("return typeof window.__pwned") == "undefined"
        screenshot(driver, "hostile-desktop", DESKTOP[0])
        collect(driver, log)
    assert log.errors == [], "nothing even tried to run (a CSP refusal would be an error)"
    assert log.requests == [page.as_uri()]


@pytest.mark.parametrize("name", sorted(SIZES))
def test_unbroken_long_words_wrap_inside_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Issue 19: 100,000-character words once made the page a million pixels wide (tables and
    the evidence rows sized to the word) and slow to open; a word longer than its box breaks."""
    import tests.test_report as report_tests

    monkeypatch.setattr(report_tests, "HOSTILE", "Ab" * 10_000)
    briefing, records = hostile_case()
    page = write_reports(briefing, tmp_path, None, records)[1]
    size, mobile = SIZES[name]
    with chromium(size) as (driver, log):
        open_report(driver, page, size, mobile)
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= size[0], f"the page scrolls sideways ({width} px at {size[0]} px)"
        collect(driver, log)
    assert log.errors == []
