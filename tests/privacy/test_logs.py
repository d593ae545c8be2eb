"""No message text in the logs at Rasa's default level (INFO): a real action server and Rasa server, logging to
files with bot/privacy/logging.yml, a whole conversation in which every message carries a unique marker word, and the
failures that make Rasa log what was said: an action that raises, a tracker store that is locked, a malformed
REST message. Neither log may contain the marker."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from bot.launcher.services import free_port, start_action_server, start_rasa, write_endpoints
from tests.conversation import Conversation, text_of

pytestmark = pytest.mark.slow

# Letters that form no word, then digits only: a hex suffix could hold a Dutch word ("cd", "bed") and change
# how NLU reads a nonsense message that must fall back.
MARKER = f"zqmarker{uuid.uuid4().int % 10**10:010d}"
FAULT = "zqstoring"  # a message with this word reaches the action server broken: the action raises


class BreakingProxy:
    """Between Rasa and the action server: passes requests on, but removes `tracker.sender_id` from those whose
    latest message contains FAULT, so rasa_sdk raises and answers 500 with the request (the whole tracker)."""

    def __init__(self, target: str):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # http.server's name
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if FAULT in ((body.get("tracker") or {}).get("latest_message") or {}).get("text", ""):
                    body["tracker"].pop("sender_id", None)
                    proxy.broken += 1
                request = urllib.request.Request(
                    target, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
                )
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        status, payload = response.status, response.read()
                except urllib.error.HTTPError as error:
                    status, payload = error.code, error.read()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.broken = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def logged_servers(tmp_path_factory):
    """The action server and Rasa with bot/privacy/logging.yml at INFO, logs in files; actions called by the proxy.
    Not the shared servers: those log at Rasa's default level, and this test breaks and stops its own."""
    work = tmp_path_factory.mktemp("privacy-logs")
    actions_port, rasa_port = free_port(), free_port()
    proxy = BreakingProxy(f"http://127.0.0.1:{actions_port}/webhook")
    endpoints = write_endpoints(work / "endpoints.yml", proxy.port, work / "tracker.db")
    with open(work / "actions.log", "w") as actions_log, open(work / "rasa.log", "w") as rasa_log:
        actions = start_action_server(actions_port, log=actions_log, LOG_LEVEL="INFO")
        rasa = start_rasa(rasa_port, endpoints, log=rasa_log, LOG_LEVEL="INFO")
    info = {
        "url": f"http://127.0.0.1:{rasa_port}",
        "work": work,
        "proxy": proxy,
        "tracker_db": work / "tracker.db",
        "stop": lambda: (rasa.stop(), actions.stop()),
    }
    try:
        actions.wait_ready()
        rasa.wait_ready(timeout=300)
        yield info
    finally:
        rasa.stop()
        actions.stop()
        proxy.stop()


def texts(response: requests.Response) -> str:
    """The bot's texts in a REST answer ("" for a failed request: this test provokes failures)."""
    return text_of(response.json()) if response.status_code == 200 else ""


def hold_write_lock(db: Path, seconds: float, locked: threading.Event) -> None:
    """Keep the SQLite tracker database locked for writing (reads go on) for a while, as a stuck writer would."""
    connection = sqlite3.connect(db, timeout=30, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(seconds)
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def test_no_message_text_in_logs_at_info_level(logged_servers):
    chat = Conversation(logged_servers["url"], "privacy")  # chat.post: any answer, failures are provoked here

    # A whole conversation: every message carries the marker.
    assert "zelfbeheer" in texts(chat.post(f"goedemorgen {MARKER}"))
    assert "Om welke ruimte" in texts(chat.post(f"ik wil graag advies over zelfbeheer {MARKER}"))
    unrecognised = texts(chat.post(f"het is een flat uit de jaren zestig {MARKER}"))
    assert "weet ik niet" in unrecognised  # the intake did not recognise the answer and explains
    chat.post(f"het gaat om de binnentuin achter ons complex {MARKER}")
    chat.post(f"de bewoners zelf kwamen met het idee {MARKER}")
    chat.post(f"ze willen zelf schoffelen, maaien en snoeien {MARKER}")
    assert "Bronnen:" in texts(chat.post(f"nee, het is geen kwetsbare wijk {MARKER}"))
    assert "anders zeggen" in texts(chat.post(f"kjhkjh lkjlkj {MARKER}"))  # NLU fallback
    long_message = " ".join([f"de bewoners van ons complex willen de binnentuin zelf beheren {MARKER}"] * 60)
    assert len(long_message) > 4000
    chat.post(long_message)

    # An action that raises: rasa_sdk answers 500 with the whole tracker, Rasa logs the error.
    chat.post(f"kjhkjh lkjlkj {FAULT} {MARKER}")
    assert logged_servers["proxy"].broken >= 1

    # A tracker store that stays locked: Rasa logs the failed save (an SQLAlchemy error with its parameters).
    locked = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(logged_servers["tracker_db"], 9, locked))
    holder.start()
    assert locked.wait(10)
    chat.post(f"wat zijn de valkuilen? {MARKER}", timeout=120)  # the first event to insert holds the text
    holder.join()

    # A malformed REST message (an object instead of text): Rasa's REST channel logs the failure with the text.
    chat.post({"tekst": f"advies over de binnentuin {MARKER}"})

    logged_servers["stop"]()
    rasa_log = (logged_servers["work"] / "rasa.log").read_text(encoding="utf-8", errors="replace")
    actions_log = (logged_servers["work"] / "actions.log").read_text(encoding="utf-8", errors="replace")

    # The logs went where we read them, and the failures were logged (so the text had every chance to leak).
    assert "Rasa server is up and running" in rasa_log
    assert "Action endpoint is up and running" in actions_log
    assert "Encountered an exception while running action" in rasa_log
    assert "Exception occurred during execution of request" in actions_log
    # The locked tracker database stopped the turn (bot/stores/tracker.py); only the exception class is logged.
    assert "turn failed with sqlalchemy.exc.OperationalError" in rasa_log

    for name, log in (("rasa.log", rasa_log), ("actions.log", actions_log)):
        assert MARKER not in log, f"berichttekst in {name}:\n" + "\n".join(
            line[:300] for line in log.splitlines() if MARKER in line
        )
