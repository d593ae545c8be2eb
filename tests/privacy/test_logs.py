"""No message text in the logs at Rasa's default level (INFO): a real action server and Rasa server, logging to
files with bot/privacy/logging.yml, a whole conversation in which every message carries a unique marker word, and the
failures that make Rasa log what was said: an action that raises, a tracker store that is locked, a malformed
REST message. Neither log may contain the marker."""

from __future__ import annotations

import json
import sqlite3
import subprocess
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

from bot.launcher.services import BIN, ROOT, Service, child_env, free_port, rasa_command, write_endpoints
from bot.privacy.log_filter import action_server_logging_args, rasa_logging_args

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


def _start(name: str, cmd: list[str], ready_url: str, log_path: Path) -> Service:
    with open(log_path, "w") as log:
        process = subprocess.Popen(cmd, cwd=ROOT, env=child_env(LOG_LEVEL="INFO"), stdout=log, stderr=subprocess.STDOUT)
    return Service(name, process, ready_url)


@pytest.fixture(scope="module")
def logged_servers(tmp_path_factory):
    """The action server and Rasa with bot/privacy/logging.yml at INFO, logs in files; actions called by the proxy."""
    work = tmp_path_factory.mktemp("privacy-logs")
    actions_port, rasa_port = free_port(), free_port()
    proxy = BreakingProxy(f"http://127.0.0.1:{actions_port}/webhook")
    endpoints = write_endpoints(work / "endpoints.yml", proxy.port, work / "tracker.db")
    actions_cmd = [
        str(BIN / "python"),
        "-m",
        "rasa_sdk",
        "--actions",
        "actions",
        "--port",
        str(actions_port),
        *action_server_logging_args(),
    ]
    rasa_cmd = rasa_command(
        "run",
        endpoints,
        extra=["--port", str(rasa_port), "--interface", "127.0.0.1", "--enable-api", *rasa_logging_args()],
    )
    actions = _start("action server", actions_cmd, f"http://127.0.0.1:{actions_port}/health", work / "actions.log")
    rasa = _start("Rasa", rasa_cmd, f"http://127.0.0.1:{rasa_port}/status", work / "rasa.log")
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


def say(base_url: str, sender: str, message: Any, timeout: float = 90) -> requests.Response:
    return requests.post(
        f"{base_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=timeout
    )


def texts(response: requests.Response) -> str:
    return "\n".join(m.get("text") or "" for m in response.json()) if response.status_code == 200 else ""


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
    url, sender = logged_servers["url"], f"privacy-{uuid.uuid4().hex[:8]}"

    # A whole conversation: every message carries the marker.
    assert "zelfbeheer" in texts(say(url, sender, f"goedemorgen {MARKER}"))
    assert "Om welke ruimte" in texts(say(url, sender, f"ik wil graag advies over zelfbeheer {MARKER}"))
    unrecognised = texts(say(url, sender, f"het is een flat uit de jaren zestig {MARKER}"))
    assert "weet ik niet" in unrecognised  # the intake did not recognise the answer and explains
    say(url, sender, f"het gaat om de binnentuin achter ons complex {MARKER}")
    say(url, sender, f"de bewoners zelf kwamen met het idee {MARKER}")
    say(url, sender, f"ze willen zelf schoffelen, maaien en snoeien {MARKER}")
    assert "Bronnen:" in texts(say(url, sender, f"nee, het is geen kwetsbare wijk {MARKER}"))
    assert "anders zeggen" in texts(say(url, sender, f"kjhkjh lkjlkj {MARKER}"))  # NLU fallback
    long_message = " ".join([f"de bewoners van ons complex willen de binnentuin zelf beheren {MARKER}"] * 60)
    assert len(long_message) > 4000
    say(url, sender, long_message)

    # An action that raises: rasa_sdk answers 500 with the whole tracker, Rasa logs the error.
    say(url, sender, f"kjhkjh lkjlkj {FAULT} {MARKER}")
    assert logged_servers["proxy"].broken >= 1

    # A tracker store that stays locked: Rasa logs the failed save (an SQLAlchemy error with its parameters).
    locked = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(logged_servers["tracker_db"], 9, locked))
    holder.start()
    assert locked.wait(10)
    say(url, sender, f"wat zijn de valkuilen? {MARKER}", timeout=120)  # the first event to insert holds the text
    holder.join()

    # A malformed REST message (an object instead of text): Rasa's REST channel logs the failure with the text.
    say(url, sender, {"tekst": f"advies over de binnentuin {MARKER}"})

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
