"""Low-confidence fallback: ask to rephrase, with suggestions the user can click."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.profile import advised_option_ids

START_SUGGESTIONS = [
    {"title": "Ik wil advies over zelfbeheer", "payload": "/request_advice"},
    {"title": "Welke archetypen ken je?", "payload": "/ask_archetype"},
    {"title": "Wat kun je?", "payload": "/help"},
]
FOLLOW_UP_SUGGESTIONS = [
    {"title": "Vertel meer over optie 1", "payload": "vertel meer over optie 1"},
    {"title": "Wat zijn de valkuilen?", "payload": "/ask_pitfalls"},
    {"title": "Geef een samenvatting", "payload": "/request_summary"},
]


class ActionRephrase(Action):
    """Asks the user to say it differently and offers what the bot can do at this point."""

    def name(self) -> str:
        return "action_rephrase"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        suggestions = FOLLOW_UP_SUGGESTIONS if advised_option_ids(tracker) else START_SUGGESTIONS
        dispatcher.utter_message(
            text="Sorry, dat begreep ik niet helemaal. Kun je het anders zeggen? "
            "Je kunt ook een van deze dingen vragen:",
            buttons=suggestions,
        )
        return []
