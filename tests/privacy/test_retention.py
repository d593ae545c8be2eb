"""`python -m bot.privacy.retention`: whole conversations older than N days are deleted, on SQLite and PostgreSQL,
through the command line as a subprocess (exit codes, Dutch messages, dry run, RETENTION_DAYS, unreachable
databases)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.launcher.services import ROOT, free_port
from bot.privacy.retention import purge, settings

DAY = 86_400
NOW = time.time()
MANY = 1234  # stale conversations for batching: three transactions of at most 500


def rasa_sql_store(**kwargs):
    """Rasa's own SQLTrackerStore, instantiated once to create the events table with Rasa's schema."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import SQLTrackerStore

        store = SQLTrackerStore(**kwargs)
    store.engine.dispose()


def conversations() -> list[tuple[str, str, float]]:
    """(sender_id, type_name, timestamp) rows: the cases the command must tell apart."""
    rows = [
        ("oud", "action", NOW - 40 * DAY),
        ("oud", "user", NOW - 40 * DAY + 5),
        ("oud", "bot", NOW - 39 * DAY),
        ("nieuw", "user", NOW - 1 * DAY),
        ("nieuw", "bot", NOW - 1 * DAY + 1),
        # an old beginning and a recent message: one conversation, kept whole
        ("gemengd", "user", NOW - 100 * DAY),
        ("gemengd", "bot", NOW - 100 * DAY + 1),
        ("gemengd", "user", NOW - 2 * DAY),
        ("net-te-oud", "user", NOW - 31 * DAY),
        ("net-nieuw", "user", NOW - 29 * DAY),
    ]
    for i in range(MANY):
        rows += [(f"veel-{i:05d}", "user", NOW - 60 * DAY - i), (f"veel-{i:05d}", "bot", NOW - 60 * DAY - i + 1)]
    return rows


STALE_30 = MANY + 2  # oud, net-te-oud and the many
STALE_30_EVENTS = 2 * MANY + 3 + 1
KEPT_30 = {"nieuw": 2, "gemengd": 3, "net-nieuw": 1}


def insert(engine: sa.engine.Engine, rows: list[tuple[str, str, float]]) -> None:
    events = sa.table(
        "events", sa.column("sender_id"), sa.column("type_name"), sa.column("timestamp"), sa.column("data")
    )
    with engine.begin() as connection:
        connection.execute(
            events.insert(),
            [
                {"sender_id": s, "type_name": t, "timestamp": ts, "data": f'{{"event": "{t}", "text": "geheim"}}'}
                for s, t, ts in rows
            ],
        )


def counts(engine: sa.engine.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.execute(sa.text("SELECT sender_id, COUNT(*) FROM events GROUP BY sender_id")).all())


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "RETENTION_DAYS"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot.privacy.retention", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------------- SQLite


