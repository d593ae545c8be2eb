"""bot/rasa_patches/form_activation.py: a form that starts in the turn whose message was already read for the
slots does not read it again (one call to the action server less); a new message, or a form with a validation
action, gets Rasa's own activation; and the Rasa code the patch relies on is the code it was written for."""

import asyncio

import pytest
from rasa.core.actions.forms import FormAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches import form_activation
from tests.rasa_patches.rasa_source import assert_unchanged

RELIED_ON = {
    # wrapped: the activation runs action_extract_slots again, then validates only with validate_<form>
    ("rasa.core.actions.forms", "FormAction.activate"): "5de23f90956a39e6",
    # wrapped: the processor's slot extraction for a message
    ("rasa.core.processor", "MessageProcessor.run_action_extract_slots"): "7a525383cfcd7e37",
    # relied on: every message is read for the slots before the prediction loop (where a form may start)
    ("rasa.core.processor", "MessageProcessor.handle_message"): "a96904e7796d7bf9",
    # relied on: the activation gets a copy of the tracker
    ("rasa.core.actions.forms", "FormAction._activate_loop"): "424212bb6b28cc65",
}
DOMAIN = Domain.from_yaml("forms:\n  intake_form:\n    required_slots: []\n")
VALIDATING = Domain.from_yaml("forms:\n  intake_form:\n    required_slots: []\nactions:\n  - validate_intake_form\n")


@pytest.fixture
def rasa_activations(monkeypatch) -> list[str]:
    """Rasa's own extraction and activation replaced by stand-ins that record their calls."""
    calls: list[str] = []

    async def extract(_processor, _output, tracker):
        calls.append("extract")
        return tracker

    async def activate(_form, _output, _nlg, _tracker, _domain):
        calls.append("activate")
        return []

    monkeypatch.setattr(form_activation, "RASA_EXTRACT", extract)
    monkeypatch.setattr(form_activation, "RASA_ACTIVATE", activate)
    return calls


def tracker_with(text: str, sender: str = "s1") -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, [])
    tracker.update(UserUttered(text))
    return tracker


def activate(tracker: DialogueStateTracker, domain: Domain = DOMAIN) -> list:
    form = FormAction("intake_form", None)
    output, nlg = CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({})
    return asyncio.run(form_activation.activate(form, output, nlg, tracker, domain))


def read_for_slots(tracker: DialogueStateTracker) -> None:
    asyncio.run(form_activation.run_action_extract_slots(MessageProcessor.__new__(MessageProcessor), None, tracker))


def test_a_message_read_for_the_slots_is_not_read_again_when_the_form_starts(rasa_activations):
    tracker = tracker_with("ik wil advies over de binnentuin")
    read_for_slots(tracker)
    assert activate(tracker.copy()) == []  # Rasa activates on a copy of the tracker (FormAction._activate_loop)
    assert rasa_activations == ["extract"]


def test_a_new_message_gets_rasas_activation(rasa_activations):
    tracker = tracker_with("hallo")
    read_for_slots(tracker)
    tracker.update(UserUttered("ik wil advies"))
    activate(tracker)
    assert rasa_activations == ["extract", "activate"]


def test_a_form_with_a_validation_action_gets_rasas_activation(rasa_activations):
    tracker = tracker_with("ik wil advies")
    read_for_slots(tracker)
    activate(tracker, VALIDATING)
    assert rasa_activations == ["extract", "activate"]


def test_another_conversation_gets_rasas_activation(rasa_activations):
    read_for_slots(tracker_with("ik wil advies"))
    activate(tracker_with("ik wil advies", sender="s2"))
    assert rasa_activations == ["extract", "activate"]


def test_a_tracker_never_read_gets_rasas_activation(rasa_activations):
    activate(tracker_with("ik wil advies", sender="nooit-gelezen"))
    assert rasa_activations == ["activate"]


def test_install_wraps_both():
    form_activation.install()
    assert FormAction.activate is form_activation.activate
    assert MessageProcessor.run_action_extract_slots is form_activation.run_action_extract_slots


def test_the_rasa_code_relied_on_is_unchanged():
    assert_unchanged(RELIED_ON, "bot/rasa_patches/form_activation.py")
