"""NLU component after DIET: residents' own wishes are `inform`, never `corporation_goal`.

The contract's `corporation_goal` is the professional's own organisation stating its goals. The classifier learns the
words of such messages ("willen dat bewoners ... overnemen") and so sometimes gives that intent to residents
who want something themselves ("de bewonerscommissie wil dat bewoners de binnentuin zelf onderhouden"),
which would make the bot warn against exactly what the research recommends. When the residents are the ones
who want it and nothing in the message speaks for the organisation (we, our board, policy, targets), this
component turns the intent into `inform`. The boundary itself is written down in data/nlu/README.md.
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.base import NormalisingComponent

GOAL, INFORM = "corporation_goal", "inform"
RESIDENTS = (
    r"bewoners|huurders|bewonerscommissie|bc|huurdersvereniging|hv|bewonersgroep|buurtbewoners|bewonersvereniging|"
    r"tuincommissie|vve|ouders|moeders|inwoners|dorpsbewoners|buren"
)
# The residents are the subject of a wish or a complaint.
RESIDENTS_WANT = re.compile(
    rf"\b({RESIDENTS})\b[^.?!]{{0,60}}?"
    r"\b(wil|willen|wilde|wilden|vragen|vroegen|klagen|klaagden|zouden graag|zien het zitten)\b"
)
# Anything that speaks for the organisation keeps the goal: its people, its policy, its targets, an obligation.
# (Saving money is not among them: "de bc wil besparen door zelf te poetsen" is the residents' own wish.)
ORGANISATION = re.compile(
    r"\b(wij|we|ons|onze|directie|management|mt|bestuur|beleid|wethouder|corporatie wil|gemeente wil|"
    r"organisatie|prestatieafspraken|targets?|kpi\w*|moeten)\b"
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ResidentsWishGuard(NormalisingComponent):
    """Turns `corporation_goal` into `inform` where the residents want it and no one speaks for the organisation."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel residents' wishes that the classifier took for the organisation's goals."""
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) == GOAL and self.residents_want(message.get(TEXT) or ""):
                message.set(INTENT, {**intent, INTENT_NAME_KEY: INFORM}, add_to_output=True)
                ranking = [
                    {**r, INTENT_NAME_KEY: INFORM} if r.get(INTENT_NAME_KEY) == GOAL else r
                    for r in message.get(INTENT_RANKING_KEY) or []
                    if r.get(INTENT_NAME_KEY) != INFORM
                ]
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def residents_want(self, text: str) -> bool:
        """Whether the residents are the ones who want it and nothing speaks for the organisation."""
        corrected = self.normaliser.correct(text)
        return bool(RESIDENTS_WANT.search(corrected)) and not ORGANISATION.search(corrected)
