"""The browser harness itself: a local file renders, and its requests and errors are seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium, collect

pytestmark = pytest.mark.browser


def test_harness_sees_console_errors_and_requests(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><h1 id=t>hi</h1><script>console.error('boom')</script>"
        "<img src='http://127.0.0.1:9/x.png'></body></html>"
    )
    with chromium() as (driver, log):
        driver.get(page.as_uri())
        assert driver.find_element("id", "t").text == "hi"
        collect(driver, log)
    assert any("boom" in e["message"] for e in log.errors)
    assert any(url.startswith("http://127.0.0.1:9/") for url in log.requests)
