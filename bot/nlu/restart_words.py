"""NLU component after the intent classifier: `restart_conversation` only for a message that asks for it in words.

Restarting forgets the whole intake. The classifier learns the words the restart examples share, and "alles" is
one of them ("wis alles", "vergeet alles"), so a one-word answer such as "alles" could wipe the conversation. The
intent is kept only where the message asks to start again, reset or forget; otherwise the next intent of the
classifier's ranking takes its place, with the classifier's confidence.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.nlu.base import IntentRelabeller
from bot.nlu.intent_boundary import INFORM

RESTART = "restart_conversation"
ASKS_FOR_RESTART = re.compile(
    r"\b(opnieuw|overnieuw|nieuw gesprek|nieuwe intake|reset\w*|restart|herstart\w*|wis|wissen|vergeet|vergeten|"
    r"van voren|voor af aan|vooraf aan|het begin|schone lei|op nul|van nul|nieuwe start|herbeginnen|terug naar af|"
    r"start over|begin again|from scratch)\b"
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RestartNeedsItsWords(IntentRelabeller):
    """`restart_conversation` only where the message asks to start again."""

    def new_intent(self, name: str, text: str, ranking: list[dict[str, Any]]) -> str | None:
        """For a restart without restart words, the next intent of the ranking (`inform` when there is none)."""
        if name != RESTART or self.asks_for_restart(text):
            return None
        others = [r.get(INTENT_NAME_KEY) for r in ranking if r.get(INTENT_NAME_KEY) != RESTART]
        return next((o for o in others if isinstance(o, str)), INFORM)

    def asks_for_restart(self, text: str) -> bool:
        """Whether the text asks to start again, reset or forget what was said."""
        return bool(ASKS_FOR_RESTART.search(self.normaliser.correct(text.lower())))
