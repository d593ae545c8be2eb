"""bot.turn.guard without servers (fast): the never-silent guard and sending notices."""

import asyncio
import logging
from typing import Any

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

from bot.channels.cleaning import ACTIESERVER_ONBEREIKBAAR, LEEG_BERICHT, STORING, TEXTS, Notice
from bot.turn.guard import CountingOutputChannel, action_failed, handle_guarded, send_notice
from tests.channels.fakes import notice, says
from tests.conversation import notice_codes

SECRET = "mijn geheime bewonersnaam Jansen"


# -- handle_guarded --------------------------------------------------------------------------------------------------
class RecordingChannel(OutputChannel):
    """A pushing channel (like socket.io or Teams) that records what it sent."""

    @classmethod
    def name(cls) -> str:
        return "opname"

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.sent.append({"to": recipient_id, "text": text})

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        self.sent.append({"to": recipient_id, "custom": json_message})


def fails_after(error: Exception, *texts: str):
    async def on_new_message(message: UserMessage) -> None:
        for text in texts:
            await message.output_channel.send_response(message.sender_id, {"text": text})
        raise error

    return on_new_message


class FakeRedisConnectionError(Exception):
    """Stands in for redis.exceptions.ConnectionError (a plain Exception subclass)."""


def _collecting_turn(on_new_message, text: str = SECRET) -> list[dict[str, Any]]:
    collector = CollectingOutputChannel()
    message = UserMessage(text, collector, "gesprek-1", input_channel="rest")
    asyncio.run(handle_guarded(on_new_message, message, collector))
    return collector.messages


def test_a_normal_turn_passes_unchanged():
    assert _collecting_turn(says("Om welke ruimte gaat het?")) == [
        {"recipient_id": "gesprek-1", "text": "Om welke ruimte gaat het?"}
    ]


def test_a_failing_turn_discards_partial_answers_and_apologises(caplog):
    from sqlalchemy.exc import OperationalError

    error = OperationalError("INSERT INTO events ...", {"data": SECRET}, Exception(f"connection refused {SECRET}"))
    with caplog.at_level(logging.DEBUG, logger="bot.turn.guard"):
        messages = _collecting_turn(fails_after(error, "half antwoord", "nog een half antwoord"))
    assert messages == notice(STORING, recipient_id="gesprek-1")
    above_debug = [r for r in caplog.records if r.levelno > logging.DEBUG]
    assert any("sqlalchemy.exc.OperationalError" in r.getMessage() for r in above_debug)
    assert all(SECRET not in r.getMessage() and not r.exc_info for r in above_debug)


def test_a_failing_lock_store_gives_the_storing_apology():
    from rasa.core.lock_store import LockError

    for error in (FakeRedisConnectionError("Error 111 connecting to localhost:6379"), LockError("no lock")):
        messages = _collecting_turn(fails_after(error))
        assert messages == notice(STORING, recipient_id="gesprek-1")


def test_a_silent_turn_gets_the_action_server_apology(caplog):
    with caplog.at_level(logging.WARNING, logger="bot.turn.guard"):
        messages = _collecting_turn(says())
    assert messages == notice(ACTIESERVER_ONBEREIKBAAR, recipient_id="gesprek-1")
    assert all(SECRET not in r.getMessage() for r in caplog.records)


def test_messages_collected_before_the_turn_are_kept():
    collector = CollectingOutputChannel()
    collector.messages.append({"recipient_id": "gesprek-1", "text": "eerder"})
    message = UserMessage("hallo", collector, "gesprek-1")
    asyncio.run(handle_guarded(fails_after(RuntimeError("kapot"), "half"), message, collector))
    assert [m.get("text") for m in collector.messages] == ["eerder", TEXTS[STORING], None]
    collector.messages[:] = [{"recipient_id": "gesprek-1", "text": "eerder"}]
    asyncio.run(handle_guarded(says(), UserMessage("hallo", collector, "gesprek-1"), collector))
    assert [m.get("text") for m in collector.messages] == ["eerder", TEXTS[ACTIESERVER_ONBEREIKBAAR], None]


def test_a_pushing_channel_is_counted_through_a_wrapper():
    channel = RecordingChannel()
    on_new_message = says("Hallo!")
    message = UserMessage("hallo", channel, "s1", input_channel="socketio")
    assert asyncio.run(handle_guarded(on_new_message, message, channel)) is True
    assert channel.sent == [{"to": "s1", "text": "Hallo!"}]
    wrapper = on_new_message.seen[0].output_channel
    assert isinstance(wrapper, CountingOutputChannel) and wrapper.inner is channel
    assert wrapper.name() == "opname" and wrapper.sent == 1


