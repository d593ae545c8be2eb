"""The real servers the slow tests share, started once per test session (the `servers` fixture of
tests/conftest.py), and the same start-up for `make eval` (tests/eval/run.py).

`start_servers` starts one action server and one Rasa server (bot.launcher.services, as `make run` does) on free
loopback ports with an SQLite tracker store in `work`, and stops them afterwards. Rasa runs the project's channels
(credentials.yml: REST and socket.io); with `teams`, also the Teams channel pointed at a local fake of Microsoft
(tests/teams/fake_microsoft.py); with `page`, the chat page server in front of it, its origin allowed to open the
socket (CORS_ORIGINS). `shared_servers` is what the session fixture starts: all of them.

Tests on the shared servers start conversations of their own (a fresh sender id, Teams conversation or socket
session), so they never see each other's turns. Tests that need another set-up (the production topology:
tests/topology.py; faults that stop a server; `make run` and `make shell` themselves) start their own.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.launcher.services import (
    CREDENTIALS,
    free_port,
    start_action_server,
    start_rasa,
    start_webserver,
    write_endpoints,
)
from tests.conversation import Conversation
from tests.teams.chat import APP_ID, APP_PASSWORD, TENANT_ID
from tests.teams.fake_microsoft import FakeMicrosoft

RASA_READY_TIMEOUT = 300  # s: Rasa loads the model


@dataclass
class Servers:
    """The running servers: Rasa's URL, the chat page's URL (with `page`), the SQLite tracker database, the
    directory with the logs, and the fake of Microsoft (with `teams`)."""

    url: str
    tracker_db: Path
    work: Path
    page_url: str | None = None
    fake: FakeMicrosoft | None = None

    @property
    def rasa_log(self) -> Path:
        return self.work / "rasa.log"

    def chat(self, prefix: str = "chat") -> Conversation:
        """A fresh REST conversation with the bot."""
        return Conversation(self.url, prefix)

    # -- the SQLite tracker store, read directly ----------------------------------------------------------------
    def _rows(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.tracker_db) as db:
            return db.execute(sql, args).fetchall()

    def event_count(self, sender: str) -> int:
        """How many events the tracker store holds for the conversation (0: it never reached Rasa)."""
        return self._rows("SELECT count(*) FROM events WHERE sender_id = ?", sender)[0][0]

    def stored_user_texts(self, sender: str) -> list[str]:
        """The user texts of a conversation straight from the events table, in order."""
        rows = self._rows("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", sender)
        return [json.loads(data)["text"] for (data,) in rows]

    def stored_slots(self, sender: str) -> dict[str, Any]:
        """The slots the conversation's events set, the last value of each."""
        rows = self._rows("SELECT data FROM events WHERE sender_id = ? AND type_name = 'slot' ORDER BY id", sender)
        return {event["name"]: event["value"] for event in (json.loads(data) for (data,) in rows)}


def teams_credentials(path: Path, fake: FakeMicrosoft) -> Path:
    """The project's credentials.yml plus the Teams channel pointed at `fake`, written to `path`."""
    credentials = yaml.safe_load(CREDENTIALS.read_text(encoding="utf-8"))
    credentials["bot.teams.channel.TeamsInput"] = {
        "app_id": APP_ID,
        "app_password": APP_PASSWORD,
        "tenant_id": TENANT_ID,
        "openid_metadata_url": fake.metadata_url,
        "token_url": fake.token_url,
        "jwks_refresh_min_seconds": 1,  # the key rotation test waits just over a second between refreshes
        "connector_backoff": 0.05,
    }
    path.write_text(yaml.safe_dump(credentials), encoding="utf-8")
    return path


@contextmanager
def start_servers(work: Path, *, teams: FakeMicrosoft | None = None, page: bool = False) -> Iterator[Servers]:
    """Start the action server and Rasa (and the page server with `page`); yield them; stop them all."""
    actions_port, rasa_port = free_port(), free_port()
    rasa_url = f"http://127.0.0.1:{rasa_port}"
    tracker_db = work / "tracker.db"
    endpoints = write_endpoints(work / "endpoints.yml", actions_port, tracker_db)
    credentials = teams_credentials(work / "credentials.yml", teams) if teams else CREDENTIALS
    page_port = free_port() if page else None
    page_origin = f"http://127.0.0.1:{page_port}" if page else None
    with ExitStack() as stack:
        actions = start_action_server(actions_port, log=stack.enter_context(open(work / "actions.log", "w")))
        stack.callback(actions.stop)
        rasa = start_rasa(
            rasa_port,
            endpoints,
            log=stack.enter_context(open(work / "rasa.log", "w")),
            credentials=credentials,
            **({"CORS_ORIGINS": page_origin} if page_origin else {}),
        )
        stack.callback(rasa.stop)
        if page_port is not None:
            page_server = start_webserver(page_port, rasa_url, log=stack.enter_context(open(work / "web.log", "w")))
            stack.callback(page_server.stop)
            page_server.wait_ready(timeout=30)
        actions.wait_ready()
        rasa.wait_ready(timeout=RASA_READY_TIMEOUT)
        yield Servers(
            url=rasa_url,
            tracker_db=tracker_db,
            work=work,
            page_url=f"{page_origin}/" if page_origin else None,
            fake=teams,
        )


@contextmanager
def shared_servers(work: Path) -> Iterator[Servers]:
    """What the slow tests share: the fake of Microsoft, and the servers with every channel and the page."""
    fake = FakeMicrosoft(APP_ID, APP_PASSWORD, TENANT_ID).start()
    try:
        with start_servers(work, teams=fake, page=True) as servers:
            yield servers
    finally:
        fake.stop()
