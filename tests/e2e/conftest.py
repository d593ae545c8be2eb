"""A real action server and a real Rasa server on free loopback ports, with an SQLite tracker store."""

import uuid
from typing import Any

import pytest
import requests

from tests.infra import action_and_rasa_servers


class Conversation:
    """One professional talking to the bot over the REST channel."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.sender = f"e2e-{uuid.uuid4().hex[:10]}"
        self.replies: list[list[dict[str, Any]]] = []

    def say(self, text: str) -> list[dict[str, Any]]:
        """Send a message; return the bot's messages for this turn (never empty)."""
        response = requests.post(
            f"{self.base_url}/webhooks/rest/webhook", json={"sender": self.sender, "message": text}, timeout=60
        )
        assert response.status_code == 200, response.text
        messages = response.json()
        assert messages, f"de bot bleef stil op {text!r}"
        self.replies.append(messages)
        return messages

    @staticmethod
    def text(messages: list[dict[str, Any]]) -> str:
        return "\n".join(m.get("text", "") for m in messages)

    @staticmethod
    def customs(messages: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
        return [m["custom"] for m in messages if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind]

    def tracker(self) -> dict[str, Any]:
        response = requests.get(f"{self.base_url}/conversations/{self.sender}/tracker", timeout=30)
        assert response.status_code == 200
        return response.json()


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    """Start the action server and Rasa; yield Rasa's base URL; stop both."""
    with action_and_rasa_servers(tmp_path_factory.mktemp("servers")) as servers:
        yield servers


@pytest.fixture
def chat(servers) -> Conversation:
    return Conversation(servers["url"])
