"""Patch: a form that starts does not read the same message a second time (Rasa 3.6.21).

Wraps `rasa.core.processor.MessageProcessor.run_action_extract_slots`, which reads every user message for the slots
(our intake's slot hook `action_validate_slot_mappings`, a call to the action server), to mark the tracker with the
message it read; and `rasa.core.actions.forms.FormAction.activate`, which runs `action_extract_slots` once more
when a form starts, to skip that second run when the tracker is marked with the same message.

Why: the second run exists for slot mappings that only apply while the form is active. Ours have none: the intake
slots are `custom` mappings, filled by the global slot hook, which reads the message the same way with or without
the form (it reads for the open question, and the question is not open yet when the form starts). So the second
run was a second call to the action server that could only repeat the first: the message that starts the intake
cost two calls, three when it also completed the intake. With a form validation action (`validate_<form>`) Rasa's
activation also validates pre-filled slots; then nothing is skipped.
"""

from __future__ import annotations

from typing import Any

from rasa.core.actions.forms import FormAction
from rasa.core.processor import MessageProcessor

RASA_EXTRACT = MessageProcessor.run_action_extract_slots
"""Rasa's own `MessageProcessor.run_action_extract_slots`."""
RASA_ACTIVATE = FormAction.activate
"""Rasa's own `FormAction.activate`."""
MARK = "_zelfbeheer_slots_read_for"  # attribute on the tracker: the user message whose slots were read


async def run_action_extract_slots(self: MessageProcessor, output_channel: Any, tracker: Any) -> Any:
    """Rasa's slot extraction, remembering on the tracker which message it read."""
    updated = await RASA_EXTRACT(self, output_channel, tracker)
    setattr(updated, MARK, updated.latest_message)
    return updated


async def activate(self: FormAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list[Any]:
    """Rasa's form activation, without reading a message again that was read for the slots in this turn."""
    read = getattr(tracker, MARK, None)
    if (
        read is not None
        and read is tracker.latest_message
        and f"validate_{self.name()}" not in domain.action_names_or_texts
    ):
        return []
    return await RASA_ACTIVATE(self, output_channel, nlg, tracker, domain)


def install() -> None:
    """Put both wrappers in place (idempotent)."""
    MessageProcessor.run_action_extract_slots = run_action_extract_slots
    FormAction.activate = activate
