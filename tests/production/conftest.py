"""The production topology as local processes: PostgreSQL (tracker store and knowledge store), Redis (lock store),
one action server and two Rasa processes with two Sanic workers each, configured by deploy/endpoints.yml."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg2
import pytest

from bot.launcher.services import ROOT, Service, free_port, start_action_server, start_rasa
from tests.infra import PostgresServer, RedisServer, production_env

ENDPOINTS = ROOT / "deploy" / "endpoints.yml"
SANIC_WORKERS = "2"


@dataclass
class Topology:
    """Every part of the production set-up, and ways to stop and restart them."""

    postgres: PostgresServer
    redis: RedisServer
    work: Path
    tracker_db: str = "tracker"
    knowledge_db: str = "knowledge"
    actions_port: int = field(default_factory=free_port)
    rasa_ports: list[int] = field(default_factory=lambda: [free_port(), free_port()])
    actions: Service | None = None
    rasa: list[Service] = field(default_factory=list)

    @property
    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.rasa_ports]

    @property
    def knowledge_url(self) -> str:
        return self.postgres.url(self.knowledge_db)

    def rasa_env(self) -> dict[str, str]:
        return production_env(
            self.postgres,
            self.redis,
            f"http://127.0.0.1:{self.actions_port}/webhook",
            self.tracker_db,
            int(SANIC_WORKERS),
        )

    def start_actions(self) -> None:
        """Start the action server on its port, with the knowledge store on PostgreSQL."""
        log = open(self.work / "actions.log", "a")
        self.actions = start_action_server(self.actions_port, log=log, KNOWLEDGE_DB_URL=self.knowledge_url)
        self.actions.wait_ready(timeout=300)

    def stop_actions(self) -> None:
        if self.actions is not None:
            self.actions.stop()

    def start_rasa(self) -> None:
        """Start both Rasa processes (in parallel) and wait for them."""
        for number, port in enumerate(self.rasa_ports, 1):
            log = open(self.work / f"rasa-{number}.log", "a")
            self.rasa.append(start_rasa(port, ENDPOINTS, log=log, **self.rasa_env()))
        for service in self.rasa:
            service.wait_ready(timeout=900)

    def stored_events(self, sender: str) -> list[dict[str, Any]]:
        """The conversation's events as PostgreSQL holds them, in order."""
        connection = psycopg2.connect(
            host="127.0.0.1",
            port=self.postgres.port,
            dbname=self.tracker_db,
            user=self.postgres.user,
            password=self.postgres.password,
        )
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
                return [json.loads(row[0]) for row in cursor.fetchall()]
        finally:
            connection.close()

    def stored_user_texts(self, sender: str) -> list[str]:
        return [e.get("text") for e in self.stored_events(sender) if e.get("event") == "user"]

    def log_text(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in sorted(self.work.glob("*.log")))


@pytest.fixture(scope="session")
def topology(tmp_path_factory) -> Topology:
    """Start the whole topology once for the production tests; remove it afterwards."""
    work = tmp_path_factory.mktemp("production")
    postgres = PostgresServer().start()
    redis_server = RedisServer(work / "redis").start()
    system = Topology(postgres, redis_server, work)
    try:
        postgres.create_database(system.tracker_db)
        postgres.create_database(system.knowledge_db)
        system.start_actions()
        system.start_rasa()
        yield system
    finally:
        for service in system.rasa:
            service.stop()
        system.stop_actions()
        redis_server.remove()
        postgres.remove()
