"""The REST, socket.io and Teams channels' handling of bad input without servers (fast)."""

import asyncio
import json
from types import SimpleNamespace
from typing import Any
from unittest.mock import AsyncMock

import pytest
from rasa.core.channels.channel import UserMessage

from bot.channels.cleaning import (
    ACTIESERVER_ONBEREIKBAAR,
    GEEN_WOORDEN,
    INGEKORT,
    LEEG_BERICHT,
    ONGELDIG_BERICHT,
    SESSIE_ONTBREEKT,
    STORING,
    TEXTS,
)
from bot.channels.rest import ERRORS, BadRequest, RestInput, read_request
from bot.channels.socketio import SocketIOInput
from bot.teams.activity import cleaned_text, message_text
from tests.channels.fakes import notice, says
from tests.conversation import notice_codes
from tests.teams.chat import BOT_NAME, activity, mention

SERVICE = "https://smba.trafficmanager.net/emea/"


# -- REST: read_request ----------------------------------------------------------------------------------------------
def body(value: Any) -> bytes:
    return json.dumps(value).encode()


@pytest.mark.parametrize(
    "raw, code",
    [
        (b"", "geen_json"),
        (b"niet json", "geen_json"),
        (b'{"sender": "x"', "geen_json"),
        (b"\xff\xfe", "geen_json"),
        (b"[" * 100000, "geen_json"),
        (body([1, 2]), "geen_object"),
        (body("just a string"), "geen_object"),
        (body(None), "geen_object"),
        (body(5), "geen_object"),
        (body({"message": "hallo"}), "sender_ontbreekt"),
        (body({"sender": "", "message": "hallo"}), "sender_ontbreekt"),
        (body({"sender": "  ", "message": "hallo"}), "sender_ontbreekt"),
        (body({"sender": None, "message": "hallo"}), "sender_ontbreekt"),
        (body({"sender": 12345, "message": "hallo"}), "sender_geen_tekst"),
        (body({"sender": ["a"], "message": "hallo"}), "sender_geen_tekst"),
        (body({"sender": "s" * 256, "message": "hallo"}), "sender_te_lang"),
        (body({"sender": "a\x00b", "message": "hallo"}), "sender_tekens"),
        (body({"sender": "a\nb", "message": "hallo"}), "sender_tekens"),
        (body({"sender": "a\u200bb", "message": "hallo"}), "sender_tekens"),
        (body({"sender": "default", "message": "hallo"}), "sender_gereserveerd"),
        (body({"sender": "x"}), "message_ontbreekt"),
        (body({"sender": "x", "message": None}), "message_ontbreekt"),
        (body({"sender": "x", "message": 5}), "message_geen_tekst"),
        (body({"sender": "x", "message": ["hallo"]}), "message_geen_tekst"),
        (body({"sender": "x", "message": "hallo", "metadata": "x"}), "metadata_geen_object"),
        (body({"sender": "x", "message": "hallo", "metadata": [1]}), "metadata_geen_object"),
        (body({"sender": "x", "message": "hallo", "input_channel": 5}), "input_channel_ongeldig"),
        (body({"sender": "x", "message": "hallo", "input_channel": "a b/c"}), "input_channel_ongeldig"),
    ],
)
def test_malformed_requests_are_refused_in_dutch(raw, code):
    with pytest.raises(BadRequest) as refused:
        read_request(raw)
    assert refused.value.code == code and refused.value.status == 400
    assert refused.value.text == ERRORS[code]


def test_a_huge_body_is_too_large():
    with pytest.raises(BadRequest) as refused:
        read_request(b" " * (1024 * 1024 + 1))
    assert refused.value.status == 413


def test_a_good_request_is_read_and_cleaned():
    checked = read_request(
        body(
            {
                "sender": "s" * 255,
                "message": "  ik wil\x00 advies  ",
                "metadata": {"a": 1},
                "input_channel": "intranet-portaal",
            }
        )
    )
    assert checked.sender == "s" * 255 and checked.message.text == "ik wil advies"
    assert checked.metadata == {"a": 1} and checked.input_channel == "intranet-portaal"
    assert read_request(body({"sender": "x", "message": ""})).message.notices[0].code == LEEG_BERICHT
    assert read_request(body({"sender": "x", "message": "hi"})).input_channel == "rest"


# -- REST: the webhook without Sanic's server ------------------------------------------------------------------------
def request(raw: bytes, stream: bool = False) -> SimpleNamespace:
    return SimpleNamespace(body=raw, args={"stream": "true"} if stream else {})


