"""A restart only where the message asks for one (bot/nlu/restart_words.py), on Rasa Messages."""

from __future__ import annotations

import pytest

from bot.nlu.restart_words import RestartNeedsItsWords
from knowledge.normalise import vocabulary_normaliser
from tests.nlu.messages import classified, ranked


@pytest.fixture(scope="module")
def component() -> RestartNeedsItsWords:
    return RestartNeedsItsWords(vocabulary_normaliser())


RANKING = ranked("restart_conversation", 0.5, ("inform", 0.3), ("affirm", 0.2))


@pytest.mark.parametrize("text", ["alles", "alles eigenlijk", "het hele pakket"])
def test_a_restart_without_its_words_takes_the_next_intent(component, text):
    processed = classified(component, text, RANKING)
    assert processed.get("intent") == {"name": "inform", "confidence": 0.5}
    assert [r["name"] for r in processed.get("intent_ranking")] == ["inform", "affirm"]


@pytest.mark.parametrize("text", ["kunnen we opnieuw beginnen", "reset", "vergeet wat ik zei", "terug naar het begin"])
def test_a_restart_asked_for_stays(component, text):
    assert classified(component, text, RANKING).get("intent")["name"] == "restart_conversation"


def test_with_nothing_else_ranked_it_becomes_inform(component):
    processed = classified(component, "alles", RANKING[:1])
    assert processed.get("intent") == {"name": "inform", "confidence": 0.5}
