"""Patch: tell the turn guard when a custom action fails, whatever Rasa logs about it (Rasa 3.6.21).

Replaces `rasa.core.actions.action.RemoteAction.run` by a wrapper that runs Rasa's own and, when it raises anything
but `ActionExecutionRejection`, reports the failure to the turn guard (`bot.turn.guard.action_failed`) before
raising it on, untouched.

Why: Rasa swallows a custom action that fails (action server down, an error or a broken answer from it):
`MessageProcessor._run_action` logs "Encountered an exception while running action ..." and goes on without the
action's events, and `ActionExtractSlots` (the intake's slot hook, `action_validate_slot_mappings`) logs a warning
and fills no slots. The answer then stops short and nothing tells the user why. Rasa offers no signal of its own
(no event in the tracker, no return value, no hook), only those log lines, whose wording may change; the guard used
to match their text. Every custom action Rasa runs is a `RemoteAction` (predicted ones from
`action_for_name_or_text`, the slot hook from `ActionExtractSlots._run_custom_action`, a form's validation from
`FormAction.validate_slots`) and every failure is an exception out of its `run`, so the wrapper sees each one. A
rejection (`ActionExecutionRejection`, the action server's HTTP 400) is an answer, not a failure: Rasa predicts
another action.
"""

from __future__ import annotations

from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction

from bot.turn.guard import action_failed

RASA_RUN = RemoteAction.run
"""Rasa's own `RemoteAction.run`, which the wrapper calls."""


async def run(self: RemoteAction, *args: Any, **kwargs: Any) -> Any:
    """Rasa's `RemoteAction.run`; a failure is reported to the turn being handled, then raised on."""
    try:
        return await RASA_RUN(self, *args, **kwargs)
    except ActionExecutionRejection:
        raise
    except Exception:
        action_failed()
        raise


def install() -> None:
    """Put the wrapper in place of `RemoteAction.run` (idempotent)."""
    RemoteAction.run = run
