"""Giving the menukaart advice, warning about the organisation's own goals, and the summary."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.formatting import Citations, advice_payload, advice_text, summary_markdown, warning_payload
from actions.intake import IntakeAwareAction, release_question
from actions.knowledge_access import index, store
from actions.profile import intake_facts, profile_from_tracker, requested_slot
from knowledge.intake import INTAKE_SLOTS
from knowledge.recommend import recommend

CORPORATION_WARNING = "eigen_doelen_corporatie"


class ActionGiveAdvice(Action):
    """Recommends menukaart options for the intake profile: readable text plus the contract payload."""

    def name(self) -> str:
        return "action_give_advice"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        advice = recommend(store(), profile_from_tracker(tracker), index())
        dispatcher.utter_message(text=advice_text(advice))
        dispatcher.utter_message(json_message=advice_payload(advice))
        return [SlotSet("advies_opties", [r.option.id for r in advice.options])]


class ActionWarnCorporationGoal(Action):
    """Warns, with its source, that leading with the organisation's goals backfires, then carries on.

    The warning is given in full once per conversation; later goal messages get a short reminder with the
    same payload. The message is also read as an intake answer, so "dat komt vanuit ons" answers who started it.
    """

    def name(self) -> str:
        return "action_warn_corporation_goal"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        warning = store().warnings[CORPORATION_WARNING]
        cite = Citations()
        if tracker.get_slot("corporatie_doel") is True:
            dispatcher.utter_message(text=f"{warning.kort} {cite.mark(warning.bron)}\n\n{cite.block()}")
        else:
            dispatcher.utter_message(
                text=f"Een waarschuwing vooraf: {warning.tekst} {cite.mark(warning.bron)}\n\n"
                f"{warning.advies}\n\n{cite.block()}"
            )
        dispatcher.utter_message(json_message={"type": "waarschuwing", "waarschuwingen": [warning_payload(warning)]})
        asked = requested_slot(tracker)
        facts = {slot: value for slot, value in intake_facts(tracker, asked).items() if tracker.get_slot(slot) is None}
        events: list[EventType] = [SlotSet("corporatie_doel", True)] + [SlotSet(s, v) for s, v in facts.items()]
        if asked is None or asked in facts:
            dispatcher.utter_message(response="utter_verder_vanuit_bewoners")
            return events
        return events + release_question(tracker, dispatcher)


class ActionSummary(IntakeAwareAction):
    """A Markdown summary of profile, advice, warnings and sources."""

    def name(self) -> str:
        return "action_summary"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        profile = profile_from_tracker(tracker)
        if not any(profile.known(name) is not None for name in INTAKE_SLOTS):
            dispatcher.utter_message(
                text="Er is nog niets om samen te vatten: we zijn nog niet aan het advies toegekomen. "
                "Zeg 'ik wil advies' om te beginnen."
            )
            return []
        advice = recommend(store(), profile, index())
        markdown = summary_markdown(advice)
        dispatcher.utter_message(text=markdown)
        dispatcher.utter_message(
            json_message={
                "type": "samenvatting",
                "markdown": markdown,
                **{k: v for k, v in advice_payload(advice).items() if k != "type"},
            }
        )
        return []
