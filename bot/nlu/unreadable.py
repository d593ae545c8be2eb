"""NLU component after the intent classifier: a message in which no word is known gets `nlu_fallback`.

A linear classifier always picks some intent, also for "kjhkjh lkjlkj" (short strings lean towards affirm).
This component remembers every word of the training data; a message none of whose words appears there, in
spacy-lookups-data's Dutch word list or (typos and compounds included) in the knowledge vocabulary is
unreadable, and the bot asks to rephrase (inside the intake the slot hook treats it as an unreadable answer).
"""

from __future__ import annotations

import json
import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge.normalise import vocabulary_normaliser

FALLBACK = "nlu_fallback"
WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)  # words of two letters or more; digits and marks say nothing
WORDS_FILE = "words.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnreadableGuard(GraphComponent):
    """`nlu_fallback` for a message without a single known word."""

    def __init__(self, model_storage: ModelStorage, resource: Resource, words: frozenset[str] = frozenset()) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.words = words
        self.normaliser = vocabulary_normaliser()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UnreadableGuard:
        """A guard that knows no training words yet."""
        return cls(model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> UnreadableGuard:
        """The guard with the words of the training data it was trained on."""
        with model_storage.read_from(resource) as directory:
            words = frozenset(json.loads((directory / WORDS_FILE).read_text(encoding="utf-8")))
        return cls(model_storage, resource, words)

    def train(self, training_data: TrainingData) -> Resource:
        """Remember every word of the training examples."""
        words = {
            w for example in training_data.training_examples for w in WORD.findall((example.get(TEXT) or "").lower())
        }
        with self._model_storage.write_to(self._resource) as directory:
            (directory / WORDS_FILE).write_text(json.dumps(sorted(words), ensure_ascii=False), encoding="utf-8")
        self.words = frozenset(words)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Set `nlu_fallback` where no word of the message is known."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/") or self.readable(text):
                continue
            fallback = {INTENT_NAME_KEY: FALLBACK, PREDICTED_CONFIDENCE_KEY: 1.0}
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [fallback, *(message.get(INTENT_RANKING_KEY) or [])], add_to_output=True)
        return messages

    def readable(self, text: str) -> bool:
        """Whether at least one word is known (training data, vocabulary, Dutch word list); no words at all is fine."""
        words = WORD.findall(text.lower())
        known = self.normaliser.known_words
        return not words or any(
            w in self.words or w in known or self.normaliser.word(w) in self.normaliser.lexicon for w in words
        )
