"""Patch: check the action server's answers with one compiled validator (Rasa 3.6.21).

Replaces `rasa.core.actions.action.RemoteAction._validate_action_result`, which `RemoteAction.run` calls on every
answer of the action server.

Why: Rasa checks the answer against a JSON schema with `jsonschema.validate`, which checks the schema itself and
builds a new validator on every call: about 50 ms of CPU per custom action on a 2-core machine, more than the rest
of a turn. Every message of ours runs at least one custom action (the intake's slot mapping), so this dominated the
latency. Here the schema is checked once and one validator is reused; the instance check, the error chosen
(`best_match`) and the message Rasa adds to it are the same.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_action: RemoteAction, result: dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result` with one compiled validator."""
    error = exceptions.best_match(_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, make sure your response from the Action "
            f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    """Replace Rasa's per-call schema check by the compiled one (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result
