"""What our NLU components that read the knowledge vocabulary share, and the relabelling of an intent."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.normalise import Normaliser, vocabulary_normaliser


class NormalisingComponent(GraphComponent):
    """A non-trainable component with the normaliser over the knowledge vocabulary shipped with the code."""

    def __init__(self, normaliser: Normaliser) -> None:
        self.normaliser = normaliser

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NormalisingComponent:
        """The component with the process-wide vocabulary normaliser."""
        return cls(vocabulary_normaliser())


class IntentRelabeller(NormalisingComponent):
    """A component after the classifier that gives some messages another intent, with the classifier's confidence."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel every message for which `new_intent` names another intent."""
        for message in messages:
            intent = message.get(INTENT) or {}
            name = intent.get(INTENT_NAME_KEY)
            ranking: list[dict[str, Any]] = message.get(INTENT_RANKING_KEY) or []
            new = self.new_intent(name, message.get(TEXT) or "", ranking) if isinstance(name, str) else None
            if isinstance(name, str) and new and new != name:
                relabel(message, intent, ranking, name, new)
        return messages

    def new_intent(self, name: str, text: str, ranking: list[dict[str, Any]]) -> str | None:
        """The intent the message should have instead of `name`, or None to leave it."""
        raise NotImplementedError


def relabel(message: Message, intent: dict[str, Any], ranking: list[dict[str, Any]], old: str, new: str) -> None:
    """Give the message intent `new` with the classifier's confidence for `old`, which leaves the ranking."""
    message.set(INTENT, {**intent, INTENT_NAME_KEY: new}, add_to_output=True)
    rest = [
        {**r, INTENT_NAME_KEY: new} if r.get(INTENT_NAME_KEY) == old else r
        for r in ranking
        if r.get(INTENT_NAME_KEY) != new
    ]
    message.set(INTENT_RANKING_KEY, rest, add_to_output=True)