@pytest.fixture
def sqlite_db(tmp_path):
    """A tracker database with Rasa's schema and the conversations above; yields (engine, endpoints file)."""
    path = tmp_path / "tracker.db"
    rasa_sql_store(dialect="sqlite", db=str(path))
    engine = sa.create_engine(f"sqlite:///{path}")
    insert(engine, conversations())
    endpoints = write(tmp_path / "endpoints.yml", f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {path}\n")
    yield engine, endpoints
    engine.dispose()


def test_deletes_whole_conversations_older_than_n_days(sqlite_db):
    engine, endpoints = sqlite_db
    done = run("--older-than-days", "30", "--endpoints", str(endpoints))
    assert done.returncode == 0, done.stderr
    assert f"Verwijderd: {STALE_30} gesprekken ({STALE_30_EVENTS} gebeurtenissen), in 3 transacties." in done.stdout
    assert "Bewaartermijn 30 dagen" in done.stdout and "UTC" in done.stdout
    assert counts(engine) == KEPT_30  # "gemengd" keeps its 100-day-old events too
    again = run("--older-than-days", "30", "--endpoints", str(endpoints))
    assert again.returncode == 0 and "Verwijderd: 0 gesprekken (0 gebeurtenissen)." in again.stdout


def test_dry_run_counts_and_changes_nothing(sqlite_db):
    engine, endpoints = sqlite_db
    before = counts(engine)
    done = run("--older-than-days", "30", "--dry-run", "--endpoints", str(endpoints))
    assert done.returncode == 0, done.stderr
    expected = f"Proefdraai: {STALE_30} gesprekken ({STALE_30_EVENTS} gebeurtenissen) zouden worden verwijderd"
    assert expected in done.stdout
    assert "niets veranderd" in done.stdout
    assert counts(engine) == before


def test_batch_size_sets_the_transactions(sqlite_db):
    engine, endpoints = sqlite_db
    done = run("--older-than-days", "30", "--batch-size", "100", "--endpoints", str(endpoints))
    assert done.returncode == 0, done.stderr
    assert f"Verwijderd: {STALE_30} gesprekken ({STALE_30_EVENTS} gebeurtenissen), in 13 transacties." in done.stdout
    assert counts(engine) == KEPT_30


def test_retention_days_from_the_environment(sqlite_db):
    engine, endpoints = sqlite_db
    done = run("--endpoints", str(endpoints), env={"RETENTION_DAYS": "50"})
    assert done.returncode == 0, done.stderr
    assert "Bewaartermijn 50 dagen" in done.stdout
    assert f"Verwijderd: {MANY} gesprekken ({2 * MANY} gebeurtenissen)" in done.stdout  # only the 60-day-old ones
    assert set(counts(engine)) == {"oud", "nieuw", "gemengd", "net-te-oud", "net-nieuw"}


def test_option_wins_over_the_environment(sqlite_db):
    engine, endpoints = sqlite_db
    done = run("--older-than-days", "30", "--dry-run", "--endpoints", str(endpoints), env={"RETENTION_DAYS": "1"})
    assert done.returncode == 0 and "Bewaartermijn 30 dagen" in done.stdout
    assert f"Proefdraai: {STALE_30} gesprekken" in done.stdout


def test_default_is_365_days(sqlite_db):
    engine, endpoints = sqlite_db
    done = run("--dry-run", "--endpoints", str(endpoints))
    assert done.returncode == 0
    assert "Bewaartermijn 365 dagen" in done.stdout and "Proefdraai: 0 gesprekken" in done.stdout


@pytest.mark.parametrize("days", ["0", "-3", "abc", "1.5", "", "99999999"])
def test_wrong_number_of_days_is_refused(sqlite_db, days):
    engine, endpoints = sqlite_db
    before = counts(engine)
    done = run("--older-than-days", days, "--endpoints", str(endpoints))
    assert done.returncode == 2
    assert "--older-than-days moet" in done.stderr or "--older-than-days mag" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert counts(engine) == before


@pytest.mark.parametrize("days", ["0", "nooit"])
def test_wrong_retention_days_is_refused(sqlite_db, days):
    engine, endpoints = sqlite_db
    done = run("--endpoints", str(endpoints), env={"RETENTION_DAYS": days})
    assert done.returncode == 2 and "RETENTION_DAYS" in done.stderr and "moet" in done.stderr
    assert "Traceback" not in done.stderr


def test_help_is_dutch():
    done = run("--help")
    assert done.returncode == 0
    assert "alleen tellen wat verwijderd zou worden" in done.stdout and "RETENTION_DAYS" in done.stdout


def test_missing_sqlite_database_is_an_error(tmp_path):
    endpoints = write(
        tmp_path / "endpoints.yml", f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {tmp_path}/geen.db\n"
    )
    done = run("--older-than-days", "30", "--endpoints", str(endpoints))
    assert done.returncode == 1 and "bestaat niet" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "geen.db").exists()  # not created as a side effect


