"""bot/rasa_patches/action_response_check.py: the compiled check of action server responses accepts and rejects
exactly what Rasa's does, and Rasa still calls it on every answer."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.rasa_patches import action_response_check
from tests.rasa_patches.rasa_source import assert_unchanged
from tests.rasa_patches.remote import remote_action, run_now

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
RELIED_ON = {
    # replaced: Rasa's check (jsonschema.validate on action_response_format_spec, its message suffix)
    ("rasa.core.actions.action", "RemoteAction._validate_action_result"): "24da0f6bdeb2d44f",
    ("rasa.core.actions.action", "RemoteAction.action_response_format_spec"): "6f492274727ebb10",
    # relied on: run() calls self._validate_action_result on the action server's answer
    ("rasa.core.actions.action", "RemoteAction.run"): "b530fc5a6789c82f",
}


@pytest.mark.parametrize("result", VALID)
def test_valid_responses_pass(result):
    assert action_response_check.validate_action_result(RemoteAction("action_x", None), result) is True


@pytest.mark.parametrize("result", INVALID)
def test_invalid_responses_fail_with_the_error_rasa_would_raise(result):
    with pytest.raises(jsonschema.ValidationError) as original:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError) as ours:
        action_response_check.validate_action_result(RemoteAction("action_x", None), result)
    assert ours.value.message.startswith(original.value.message + ". Failed to validate Action server response")
    assert list(ours.value.path) == list(original.value.path)


def test_install_replaces_rasas_check():
    action_response_check.install()
    assert RemoteAction._validate_action_result is action_response_check.validate_action_result
    with pytest.raises(jsonschema.ValidationError):
        RemoteAction("action_x", None)._validate_action_result({"events": "geen lijst"})


def test_rasa_runs_the_check_on_every_answer_of_the_action_server(monkeypatch):
    action_response_check.install()
    checked = []

    def spy(action, result):
        checked.append(result)
        return action_response_check.validate_action_result(action, result)

    async def answer(self, **_):
        return {"events": [{"event": "slot", "name": "ruimte", "value": "binnentuin"}], "responses": []}

    monkeypatch.setattr(RemoteAction, "_validate_action_result", spy)
    monkeypatch.setattr("rasa.utils.endpoints.EndpointConfig.request", answer)
    events = run_now(remote_action())
    assert [event.as_dict()["value"] for event in events] == ["binnentuin"]
    assert checked == [{"events": [{"event": "slot", "name": "ruimte", "value": "binnentuin"}], "responses": []}]


def test_rasa_code_it_relies_on_is_unchanged():
    assert_unchanged(RELIED_ON, "bot/rasa_patches/action_response_check.py")
