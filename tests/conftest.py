"""Session-wide settings: quiet TensorFlow, no telemetry, a knowledge database of the test session's own; the real
servers the slow tests share (`servers`); in CI, a test skipped for a missing package or tool fails."""

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="zelfbeheer-tests-"))
os.environ.setdefault("KNOWLEDGE_DB_URL", f"sqlite:///{_SESSION_DIR / 'knowledge.sqlite'}")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent

from tests.servers import Servers, shared_servers  # noqa: E402  (after the environment above is set)


# --- the real servers the slow tests share ----------------------------------------------------------------------
@pytest.fixture(scope="session")
def servers(tmp_path_factory) -> Iterator[Servers]:
    """One action server and one Rasa server for the whole session, started when a test first asks for them: the
    REST, socket.io and Teams channels (Teams against the local fake of Microsoft, `servers.fake`), the chat page
    server (`servers.page_url`, allowed by CORS), an SQLite tracker store (`servers.tracker_db`). A test starts
    conversations of its own (`servers.chat()`, a new Teams conversation or socket session). tests/servers.py."""
    with shared_servers(tmp_path_factory.mktemp("servers")) as running:
        yield running


# Fixtures that start real servers: a test using one is slow (`make test-fast` runs `-m "not slow"`), marked or not.
SERVER_FIXTURES = {"servers", "web", "topology"}


@pytest.hookimpl(tryfirst=True)  # before pytest's own -m selection
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


# --- CI: a test skipped for a missing package or tool fails the run ---------------------------------------------
# `make test` installs everything the tests use (system packages, helm, the web client; docs/tests.md), so in CI
# (CI set, e.g. CI=true) such a skip means the set-up is broken, and hiding it would pass a run that tested less.
# A skip counts as one for a missing package or tool when its reason says how to install it ("apt-get install",
# "make <target>", "pip install") or that something is missing (MISSING, "missing", "not installed", "no Chromium
# at ...", pytest.importorskip's "could not import"). Write such reasons that way, e.g.
#   pytest.skip(f"{MISSING}: helm (var/tools/helm); run 'make helm'")
# Other skips stay skips. pytest's own exit code 5 (no test collected) already fails `make test` and .ci/run.
MISSING = "ontbreekt"
MISSING_TOOL_REASON = re.compile(
    r"apt-get install|\bmake [a-z][\w-]*|pip install|\bontbreekt\b|\bmissing\b|not installed|could not import"
    r"|\bno (chromium|socket\.io client|helm)\b",
    re.IGNORECASE,
)
_MISSING_MODULES = pytest.StashKey[list]()  # modules skipped whole for a missing tool, in CI


def in_ci() -> bool:
    """Whether CI is set to something true (CI=true on the CI runner)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing_tool_skip(report: pytest.TestReport | pytest.CollectReport) -> str | None:
    """The reason of a skip for a missing package or tool (not an xfail), else None."""
    if not report.skipped or hasattr(report, "wasxfail"):
        return None
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return reason if MISSING_TOOL_REASON.search(reason) else None


def _ci_message(reason: str) -> str:
    return (
        f"{reason}\nIn CI (CI={os.environ.get('CI')}) a test skipped for a missing package or tool fails: "
        "`make test` installs them (make system-packages, make helm, make web)."
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    report = yield
    reason = _missing_tool_skip(report) if in_ci() else None
    if reason:
        report.outcome = "failed"
        report.longrepr = _ci_message(reason)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> pytest.CollectReport:
    """A whole module skipped for a missing tool: recorded, and the session fails at its end (turning the report
    into a collection error would stop pytest before any test ran)."""
    report = yield
    reason = _missing_tool_skip(report) if in_ci() else None
    if reason:
        collector.config.stash.setdefault(_MISSING_MODULES, []).append(
            f"{collector.nodeid or collector.path}: {reason}"
        )
    return report


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    for line in config.stash.get(_MISSING_MODULES, []):
        terminalreporter.write_line(f"FAILED (CI) {_ci_message(line)}", red=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if session.config.stash.get(_MISSING_MODULES, []) and exitstatus in (
        pytest.ExitCode.OK,
        pytest.ExitCode.NO_TESTS_COLLECTED,
    ):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