def webhook(raw: bytes, on_new_message=None):
    on_new_message = on_new_message or AsyncMock()
    answer = asyncio.run(RestInput().receive(request(raw), on_new_message))
    return answer.status, json.loads(answer.body), on_new_message


def test_the_channel_keeps_rasa_name_and_url():
    from rasa.core.channels.rest import RestInput as RasaRestInput

    channel = RestInput.from_credentials(None)
    assert isinstance(channel, RasaRestInput)
    assert channel.name() == "rest" and channel.url_prefix() == "rest"
    routes = {route.uri for route in channel.blueprint(AsyncMock())._future_routes}
    assert routes == {"/", "/webhook"}


def test_bad_requests_never_reach_rasa():
    for raw in (
        b"[1,2]",
        b"niet json",
        body({"message": "hallo"}),
        body({"sender": 5, "message": "hallo"}),
        body({"sender": "x", "message": 5}),
    ):
        status, answer, on_new_message = webhook(raw)
        assert status == 400 and set(answer) == {"error"} and answer["error"] in ERRORS.values()
        on_new_message.assert_not_awaited()


@pytest.mark.parametrize("message, code", [("", LEEG_BERICHT), ("  \n ", LEEG_BERICHT), ("🎉🎉", GEEN_WOORDEN)])
def test_empty_or_wordless_messages_get_only_a_notice(message, code):
    status, answer, on_new_message = webhook(body({"sender": "gesprek-1", "message": message}))
    assert status == 200
    assert answer == notice(code, recipient_id="gesprek-1")
    assert answer[0] == {"recipient_id": "gesprek-1", "text": TEXTS[code]}  # the text alone, as stock clients need
    on_new_message.assert_not_awaited()


def test_a_long_message_gets_the_notice_first_then_the_answer():
    on_new_message = says("Om welke ruimte gaat het?")
    status, answer, _ = webhook(body({"sender": "gesprek-1", "message": "binnentuin " * 2000}), on_new_message)
    assert status == 200
    assert notice_codes(answer) == [INGEKORT] and len(answer) == 3
    assert answer[:2] == notice(INGEKORT, answer[0]["text"], recipient_id="gesprek-1")
    assert answer[2] == {"recipient_id": "gesprek-1", "text": "Om welke ruimte gaat het?"}
    passed = on_new_message.seen[0]
    assert len(passed.text) <= 2000 and passed.sender_id == "gesprek-1" and passed.input_channel == "rest"


def test_a_failing_turn_answers_the_storing_apology_not_a_500():
    async def broken(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "half"})
        raise ConnectionError("redis down")

    status, answer, _ = webhook(body({"sender": "gesprek-1", "message": "hallo"}), broken)
    assert status == 200 and answer == notice(STORING, recipient_id="gesprek-1")


def test_a_silent_turn_answers_the_action_server_apology():
    status, answer, _ = webhook(body({"sender": "gesprek-1", "message": "hallo"}), says())
    assert status == 200 and answer == notice(ACTIESERVER_ONBEREIKBAAR, recipient_id="gesprek-1")


def test_an_unexpected_failure_in_the_channel_is_not_a_500(monkeypatch):
    import bot.channels.rest as rest

    def explode(_: Any) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(rest, "read_request", explode)
    status, answer, on_new_message = webhook(body({"sender": "gesprek-1", "message": "hallo"}))
    assert status == 200 and answer == notice(STORING)  # the sender is not known here


def test_stream_sends_notices_first_then_the_answer():
    lines: list[str] = []
    response_writer = SimpleNamespace(write=AsyncMock(side_effect=lambda line: lines.append(line)))
    on_new_message = says("Hallo!")
    streamed = asyncio.run(
        RestInput().receive(request(body({"sender": "s1", "message": "hoi " * 1000}), stream=True), on_new_message)
    )
    asyncio.run(streamed.streaming_fn(response_writer))
    messages = [json.loads(line) for line in lines]
    assert messages[:2] == notice(INGEKORT, messages[0]["text"], recipient_id="s1")
    assert messages[2:] == [{"recipient_id": "s1", "text": "Hallo!"}] and all(line.endswith("\n") for line in lines)


def test_stream_of_a_silent_turn_ends_with_the_apology():
    lines: list[str] = []
    response_writer = SimpleNamespace(write=AsyncMock(side_effect=lambda line: lines.append(line)))
    streamed = asyncio.run(RestInput().receive(request(body({"sender": "s1", "message": "hoi"}), stream=True), says()))
    asyncio.run(streamed.streaming_fn(response_writer))
    assert [json.loads(line) for line in lines] == notice(ACTIESERVER_ONBEREIKBAAR, recipient_id="s1")


