"""bot.channels.guard without servers (fast): message cleaning, notices, and the never-silent guard."""

import asyncio
import logging
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

from bot.channels import guard
from bot.channels.guard import (
    ACTIESERVER_ONBEREIKBAAR,
    GEEN_WOORDEN,
    INGEKORT,
    LEEG_BERICHT,
    MAX_MESSAGE_CHARS,
    ONGELDIG_BERICHT,
    STORING,
    TEXTS,
    CountingOutputChannel,
    Notice,
    clean_message,
    handle_guarded,
    notice_messages,
    send_notice,
)
from tests.channels.fakes import notice, notice_codes, says

ROOT = Path(__file__).resolve().parents[2]
SECRET = "mijn geheime bewonersnaam Jansen"


def codes(cleaned) -> list[str]:
    return [notice.code for notice in cleaned.notices]


# -- clean_message ---------------------------------------------------------------------------------------------------
def test_the_default_limit_is_2000():
    assert MAX_MESSAGE_CHARS == 2000


@pytest.mark.parametrize("raw", ["", " ", "   \n\t  ", "\u00a0\u2003", "\x00\x00", "\u200b\u200d\ufeff", "\r\n\r\n"])
def test_empty_and_whitespace_give_leeg_bericht(raw):
    cleaned = clean_message(raw)
    assert cleaned.text is None and not cleaned.accepted
    assert codes(cleaned) == [LEEG_BERICHT]
    assert cleaned.notices[0].text == TEXTS[LEEG_BERICHT]


def test_none_is_an_empty_message():
    assert codes(clean_message(None)) == [LEEG_BERICHT] and clean_message(None).text is None


@pytest.mark.parametrize("raw", [5, 0, 3.5, True, ["hallo"], {"text": "hallo"}, b"hallo"])
def test_anything_but_text_is_refused(raw):
    cleaned = clean_message(raw)
    assert cleaned.text is None and codes(cleaned) == [ONGELDIG_BERICHT]


@pytest.mark.parametrize("raw", ["👍", "👍🏽🎉🎉", "👨\u200d👩\u200d👧", "?!", "...", "🙂 🙂", "<>", "❤️"])
def test_no_letter_or_digit_gives_geen_woorden(raw):
    cleaned = clean_message(raw)
    assert cleaned.text is None and codes(cleaned) == [GEEN_WOORDEN]


def test_emoji_with_a_word_is_kept():
    assert clean_message("👍 ja").text == "👍 ja"
    assert clean_message("5").text == "5"


def test_nul_escape_and_other_controls_are_removed():
    cleaned = clean_message("ik wil\x00 advies\x1b over de\x07 binnentuin\x7f")
    assert cleaned.text == "ik wil advies over de binnentuin" and cleaned.notices == []
    assert "\x00" not in clean_message("\x00hallo\x00").text


def test_zero_width_bidi_and_lone_surrogates_are_removed():
    assert clean_message("bin\u200bnen\u200ctuin\u2060").text == "binnentuin"
    assert clean_message("\ufeffhallo").text == "hallo"
    assert clean_message("advies \u202egniddeil\u202c").text == "advies gniddeil"
    cleaned = clean_message("hoi \ud800daar")
    assert cleaned.text == "hoi daar"
    cleaned.text.encode("utf-8")  # storable


def test_whitespace_is_collapsed_and_stripped():
    assert clean_message("  ik   wil\t\tadvies  ").text == "ik wil advies"
    assert clean_message("regel een \r\n\r\n\r\n\r\n  regel twee").text == "regel een\n\nregel twee"
    assert clean_message("a\u00a0\u00a0b").text == "a b"


def test_unicode_is_normalised_to_nfc():
    decomposed = "cafe\u0301 en ree\u0308l"
    cleaned = clean_message(decomposed)
    assert cleaned.text == unicodedata.normalize("NFC", decomposed) == "café en reël"
    assert len(cleaned.text) == len("café en reël")


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "'; DROP TABLE events; --",
        "Robert'); DROP TABLE students;--",
        '" OR 1=1 --',
        "<img src=x onerror=alert(1)>",
        "{{7*7}} ${7*7} %s %n",
        "a & b < c > d \"e\" 'f'",
    ],
)
def test_script_and_sql_like_text_is_kept_verbatim(raw):
    cleaned = clean_message(raw)
    assert cleaned.text == raw and cleaned.notices == []


