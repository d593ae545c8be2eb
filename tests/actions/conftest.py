"""Real rasa_sdk trackers and dispatchers for the action tests."""

from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.conftest import ROOT


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The bot's domain as the action server receives it."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    text: str = "",
    intent: str | None = None,
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
    events: list[dict[str, Any]] | None = None,
) -> Tracker:
    """A tracker whose latest user message has this text, intent and entities."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9} if intent else {}, "entities": entities or []}
    user_event = {"event": "user", "text": text, "parse_data": latest}
    return Tracker(
        sender_id="test",
        slots=dict(slots or {}),
        latest_message=latest,
        events=[*(events or []), user_event],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def texts(dispatcher: CollectingDispatcher) -> str:
    """Everything the dispatcher said as text, joined."""
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def customs(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    """The custom payloads the dispatcher sent."""
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]
