"""Fixtures for the knowledge package tests: real SQLite files in tmp dirs, no mocks."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.loader import CONTENT_DIR, ensure_database
from knowledge.schema import ContentError, read_content


@pytest.fixture(autouse=True)
def _isolated_default_db(tmp_path_factory, monkeypatch):
    """Never touch var/knowledge.sqlite: point the default URL at a throw-away file."""
    default = tmp_path_factory.getbasetemp() / "default-knowledge.sqlite"
    monkeypatch.setenv("KNOWLEDGE_DB_URL", f"sqlite:///{default}")


@pytest.fixture(scope="session")
def original_yaml() -> dict:
    """The real content files, parsed: {file name: document}."""
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CONTENT_DIR.glob("*.yml"))}


@pytest.fixture(scope="session")
def session_db_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('kdb') / 'knowledge.sqlite'}"


@pytest.fixture(scope="session")
def engine(session_db_url):
    """The real content loaded into a session-wide SQLite file."""
    eng = ensure_database(session_db_url, CONTENT_DIR)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def store(engine):
    from knowledge.store import KnowledgeStore

    return KnowledgeStore(engine)


@pytest.fixture(scope="session")
def index(store):
    """The spaCy phrase index; slow to build, so once per session."""
    from knowledge.matching import PhraseIndex

    return PhraseIndex(store)


@pytest.fixture
def content_dir(tmp_path) -> Path:
    """A private copy of the real content directory that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture
def edit_yaml(content_dir) -> Callable[[str, Callable[[Any], Any]], Path]:
    """edit_yaml('options.yml', fn): parse the copy, let fn change the document in place, write it back."""

    def edit(name: str, change: Callable[[Any], Any]) -> Path:
        path = content_dir / name
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(document)  # the return value is ignored (lambdas may return what .pop() gives)
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return edit


@pytest.fixture
def content_error(content_dir) -> Callable[[], ContentError]:
    """Read the (broken) copy and return the ContentError it must raise."""

    def read() -> ContentError:
        with pytest.raises(ContentError) as info:
            read_content(content_dir)
        return info.value

    return read
