"""A message that only asks what a question means becomes `help` (bot/nlu/clarification.py)."""

from __future__ import annotations

import pytest

from bot.nlu.clarification import ClarificationIsHelp
from knowledge.normalise import vocabulary_normaliser
from tests.nlu.messages import classified, ranked


@pytest.fixture(scope="module")
def component() -> ClarificationIsHelp:
    return ClarificationIsHelp(vocabulary_normaliser())


@pytest.mark.parametrize(
    "text, intent",
    [
        ("hoe bedoel je?", "greet"),
        ("wie bedoel je", "ask_option_details"),
        ("huh?", "nlu_fallback"),
    ],
)
def test_a_request_to_explain_is_help(component, text, intent):
    processed = classified(component, text, ranked(intent, 0.4, ("inform", 0.3)))
    assert processed.get("intent") == {"name": "help", "confidence": 0.4}
    assert [r["name"] for r in processed.get("intent_ranking")] == ["help", "inform"]


@pytest.mark.parametrize(
    "text, intent",
    [
        ("wat houdt zelf inkoop in", "ask_option_details"),
        ("wat bedoel je, de bewoners kwamen ermee", "inform"),
        ("wat is het verschil tussen meedenken en toezicht houden?", "ask_option_details"),  # explained by its action
    ],
)
def test_other_messages_keep_their_intent(component, text, intent):
    assert classified(component, text, ranked(intent, 0.6)).get("intent")["name"] == intent
