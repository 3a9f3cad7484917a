"""Headless Chromium for the viewer's tests: Debian's chromium and chromedriver, nothing downloaded.

Where neither is installed the tests skip with the reason (``.ci/run`` installs both);
with ``MIDEASTDATA_REQUIRE_BROWSER=1`` (set by ``.ci/run`` once it has installed them) a
missing browser fails instead, so CI cannot pass by skipping.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,900",
)
"""How the tests start Chromium: headless, no first-run work, no background network traffic."""

INSTALL_HINT = "as root: apt-get update && apt-get install -y chromium chromium-driver"


def find_browser() -> tuple[str, str] | None:
    """The paths of Chromium and its driver, or None when either is missing."""
    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    driver = shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
    )
    return (chromium, driver) if chromium and driver else None


def require_browser() -> tuple[str, str]:
    """The browser's paths, or a skip (a failure where CI said the browser is installed)."""
    found = find_browser()
    if found is None:
        reason = f"headless Chromium and chromedriver are not installed ({INSTALL_HINT})"
        if os.environ.get("MIDEASTDATA_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@contextlib.contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """A Selenium driver on headless Chromium with a fresh profile and the network log on."""
    chromium_path, driver_path = require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium_path
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # Both paths are given, so Selenium Manager never runs (it would look for a driver online).
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument",
            {
                "source": "window.__violations = []; document.addEventListener('securitypolicyviolation',"
                " (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
            },
        )
        yield driver
    finally:
        driver.quit()


def open_page(driver: Any, path: Path, fragment: str = "") -> None:
    """Open a page from disk and wait until its script has drawn it."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.as_uri() + fragment)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.documentElement.dataset.ready"))


def requests_made(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call, from Chromium's network log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


class _Counter(BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        del format, args


@contextlib.contextmanager
def trap_server() -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 that records every request: ``(base URL, paths requested)``."""
    hits: list[str] = []
    handler = type("Trap", (_Counter,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


SELECTED_RUNS = """
const runs = [];
let end = -1;
for (const m of document.querySelectorAll('#src-text mark.sel')) {
  const o = +m.dataset.o, e = +m.dataset.e;
  if (o === end) runs[runs.length - 1] += m.textContent; else runs.push(m.textContent);
  end = e;
}
return runs;
"""
"""The highlighted text of the selected record: one string per stretch of contiguous marks."""

LISTED_IDS = """
const done = arguments[arguments.length - 1];
(async () => {
  const list = document.getElementById('list');
  const seen = new Map();
  for (let top = 0; ; top += Math.max(1, list.clientHeight - 50)) {
    list.scrollTop = top;
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    for (const row of document.querySelectorAll('#list-inner .row')) seen.set(+row.dataset.i, row.dataset.id);
    if (top + list.clientHeight >= list.scrollHeight) break;
  }
  done([...seen.keys()].sort((a, b) => a - b).map((i) => seen.get(i)));
})();
"""
"""The ids the (virtualised) list shows, in list order, read by scrolling it from top to bottom (async)."""


def merged_quotes(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The words of *spans* of *text* as the page highlights them: overlapping or touching spans joined."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [text[a:b] for a, b in merged]
