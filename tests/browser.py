"""Headless Debian Chromium for browser tests (Selenium + the system chromedriver).

The machine has no outside network, so Chromium starts with every background-networking
feature off and a fresh profile. Tests that need it use the ``chromium`` fixture factory,
which skips when Chromium or ChromeDriver is not installed (``.ci/run`` installs both).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
DESKTOP = (1366, 900)
PHONE = (390, 844)
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


@dataclass
class BrowserLog:
    """What the page did: console messages and every network request it made."""

    console: list[dict] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[dict]:
        return [entry for entry in self.console if entry.get("level") == "SEVERE"]


def require_chromium() -> None:
    if not (CHROMIUM and CHROMEDRIVER):
        message = "Debian chromium + chromium-driver not installed (see .ci/run)"
        if os.environ.get("CI"):  # CI installs them: a missing browser there is a failure
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def chromium(size: tuple[int, int] = DESKTOP) -> Iterator[tuple[object, BrowserLog]]:
    """A headless Chromium WebDriver and a log collector; call ``collect(driver, log)``."""
    require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="storyline-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={size[0]},{size[1]}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver, BrowserLog()
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def collect(driver, log: BrowserLog) -> BrowserLog:
    """Drain the browser's console and network logs into ``log``."""
    log.console.extend(driver.get_log("browser"))
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            log.requests.append(message["params"]["request"]["url"])
    return log
