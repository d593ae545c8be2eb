"""NLU component after the intent classifier: what residents ask of the organisation, reported, is `inform`.

`ask_facilitation` is the professional asking what the organisation can offer ("wat kunnen wij bieden?"). The
classifier learns its words (budget, tools, a contact person), and these are also the words of a professional
telling what the residents asked for ("de huurders vragen of de corporatie een paar bezems kan regelen"). That is a
fact about the initiative, so such a message becomes `inform` with the classifier's confidence: the residents are
the ones who ask or want, and the professional asks no question (no question mark, no question word first, no "ik
wil weten").
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.base import NormalisingComponent
from bot.nlu.intent_boundary import INFORM, relabel
from knowledge.cues import RESIDENTS_WANT

FACILITATION = "ask_facilitation"
SPEAKER_ASKS = re.compile(
    r"\?|^\W*(wat|welke|hoe|hoeveel|waar|wie|kan|kun|kunnen|mag|mogen|moet|moeten|is|zijn|heb|hebben|hebt|zou|zouden|"
    r"bieden|bestaat|geldt)\b|\b(ik wil weten|wil ik weten|ik vraag me af|ik zoek|graag weten|benieuwd)\b"
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ReportedRequestInform(NormalisingComponent):
    """`ask_facilitation` becomes `inform` where the message reports what residents ask for."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel reported requests of residents that the classifier took for the professional's own question."""
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) == FACILITATION and self.reports_a_request(message.get(TEXT) or ""):
                relabel(message, intent, message.get(INTENT_RANKING_KEY) or [], FACILITATION, INFORM)
        return messages

    def reports_a_request(self, text: str) -> bool:
        """Whether the text tells what the residents ask or want, without a question of the speaker's own."""
        corrected = self.normaliser.correct(text.lower())
        return bool(RESIDENTS_WANT.search(corrected)) and not SPEAKER_ASKS.search(corrected)
