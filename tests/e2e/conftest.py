"""A real action server and a real Rasa server on free loopback ports, with an SQLite tracker store."""

import pytest

from tests.conversation import Conversation
from tests.infra import action_and_rasa_servers


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    """Start the action server and Rasa; yield Rasa's base URL; stop both."""
    with action_and_rasa_servers(tmp_path_factory.mktemp("servers")) as servers:
        yield servers


@pytest.fixture
def chat(servers) -> Conversation:
    return Conversation(servers["url"], "e2e")
