"""PostgreSQL and Redis servers of the test session's own, from Debian's packages, on loopback.

`.ci/run` installs the packages (postgresql, redis-server); the tests start private instances in a temporary
directory on free ports, stop and restart them (fault tests) and remove them afterwards. PostgreSQL refuses to
run as root, so as root the cluster is owned by and run as the `postgres` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg2
import redis

from bot.launcher.services import free_port


class ServiceUnavailable(RuntimeError):
    """A server binary is missing: the message says which package to install."""


def _postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise ServiceUnavailable(f"PostgreSQL ontbreekt ({name}): apt-get install -y postgresql")
    return found[-1]


def _as_postgres_user() -> dict[str, str]:
    """Popen arguments that run a PostgreSQL program as the postgres user when we are root (signals then reach
    the server itself, not a wrapper such as runuser)."""
    return {"user": "postgres", "group": "postgres"} if os.geteuid() == 0 else {}


class PostgresServer:
    """A private PostgreSQL cluster (trust authentication on 127.0.0.1) that can be stopped and restarted."""

    def __init__(self, user: str = "zelfbeheer", password: str = "test-wachtwoord"):
        # Its own directory directly under /tmp: the postgres user cannot enter pytest's private (0700) folders.
        self.directory = Path(tempfile.mkdtemp(prefix="zelfbeheer-postgres-"))
        self.data = self.directory / "data"
        self.port = free_port()
        self.user = user
        self.password = password
        self.process: subprocess.Popen | None = None
        self.log = self.directory / "postgres.log"

    def _chown(self) -> None:
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            for path in (self.directory, self.data):
                os.chown(path, account.pw_uid, account.pw_gid)

    def start(self) -> PostgresServer:
        """Initialise the cluster on first start (with a password user), then start it and wait until ready."""
        if not self.data.exists():
            self.data.mkdir(parents=True)
            self._chown()
            done = subprocess.run(
                [
                    _postgres_bin("initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale",
                    "C",
                ],
                capture_output=True,
                text=True,
                cwd=self.directory,
                **_as_postgres_user(),
            )
            if done.returncode:
                raise RuntimeError(f"initdb mislukte: {done.stderr.strip()}")
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [
                    _postgres_bin("postgres"),
                    "-D",
                    str(self.data),
                    "-p",
                    str(self.port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    f"unix_socket_directories={self.data}",
                    "-c",
                    "max_connections=200",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.directory,
                **_as_postgres_user(),
            )
        self._wait_ready()
        self._ensure_user()
        return self

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(
                    f"PostgreSQL stopte met code {self.process.returncode}: {self.log.read_text()[-2000:]}"
                )
            try:
                psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres").close()
                return
            except psycopg2.OperationalError:
                time.sleep(0.2)
        raise TimeoutError(f"PostgreSQL niet bereikbaar op poort {self.port}")

    def admin(self, sql: str, dbname: str = "postgres") -> None:
        """Run one statement as the superuser (autocommit, so CREATE DATABASE works)."""
        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=dbname)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(sql)
        finally:
            connection.close()

    def _ensure_user(self) -> None:
        try:
            self.admin(f"CREATE ROLE {self.user} LOGIN PASSWORD '{self.password}'")
        except psycopg2.errors.DuplicateObject:
            pass

    def create_database(self, name: str) -> str:
        """Create an empty database owned by the test user; return its SQLAlchemy URL."""
        self.admin(f"CREATE DATABASE {name} OWNER {self.user}")
        return self.url(name)

    def url(self, dbname: str) -> str:
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{dbname}"

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: 'fast' (SIGINT, clean shutdown) or 'immediate' (SIGQUIT, crash-like)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal({"fast": 2, "immediate": 3}[mode])
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def restart(self, mode: str = "fast") -> None:
        """Stop and start again on the same port with the same data."""
        self.stop(mode)
        self.start()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


class RedisServer:
    """A private redis-server on loopback, with a password, without persistence."""

    def __init__(self, directory: Path, password: str = "test-redis-wachtwoord"):
        self.directory = directory
        self.port = free_port()
        self.password = password
        self.process: subprocess.Popen | None = None
        self.log = directory / "redis.log"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not os.path.exists(binary):
            raise ServiceUnavailable("Redis ontbreekt (redis-server): apt-get install -y redis-server")
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [
                    binary,
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--requirepass",
                    self.password,
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(self.directory),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.1)
        raise TimeoutError(f"Redis niet bereikbaar op poort {self.port}")

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, password=self.password, socket_timeout=2)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def production_env(
    postgres: PostgresServer, redis_server: RedisServer, actions_url: str, tracker_db: str, workers: int
) -> dict[str, str]:
    """The variables deploy/endpoints.yml reads (as docker-compose and the Helm values set them), for a Rasa
    process on tracker database `tracker_db` with `workers` Sanic workers."""
    return {
        "ACTION_SERVER_URL": actions_url,
        "DB_HOST": "127.0.0.1",
        "DB_PORT": str(postgres.port),
        "DB_NAME": tracker_db,
        "DB_USER": postgres.user,
        "DB_PASSWORD": postgres.password,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(redis_server.port),
        "REDIS_PASSWORD": redis_server.password,
        "REDIS_DB": "0",
        "SANIC_WORKERS": str(workers),
    }