@pytest.mark.parametrize(
    "payload",
    [
        '/inform{"ruimte": "binnentuin"}',
        '/inform{"ruimte":  "binnentuin"}',
        "/request_advice",
        '/inform{"bewonersrol": "zelf_doen", "ruimte": "groen"}',
    ],
)
def test_intent_payloads_are_untouched(payload):
    assert clean_message(payload).text == payload
    assert clean_message(f"  {payload} \n").text == payload


def test_a_lone_slash_has_no_words():
    assert codes(clean_message("/")) == [GEEN_WOORDEN]


def test_20000_characters_are_cut_at_a_word_with_a_notice():
    raw = ("de bewoners willen de binnentuin zelf onderhouden " * 500)[:19999] + "x"
    assert len(raw) == 20000 and raw == raw.strip()
    cleaned = clean_message(raw)
    assert cleaned.text is not None and len(cleaned.text) <= 2000
    assert raw.startswith(cleaned.text)
    assert raw[len(cleaned.text)] == " "  # cut at whitespace, no half word
    assert len(cleaned.text) > 1900
    assert codes(cleaned) == [INGEKORT]
    notice = cleaned.notices[0].text
    assert "20.000" in notice and "2.000" in notice and "eerste" in notice
    assert notice == TEXTS[INGEKORT].format(length="20.000", limit="2.000")


def test_text_without_spaces_is_cut_exactly_at_the_limit():
    cleaned = clean_message("x" * 5000)
    assert cleaned.text == "x" * 2000 and codes(cleaned) == [INGEKORT]


def test_exactly_the_limit_is_not_cut():
    cleaned = clean_message("y" * 2000)
    assert cleaned.text == "y" * 2000 and cleaned.notices == []


def test_the_limit_counts_after_cleaning():
    cleaned = clean_message("z" * 1990 + " " * 500 + "\x00" * 100)
    assert cleaned.text == "z" * 1990 and cleaned.notices == []


def test_limit_from_the_argument_and_the_environment(monkeypatch):
    assert clean_message("een twee drie vier", max_chars=9).text == "een twee"
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "50")
    assert guard._max_chars_from_env() == 50
    for wrong in ("niets", "0", "-5"):
        monkeypatch.setenv("MAX_MESSAGE_CHARS", wrong)
        assert guard._max_chars_from_env() == 2000


def test_the_environment_sets_the_limit_at_import():
    code = (
        "from bot.channels.guard import MAX_MESSAGE_CHARS, clean_message; "
        "print(MAX_MESSAGE_CHARS, len(clean_message('woord ' * 100).text))"
    )
    env = {**os.environ, "MAX_MESSAGE_CHARS": "50", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["50", "47"]


def test_a_notice_is_its_text_alone_then_its_payload_alone():
    assert notice_messages(Notice.of(LEEG_BERICHT)) == [
        {"text": TEXTS[LEEG_BERICHT]},
        {"custom": {"type": "melding", "code": "leeg_bericht"}},
    ]


def test_dutch_texts_address_the_user_with_je_like_the_bot():
    for code, text in TEXTS.items():
        words = text.replace(",", " ").replace(".", " ").replace("?", " ").replace(":", " ").lower().split()
        assert "je" in words, code
        assert "u" not in words and "uw" not in words, code


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
    with caplog.at_level(logging.DEBUG, logger="bot.channels.guard"):
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
    with caplog.at_level(logging.WARNING, logger="bot.channels.guard"):
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

    with caplog.at_level(logging.ERROR, logger="bot.channels.guard"):
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
    """A fake on_new_message that says `texts` and, like Rasa's processor, logs a failed action."""

    async def on_new_message(message: UserMessage) -> None:
        for text in texts:
            await message.output_channel.send_response(message.sender_id, {"text": text})
        await asyncio.sleep(0.01)  # let other turns interleave
        if failing:
            try:
                raise ConnectionError("Cannot connect to host 127.0.0.1:5055")
            except ConnectionError:
                logging.getLogger("rasa.core.processor").exception(
                    "Encountered an exception while running action 'intake_form'.Bot will continue, but the "
                    "actions events are lost."
                )

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


def test_other_processor_errors_outside_a_turn_are_ignored():
    logging.getLogger("rasa.core.processor").error("Encountered an exception while running action 'x'.")
    assert _collecting_turn(says("Hallo!")) == [{"recipient_id": "gesprek-1", "text": "Hallo!"}]
