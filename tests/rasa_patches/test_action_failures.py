"""bot/rasa_patches/action_failures.py: a custom action that fails inside a guarded turn gets the user the apology,
however Rasa words its log lines; a rejection or a success does not; and the Rasa code the patch relies on is the
code it was written for."""

import asyncio
import json

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import ClientResponseError

from bot.channels.cleaning import ACTIESERVER_ONBEREIKBAAR
from bot.launcher.services import free_port
from bot.rasa_patches import action_failures
from bot.turn.guard import handle_guarded
from tests.channels.fakes import notice
from tests.rasa_patches.rasa_source import assert_unchanged
from tests.rasa_patches.remote import remote_action, run

FIRST = "Prima, dan stel ik je een paar korte vragen."
RELIED_ON = {
    # wrapped: a failure is an exception out of run(); a rejection (HTTP 400) is ActionExecutionRejection
    ("rasa.core.actions.action", "RemoteAction.run"): "b530fc5a6789c82f",
    # every custom action is a RemoteAction: predicted ones, the slot hook, a form's validation
    ("rasa.core.actions.action", "action_for_name_or_text"): "edcd24369d0570e6",
    ("rasa.core.actions.action", "ActionExtractSlots._run_custom_action"): "078d2771589cb222",
    ("rasa.core.actions.forms", "FormAction.validate_slots"): "969de334a50d1bd7",
    # the processor swallows the failure and goes on (why the guard needs to be told)
    ("rasa.core.processor", "MessageProcessor._run_action"): "787be209d2dd5571",
}


@pytest.fixture(autouse=True)
def installed() -> None:
    action_failures.install()


def processor_turn(action: RemoteAction):
    """A fake on_new_message: says FIRST, then runs `action` and swallows its failure, as Rasa's processor does."""

    async def on_new_message(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": FIRST})
        try:
            await run(action)
        except Exception:  # noqa: BLE001 - MessageProcessor._run_action catches every Exception
            pass

    return on_new_message


def guarded_turn(action: RemoteAction) -> list[dict]:
    collector = CollectingOutputChannel()
    asyncio.run(handle_guarded(processor_turn(action), UserMessage("hallo", collector, "gesprek-1"), collector))
    return collector.messages


def answering(monkeypatch, answer) -> RemoteAction:
    """A custom action whose action server answers with `answer` (a JSON dict) or raises it (an exception)."""

    async def request(self, **_):
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr("rasa.utils.endpoints.EndpointConfig.request", request)
    return remote_action()


APOLOGY = [{"recipient_id": "gesprek-1", "text": FIRST}, *notice(ACTIESERVER_ONBEREIKBAAR, recipient_id="gesprek-1")]


def test_an_unreachable_action_server_gets_the_apology():
    assert guarded_turn(remote_action(f"http://127.0.0.1:{free_port()}/webhook")) == APOLOGY


def test_an_error_of_the_action_server_gets_the_apology(monkeypatch):
    action = answering(monkeypatch, ClientResponseError(500, "Internal Server Error", "{}"))
    assert guarded_turn(action) == APOLOGY


def test_a_broken_answer_gets_the_apology(monkeypatch):
    assert guarded_turn(answering(monkeypatch, {"events": "geen lijst"})) == APOLOGY


def test_a_rejection_is_an_answer_not_a_failure(monkeypatch):
    rejection = ClientResponseError(400, "Bad Request", json.dumps({"action_name": "action_x", "error": "nee"}))
    assert guarded_turn(answering(monkeypatch, rejection)) == [{"recipient_id": "gesprek-1", "text": FIRST}]


def test_a_successful_action_is_no_failure(monkeypatch):
    action = answering(monkeypatch, {"events": [], "responses": []})
    assert guarded_turn(action) == [{"recipient_id": "gesprek-1", "text": FIRST}]


def test_the_failure_is_raised_on_unchanged_and_outside_a_turn_nothing_is_noted():
    with pytest.raises(RasaException, match="Failed to execute custom action 'action_x'"):
        asyncio.run(run(remote_action(f"http://127.0.0.1:{free_port()}/webhook")))


def test_install_wraps_rasas_own_run():
    assert RemoteAction.run is action_failures.run
    assert (action_failures.RASA_RUN.__module__, action_failures.RASA_RUN.__qualname__) == (
        "rasa.core.actions.action",
        "RemoteAction.run",
    )


def test_rasa_code_it_relies_on_is_unchanged():
    assert_unchanged(RELIED_ON, "bot/rasa_patches/action_failures.py")
