"""What residents asked the organisation for, reported, is inform (bot/nlu/reported_requests.py), on Rasa Messages."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.reported_requests import ReportedRequestInform
from knowledge.normalise import vocabulary_normaliser


@pytest.fixture(scope="module")
def component() -> ReportedRequestInform:
    return ReportedRequestInform(vocabulary_normaliser())


def classified(component: ReportedRequestInform, text: str, intent: str = "ask_facilitation") -> Message:
    ranking = [
        {"name": intent, "confidence": 0.6},
        {"name": "inform", "confidence": 0.3},
        {"name": "greet", "confidence": 0.1},
    ]
    message = Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking})
    [processed] = component.process([message])
    return processed


@pytest.mark.parametrize(
    "text",
    [
        "de huurders vragen of jullie een paar harken en een kruiwagen willen betalen",
        "de bewonerscommissie wil graag een eigen contactpersoon bij de corporatie",
        "ze willen met de verhuurder afspreken wie de sleutel van het zaaltje heeft",
        "de huurders hopen dat de corporatie de schoonmaakspullen betaalt",
        "het bewonerscomité wil een vast aanspreekpunt bij de verhuurder",
    ],
)
def test_a_reported_request_of_residents_becomes_inform(component, text):
    processed = classified(component, text)
    assert processed.get("intent") == {"name": "inform", "confidence": 0.6}
    assert [r["name"] for r in processed.get("intent_ranking")] == ["inform", "greet"]


@pytest.mark.parametrize(
    "text",
    [
        "wat kunnen we bieden als de huurders het zelf willen doen?",
        "kunnen we de bewoners die dat willen een klein budget geven",
        "ik wil weten welke ondersteuning er is als bewoners om gereedschap vragen",
        "welk budget is er voor gereedschap",
    ],
)
def test_the_professionals_own_question_stays(component, text):
    assert classified(component, text).get("intent")["name"] == "ask_facilitation"


def test_other_intents_are_left_alone(component):
    text = "de huurders vragen of jullie een paar harken kunnen betalen"
    assert classified(component, text, intent="inform").get("intent")["name"] == "inform"
    assert classified(component, text, intent="ask_pitfalls").get("intent")["name"] == "ask_pitfalls"
