"""Fixtures of the Teams channel tests: a fake of Microsoft's side on loopback (activities and the test app's
identity: tests/teams/chat.py)."""

from __future__ import annotations

import pytest

from tests.teams.chat import APP_ID, APP_PASSWORD, TENANT_ID
from tests.teams.fake_microsoft import FakeMicrosoft


@pytest.fixture
def fake():
    """A fresh fake of Microsoft (OpenID metadata, keys, token endpoint, connector) for one test."""
    server = FakeMicrosoft(APP_ID, APP_PASSWORD, TENANT_ID).start()
    try:
        yield server
    finally:
        server.stop()
