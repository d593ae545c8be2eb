"""bot.rasa_speedups: the compiled check of action server responses accepts and rejects exactly what Rasa's does."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot import rasa_speedups

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "ruimte", "value": "binnentuin"}], "responses": [{"text": "Hallo"}]},
    {},
]
INVALID = [
    {"events": "geen lijst"},
    {"events": [{"geen": "event"}]},
    {"responses": "geen lijst"},
    {"events": [{"event": "slot", "name": 3}]},
]


@pytest.mark.parametrize("result", VALID)
def test_valid_responses_pass(result):
    assert rasa_speedups.validate_action_result(RemoteAction("action_x", None), result) is True


@pytest.mark.parametrize("result", INVALID)
def test_invalid_responses_fail_with_the_error_rasa_would_raise(result):
    with pytest.raises(jsonschema.ValidationError) as original:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError) as ours:
        rasa_speedups.validate_action_result(RemoteAction("action_x", None), result)
    assert ours.value.message.startswith(original.value.message + ". Failed to validate Action server response")
    assert list(ours.value.path) == list(original.value.path)


def test_install_replaces_rasas_check():
    rasa_speedups.install()
    assert RemoteAction._validate_action_result is rasa_speedups.validate_action_result
    with pytest.raises(jsonschema.ValidationError):
        RemoteAction("action_x", None)._validate_action_result({"events": "geen lijst"})
