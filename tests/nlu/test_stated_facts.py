"""Statements of facts are inform (bot/nlu/stated_facts.py), on Rasa Messages."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.stated_facts import StatedFactsInform
from knowledge.normalise import vocabulary_normaliser

FALLBACK_RANKING = [
    {"name": "nlu_fallback", "confidence": 0.65},
    {"name": "out_of_scope", "confidence": 0.3},
    {"name": "inform", "confidence": 0.25},
]


def processed(text: str, spaces: list[str], ranking: list[dict] | None = None) -> Message:
    ranking = FALLBACK_RANKING if ranking is None else ranking
    entities = [{"entity": "ruimte", "value": value, "start": 0, "end": 1} for value in spaces]
    message = Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking, "entities": entities})
    [result] = StatedFactsInform(vocabulary_normaliser()).process([message])
    return result


@pytest.mark.parametrize(
    ("text", "space"),
    [
        ("galerij", "trappenhuis"),
        ("achter de schuurtjes ligt een stuk plantsoen dat verwaarloosd wordt", "groen"),
        ("in ons dorp draait het buurthuis op vrijwilligers", "buurthuis"),
    ],
)
def test_a_fallback_statement_naming_a_space_is_inform(text, space):
    message = processed(text, [space])
    assert message.get("intent") == {"name": "inform", "confidence": 0.25}
    assert [r["name"] for r in message.get("intent_ranking")] == ["inform", "out_of_scope"]


def test_inform_missing_from_the_ranking_still_gives_inform():
    message = processed("het speelveldje", ["speelplek"], [{"name": "nlu_fallback", "confidence": 0.7}])
    assert message.get("intent")["name"] == "inform"
    assert message.get("intent_ranking")[0]["name"] == "inform"


@pytest.mark.parametrize(
    ("text", "spaces"),
    [
        ("hoe zit dat met het zwembad?", ["zwembad"]),  # a question about the space: what is asked is unclear
        ("daar zeg ik liever niks over", []),  # no space named
    ],
)
def test_questions_and_messages_without_a_space_stay_fallback(text, spaces):
    assert processed(text, spaces).get("intent")["name"] == "nlu_fallback"


def test_a_classified_message_is_left_alone():
    ranking = [{"name": "ask_pitfalls", "confidence": 0.8}, {"name": "inform", "confidence": 0.1}]
    message = processed("de binnentuin, wat kan er mis gaan", ["binnentuin"], ranking)
    assert message.get("intent")["name"] == "ask_pitfalls"


def yes_or_no(text: str, intent: str) -> Message:
    ranking = [{"name": intent, "confidence": 0.8}, {"name": "inform", "confidence": 0.15}]
    message = Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking, "entities": []})
    [result] = StatedFactsInform(vocabulary_normaliser()).process([message])
    return result


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ja, een echte aandachtswijk", "affirm"),
        ("nee hoor, een rustige buurt met veel koophuizen", "deny"),
        ("ja klopt, de bewonerscommissie", "affirm"),
    ],
)
def test_a_yes_or_no_with_a_fact_after_it_is_inform(text, intent):
    message = yes_or_no(text, intent)
    assert message.get("intent") == {"name": "inform", "confidence": 0.8}
    assert [r["name"] for r in message.get("intent_ranking")] == ["inform", intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [("ja", "affirm"), ("nee hoor", "deny"), ("ja graag, ga maar door", "affirm"), ("nee, dank je", "deny")],
)
def test_a_plain_yes_or_no_stays(text, intent):
    assert yes_or_no(text, intent).get("intent")["name"] == intent


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("de huurders zelf, ik ben er later bij gekomen", "goodbye", "inform"),  # no farewell: an answer
        ("bedankt, ik ga het met de bewoners bespreken", "thank", "thank"),
        ("doei, tot de volgende keer", "goodbye", "goodbye"),
    ],
)
def test_a_fact_taken_for_a_goodbye_is_inform(text, intent, expected):
    assert yes_or_no(text, intent).get("intent")["name"] == expected
