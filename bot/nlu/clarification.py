"""NLU component after the FallbackClassifier: a message that only asks what is meant, naming nothing, is `help`.

"hoe bedoel je?", "wie bedoel je" or "huh?" while a question is open asks for that question to be explained; the
classifier took them for an option question, a greeting or a fallback. As `help` (the contract's intent for how to use
the bot), `action_help` explains the open question. A request that names what it asks about ("wat is het verschil
tussen meedenken en toezicht houden?") keeps the classifier's intent, as a person would label it; the answering
actions (actions/intake.py) explain it all the same. The rule (knowledge/clarification.py) takes only messages that are
nothing but such a request, so an answer given with it is read as an answer.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu.base import IntentRelabeller
from knowledge.clarification import asks_what_is_meant, question_named

HELP = "help"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ClarificationIsHelp(IntentRelabeller):
    """`help` for a message that only asks what is meant, without naming what."""

    def new_intent(self, name: str, text: str, ranking: list[dict[str, Any]]) -> str | None:
        """`help` where the whole message asks what is meant and names no question's terms."""
        return HELP if asks_what_is_meant(text) and question_named(text) is None else None
