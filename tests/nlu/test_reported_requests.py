"""What residents asked the organisation for, reported, is inform (bot/nlu/reported_requests.py), on Rasa Messages."""

from __future__ import annotations

import pytest

from bot.nlu.reported_requests import ReportedRequestInform
from knowledge.normalise import vocabulary_normaliser
from tests.nlu.messages import classified, ranked


@pytest.fixture(scope="module")
def component() -> ReportedRequestInform:
    return ReportedRequestInform(vocabulary_normaliser())


def facilitation(component: ReportedRequestInform, text: str, intent: str = "ask_facilitation"):
    return classified(component, text, ranked(intent, 0.6, ("inform", 0.3), ("greet", 0.1)))


@pytest.mark.parametrize(
    "text",
    [
        "de huurders vragen of jullie een paar harken en een kruiwagen willen betalen",
        "de bewonerscommissie wil graag een eigen contactpersoon bij de corporatie",
        "ze willen met de verhuurder regelen wie het zaaltje opent",
        "de huurders hopen dat de corporatie de schoonmaakspullen betaalt",
        "het bewonerscomité wil een vast aanspreekpunt bij de verhuurder",
    ],
)
def test_a_reported_request_of_residents_becomes_inform(component, text):
    processed = facilitation(component, text)
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
    assert facilitation(component, text).get("intent")["name"] == "ask_facilitation"


def test_other_intents_are_left_alone(component):
    text = "de huurders vragen of jullie een paar harken kunnen betalen"
    assert facilitation(component, text, intent="inform").get("intent")["name"] == "inform"
    assert facilitation(component, text, intent="ask_pitfalls").get("intent")["name"] == "ask_pitfalls"