@pytest.mark.parametrize(
    "content, expected",
    [
        ("action_endpoint:\n  url: http://localhost:5055/webhook\n", "geen tracker_store"),
        ("tracker_store:\n  type: redis\n  url: localhost\n", "alleen met een SQL-trackerstore"),
        (
            'tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: "${ZQ_DB_HOST}"\n  db: rasa\n',
            "aanhalingstekens",
        ),
    ],
)
def test_unusable_tracker_store_configuration(tmp_path, content, expected):
    endpoints = write(tmp_path / "endpoints.yml", content)
    done = run("--older-than-days", "30", "--endpoints", str(endpoints), env={"ZQ_DB_HOST": "127.0.0.1"})
    assert done.returncode == 1 and expected in done.stderr and "Traceback" not in done.stderr


def test_missing_endpoints_file(tmp_path):
    done = run("--older-than-days", "30", "--endpoints", str(tmp_path / "nergens.yml"))
    assert done.returncode == 1 and "bestaat niet" in done.stderr


def test_default_endpoints_find_the_database_make_run_uses():
    """Without --endpoints: the project's endpoints.yml, its relative SQLite path taken from the project root,
    which is the file `make run` (bot/launcher/run.py) gives Rasa."""
    url = settings.tracker_store_url(settings.DEFAULT_ENDPOINTS)
    assert settings.DEFAULT_ENDPOINTS == ROOT / "endpoints.yml"
    assert url.get_backend_name() == "sqlite" and Path(url.database) == ROOT / "var" / "tracker.db"
    run_py = (ROOT / "bot" / "launcher" / "run.py").read_text(encoding="utf-8")
    assert 'ROOT / "var"' in run_py and 'run_dir / "tracker.db"' in run_py  # var/ unless RUN_DIR says otherwise


def test_login_db_is_not_the_database_with_the_events(tmp_path, monkeypatch):
    """Rasa connects to login_db only to create `db`, then uses `db`: so must the command."""
    endpoints = write(
        tmp_path / "endpoints.yml",
        "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: db.local\n"
        "  port: 5433\n  db: rasa\n  username: u\n  password: p\n"
        "  login_db: postgres\n",
    )
    url = settings.tracker_store_url(endpoints)
    assert (url.host, url.port, url.database, url.username) == ("db.local", 5433, "rasa", "u")


def test_relative_sqlite_path_is_taken_from_the_project_root(tmp_path):
    endpoints = write(
        tmp_path / "endpoints.yml", "tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: var/elders.db\n"
    )
    assert Path(settings.tracker_store_url(endpoints).database) == ROOT / "var" / "elders.db"


def test_a_conversation_continued_after_the_scan_is_kept_whole(sqlite_db):
    engine, endpoints = sqlite_db
    store = purge.make_engine(settings.tracker_store_url(endpoints))
    cutoff = NOW - 30 * DAY
    stale = [sender for sender, _ in purge.stale_conversations(store, cutoff)]
    assert "oud" in stale
    insert(engine, [("oud", "user", NOW)])  # the professional comes back between the scan and the batch
    assert purge.delete_batch(store, ["oud", "net-te-oud"], cutoff) == (1, 1)
    store.dispose()
    assert counts(engine)["oud"] == 4 and "net-te-oud" not in counts(engine)


