"""The intake: reading answers from free Dutch text, asking again once, then moving on.

The four intake slots have custom mappings, filled by Rasa's global slot validation hook
`action_validate_slot_mappings`, which Rasa calls once after every user message, inside and outside the form.
It is the only action server call of an intake answer: the form asks its questions with the domain's
`utter_ask_*` responses, and there is no form validation action (that would cost a second call on every
message and a third after every question). Rasa keeps the bot messages this hook returns (those of a custom
mapping action would be dropped), so it can explain an answer it cannot read.

While a question is open the message is read for that slot first, whatever its intent (only a question that ends in
a question mark is left to its rule); facts for the other slots fill those too while they are empty. An answer that
gives nothing for the open question is explained once (a short example, and the question again with its buttons);
when the question has been asked twice in a row and the next message still gives nothing, the slot becomes
`onbekend`, the bot says so and the intake moves on. A question, chitchat or the organisation's goal with nothing
for the open slot is answered by its rule first; if that was the second time in a row, the answering action lets
the question go in the same way (`release_question`), so no question is ever asked three times in a row.
"""

from __future__ import annotations

import abc
from typing import Any

from rasa_sdk import Action, Tracker, ValidationAction
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.profile import corrected_facts, intake_facts, latest_intent, latest_text, requested_slot
from knowledge.clarification import asks_what_is_meant, question_named
from knowledge.intake import INTAKE_SLOTS, UNKNOWN, corrects_itself

# Messages with these intents interrupt the form when they give nothing for the open question: their rules
# answer them, then the form asks again. Every other intent (inform, affirm, nlu_fallback, ...) is an answer.
QUESTION_INTENTS = (
    "ask_option_details",
    "ask_success_factors",
    "ask_pitfalls",
    "ask_archetype",
    "ask_examples",
    "ask_evidence",
    "ask_facilitation",
    "request_summary",
    "corporation_goal",
)
# Chitchat whose rule is a plain response: on the third ask this action sends that response itself (a request to
# explain the question gets `help_response`).
CHITCHAT_RESPONSES = {
    "greet": "utter_greet",
    "thank": "utter_youre_welcome",
    "bot_challenge": "utter_iamabot",
    "help": "utter_help",
    "out_of_scope": "utter_out_of_scope",
}
STOP_INTENTS = ("goodbye", "restart_conversation")
MAX_ASKS = 2
MOTIVATION_LIMIT = 2000


def times_asked(tracker: Tracker, slot: str) -> int:
    """How often the form has asked for `slot` in a row (until it asked something else or the bot restarted)."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") in ("restart", "session_started"):
            break
        if event.get("event") == "bot":
            action = (event.get("metadata") or {}).get("utter_action") or ""
            if action == f"utter_ask_{slot}":
                count += 1
            elif action.startswith("utter_ask_"):
                break
    return count


def release_question(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[EventType]:
    """Let the open intake question go (`onbekend`, said in one sentence) once it has been asked twice in a row."""
    asked = requested_slot(tracker)
    if asked not in INTAKE_SLOTS or tracker.get_slot(asked) is not None or times_asked(tracker, asked) < MAX_ASKS:
        return []
    dispatcher.utter_message(response=f"utter_onbekend_{asked}")
    return [SlotSet(asked, UNKNOWN)]


def help_response(tracker: Tracker) -> str:
    """For a message that asks what a question means, the explanation of the question it names, else of the open one;
    otherwise (or with neither) the help text."""
    text = latest_text(tracker)
    if asks_what_is_meant(text):
        asked = requested_slot(tracker)
        topic = question_named(text) or (asked if asked in INTAKE_SLOTS else None)
        if topic:
            return f"utter_uitleg_{topic}"
    return "utter_help"


class IntakeAwareAction(Action, abc.ABC):
    """An action that may answer in the middle of the intake; after it, a question asked twice is let go.

    A message that asks what an intake question means ("wat is het verschil tussen meedenken en toezicht houden?") is
    answered with the explanation of that question, whichever of these actions its intent led to."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if asks_what_is_meant(latest_text(tracker)):
            dispatcher.utter_message(response=help_response(tracker))
            events: list[EventType] = []
        else:
            events = await self.answer(dispatcher, tracker, domain)
        return events + release_question(tracker, dispatcher)

    @abc.abstractmethod
    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Answer the user's message (the action's own work)."""


def _motivation(tracker: Tracker, intent: str | None) -> list[EventType]:
    """The professional's own words, kept to rank the options residents name themselves."""
    text = latest_text(tracker).strip()
    if intent in QUESTION_INTENTS or intent in CHITCHAT_RESPONSES or not text or text.startswith("/"):
        return []
    if asks_what_is_meant(text):  # "hoe bedoel je?" says nothing about the case
        return []
    previous = tracker.get_slot("motivatie")
    if isinstance(previous, str) and previous.endswith(text):
        return []  # the same message read again when the form starts
    combined = f"{previous} {text}" if isinstance(previous, str) and previous else text
    return [SlotSet("motivatie", combined[-MOTIVATION_LIMIT:])]


