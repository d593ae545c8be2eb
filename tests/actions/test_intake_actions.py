"""The intake actions with real trackers: extraction from free Dutch text and form validation."""
import asyncio

import pytest
from rasa_sdk.events import SlotSet

from actions.intake import UNRECOGNISED, ActionExtractIntake, ValidateIntakeForm
from tests.actions.conftest import make_tracker, texts


def extract(dispatcher, domain, **kwargs):
    return asyncio.run(ActionExtractIntake().run(dispatcher, make_tracker(**kwargs), domain))


def slot_values(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.mark.parametrize("text, intent, asked, expected", [
    ("het gaat om de portiek", "inform", "ruimte", {"ruimte": "trappenhuis"}),
    ("een hofje in de binnenstad", "inform", "ruimte", {"ruimte": "binnentuin"}),
    ("wij als corporatie", "inform", "initiatiefnemer", {"initiatiefnemer": "corporatie"}),
    ("de bewoners zelf", "inform", "initiatiefnemer", {"initiatiefnemer": "bewoners"}),
    ("ze willen zelf schoffelen en maaien", "inform", "bewonersrol", {"bewonersrol": "zelf_doen"}),
    ("alleen meedenken", "inform", "bewonersrol", {"bewonersrol": "meedenken"}),
    ("weet ik niet", "inform", "ruimte", {"ruimte": "onbekend"}),
    ("geen idee eigenlijk", "inform", "bewonersrol", {"bewonersrol": "onbekend"}),
    ("ja", "affirm", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
    ("nee", "deny", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
    ("het is geen kwetsbare wijk", "inform", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
])
def test_answers_fill_the_asked_slot(dispatcher, domain, text, intent, asked, expected):
    events = extract(dispatcher, domain, text=text, intent=intent, active_loop="intake_form",
                     slots={"requested_slot": asked})
    values = slot_values(events)
    for slot, value in expected.items():
        assert values[slot] == value


def test_unrecognised_answer_is_marked_so_the_form_asks_again(dispatcher, domain):
    events = extract(dispatcher, domain, text="een flat uit de jaren zestig", intent="inform",
                     active_loop="intake_form", slots={"requested_slot": "initiatiefnemer"})
    assert slot_values(events)["initiatiefnemer"] == UNRECOGNISED


def test_answer_to_another_question_is_used_without_complaint(dispatcher, domain):
    events = extract(dispatcher, domain, text="het gaat om het trappenhuis", intent="inform",
                     active_loop="intake_form", slots={"requested_slot": "initiatiefnemer"})
    assert slot_values(events) == {"ruimte": "trappenhuis", "motivatie": "het gaat om het trappenhuis"}


def test_repeating_a_known_answer_still_asks_again(dispatcher, domain):
    events = extract(dispatcher, domain, text="het trappenhuis", intent="inform", active_loop="intake_form",
                     slots={"requested_slot": "initiatiefnemer", "ruimte": "trappenhuis"})
    assert slot_values(events)["initiatiefnemer"] == UNRECOGNISED


def test_first_message_with_answers_fills_several_slots(dispatcher, domain):
    events = extract(dispatcher, domain, text="ik wil advies over de binnentuin, de bewoners willen zelf maaien",
                     intent="request_advice")
    values = slot_values(events)
    assert values["ruimte"] == "binnentuin"
    assert values["bewonersrol"] == "zelf_doen"
    assert "initiatiefnemer" not in values  # "bewoners" alone does not say who started it
    assert "binnentuin" in values["motivatie"]


@pytest.mark.parametrize("intent", ["ask_pitfalls", "corporation_goal", "help", "greet", "bot_challenge"])
def test_questions_and_interruptions_fill_nothing(dispatcher, domain, intent):
    events = extract(dispatcher, domain, text="wat gaat er mis in de binnentuin?", intent=intent,
                     active_loop="intake_form", slots={"requested_slot": "ruimte"})
    assert events == []


def test_ruimte_entity_from_nlu_is_normalised(dispatcher, domain):
    events = extract(dispatcher, domain, text="/inform", intent="inform", active_loop="intake_form",
                     slots={"requested_slot": "ruimte"}, entities=[{"entity": "ruimte", "value": "speeltuin"}])
    assert slot_values(events)["ruimte"] == "speelplek"


def validate(dispatcher, domain, slot, value):
    tracker = make_tracker(text="x", intent="inform", active_loop="intake_form",
                           slots={"requested_slot": slot, slot: value})
    tracker.events.append(SlotSet(slot, value))
    return asyncio.run(ValidateIntakeForm().run(dispatcher, tracker, domain))


@pytest.mark.parametrize("slot, value, kept", [
    ("ruimte", "zwembad", "zwembad"),
    ("ruimte", "onbekend", "onbekend"),
    ("initiatiefnemer", "gemeente", "gemeente"),
    ("bewonersrol", "zelf_beheren", "zelf_beheren"),
    ("kwetsbare_wijk", True, True),
    ("kwetsbare_wijk", "nee", False),
])
def test_valid_answers_are_kept(dispatcher, domain, slot, value, kept):
    values = slot_values(validate(dispatcher, domain, slot, value))
    assert values[slot] == kept
    assert dispatcher.messages == []


@pytest.mark.parametrize("slot, value", [("ruimte", UNRECOGNISED), ("ruimte", "kelder"), ("bewonersrol", 42),
                                         ("kwetsbare_wijk", "misschien"), ("initiatiefnemer", "buurman")])
def test_invalid_answers_are_explained_and_cleared(dispatcher, domain, slot, value):
    values = slot_values(validate(dispatcher, domain, slot, value))
    assert values[slot] is None
    assert "weet ik niet" in texts(dispatcher)