def test_a_silent_pushing_channel_gets_the_apology():
    channel = RecordingChannel()
    assert asyncio.run(handle_guarded(says(), UserMessage("hallo", channel, "s1"), channel)) is False
    assert channel.sent == [
        {"to": "s1", "text": TEXTS[ACTIESERVER_ONBEREIKBAAR]},
        {"to": "s1", "custom": {"type": "melding", "code": ACTIESERVER_ONBEREIKBAAR}},
    ]


def test_a_failing_pushing_channel_turn_gets_the_storing_apology():
    channel = RecordingChannel()
    message = UserMessage("hallo", channel, "s1")
    asyncio.run(handle_guarded(fails_after(FakeRedisConnectionError("down"), "al verstuurd"), message, channel))
    assert [m.get("text") for m in channel.sent] == ["al verstuurd", TEXTS[STORING], None]


def test_an_empty_bot_message_does_not_count():
    channel = RecordingChannel()

    async def empty_answer(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": None, "custom": None})

    assert asyncio.run(handle_guarded(empty_answer, UserMessage("hallo", channel, "s1"), channel)) is False
    assert channel.sent[0]["text"] == TEXTS[ACTIESERVER_ONBEREIKBAAR]


def test_a_channel_that_cannot_send_the_apology_does_not_raise(caplog):
    class Broken(RecordingChannel):
        async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
            raise ConnectionError("socket gone")

    with caplog.at_level(logging.ERROR, logger="bot.turn.guard"):
        assert asyncio.run(handle_guarded(says(), UserMessage("hallo", Broken(), "s1"))) is False
    assert any("could not send" in r.getMessage() for r in caplog.records)


def test_cancellation_is_not_swallowed():
    async def cancelled(message: UserMessage) -> None:
        raise asyncio.CancelledError()

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(handle_guarded(cancelled, UserMessage("hallo", RecordingChannel(), "s1")))


def test_send_notice_goes_around_the_counter_as_two_messages():
    channel = RecordingChannel()
    counter = CountingOutputChannel(channel)
    asyncio.run(send_notice(counter, "s1", Notice.of(LEEG_BERICHT)))
    assert channel.sent == [
        {"to": "s1", "text": TEXTS[LEEG_BERICHT]},
        {"to": "s1", "custom": {"type": "melding", "code": LEEG_BERICHT}},
    ]
    assert counter.sent == 0  # a notice is not the bot's answer


def action_fails(*texts: str, failing: bool = True):
    """A fake on_new_message that says `texts` and then has an action fail, reported to the guard's hook as the
    patched `RemoteAction.run` does (bot/rasa_patches/action_failures.py; tests/rasa_patches test that part)."""

    async def on_new_message(message: UserMessage) -> None:
        for text in texts:
            await message.output_channel.send_response(message.sender_id, {"text": text})
        await asyncio.sleep(0.01)  # let other turns interleave
        if failing:
            action_failed()

    return on_new_message


def test_a_failed_action_after_a_partial_answer_adds_the_apology():
    messages = _collecting_turn(action_fails("Prima, dan stel ik je een paar korte vragen."))
    assert messages == [
        {"recipient_id": "gesprek-1", "text": "Prima, dan stel ik je een paar korte vragen."},
        *notice(ACTIESERVER_ONBEREIKBAAR, recipient_id="gesprek-1"),
    ]


def test_a_failed_action_only_marks_its_own_turn():
    async def both() -> list[list[dict[str, Any]]]:
        channels = [CollectingOutputChannel(), CollectingOutputChannel()]
        await asyncio.gather(
            handle_guarded(action_fails("eerste", failing=True), UserMessage("a", channels[0], "s1"), channels[0]),
            handle_guarded(action_fails("tweede", failing=False), UserMessage("b", channels[1], "s2"), channels[1]),
        )
        return [c.messages for c in channels]

    failed, fine = asyncio.run(both())
    assert [m.get("text") for m in failed] == ["eerste", TEXTS[ACTIESERVER_ONBEREIKBAAR], None]
    assert notice_codes(failed) == [ACTIESERVER_ONBEREIKBAAR]
    assert [m["text"] for m in fine] == ["tweede"]


def test_a_failed_action_outside_a_turn_is_ignored():
    action_failed()
    assert _collecting_turn(says("Hallo!")) == [{"recipient_id": "gesprek-1", "text": "Hallo!"}]
