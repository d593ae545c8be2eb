"""Help: what the bot can do, or, for a message that asks what a question means, what that question means."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.intake import IntakeAwareAction


class ActionHelp(IntakeAwareAction):
    """The help text; a request to explain the question gets its explanation from `IntakeAwareAction.run`. The form
    then asks its question again (and lets it go if that was the second time in a row)."""

    def name(self) -> str:
        return "action_help"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_help")
        return []
