"""The e2e tests talk to the shared servers (the session's `servers`, tests/conftest.py) over REST."""

import pytest

from tests.conversation import Conversation


@pytest.fixture
def chat(servers) -> Conversation:
    """A fresh conversation (a sender id of its own) with the shared Rasa server."""
    return servers.chat("e2e")
