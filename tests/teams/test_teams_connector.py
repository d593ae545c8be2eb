"""Bot-to-connector calls: the single-tenant token endpoint, token caching, timeouts and bounded retries."""

from __future__ import annotations

import asyncio
import time

import pytest
from rasa.shared.exceptions import RasaException

from bot.teams.channel import TeamsInput
from bot.teams.connector import (
    ConnectorClient,
    ConnectorError,
    activities_url,
    retry_after_seconds,
    token_endpoint,
)
from tests.teams.chat import APP_ID, APP_PASSWORD, TENANT_ID

CONVERSATION = "19:abc@thread.tacv2;messageid=1712"


def client(fake, **kwargs) -> ConnectorClient:
    return ConnectorClient(APP_ID, APP_PASSWORD, token_url=fake.token_url, backoff=0.01, **kwargs)


def send(connector: ConnectorClient, fake, count: int = 1):
    async def run():
        try:
            return [
                await connector.send_activity(fake.service_url, CONVERSATION, {"type": "message", "text": str(n)})
                for n in range(count)
            ]
        finally:
            await connector.close()

    return asyncio.run(run())


def test_token_endpoint_is_single_tenant_unless_no_tenant_is_set():
    assert token_endpoint(TENANT_ID) == f"https://login.microsoftonline.com/{TENANT_ID}/oauth2/v2.0/token"
    assert token_endpoint(None) == "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
    assert token_endpoint("  ") == "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
    channel = TeamsInput.from_credentials({"app_id": APP_ID, "app_password": APP_PASSWORD, "tenant_id": TENANT_ID})
    assert channel.token_url == token_endpoint(TENANT_ID)
    override = TeamsInput.from_credentials(
        {
            "app_id": APP_ID,
            "app_password": APP_PASSWORD,
            "tenant_id": TENANT_ID,
            "token_url": "https://login.microsoftonline.us/x/oauth2/v2.0/token",
        }
    )
    assert override.token_url == "https://login.microsoftonline.us/x/oauth2/v2.0/token"


def test_missing_credentials_are_refused(monkeypatch):
    monkeypatch.delenv("TEAMS_APP_ID", raising=False)
    monkeypatch.delenv("TEAMS_APP_PASSWORD", raising=False)
    with pytest.raises(RasaException):
        TeamsInput.from_credentials({"app_id": APP_ID})
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID)
    monkeypatch.setenv("TEAMS_APP_PASSWORD", APP_PASSWORD)
    assert TeamsInput.from_credentials(None).app_id == APP_ID


def test_activities_url_encodes_the_conversation_id():
    assert activities_url("https://smba.trafficmanager.net/emea/", CONVERSATION) == (
        "https://smba.trafficmanager.net/emea/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1712/activities"
    )


def test_retry_after_header():
    assert retry_after_seconds("2", 9) == 2 and retry_after_seconds(None, 9) == 9 and retry_after_seconds("x", 9) == 9
    assert 0 <= retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 9) <= 0.001


def test_token_by_client_credentials_is_cached(fake):
    send(client(fake), fake, count=3)
    assert len(fake.token_requests) == 1
    [request] = fake.token_requests
    assert request == {
        "tenant": TENANT_ID,
        "grant_type": "client_credentials",
        "client_id": APP_ID,
        "client_secret": APP_PASSWORD,
        "scope": "https://api.botframework.com/.default",
    }
    assert [r.activity["text"] for r in fake.activities] == ["0", "1", "2"]
    assert {r.conversation_id for r in fake.activities} == {CONVERSATION}
    assert all(r.authorization == f"Bearer {fake.issued_tokens[0]}" for r in fake.activities)


def test_429_is_retried_after_retry_after(fake):
    fake.fail_next(429, retry_after="1")
    started = time.monotonic()
    send(client(fake), fake)
    assert time.monotonic() - started >= 1.0
    assert len(fake.attempts) == 2 and len(fake.activities) == 1


def test_5xx_is_retried_with_backoff_then_succeeds(fake):
    fake.fail_next(500)
    fake.fail_next(503)
    send(client(fake), fake)
    assert len(fake.attempts) == 3 and len(fake.activities) == 1


def test_retries_are_bounded(fake):
    for _ in range(10):
        fake.fail_next(502)
    with pytest.raises(ConnectorError):
        send(client(fake, max_attempts=3), fake)
    assert len(fake.attempts) == 3 and not fake.activities


def test_a_4xx_is_not_retried(fake):
    fake.fail_next(400)
    with pytest.raises(ConnectorError):
        send(client(fake), fake)
    assert len(fake.attempts) == 1


def test_a_refused_token_is_renewed_once(fake):
    connector = client(fake)

    async def run():
        await connector.send_activity(fake.service_url, CONVERSATION, {"type": "message", "text": "a"})
        fake.issued_tokens.clear()  # the connector no longer accepts the cached token
        await connector.send_activity(fake.service_url, CONVERSATION, {"type": "message", "text": "b"})
        await connector.close()

    asyncio.run(run())
    assert len(fake.token_requests) == 2 and [r.activity["text"] for r in fake.activities] == ["a", "b"]


def test_calls_time_out(fake):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    try:
        connector = ConnectorClient(
            APP_ID,
            APP_PASSWORD,
            token_url=f"http://127.0.0.1:{silent.getsockname()[1]}/t",
            timeout=0.3,
            max_attempts=2,
            backoff=0.01,
        )
        started = time.monotonic()
        with pytest.raises(ConnectorError):
            send(connector, fake)
        assert time.monotonic() - started < 5
    finally:
        silent.close()
