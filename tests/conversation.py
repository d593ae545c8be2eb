"""Talking to Rasa over its REST channel, for the tests, the held-out evaluation (tests/eval/run.py) and the
benchmarks (tests/bench): one conversation (one sender id, on one Rasa process or alternating between several), the
bot's messages, the tracker, and the payloads in the bot's messages (the advice, warnings, notices).

    chat = Conversation(servers.url)           # a sender id of its own: a fresh conversation
    messages = chat.say("ik wil advies")       # fails the test on a non-200 or silence
    [advice] = customs(messages, ADVICE)
    chat.tracker()["slots"]
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import requests

REST_WEBHOOK = "/webhooks/rest/webhook"
# The `type` of the bot's custom payloads (the contract): the advice, a warning, a notice.
ADVICE = "menukaart_advies"
WARNING = "waarschuwing"
NOTICE = "melding"
TIMEOUT = 120.0  # s per request: a slow machine, the first turn loads the model's components

Message = dict[str, Any]


class RasaError(AssertionError):
    """Rasa answered something else than 200 (an AssertionError, so that pytest shows it as a failed check)."""


def new_sender(prefix: str = "test") -> str:
    """A sender id nobody used before: a fresh conversation."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def post_rest(
    url: str, payload: Any = None, *, raw: bytes | None = None, stream: bool = False, timeout: float = TIMEOUT
) -> requests.Response:
    """POST to the REST webhook of the Rasa server at `url`: `payload` as JSON, or the bytes `raw` as they are
    (any status is returned: bad-input tests send malformed requests on purpose)."""
    data = raw if raw is not None else json.dumps(payload).encode("utf-8")
    return requests.post(
        f"{url}{REST_WEBHOOK}" + ("?stream=true" if stream else ""),
        data=data,
        headers={"Content-Type": "application/json"},
        timeout=timeout,
    )


def _ok(response: requests.Response, what: str) -> requests.Response:
    if response.status_code != 200:
        raise RasaError(f"{what}: HTTP {response.status_code}: {response.text[:2000]}")
    return response


def tracker(url: str, sender: str, timeout: float = 60.0) -> dict[str, Any]:
    """The conversation's tracker as Rasa's HTTP API reports it."""
    response = requests.get(f"{url}/conversations/{quote(sender, safe='')}/tracker", timeout=timeout)
    return _ok(response, f"tracker of {sender}").json()


def user_texts(tracker_json: dict[str, Any]) -> list[str]:
    """The user messages of a tracker, in order."""
    return [event["text"] for event in tracker_json.get("events", []) if event.get("event") == "user"]


def parse(url: str, text: str, timeout: float = 60.0) -> dict[str, Any]:
    """Rasa's NLU result for one text (POST /model/parse)."""
    response = requests.post(f"{url}/model/parse", json={"text": text}, timeout=timeout)
    return _ok(response, f"parse {text!r}").json()


def text_of(messages: Sequence[Message]) -> str:
    """The texts of the bot's messages, one per line (messages without text left out)."""
    return "\n".join(m["text"] for m in messages if m.get("text"))


def customs(messages: Sequence[Message], kind: str) -> list[dict[str, Any]]:
    """The custom payloads of type `kind` among the bot's messages, in order."""
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind]


def advice_of(messages: Sequence[Message]) -> dict[str, Any] | None:
    """The last advice payload among the bot's messages, if any."""
    found = customs(messages, ADVICE)
    return found[-1] if found else None


def notice_codes(messages: Sequence[Message]) -> list[str]:
    """The codes of the notices (`melding` payloads) among the bot's messages, in order."""
    return [payload.get("code") for payload in customs(messages, NOTICE)]


class Conversation:
    """One professional talking to the bot over REST. With several Rasa URLs the messages alternate between them
    (message 1 to the first, message 2 to the second, ...) unless a message names its URL."""

    def __init__(self, urls: str | Sequence[str], prefix: str = "chat", sender: str | None = None):
        self.urls = [urls] if isinstance(urls, str) else list(urls)
        self.sender = sender or new_sender(prefix)
        self.turns = 0
        self.replies: list[list[Message]] = []

    @property
    def url(self) -> str:
        """The first (or only) Rasa URL."""
        return self.urls[0]

    def post(self, message: Any, url: str | None = None, timeout: float = TIMEOUT) -> requests.Response:
        """Send a message (any JSON value) as this sender; return Rasa's answer whatever its status."""
        url = url or self.urls[self.turns % len(self.urls)]
        self.turns += 1
        return post_rest(url, {"sender": self.sender, "message": message}, timeout=timeout)

    def send(self, text: str, url: str | None = None, timeout: float = TIMEOUT) -> list[Message]:
        """Send a message; return the bot's messages (raises RasaError on a non-200; silence is allowed)."""
        messages = _ok(self.post(text, url, timeout), f"message {text!r:.80}").json()
        self.replies.append(messages)
        return messages

    def say(self, text: str, url: str | None = None, timeout: float = TIMEOUT) -> list[Message]:
        """Send a message; return the bot's messages for this turn (the check fails on a non-200 or silence)."""
        messages = self.send(text, url, timeout)
        assert messages, f"de bot bleef stil op {text!r}"
        return messages

    def tracker(self, url: str | None = None) -> dict[str, Any]:
        return tracker(url or self.url, self.sender)

    def user_texts(self, url: str | None = None) -> list[str]:
        """The user messages Rasa holds for this conversation."""
        return user_texts(self.tracker(url))

    text = staticmethod(text_of)
    customs = staticmethod(customs)
