"""A message without one known word gets nlu_fallback (bot/nlu/unreadable.py), trained and loaded for real."""

from __future__ import annotations

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.unreadable import UnreadableGuard


@pytest.fixture(scope="module")
def guard(tmp_path_factory) -> UnreadableGuard:
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("unreadable")
    examples = [
        Message(data={"text": t, "intent": i})
        for t, i in [("thx", "thank"), ("yes please", "affirm"), ("hoi", "greet")]
    ]
    UnreadableGuard.create({}, storage, resource, None).train(TrainingData(examples))
    return UnreadableGuard.load({}, storage, resource, None)


def intent_of(guard: UnreadableGuard, text: str) -> str:
    message = Message(
        data={
            "text": text,
            "intent": {"name": "affirm", "confidence": 0.4},
            "intent_ranking": [{"name": "affirm", "confidence": 0.4}],
        }
    )
    [processed] = guard.process([message])
    return processed.get("intent")["name"]


@pytest.mark.parametrize("text", ["kjhkjh lkjlkj", "asdf qwerty zqmarker12ab", "xyzzy"])
def test_nonsense_gets_the_fallback(guard, text):
    assert intent_of(guard, text) == "nlu_fallback"


@pytest.mark.parametrize("text", ["thx", "yes please", "het gaat om de protiek", "binnentuim", "?", "12", "/affirm"])
def test_known_words_typos_and_no_words_keep_the_classifiers_intent(guard, text):
    assert intent_of(guard, text) == "affirm"
