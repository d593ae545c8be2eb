"""Patch: a form that starts does not read the same message a second time (Rasa 3.6.21).

Wraps `rasa.core.processor.MessageProcessor.run_action_extract_slots`, which reads every user message for the slots
(our intake's slot hook `action_validate_slot_mappings`, a call to the action server), to remember per conversation
which message it read; and `rasa.core.actions.forms.FormAction.activate`, which runs `action_extract_slots` once
more when a form starts, to skip that second run for the message already read. (The activation gets a copy of the
tracker, `FormAction._activate_loop`, so the message is recognised by its text and time stamp, not by identity.)

Why: the second run exists for slot mappings that only apply while the form is active. Ours have none: the intake
slots are `custom` mappings, filled by the global slot hook, which reads the message the same way with or without
the form (it reads for the open question, and the question is not open yet when the form starts). So the second
run was a second call to the action server that could only repeat the first: the message that starts the intake
cost two calls, three when it also completed the intake. With a form validation action (`validate_<form>`) Rasa's
activation also validates pre-filled slots; then nothing is skipped.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from rasa.core.actions.forms import FormAction
from rasa.core.processor import MessageProcessor

RASA_EXTRACT = MessageProcessor.run_action_extract_slots
"""Rasa's own `MessageProcessor.run_action_extract_slots`."""
RASA_ACTIVATE = FormAction.activate
"""Rasa's own `FormAction.activate`."""
REMEMBERED = 10_000  # conversations whose last read message is remembered (per process)
_read: OrderedDict[str, tuple[Any, ...]] = OrderedDict()


def _message(tracker: Any) -> tuple[Any, ...] | None:
    latest = tracker.latest_message
    return None if latest is None else (latest.text, latest.timestamp, latest.intent_name)


async def run_action_extract_slots(self: MessageProcessor, output_channel: Any, tracker: Any) -> Any:
    """Rasa's slot extraction, remembering which message of the conversation it read."""
    updated = await RASA_EXTRACT(self, output_channel, tracker)
    message = _message(updated)
    if message is not None:
        _read[updated.sender_id] = message
        _read.move_to_end(updated.sender_id)
        while len(_read) > REMEMBERED:
            _read.popitem(last=False)
    return updated


async def activate(self: FormAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list[Any]:
    """Rasa's form activation, without reading a message again that was read for the slots in this turn."""
    validates = f"validate_{self.name()}" in domain.action_names_or_texts
    message = _message(tracker)
    if not validates and message is not None and _read.get(tracker.sender_id) == message:
        return []
    return await RASA_ACTIVATE(self, output_channel, nlg, tracker, domain)


def install() -> None:
    """Put both wrappers in place (idempotent)."""
    MessageProcessor.run_action_extract_slots = run_action_extract_slots
    FormAction.activate = activate
