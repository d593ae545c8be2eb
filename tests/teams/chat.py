"""Talking to the bot as Microsoft Teams does, for the Teams and bad-input tests: the test app's identity, Teams
activities as the connector posts them, and one professional's Teams conversation (TeamsChat) against a Rasa server
whose Teams channel points at the local fake of Microsoft (tests/teams/fake_microsoft.py)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import requests

from bot.teams.cards import ADAPTIVE_CARD
from tests.teams.card_walk import walk
from tests.teams.fake_microsoft import FakeMicrosoft

APP_ID = "8f5a4c2e-1b3d-4e6f-9a7b-0c1d2e3f4a5b"
APP_PASSWORD = "test-secret-not-real"
TENANT_ID = "0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a"
BOT_ID = f"28:{APP_ID}"
BOT_NAME = "Zelfbeheer-adviseur"


def activity(
    service_url: str,
    *,
    kind: str = "message",
    text: str | None = None,
    value: Any = None,
    conversation_id: str | None = None,
    user_id: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    channel_id: str = "msteams",
    conversation_type: str = "personal",
    **extra: Any,
) -> dict[str, Any]:
    """A Teams activity as the connector posts it to the bot."""
    body: dict[str, Any] = {
        "type": kind,
        "id": f"act-{uuid.uuid4().hex[:10]}",
        "channelId": channel_id,
        "serviceUrl": service_url,
        "timestamp": "2024-05-01T09:00:00.000Z",
        "locale": "nl-NL",
        "from": {
            "id": user_id or f"29:user-{uuid.uuid4().hex[:12]}",
            "name": "Wijkconsulent",
            "aadObjectId": str(uuid.uuid4()),
        },
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "conversation": {
            "id": conversation_id or f"a:conv-{uuid.uuid4().hex}",
            "conversationType": conversation_type,
            "tenantId": TENANT_ID,
        },
        "channelData": {"tenant": {"id": TENANT_ID}},
    }
    if text is not None:
        body["text"] = text
    if value is not None:
        body["value"] = value
    if entities is not None:
        body["entities"] = entities
    body.update(extra)
    return body


def mention(text: str = f"<at>{BOT_NAME}</at>") -> dict[str, Any]:
    return {"type": "mention", "text": text, "mentioned": {"id": BOT_ID, "name": BOT_NAME}}


def post(
    servers: Any, body: dict[str, Any], token: Any = "valid", headers: dict[str, str] | None = None
) -> requests.Response:
    """Post an activity to the Teams webhook of `servers` (Rasa's `url` and the `fake`), with a valid connector
    token unless `token` is given (None: no Authorization header)."""
    fake: FakeMicrosoft = servers.fake
    if token == "valid":
        token = fake.connector_token(body["serviceUrl"])
    all_headers = dict(headers or {})
    if token is not None:
        all_headers.setdefault("Authorization", f"Bearer {token}")
    return requests.post(f"{servers.url}/webhooks/teams/webhook", json=body, headers=all_headers, timeout=30)


class TeamsChat:
    """One professional talking to the bot in a Teams conversation."""

    def __init__(self, servers: Any, conversation_type: str = "personal"):
        self.servers = servers
        self.fake: FakeMicrosoft = servers.fake
        self.template = activity(self.fake.service_url, conversation_type=conversation_type)
        self.conversation_id = self.template["conversation"]["id"]

    def replies_since(self, before: int) -> list[dict[str, Any]]:
        return self.fake.recorded(self.conversation_id)[before:]

    def send(
        self,
        *,
        messages: int = 1,
        timeout: float = 60.0,
        quiet: float = 0.6,
        statuses: tuple[int, ...] = (200, 202),
        **fields: Any,
    ) -> list[dict[str, Any]]:
        """Post an activity in this conversation (its status must be one of `statuses`); return the bot's
        activities for this turn once `messages` message activities came back and nothing new arrived for `quiet`
        seconds (the machine may be slow: wait for as many messages as the turn must bring)."""
        body = activity(
            self.fake.service_url,
            conversation_id=self.conversation_id,
            user_id=self.template["from"]["id"],
            conversation_type=self.template["conversation"]["conversationType"],
            **fields,
        )
        before = len(self.fake.recorded(self.conversation_id))
        answer = post(self.servers, body)
        assert answer.status_code in statuses, answer.text
        self.fake.wait_for(lambda: sum(a["type"] == "message" for a in self.replies_since(before)) >= messages, timeout)
        # the turn is over when nothing new arrives for a moment
        count = -1
        while count != len(self.replies_since(before)):
            count = len(self.replies_since(before))
            time.sleep(quiet)
        return self.replies_since(before)

    @staticmethod
    def cards(turn: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [att["content"] for a in turn for att in a.get("attachments", []) if att["contentType"] == ADAPTIVE_CARD]

    @staticmethod
    def text(turn: list[dict[str, Any]]) -> str:
        parts = [a.get("text", "") for a in turn]
        for card in TeamsChat.cards(turn):
            parts += [n.get("text", "") for n in walk(card) if n.get("type") == "TextBlock"]
        return "\n".join(parts)

    @staticmethod
    def submit_actions(turn: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {n["title"]: n for card in TeamsChat.cards(turn) for n in walk(card) if n.get("type") == "Action.Submit"}


def click(action: dict[str, Any]) -> dict[str, Any]:
    """What Teams sends the bot when a messageBack Action.Submit is clicked."""
    back = action["data"]["msteams"]
    return {"text": back["text"], "value": back["value"]}
