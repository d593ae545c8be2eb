"""The web widget's tests: the shared servers (the session's `servers`: the action server, Rasa with the socket.io
channel, the page server) and a headless Chromium from Debian's packages driven by Playwright (no browser
download)."""

import os
import shutil
from pathlib import Path

import pytest

from bot.web.server import SOCKET_IO_CLIENT
from tests.servers import Servers

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-extensions",
]


def _require_browser() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: 'apt-get install -y chromium' (.ci/run does this)")
    if not SOCKET_IO_CLIENT.exists():
        pytest.skip(f"no Socket.IO client at {SOCKET_IO_CLIENT}: run 'make web' ('make test' does this)")


@pytest.fixture(scope="module")
def web(request) -> Servers:
    """The shared servers with the chat page (`web.page_url`); skipped before anything starts without a browser."""
    _require_browser()
    return request.getfixturevalue("servers")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless (for a module; needs no servers of its own)."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser):
    """Pages in fresh browser contexts (own localStorage); every page fails the test on a JS error or dialog."""
    contexts = []

    def make(width: int = 1100, height: int = 900):
        context = browser.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True, locale="nl-NL"
        )
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        return page

    yield make
    for context in contexts:
        context.close()
