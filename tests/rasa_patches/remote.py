"""Running one of Rasa's `RemoteAction`s for real, outside a model: what the patches of RemoteAction are tested on."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig


def remote_action(url: str = "http://127.0.0.1:9/webhook", name: str = "action_x") -> RemoteAction:
    """A custom action as Rasa runs it, calling the action server at `url`."""
    return RemoteAction(name, EndpointConfig(url))


async def run(action: RemoteAction) -> list[Any]:
    """`action.run` on an empty conversation; its events (or its exception)."""
    return await action.run(
        CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), DialogueStateTracker("s1", []), Domain.empty()
    )


def run_now(action: RemoteAction) -> list[Any]:
    """`run` in an event loop of its own."""
    return asyncio.run(run(action))
