"""The production topology as local processes, for the production tests (tests/production) and the load benchmark
(tests/bench/load.py): PostgreSQL (the tracker stores and the knowledge store) and Redis (the lock store) of our own
(tests/infra.py), one action server with the knowledge on PostgreSQL, and Rasa processes configured by
deploy/endpoints.yml, as docker-compose and the Helm chart run them. Every part can be stopped and started again.

    with Topology(work) as top:                       # PostgreSQL, Redis, the action server
        top.start_rasa(processes=2, workers=2)        # two Rasa processes on the tracker database "tracker"
        Conversation(top.urls).say("hallo")           # messages alternate between the processes
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg2

from bot.launcher.services import CREDENTIALS, MODEL, ROOT, Service, free_port, start_action_server, start_rasa
from tests.infra import PostgresServer, RedisServer, production_env

ENDPOINTS = ROOT / "deploy" / "endpoints.yml"
ACTIONS_READY_TIMEOUT = 300  # s
RASA_READY_TIMEOUT = 900  # s: several processes load the model at once on a small machine


@dataclass
class RasaProcess(Service):
    """A started Rasa process: its port and its log as well."""

    port: int = 0
    log: Path = field(default_factory=Path)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def wait_ready_or_show_log(service: Service, log: Path, timeout: float) -> None:
    """Wait until the service is ready; if it dies or times out, print the end of its log and raise."""
    try:
        service.wait_ready(timeout=timeout)
    except (RuntimeError, TimeoutError):
        print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
        raise


class Topology:
    """Every part of the production set-up, and ways to stop and restart them. As a context manager: started
    (PostgreSQL, Redis, the knowledge database, the action server) on entry, everything removed on exit."""

    def __init__(self, work: Path, knowledge_db: str = "knowledge", tracker_db: str = "tracker"):
        self.work = work
        self.knowledge_db = knowledge_db
        self.tracker_db = tracker_db  # the default tracker database of start_rasa and stored_events
        self.postgres = PostgresServer()
        self.redis = RedisServer(work / "redis")
        self.actions_port = free_port()
        self.actions: Service | None = None
        self.rasa: list[RasaProcess] = []
        self._databases: set[str] = set()

    # -- the parts ---------------------------------------------------------------------------------------------
    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}/webhook"

    @property
    def actions_log(self) -> Path:
        return self.work / "actions.log"

    @property
    def knowledge_url(self) -> str:
        return self.postgres.url(self.knowledge_db)

    @property
    def urls(self) -> list[str]:
        """The URLs of the Rasa processes started (and not stopped with stop_rasa), in order."""
        return [process.url for process in self.rasa]

    def start(self) -> Topology:
        """Start PostgreSQL and Redis, create the knowledge database, start the action server."""
        self.postgres.start()
        self.redis.start()
        self.create_database(self.knowledge_db)
        self.start_actions()
        return self

    def create_database(self, name: str) -> None:
        """An empty database for the test user, unless this topology made it already."""
        if name not in self._databases:
            self.postgres.create_database(name)
            self._databases.add(name)

    def start_actions(self) -> None:
        """Start the action server on its port (again, after stop_actions), with the knowledge store on PostgreSQL."""
        with open(self.actions_log, "a") as log:
            self.actions = start_action_server(self.actions_port, log=log, KNOWLEDGE_DB_URL=self.knowledge_url)
        wait_ready_or_show_log(self.actions, self.actions_log, ACTIONS_READY_TIMEOUT)

    def stop_actions(self) -> None:
        if self.actions is not None:
            self.actions.stop()

    def rasa_env(self, tracker_db: str, workers: int) -> dict[str, str]:
        """The environment deploy/endpoints.yml reads, for a Rasa process on tracker database `tracker_db` with
        `workers` Sanic workers."""
        return production_env(self.postgres, self.redis, self.actions_url, tracker_db, workers)

    def start_rasa(
        self,
        tracker_db: str | None = None,
        *,
        processes: int = 1,
        workers: int = 1,
        name: str = "rasa",
        model: Path = MODEL,
        credentials: Path = CREDENTIALS,
    ) -> list[RasaProcess]:
        """Start `processes` Rasa processes at once on `tracker_db` (default: the topology's; created if new), their
        logs in work/NAME-1.log, work/NAME-2.log, ...; wait until all answer; return them."""
        database = tracker_db or self.tracker_db
        self.create_database(database)
        env = self.rasa_env(database, workers)
        started = []
        for number in range(1, processes + 1):
            port, log_path = free_port(), self.work / f"{name}-{number}.log"
            with open(log_path, "a") as log:
                service = start_rasa(port, ENDPOINTS, model=model, log=log, credentials=credentials, **env)
            started.append(RasaProcess(service.name, service.process, service.ready_url, port, log_path))
        self.rasa += started
        for process in started:
            wait_ready_or_show_log(process, process.log, RASA_READY_TIMEOUT)
        return started

    def stop_rasa(self, processes: list[RasaProcess] | None = None) -> None:
        """Stop these Rasa processes (default: all)."""
        for process in list(self.rasa if processes is None else processes):
            process.stop()
            self.rasa.remove(process)

    def remove(self) -> None:
        """Stop everything and remove PostgreSQL's and Redis' data."""
        try:
            self.stop_rasa()
            self.stop_actions()
        finally:
            self.redis.remove()
            self.postgres.remove()

    def __enter__(self) -> Topology:
        try:
            return self.start()
        except BaseException:
            self.remove()
            raise

    def __exit__(self, *exc: object) -> None:
        self.remove()

    # -- what PostgreSQL holds ---------------------------------------------------------------------------------
    def stored_events(self, sender: str, tracker_db: str | None = None) -> list[dict[str, Any]]:
        """The conversation's events as PostgreSQL holds them, in order."""
        connection = psycopg2.connect(
            host="127.0.0.1",
            port=self.postgres.port,
            dbname=tracker_db or self.tracker_db,
            user=self.postgres.user,
            password=self.postgres.password,
        )
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
                return [json.loads(row[0]) for row in cursor.fetchall()]
        finally:
            connection.close()

    def stored_user_texts(self, sender: str, tracker_db: str | None = None) -> list[str]:
        return [e.get("text") for e in self.stored_events(sender, tracker_db) if e.get("event") == "user"]
