"""The knowledge store on PostgreSQL (KNOWLEDGE_DB_URL), loaded safely by several action servers at once, and a
clear start-up error when the knowledge database is missing or corrupt."""

import subprocess
import sys
import uuid

import pytest
from sqlalchemy import create_engine, text

from bot.launcher.services import ROOT, child_env, free_port, start_action_server
from knowledge.loader import CONTENT_DIR, fingerprint
from knowledge.schema import read_content

CATALOGUE = [o["id"] for o in read_content(CONTENT_DIR).entries["options"]]

pytestmark = pytest.mark.slow

LOAD_AND_COUNT = "from knowledge.store import default_store; import sys; print(len(default_store().options))"


def test_the_action_server_reads_the_knowledge_from_postgres(topology):
    engine = create_engine(topology.knowledge_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM meta WHERE key = 'fingerprint'")).scalar() == fingerprint()
        ids = {row[0] for row in connection.execute(text("SELECT id FROM menu_option"))}
    assert ids == set(CATALOGUE)


def test_action_servers_starting_together_load_the_content_once(topology):
    name = f"knowledge_{uuid.uuid4().hex[:8]}"
    url = topology.postgres.create_database(name)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", LOAD_AND_COUNT],
            cwd=ROOT,
            text=True,
            env=child_env(KNOWLEDGE_DB_URL=url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    results = [process.communicate(timeout=300) for process in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], results
    assert [out.strip() for out, _ in results] == [str(len(CATALOGUE))] * 3
    with create_engine(url).connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM meta")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM menu_option")).scalar() == len(CATALOGUE)


def start_fails(tmp_path, url: str) -> str:
    """Start an action server on `url`; assert it stops with exit code 3; return what it printed."""
    log_path = tmp_path / f"actions-{uuid.uuid4().hex[:6]}.log"
    with open(log_path, "w") as log:
        service = start_action_server(free_port(), log=log, KNOWLEDGE_DB_URL=url)
        try:
            assert service.process.wait(timeout=300) == 3
        finally:
            service.stop()
    output = log_path.read_text()
    assert "De actieserver start niet. De kennisdatabase" in output and "Traceback" not in output, output
    return output


def test_a_missing_postgres_database_stops_the_action_server_clearly(topology, tmp_path):
    output = start_fails(tmp_path, topology.postgres.url("bestaat_niet"))
    assert 'database "bestaat_niet" does not exist' in output
    assert topology.postgres.password not in output  # the URL is shown without its password


def test_a_corrupt_sqlite_file_stops_the_action_server_clearly(tmp_path):
    corrupt = tmp_path / "knowledge.sqlite"
    corrupt.write_bytes(b"dit is geen database" * 500)
    assert "file is not a database" in start_fails(tmp_path, f"sqlite:///{corrupt}")


def test_a_database_with_content_missing_stops_the_action_server_clearly(topology, tmp_path):
    name = f"knowledge_{uuid.uuid4().hex[:8]}"
    url = topology.postgres.create_database(name)
    loaded = subprocess.run(
        [sys.executable, "-c", LOAD_AND_COUNT],
        cwd=ROOT,
        env=child_env(KNOWLEDGE_DB_URL=url),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert loaded.returncode == 0, loaded.stderr
    with create_engine(url).begin() as connection:  # the fingerprint stays: only the rows are gone
        connection.execute(text("DELETE FROM option_space WHERE option_id = 'sleutelbeheer'"))
        connection.execute(text("DELETE FROM option_keyword WHERE option_id = 'sleutelbeheer'"))
        connection.execute(text("DELETE FROM example_option WHERE option_id = 'sleutelbeheer'"))
        connection.execute(text("DELETE FROM figure_option WHERE option_id = 'sleutelbeheer'"))
        connection.execute(text("DELETE FROM menu_option WHERE id = 'sleutelbeheer'"))
    assert "verplichte inhoud ontbreekt: sleutelbeheer" in start_fails(tmp_path, url)
