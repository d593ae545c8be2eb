"""Fixtures of the Teams channel tests: a fake of Microsoft's side on loopback, and Teams activities."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.teams.fake_microsoft import FakeMicrosoft

APP_ID = "8f5a4c2e-1b3d-4e6f-9a7b-0c1d2e3f4a5b"
APP_PASSWORD = "test-secret-not-real"
TENANT_ID = "0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a"
BOT_ID = f"28:{APP_ID}"
BOT_NAME = "Zelfbeheer-adviseur"


@pytest.fixture
def fake():
    """A fresh fake of Microsoft (OpenID metadata, keys, token endpoint, connector) for one test."""
    server = FakeMicrosoft(APP_ID, APP_PASSWORD, TENANT_ID).start()
    try:
        yield server
    finally:
        server.stop()


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
