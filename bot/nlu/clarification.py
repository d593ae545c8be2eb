"""NLU component after the FallbackClassifier: a message that asks what the question means is `help`.

"hoe bedoel je?", "wat versta je onder kwetsbaar?" or "huh?" while a question is open asks for that question to be
explained; the classifier took them for an option question, an archetype question or a fallback, so the bot listed
options or explained archetypes. As `help` (the contract's intent for how to use the bot), `action_help` explains the
question. The rule (knowledge/clarification.py) takes only messages that are nothing but such a request, so an
answer given with it is read as an answer and a question about a menukaart option keeps its intent.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu.base import IntentRelabeller
from knowledge.clarification import asks_what_is_meant

HELP = "help"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ClarificationIsHelp(IntentRelabeller):
    """`help` for a message that only asks what is meant."""

    def new_intent(self, name: str, text: str, ranking: list[dict[str, Any]]) -> str | None:
        """`help` where the whole message asks what is meant."""
        return HELP if asks_what_is_meant(text) else None
