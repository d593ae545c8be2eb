"""NLU component after the FallbackClassifier: a statement of facts about the case is `inform`.

Two kinds of messages give facts about the case but look like something else to the classifier:
- short or unusual statements that name a space ("portiek", "er is een groenstrookje achter de garages") get a
  flat intent ranking, so the FallbackClassifier makes them `nlu_fallback` and the bot would ask to rephrase a
  clear fact. When such a message names a space (the `ruimte` entity that `RuimteNormaliser` found) and is not a
  question, it is `inform`. Questions keep `nlu_fallback`: the bot cannot tell what is asked about the space.
- a yes or no followed by a fact ("ja, een echte aandachtswijk", "nee hoor, rustige nieuwbouwwijk") is classified
  as `affirm` or `deny` by its first word; where the rest names an intake value of the knowledge vocabulary
  (a space, an initiator, a role, a sign of vulnerability), the message answers with facts: `inform`.
- a message taken for thanks or a goodbye without a word of thanks or farewell in it ("de moeders zelf, ik ben
  pas later aangehaakt") that names an intake value is `inform` too: a goodbye would end the intake.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
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

from bot.nlu.base import NormalisingComponent

FALLBACK, INFORM, SPACE = "nlu_fallback", "inform", "ruimte"
YES_NO_INTENTS = ("affirm", "deny")
FACTS = ("ruimte", "initiatiefnemer", "bewonersrol", "kwetsbare_wijk")
CLOSING_INTENTS = ("goodbye", "thank")
CLOSING_WORDS = re.compile(
    r"\b(dank\w*|bedankt|thanks|thx|merci|doei|tot ziens|tot later|fijne|ciao|bye|houdoe|salu|groet\w*|"
    r"einde|stop|klaar|afsluiten)\b|^\W*(dag|daag)\b"
)
YES_NO = re.compile(
    r"^\W*(ja|jawel|jazeker|jaja|yes|klopt|zeker|inderdaad|nee|neen|nope|welnee|niet echt|niet bepaald|amai)"
    r"(\W+(hoor|hé|he|zeker|dus|echt|eigenlijk|ja|nee))*\b\W*"
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StatedFactsInform(NormalisingComponent):
    """Turns a fallback that names a space, or a yes/no with a fact after it, into `inform`."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel statements of facts about the case."""
        for message in messages:
            name = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            text = message.get(TEXT) or ""
            if (
                (name == FALLBACK and self.states_a_space(message))
                or (name in YES_NO_INTENTS and self.fact_after_yes_or_no(text))
                or (name in CLOSING_INTENTS and self.fact_without_closing(text))
            ):
                _make_inform(message, name)
        return messages

    @staticmethod
    def states_a_space(message: Message) -> bool:
        """Whether the message names a space and is not a question."""
        named = any(e.get(ENTITY_ATTRIBUTE_TYPE) == SPACE for e in message.get(ENTITIES) or [])
        return named and not (message.get(TEXT) or "").rstrip().endswith("?")

    def fact_after_yes_or_no(self, text: str) -> bool:
        """Whether the text opens with yes or no and then names an intake value."""
        lowered = text.lower()
        opening = YES_NO.match(lowered)
        rest = lowered[opening.end() :] if opening else ""
        return bool(rest.strip()) and any(self.normaliser.find(category, rest) for category in FACTS)

    def fact_without_closing(self, text: str) -> bool:
        """Whether the text has no word of thanks or farewell and names an intake value."""
        lowered = text.lower()
        return not CLOSING_WORDS.search(lowered) and any(self.normaliser.find(c, lowered) for c in FACTS)


def _make_inform(message: Message, previous: str) -> None:
    """Put `inform` first, with its own confidence from the ranking (or the replaced intent's)."""
    ranking: list[dict[str, Any]] = [
        r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) not in (FALLBACK, INFORM)
    ]
    known = next((r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) == INFORM), None)
    if previous == FALLBACK:
        inform = known or {INTENT_NAME_KEY: INFORM, PREDICTED_CONFIDENCE_KEY: 0.0}
    else:
        confidence = (message.get(INTENT) or {}).get(PREDICTED_CONFIDENCE_KEY, 0.0)
        inform = {INTENT_NAME_KEY: INFORM, PREDICTED_CONFIDENCE_KEY: confidence}
        ranking = [r for r in ranking if r.get(INTENT_NAME_KEY) != previous] + [
            {INTENT_NAME_KEY: previous, PREDICTED_CONFIDENCE_KEY: (known or {}).get(PREDICTED_CONFIDENCE_KEY, 0.0)}
        ]
    message.set(INTENT, inform, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [inform, *ranking], add_to_output=True)
