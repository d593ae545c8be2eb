"""NLU component after the FallbackClassifier: a message that asks what the question means is `ask_clarification`.

"hoe bedoel je?", "wat versta je onder kwetsbaar?" or "huh?" while a question is open asks for that question to be
explained; the classifier takes them for help, an option question, an archetype question or a fallback. The rule
(knowledge/clarification.py) takes only messages that are nothing but such a request, so an answer given with it is
read as an answer and a question about a menukaart option keeps its intent.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu.base import IntentRelabeller
from knowledge.clarification import asks_what_is_meant

CLARIFICATION = "ask_clarification"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ClarificationRequest(IntentRelabeller):
    """`ask_clarification` for a message that only asks what is meant."""

    def new_intent(self, name: str, text: str, ranking: list[dict[str, Any]]) -> str | None:
        """`ask_clarification` where the whole message asks what is meant."""
        return CLARIFICATION if asks_what_is_meant(text) else None
