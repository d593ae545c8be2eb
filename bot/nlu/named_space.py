"""NLU component after the FallbackClassifier: a statement that names a space is `inform`, not `nlu_fallback`.

Short or unusual statements about the case ("portiek", "er is een groenstrookje achter de garages") get a flat
intent ranking, so the FallbackClassifier turns them into `nlu_fallback` and the bot would ask to rephrase a
perfectly clear fact. When such a message names a space (the `ruimte` entity that `RuimteNormaliser` found)
and is not a question, it gives facts about the case: this component makes it `inform`, the intent the
contract reserves for that. Questions keep `nlu_fallback`: the bot cannot tell what is asked about the space.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

FALLBACK, INFORM, SPACE = "nlu_fallback", "inform", "ruimte"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class NamedSpaceInform(GraphComponent):
    """Turns `nlu_fallback` into `inform` for a statement that names a space."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NamedSpaceInform:
        """The component; it has nothing to train or configure."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel fallback statements that name a space."""
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) == FALLBACK and self.states_a_space(message):
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != FALLBACK]
                inform = next(
                    (r for r in ranking if r.get(INTENT_NAME_KEY) == INFORM),
                    {INTENT_NAME_KEY: INFORM, PREDICTED_CONFIDENCE_KEY: 0.0},
                )
                message.set(INTENT, inform, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [inform, *(r for r in ranking if r is not inform)], add_to_output=True)
        return messages

    @staticmethod
    def states_a_space(message: Message) -> bool:
        """Whether the message names a space and is not a question."""
        named = any(e.get(ENTITY_ATTRIBUTE_TYPE) == SPACE for e in message.get(ENTITIES) or [])
        return named and not (message.get(TEXT) or "").rstrip().endswith("?")
