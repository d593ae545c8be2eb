"""Real servers for the web widget (action server, Rasa with the socket.io channel, the page server) and a
headless Chromium from Debian's packages driven by Playwright (no browser download)."""

import os
import shutil
from pathlib import Path

import pytest

from bot.launcher.services import free_port, start_action_server, start_rasa, start_webserver, write_endpoints
from bot.web.server import SOCKET_IO_CLIENT

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
def web(tmp_path_factory):
    """Start the three servers once for the module; yield the page URL and Rasa's URL; stop them."""
    _require_browser()
    work = tmp_path_factory.mktemp("web")
    actions_port, rasa_port, web_port = free_port(), free_port(), free_port()
    page_origin = f"http://127.0.0.1:{web_port}"
    endpoints = write_endpoints(work / "endpoints.yml", actions_port, work / "tracker.db")
    with (
        open(work / "actions.log", "w") as actions_log,
        open(work / "rasa.log", "w") as rasa_log,
        open(work / "web.log", "w") as web_log,
    ):
        actions = start_action_server(actions_port, log=actions_log)
        rasa = start_rasa(rasa_port, endpoints, log=rasa_log, CORS_ORIGINS=page_origin)
        page_server = start_webserver(web_port, f"http://127.0.0.1:{rasa_port}", log=web_log)
        try:
            page_server.wait_ready(timeout=30)
            actions.wait_ready()
            rasa.wait_ready(timeout=300)
            yield {"url": f"{page_origin}/", "rasa": f"http://127.0.0.1:{rasa_port}", "work": work}
        finally:
            page_server.stop()
            rasa.stop()
            actions.stop()


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
