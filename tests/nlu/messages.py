"""A Rasa Message as the intent classifier leaves it, run through one of our components."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.nlu.base import IntentRelabeller


def classified(component: IntentRelabeller, text: str, ranking: list[dict]) -> Message:
    """The message with `text`, the classifier's `ranking` (first = its intent), after `component`."""
    message = Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking})
    [processed] = component.process([message])
    return processed


def ranked(first: str, confidence: float, *others: tuple[str, float]) -> list[dict]:
    """A ranking: `first` with `confidence`, then the others."""
    return [{"name": first, "confidence": confidence}] + [{"name": n, "confidence": c} for n, c in others]
