"""The intake: extracting answers from free Dutch text and validating them in the form."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.profile import as_bool, intake_facts, latest_intent, latest_text, requested_slot
from knowledge.intake import INTAKE_SLOTS, UNKNOWN
from knowledge.schema import INITIATIEFNEMERS, ROLLEN, RUIMTES

# Intents whose message may answer an intake question; all others (questions, chitchat, the
# organisation's goals) interrupt the form and are answered by rules before the form resumes.
ANSWER_INTENTS = ("inform", "request_advice", "affirm", "deny", "nlu_fallback")
UNRECOGNISED = "?"
MOTIVATION_LIMIT = 2000
HINTS = {
    "ruimte": "Ik kon daar geen ruimte in herkennen.",
    "initiatiefnemer": "Ik kon daar niet uit opmaken wie het initiatief nam.",
    "bewonersrol": "Ik kon daar niet uit opmaken wat de bewoners zelf willen doen.",
    "kwetsbare_wijk": "Ik kon daar niet uit opmaken of het een kwetsbare wijk is.",
}
ALLOWED = {"ruimte": RUIMTES, "initiatiefnemer": INITIATIEFNEMERS, "bewonersrol": ROLLEN}


class ActionExtractIntake(Action):
    """Fills the intake slots from any answer-like message, also before the form starts."""

    def name(self) -> Text:
        return "action_extract_intake"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        intent = latest_intent(tracker)
        if intent not in ANSWER_INTENTS:
            return []
        asked = requested_slot(tracker)
        facts: Dict[Text, Any] = intake_facts(tracker, asked)
        if asked == "kwetsbare_wijk" and asked not in facts and intent in ("affirm", "deny"):
            facts[asked] = intent == "affirm"
        new = {slot: value for slot, value in facts.items() if tracker.get_slot(slot) != value}
        if asked in INTAKE_SLOTS and asked not in facts and not new:
            new[asked] = UNRECOGNISED  # nothing usable: the form explains and asks again
        events: List[EventType] = [SlotSet(slot, value) for slot, value in new.items()]
        text = latest_text(tracker).strip()
        if intent in ("inform", "request_advice") and text and not text.startswith("/"):
            previous = tracker.get_slot("motivatie")
            combined = f"{previous} {text}" if isinstance(previous, str) and previous else text
            events.append(SlotSet("motivatie", combined[-MOTIVATION_LIMIT:]))
        return events


class ValidateIntakeForm(FormValidationAction):
    """Checks each intake answer; an unrecognised answer is explained and asked again."""

    def name(self) -> Text:
        return "validate_intake_form"

    @staticmethod
    def _check(slot: Text, value: Any, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        if value == UNKNOWN:
            return {slot: UNKNOWN}
        if slot == "kwetsbare_wijk":
            flag = as_bool(value)
            if flag is not None:
                return {slot: flag}
        elif value in ALLOWED[slot]:
            return {slot: value}
        dispatcher.utter_message(text=f"{HINTS[slot]} Je mag ook 'weet ik niet' zeggen, dan ga ik verder.")
        return {slot: None}

    async def validate_ruimte(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> Dict[Text, Any]:
        """Accept a canonical ruimte or 'onbekend'."""
        return self._check("ruimte", value, dispatcher)

    async def validate_initiatiefnemer(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> Dict[Text, Any]:
        """Accept bewoners, corporatie, gemeente or 'onbekend'."""
        return self._check("initiatiefnemer", value, dispatcher)

    async def validate_bewonersrol(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> Dict[Text, Any]:
        """Accept a rung of the ladder or 'onbekend'."""
        return self._check("bewonersrol", value, dispatcher)

    async def validate_kwetsbare_wijk(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> Dict[Text, Any]:
        """Accept true/false or 'onbekend'."""
        return self._check("kwetsbare_wijk", value, dispatcher)