def test_no_events_table_means_nothing_to_delete(tmp_path):
    path = tmp_path / "leeg.db"
    sqlite3.connect(path).close()
    endpoints = write(tmp_path / "endpoints.yml", f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {path}\n")
    done = run("--older-than-days", "30", "--endpoints", str(endpoints))
    assert done.returncode == 0 and "Verwijderd: 0 gesprekken" in done.stdout


# ------------------------------------------------------------------------------------------------ PostgreSQL


@pytest.fixture(scope="module")
def postgres():
    from tests.infra import PostgresServer, ServiceUnavailable

    try:
        server = PostgresServer().start()
    except ServiceUnavailable as missing:
        pytest.skip(str(missing))
    try:
        yield server
    finally:
        server.remove()


PG_ENDPOINTS = """tracker_store:
  type: bot.stores.tracker.SQLTrackerStore
  dialect: postgresql
  url: ${ZQ_DB_HOST}
  port: ${ZQ_DB_PORT}
  db: ${ZQ_DB_NAME}
  username: ${ZQ_DB_USER}
  password: ${ZQ_DB_PASSWORD}
"""


@pytest.fixture
def postgres_db(postgres, tmp_path):
    """A fresh PostgreSQL database with Rasa's events table and the conversations; (engine, endpoints, env)."""
    name = f"retentie_{os.urandom(4).hex()}"
    url = postgres.create_database(name)
    rasa_sql_store(
        dialect="postgresql",
        host="127.0.0.1",
        port=postgres.port,
        db=name,
        username=postgres.user,
        password=postgres.password,
    )
    engine = sa.create_engine(url)
    insert(engine, conversations())
    env = {
        "ZQ_DB_HOST": "127.0.0.1",
        "ZQ_DB_PORT": str(postgres.port),
        "ZQ_DB_NAME": name,
        "ZQ_DB_USER": postgres.user,
        "ZQ_DB_PASSWORD": postgres.password,
    }
    yield engine, write(tmp_path / "endpoints.yml", PG_ENDPOINTS), env
    engine.dispose()


def test_postgres_dry_run_then_delete(postgres_db):
    engine, endpoints, env = postgres_db
    before = counts(engine)
    dry = run("--older-than-days", "30", "--dry-run", "--endpoints", str(endpoints), env=env)
    assert dry.returncode == 0, dry.stderr
    assert f"Proefdraai: {STALE_30} gesprekken ({STALE_30_EVENTS} gebeurtenissen)" in dry.stdout
    assert counts(engine) == before
    assert env["ZQ_DB_PASSWORD"] not in dry.stdout + dry.stderr  # the URL is shown without the password

    done = run("--older-than-days", "30", "--endpoints", str(endpoints), env=env)
    assert done.returncode == 0, done.stderr
    assert f"Verwijderd: {STALE_30} gesprekken ({STALE_30_EVENTS} gebeurtenissen), in 3 transacties." in done.stdout
    assert counts(engine) == KEPT_30


def test_postgres_retention_days_from_the_environment(postgres_db):
    engine, endpoints, env = postgres_db
    done = run("--endpoints", str(endpoints), env={**env, "RETENTION_DAYS": "50"})
    assert done.returncode == 0, done.stderr
    assert set(counts(engine)) == {"oud", "nieuw", "gemengd", "net-te-oud", "net-nieuw"}


def test_postgres_continued_conversation_is_kept_whole(postgres_db, monkeypatch):
    engine, endpoints, env = postgres_db
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    store = purge.make_engine(settings.tracker_store_url(endpoints))
    cutoff = NOW - 30 * DAY
    assert "oud" in [sender for sender, _ in purge.stale_conversations(store, cutoff)]
    insert(engine, [("oud", "user", NOW)])
    assert purge.delete_batch(store, ["oud", "net-te-oud"], cutoff) == (1, 1)
    store.dispose()
    assert counts(engine)["oud"] == 4 and "net-te-oud" not in counts(engine)


def test_postgres_unreachable_is_exit_1_in_dutch(postgres, tmp_path):
    env = {
        "ZQ_DB_HOST": "127.0.0.1",
        "ZQ_DB_PORT": str(free_port()),
        "ZQ_DB_NAME": "rasa",
        "ZQ_DB_USER": "rasa",
        "ZQ_DB_PASSWORD": "zq-geheim-wachtwoord",
    }
    done = run("--older-than-days", "30", "--endpoints", str(write(tmp_path / "endpoints.yml", PG_ENDPOINTS)), env=env)
    assert done.returncode == 1
    assert "niet bereikbaar" in done.stderr and "Traceback" not in done.stderr
    assert "zq-geheim-wachtwoord" not in done.stderr
