"""Explaining an intake question when the professional asks what it means."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.intake import IntakeAwareAction
from actions.profile import latest_text, requested_slot
from knowledge.clarification import question_named
from knowledge.intake import INTAKE_SLOTS


class ActionExplainQuestion(IntakeAwareAction):
    """What a question means: the one whose terms the message names, else the open one; else what the bot can do.

    The form asks the open question again after it (and lets it go if that was the second time in a row)."""

    def name(self) -> str:
        return "action_explain_question"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        named = question_named(latest_text(tracker))
        asked = requested_slot(tracker)
        topic = named or (asked if asked in INTAKE_SLOTS else None)
        dispatcher.utter_message(response=f"utter_uitleg_{topic}" if topic else "utter_help")
        return []