# -- socket.io -------------------------------------------------------------------------------------------------------
def socket_channel(on_new_message=None, **credentials: Any):
    channel = SocketIOInput.from_credentials({"session_persistence": True, **credentials})
    on_new_message = on_new_message or AsyncMock()
    channel.blueprint(on_new_message)
    sio = channel.sio
    sio.emit = AsyncMock()
    return sio, on_new_message, sio.handlers["/"]["user_uttered"]


def emitted(sio) -> list[dict[str, Any]]:
    return [
        {"data": c.args[1], "room": c.kwargs["room"]} for c in sio.emit.await_args_list if c.args[0] == "bot_uttered"
    ]


@pytest.mark.parametrize(
    "data, code",
    [
        ("geen dict", ONGELDIG_BERICHT),
        (None, ONGELDIG_BERICHT),
        ([1, 2], ONGELDIG_BERICHT),
        ({"message": "hallo"}, SESSIE_ONTBREEKT),
        ({"message": "hallo", "session_id": "../x"}, SESSIE_ONTBREEKT),
        ({"message": 5, "session_id": "s1"}, ONGELDIG_BERICHT),
        ({"session_id": "s1"}, LEEG_BERICHT),
        ({"message": "", "session_id": "s1"}, LEEG_BERICHT),
        ({"message": "🎉", "session_id": "s1"}, GEEN_WOORDEN),
    ],
)
def test_socket_bad_input_gets_a_notice_on_the_socket(data, code):
    sio, on_new_message, handle = socket_channel()
    asyncio.run(handle("sid-1", data))
    assert emitted(sio) == [{"data": message, "room": "sid-1"} for message in notice(code)]
    on_new_message.assert_not_awaited()


def test_socket_long_message_is_cut_with_a_notice_and_answered():
    sio, on_new_message, handle = socket_channel(says("Hallo!"))
    asyncio.run(handle("sid-1", {"message": "woord " * 1000, "session_id": "s1"}))
    sent = emitted(sio)
    assert [m["data"] for m in sent[:2]] == notice(INGEKORT, sent[0]["data"]["text"])
    assert {m["room"] for m in sent[:2]} == {"sid-1"}
    assert sent[2:] == [{"data": {"text": "Hallo!"}, "room": "s1"}]
    assert len(on_new_message.seen[0].text) <= 2000


def test_socket_silent_turn_gets_the_apology_as_text_then_payload():
    sio, _, handle = socket_channel(says())
    asyncio.run(handle("sid-1", {"message": "hallo", "session_id": "s1"}))
    assert emitted(sio) == [{"data": message, "room": "s1"} for message in notice(ACTIESERVER_ONBEREIKBAAR)]


def test_socket_failing_turn_gets_the_storing_apology():
    async def broken(message: UserMessage) -> None:
        raise OSError("tracker store down")

    sio, _, handle = socket_channel(broken)
    asyncio.run(handle("sid-1", {"message": "hallo", "session_id": "s1"}))
    assert [m["data"] for m in emitted(sio)] == notice(STORING)


# -- Teams -----------------------------------------------------------------------------------------------------------
def codes_of(cleaned) -> list[str | None]:
    return [n.code for n in cleaned.notices]


def test_teams_text_through_clean_message():
    assert cleaned_text(activity(SERVICE, text="ik wil\x00 advies")).text == "ik wil advies"
    assert codes_of(cleaned_text(activity(SERVICE))) == [LEEG_BERICHT]
    assert codes_of(cleaned_text(activity(SERVICE, text=""))) == [LEEG_BERICHT]
    mention_only = activity(SERVICE, text=f"<at>{BOT_NAME}</at>", entities=[mention()])
    assert codes_of(cleaned_text(mention_only)) == [LEEG_BERICHT]
    assert codes_of(cleaned_text(activity(SERVICE, text="🎉👍"))) == [GEEN_WOORDEN]
    long = cleaned_text(activity(SERVICE, text="woord " * 4000))
    assert codes_of(long) == [INGEKORT] and len(long.text) <= 2000


@pytest.mark.parametrize("text", [5, ["hallo"], {"a": "b"}, True])
def test_teams_text_that_is_not_a_string_is_refused(text):
    body_ = activity(SERVICE, text=text)
    assert message_text(body_) is None
    assert codes_of(cleaned_text(body_)) == [ONGELDIG_BERICHT]


def test_credentials_use_the_checked_rest_channel():
    import yaml

    from bot.launcher.services import CREDENTIALS

    credentials = yaml.safe_load(CREDENTIALS.read_text(encoding="utf-8"))
    assert "bot.channels.rest.RestInput" in credentials and "rest" not in credentials
    assert "bot.channels.socketio.SocketIOInput" in credentials