class ReadIntake(ValidationAction):
    """Fills the intake slots from every message; explains an unreadable answer once, then moves on."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        intent = latest_intent(tracker)
        if intent in STOP_INTENTS or intent == "corporation_goal":
            return []  # the goal's warning action reads the message itself, so the warning is never skipped
        asked = requested_slot(tracker)
        # A real question ("werkt het anders in kwetsbare wijken?") is answered by its rule, not read as an answer; so
        # is a request to explain the question, which is nothing but that request (its terms are no answer).
        text = latest_text(tracker)
        clarifying = asks_what_is_meant(text)
        question = clarifying or (
            (intent in QUESTION_INTENTS or intent in CHITCHAT_RESPONSES) and text.rstrip().endswith("?")
        )
        facts: dict[str, Any] = {} if question else intake_facts(tracker, asked)
        if asked == "kwetsbare_wijk" and asked not in facts and intent in ("affirm", "deny"):
            facts[asked] = intent == "affirm"
        # The open question takes its answer; another slot only while it is still empty, so a word said in passing
        # ("de plantenbakken bijhouden") never overwrites what the professional answered before, unless the message
        # corrects it instead of answering the open question ("even corrigeren: niet het wijkcentrum, ik bedoel
        # de recreatiezaal"); a correction in the answer ("de corporatie, nee wacht, de bc") is about that answer.
        corrected = corrects_itself(text) and asked not in facts
        # A correction after the answer is about what follows it: "zelf wieden. oh en correctie, het is een grasveld".
        # (A correction that answers the open question, "de stad, o nee, ik bedoel de vve", is about that answer.)
        later = corrected_facts(tracker, asked) if asked in facts else {}
        if asked in later:
            later = {}
        later = {s: v for s, v in later.items() if s in INTAKE_SLOTS and tracker.get_slot(s) not in (None, v)}
        events: list[EventType] = [
            SlotSet(slot, value)
            for slot, value in facts.items()
            if slot not in later
            and tracker.get_slot(slot) != value
            and (slot == asked or corrected or tracker.get_slot(slot) in (None, UNKNOWN))
        ] + [SlotSet(slot, value) for slot, value in later.items()]
        events += _motivation(tracker, intent)
        if asked not in INTAKE_SLOTS or asked in facts:
            return events
        if intent in QUESTION_INTENTS:
            return events  # its rule answers; that action lets the question go if it was the second time
        if times_asked(tracker, asked) >= MAX_ASKS:
            if clarifying:
                dispatcher.utter_message(response=help_response(tracker))
            elif intent in CHITCHAT_RESPONSES:
                dispatcher.utter_message(response=CHITCHAT_RESPONSES[intent])
            return events + release_question(tracker, dispatcher)
        if intent in CHITCHAT_RESPONSES:
            return events  # its rule answers, then the form asks again
        if clarifying:  # taken for an answer by the classifier: explained here, then the form asks again
            dispatcher.utter_message(response=help_response(tracker))
        elif not any(isinstance(e, dict) and e.get("name") in INTAKE_SLOTS for e in events):
            dispatcher.utter_message(response=f"utter_niet_begrepen_{asked}")
        return events + [SlotSet(asked, None)]  # the form asks the open question again
