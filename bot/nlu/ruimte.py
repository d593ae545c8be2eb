"""NLU component after DIET: every `ruimte` entity onto the contract's seven values, in one place.

DIET finds the words ("wijkzwembad", "trapehuis", "de buurtkamer"); this component maps them onto
groen, binnentuin, trappenhuis, gemeenschappelijke_ruimte, buurthuis, speelplek or zwembad with the
knowledge vocabulary and its normaliser (knowledge.normalise), drops what maps onto none of them, and adds
the space a message is about when no extractor found one ("het buitenbad"; with several, the one the intake reader
would take: knowledge.spaces). Nothing outside the contract leaves NLU.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.base import NormalisingComponent
from knowledge.schema import RUIMTES
from knowledge.spaces import the_space

ENTITY = "ruimte"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class RuimteNormaliser(NormalisingComponent, EntityExtractorMixin):
    """Canonical `ruimte` values from the knowledge vocabulary (typos, compounds, diminutives, plurals)."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Replace each message's `ruimte` entities by canonical ones."""
        for message in messages:
            entities = message.get(ENTITIES, [])
            others = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) != ENTITY]
            spaces = [s for s in (self._canonical(e) for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == ENTITY) if s]
            if not spaces:
                spaces = self._found_in(message.get(TEXT) or "")
            message.set(ENTITIES, others + spaces, add_to_output=True)
        return messages

    def _canonical(self, entity: dict[str, Any]) -> dict[str, Any] | None:
        value = entity.get(ENTITY_ATTRIBUTE_VALUE)
        canonical = value if value in RUIMTES else self.normaliser.canonical(ENTITY, str(value or ""))
        return {**entity, ENTITY_ATTRIBUTE_VALUE: canonical} if canonical in RUIMTES else None

    def _found_in(self, text: str) -> list[dict[str, Any]]:
        """The space the text is about, by the same rule as the intake reader (knowledge.spaces)."""
        space = the_space(text.lower(), self.normaliser.find(ENTITY, text))
        if space is None:
            return []
        return [
            {
                ENTITY_ATTRIBUTE_TYPE: ENTITY,
                ENTITY_ATTRIBUTE_VALUE: space.value,
                ENTITY_ATTRIBUTE_START: space.start,
                ENTITY_ATTRIBUTE_END: space.end,
                EXTRACTOR: self.__class__.__name__,
            }
        ]
