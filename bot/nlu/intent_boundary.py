"""NLU component after the intent classifier: `corporation_goal` only where the organisation states its goals.

The contract's `corporation_goal` is the professional's own organisation stating its goals for self-management:
cost cutting, policy targets, "we want residents to take over X". The classifier learns the words such
messages share, and these are also the words of any message in which the organisation is merely present
("wij als corporatie hebben een lege ruimte", "de gemeente, afdeling groen", "we willen co-creatie"), or in
which residents want something ("de bewonerscommissie wil de binnentuin zelf onderhouden"). A warning there
would warn against exactly what the research recommends. So this component keeps `corporation_goal` only when
- the residents are not the ones who want it (or something speaks for the organisation: we, our board, policy), and
- the message states a goal: money (savings, costs, contracts), targets or policy (plans, KPIs, participation,
  a required number), or handing work over to residents (take over, hand over, "wij willen dat bewoners ... zelf").
Otherwise the intent becomes `inform` (residents' wishes, facts) or `request_advice`, whichever the classifier
ranked higher, with the classifier's confidence; a question about organisations in general ("wat doen gemeenten
elders hiermee?") gets the intent ranked next. A residents' letter or app message pasted into the message is
their words, and a wish disowned ("we willen het wijkgebouw echt niet afstoten") or a saving said not to exist
is no goal.
The other way round, an `inform` or `request_advice` in which the organisation wants the residents to take on a
task ("onze afdeling wil dat de bewoners zelf een oogje op het pleintje houden"), saves money by it ("dat bespaart
ons een ton") or states a firm goal in the first person ("onze kpi is ...") becomes `corporation_goal`; so does such
a statement taken for another intent (out of scope, an option question), though not a question or small talk.
The boundary itself is written down in data/nlu/README.md.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.nlu.base import IntentRelabeller
from knowledge.clauses import SENTENCE_BREAK
from knowledge.cues import (
    FIRM_GOAL,
    IN_GENERAL,
    NO_GOALS,
    ORGANISATION,
    OWN_SIDE,
    PUSHES,
    RESIDENTS_SAY,
    RESIDENTS_WANT,
    RESIDENTS_WISH_ONLY,
    WE,
    someone_elses_goal,
    states_a_goal,
    without_residents_words,
)

GOAL, INFORM, REQUEST = "corporation_goal", "inform", "request_advice"
# Intents whose messages a stated goal never turns into one: small talk, and starting again.
NEVER_GOALS = ("greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "restart_conversation", "nlu_fallback")
# A question, with or without its question mark: "hoe verrekenen we de besparing met de huurders".
ASKS = re.compile(
    r"\?\s*$|^\W*(wat|hoe|wie|welke|welk|waar\w*|wanneer|waarom|kan|kun|kunt|kunnen|mag|mogen|moet|moeten|is|zijn|"
    r"heb|hebben|heeft|zal|zullen|wil|willen)\b"
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CorporationGoalGuard(IntentRelabeller):
    """Keeps `corporation_goal` only for the organisation's stated goals; gives it where the organisation pushes."""

    def new_intent(self, name: str, text: str, ranking: list[dict[str, Any]]) -> str | None:
        """For residents' wishes and goal-less mentions of the organisation that the classifier took for goals,
        `inform` or `request_advice`; for facts, requests and other statements (not questions, not small talk) in
        which the organisation wants residents to take on a task, `corporation_goal`."""
        if name in NEVER_GOALS:
            return None
        general = IN_GENERAL.search(text.lower())  # before correction, which makes "corporaties" one corporatie
        text = without_residents_words(self._corrected(text))
        if name != GOAL:  # another intent's question keeps its intent; a statement of a goal does not
            asking = name not in (INFORM, REQUEST) and ASKS.search(text)
            return GOAL if not asking and _pushes_a_task(text) and not someone_elses_goal(text) else None
        if (_residents_want(text) or RESIDENTS_SAY.search(text)) and not _pushes_a_task(text):
            return INFORM
        if ASKS.search(text) and general and not OWN_SIDE.search(text):
            return _next(ranking)  # "wat doen gemeenten elders, bespaart het ze iets?"
        if not states_a_goal(text) or someone_elses_goal(text):
            return _higher(ranking, REQUEST, INFORM)
        return None

    def residents_want(self, text: str) -> bool:
        """Whether the residents are the ones who want it and nothing speaks for the organisation."""
        return _residents_want(self._corrected(text))

    def states_a_goal(self, text: str) -> bool:
        """Whether the text names money, a target or policy, or handing work over to residents."""
        return states_a_goal(self._corrected(text))

    def pushes_a_task(self, text: str) -> bool:
        """Whether the organisation wants the residents to take on a task ("wij willen dat de huurders ..."), saves
        money by it or states a firm goal in the first person."""
        return _pushes_a_task(self._corrected(text))

    def _corrected(self, text: str) -> str:
        # typos corrected, compounds kept: "de zorgorganisatie" is not the organisation speaking
        return self.normaliser.correct(text.lower(), heads=False)


def _residents_want(text: str, wanting: re.Pattern[str] = RESIDENTS_WANT) -> bool:
    """Whether the residents are the ones who want it (by `wanting`) and nothing speaks for the organisation."""
    return bool(wanting.search(text)) and not ORGANISATION.search(text)


def _pushes_a_task(text: str) -> bool:
    """The organisation wants residents to take on a task or saves money by it, or speaks in the first person of a
    firm goal (savings, targets, handing over) that no resident is said to want or say in the same sentence (a plan in
    which residents act is the organisation's then: "we willen van de beheerskosten af; de bedoeling is dat huurders
    het oppakken")."""
    text = NO_GOALS.sub(" ", text)  # "een besparing is er niet", "we willen de speeltuin echt niet afstoten"
    if PUSHES.search(text):
        return True
    # Sentence by sentence: residents' wish in one sentence does not make the next one's firm goal theirs.
    return any(
        WE.search(sentence)
        and FIRM_GOAL.search(sentence)
        and not _residents_want(sentence, RESIDENTS_WISH_ONLY)
        and not RESIDENTS_SAY.search(sentence)
        for sentence in SENTENCE_BREAK.split(text)
    )


def _higher(ranking: list[dict[str, Any]], first: str, second: str) -> str:
    """Of two intents, the one the classifier ranked higher (`first` when neither is ranked)."""
    names = [r.get(INTENT_NAME_KEY) for r in ranking]
    return second if second in names and (first not in names or names.index(second) < names.index(first)) else first


def _next(ranking: list[dict[str, Any]]) -> str:
    """The intent the classifier ranked highest after `corporation_goal` (a question about organisations in general
    asks for evidence or examples); `inform` when it ranked nothing else."""
    names = [r.get(INTENT_NAME_KEY) for r in ranking]
    return next((n for n in names if n and n not in (GOAL, "nlu_fallback")), INFORM)
