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
ranked higher, with the classifier's confidence. The boundary itself is written down in data/nlu/README.md.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.base import NormalisingComponent

GOAL, INFORM, REQUEST = "corporation_goal", "inform", "request_advice"
RESIDENTS = (
    r"bewoners|huurders|bewonerscommissie|bc|huurdersvereniging|hv|bewonersgroep|buurtbewoners|bewonersvereniging|"
    r"tuincommissie|vve|ouders|moeders|inwoners|dorpsbewoners|buren|omwonenden|vrijwilligers|mensen|buurt|wijk|ze|zij"
)
# The residents are the subject of a wish or a complaint.
RESIDENTS_WANT = re.compile(
    rf"\b({RESIDENTS})\b[^.?!]{{0,60}}?"
    r"\b(wil|willen|wilde|wilden|vragen|vroegen|klagen|klaagden|eisen|eisten|zouden graag|zien het zitten)\b"
)
# Anything that speaks for the organisation keeps the goal: its people, its policy, its targets, an obligation.
# (Saving money is not among them: "de bc wil besparen door zelf te poetsen" is the residents' own wish.)
ORGANISATION = re.compile(
    r"\b(wij|we|ons|onze|directie|management|mt|bestuur|beleid|wethouder|corporatie wil|gemeente wil|"
    r"organisatie|prestatieafspraken|targets?|kpi\w*|moeten)\b"
)

BOSS = (
    r"directie|management|mt|bestuur|stadsbestuur|wethouder|college|manager|leidinggevende|teamleider|afdeling|"
    r"organisatie|hogerop|bovenaf|hogerhand"
)
ORGANISATION_ACTOR = rf"wij|we|ons|onze|ik|corporatie|woningcorporatie|gemeente|stad|{BOSS}"
TASK = (
    r"zelf|doen|schoonmaken|schoonhouden|onderhouden|bijhouden|vegen|maaien|beheren|regelen|draaien|runnen|"
    r"exploiteren|uitbaten|oppakken|opruimen|adopteren|overnemen|gerund|beheerd"
)
CLAUSE = r"[^.?!]"
# What the organisation's own goals are made of, by kind. One match keeps `corporation_goal`.
MONEY = (
    r"\w*bezuinig\w*|bespa\w*|\w*kost(en|t)?|goedkoper|\w*geld\w*|budget\w*|uitgeven|uitgaven|scheelt|"
    r"taakstelling\w*|efficiën\w*|efficien\w*|duur|dure|kort(en|ing)|gekort|subsidie\w*|kwijt|opzeggen|opgezegd|"
    r"financ\w*|gratis|aanbested\w*|\w*contract\w*|meebetal\w*|eigen benen"
)
TARGETS = (
    r"\w*beleid\w*|prestatieafspra\w*|kpi\w*|targets?|doel\w*|\w*plan|plannen|visie|ambitie\w*|procent|afgesproken|maatregel\w*|"
    r"de helft|verdubbel\w*|\w*participati\w*|zelfredza\w*|uitrol\w*|invoeren|invoering|besloten|besluit|opdracht|"
    r"verantwoordelijkheid\w*|standaard|\w*programma|visitatie\w*|afgerekend|scoren|aantal|huurcontract\w*|wens|"
    r"streven\w*|streeft|minimaal|eis|voorwaarde\w*|afspraken?|cijfers|jaarverslag\w*|belo\w*d|insteek|"
    r"(in|voor) (al|alle|elke|ieder)\w* (onze |de )?\w*(complex|wijk|buurt|flat|portiek)\w*"
)
HANDING_OVER = (
    rf"over ?(te )?nemen|overname|overgenomen|overneemt|neemt{CLAUSE}{{0,30}}\bover|nemen{CLAUSE}{{0,30}}\bover|"
    rf"overdra\w*|afstoten|afgestoten|neer ?(te )?leggen|leggen|legt{CLAUSE}{{0,60}}\bneer|afschuiven|"
    rf"van{CLAUSE}{{0,50}}\baf|vanaf|erva?n ?af|terug ?trek\w*|trekt{CLAUSE}{{0,20}}\bterug|zover|overhalen|"
    rf"over te halen|overhaal|overtuig\w*|motiveren|niet meer|geen{CLAUSE}{{0,40}}\bmeer|stop(pen|t)? met|minder|"
    rf"tenzij|"
    rf"alleen{CLAUSE}{{0,40}}\bals|uit ons beheer|uit handen|overlaten|schrappen|inzetten als|exit|"
    rf"(uit|vanuit|van) (de|onze) (organisatie|directie|top)|moet(en)? (ik |we |wij )?van|(we|wij|ik) moet(en)?|"
    rf"({RESIDENTS}){CLAUSE}{{0,40}}\bmoeten|laten ({TASK})|({BOSS}){CLAUSE}{{0,40}}\b"
    rf"(wil|willen|wilt|wens|vindt|eist|verwacht|zegt|besloten|beloofd)|"
    rf"({ORGANISATION_ACTOR}){CLAUSE}{{0,40}}\b(wil|willen|wilt|verwacht|verwachten|eist|eisen|vraagt|vragen|hoopt|"
    rf"hopen|bedoeling|wens){CLAUSE}{{0,25}}\b(dat|om){CLAUSE}{{0,80}}\b({TASK})"
)
STATES_A_GOAL = re.compile(rf"\b({MONEY}|{TARGETS}|{HANDING_OVER})\b|\d ?%")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CorporationGoalGuard(NormalisingComponent):
    """Keeps `corporation_goal` only where the organisation states its own goals."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Relabel residents' wishes and goal-less mentions of the organisation that the classifier took for goals."""
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) != GOAL:
                continue
            text = self._corrected(message.get(TEXT) or "")
            ranking: list[dict[str, Any]] = message.get(INTENT_RANKING_KEY) or []
            if _residents_want(text):
                _relabel(message, intent, ranking, INFORM)
            elif not STATES_A_GOAL.search(text):
                _relabel(message, intent, ranking, _higher(ranking, REQUEST, INFORM))
        return messages

    def residents_want(self, text: str) -> bool:
        """Whether the residents are the ones who want it and nothing speaks for the organisation."""
        return _residents_want(self._corrected(text))

    def states_a_goal(self, text: str) -> bool:
        """Whether the text names money, a target or policy, or handing work over to residents."""
        return bool(STATES_A_GOAL.search(self._corrected(text)))

    def _corrected(self, text: str) -> str:
        return self.normaliser.correct(text.lower())


def _residents_want(text: str) -> bool:
    return bool(RESIDENTS_WANT.search(text)) and not ORGANISATION.search(text)


def _higher(ranking: list[dict[str, Any]], first: str, second: str) -> str:
    """Of two intents, the one the classifier ranked higher (`first` when neither is ranked)."""
    names = [r.get(INTENT_NAME_KEY) for r in ranking]
    return second if second in names and (first not in names or names.index(second) < names.index(first)) else first


def _relabel(message: Message, intent: dict[str, Any], ranking: list[dict[str, Any]], name: str) -> None:
    """Give the message intent `name` with the classifier's confidence for the goal, which leaves the ranking."""
    message.set(INTENT, {**intent, INTENT_NAME_KEY: name}, add_to_output=True)
    rest = [
        {**r, INTENT_NAME_KEY: name} if r.get(INTENT_NAME_KEY) == GOAL else r
        for r in ranking
        if r.get(INTENT_NAME_KEY) != name
    ]
    message.set(INTENT_RANKING_KEY, rest, add_to_output=True)
