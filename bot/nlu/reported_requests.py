"""NLU component after the intent classifier: what residents ask of the organisation, reported, is `inform`.

`ask_facilitation` is the professional asking what the organisation can offer ("wat kunnen wij bieden?"). The
classifier learns its words (budget, tools, a contact person), and these are also the words of a professional
telling what the residents asked for ("de huurders vragen of jullie hun tuingereedschap willen betalen"). That is a
fact about the initiative, so such a message becomes `inform` with the classifier's confidence: the residents are
the ones who ask or want, and the professional asks no question (no question mark, no question word first, no "ik
wil weten").
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu.base import IntentRelabeller
from bot.nlu.intent_boundary import INFORM
from knowledge.cues import RESIDENTS_WANT

FACILITATION = "ask_facilitation"
SPEAKER_ASKS = re.compile(
    r"\?|^\W*(wat|welke|hoe|hoeveel|waar|wie|kan|kun|kunnen|mag|mogen|moet|moeten|is|zijn|heb|hebben|hebt|zou|zouden|"
    r"bieden|bestaat|geldt)\b|\b(ik wil weten|wil ik weten|ik vraag me af|ik zoek|graag weten|benieuwd)\b"
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ReportedRequestInform(IntentRelabeller):
    """`ask_facilitation` becomes `inform` where the message reports what residents ask for."""

    def new_intent(self, name: str, text: str, ranking: list[dict[str, Any]]) -> str | None:
        """`inform` for a reported request of residents that the classifier took for the professional's question."""
        return INFORM if name == FACILITATION and self.reports_a_request(text) else None

    def reports_a_request(self, text: str) -> bool:
        """Whether the text tells what the residents ask or want, without a question of the speaker's own."""
        corrected = self.normaliser.correct(text.lower())
        return bool(RESIDENTS_WANT.search(corrected)) and not SPEAKER_ASKS.search(corrected)
