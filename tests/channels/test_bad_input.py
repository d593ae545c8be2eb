"""Bad input over REST, socket.io and Teams against a real Rasa server and a real action server (SQLite tracker
store): never a 5xx, never silence, nothing stored wrongly.

The servers are the session's shared ones (`servers`, tests/servers.py): Rasa runs the project's credentials.yml
(REST and socket.io channels) plus the Teams channel pointed at a local fake of Microsoft
(tests/teams/fake_microsoft.py).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest
import requests

from bot.channels.cleaning import (
    GEEN_WOORDEN,
    INGEKORT,
    LEEG_BERICHT,
    ONGELDIG_BERICHT,
    SESSIE_ONTBREEKT,
    TEXTS,
    clean_message,
)
from bot.channels.rest import ERRORS
from bot.teams.activity import sender_id_for
from tests.channels.fakes import notice
from tests.channels.socket_client import SocketUser, socket_session
from tests.conversation import new_sender, notice_codes, post_rest, tracker, user_texts
from tests.teams.chat import TeamsChat, activity, post
from tests.teams.fake_microsoft import FakeMicrosoft

pytestmark = pytest.mark.slow

MARKER = "vertrouwelijk-7f3a9c"  # user text that must never show up in Rasa's log
LONG = ("de bewoners willen de binnentuin zelf onderhouden en ook het groen " * 400)[:19999] + "x"
SCRIPT = "<script>alert(1)</script>"
SQL = "'; DROP TABLE events; --"


# -- helpers ---------------------------------------------------------------------------------------------------------
def rest(servers, payload: Any = None, raw: bytes | None = None, stream: bool = False) -> requests.Response:
    """A REST request of any shape; whatever it is, never a 5xx."""
    answer = post_rest(servers.url, payload, raw=raw, stream=stream)
    assert answer.status_code < 500, answer.text
    return answer


def tracker_user_texts(servers, sender: str) -> list[str]:
    """The user texts of a conversation as Rasa's HTTP API reports them."""
    return user_texts(tracker(servers.url, sender))


# -- REST: messages that are answered with a notice only ------------------------------------------------------------
@pytest.mark.parametrize(
    "message, code",
    [
        ("", LEEG_BERICHT),
        ("   \n\t  ", LEEG_BERICHT),
        ("\x00\x1b\u200b", LEEG_BERICHT),
        ("👍🏽🎉", GEEN_WOORDEN),
        ("?!...", GEEN_WOORDEN),
    ],
)
def test_rest_rejected_messages_get_a_notice_and_store_nothing(servers, message, code):
    sender = new_sender("bad")
    answer = rest(servers, {"sender": sender, "message": message})
    assert answer.status_code == 200
    assert answer.json() == notice(code, recipient_id=sender)
    assert servers.event_count(sender) == 0  # never reached Rasa: not even a session start
    assert tracker_user_texts(servers, sender) == []
    assert servers.stored_user_texts(sender) == []


# -- REST: messages that are accepted, stored exactly as cleaned ---------------------------------------------------
@pytest.mark.parametrize(
    "message",
    [
        SCRIPT,
        SQL,
        "ik wil\x00 advies\x1b over de binnentuin\u200b",
        "  ik   wil advies  ",
        "ik wil advies 😀",
        'Robert\'); DROP TABLE events;-- en "quotes" \\ backslash',
    ],
)
def test_rest_accepted_messages_are_answered_and_stored_as_cleaned(servers, message):
    sender = new_sender("bad")
    expected = clean_message(message).text
    answer = rest(servers, {"sender": sender, "message": message})
    assert answer.status_code == 200
    messages = answer.json()
    assert messages and all(m["recipient_id"] == sender for m in messages)
    assert notice_codes(messages) == []  # real answers, no notice
    assert servers.stored_user_texts(sender) == [expected]
    assert tracker_user_texts(servers, sender) == [expected]
    if message in (SCRIPT, SQL):
        assert servers.stored_user_texts(sender)[0].encode("utf-8") == message.encode("utf-8")


def test_rest_sql_like_text_leaves_the_events_table_alone(servers):
    sender = new_sender("bad")
    rest(servers, {"sender": sender, "message": SQL})
    with sqlite3.connect(servers.tracker_db) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "events" in tables
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    assert servers.stored_user_texts(sender) == [SQL]


def test_rest_20000_characters_get_the_notice_then_the_answer(servers):
    sender = new_sender("bad")
    answer = rest(servers, {"sender": sender, "message": LONG})
    assert answer.status_code == 200
    messages = answer.json()
    assert len(messages) >= 3 and messages[:2] == notice(INGEKORT, recipient_id=sender)
    assert "20.000" in messages[0]["text"] and "2.000" in messages[0]["text"]
    assert notice_codes(messages[2:]) == [] and messages[2].get("text")
    [stored] = servers.stored_user_texts(sender)
    assert stored == clean_message(LONG).text and 1900 < len(stored) <= 2000 and LONG.startswith(stored)
    assert tracker_user_texts(servers, sender) == [stored]


def test_rest_button_payloads_still_work(servers):
    sender = new_sender("bad")
    payload = '/inform{"ruimte": "binnentuin"}'
    assert rest(servers, {"sender": sender, "message": "ik wil advies over zelfbeheer"}).json()
    messages = rest(servers, {"sender": sender, "message": payload}).json()
    assert "Wie nam het initiatief" in " ".join(m.get("text", "") for m in messages)
    assert servers.stored_user_texts(sender)[-1] == payload
    assert servers.stored_slots(sender).get("ruimte") == "binnentuin"


def test_rest_broken_payload_is_answered(servers):
    sender = new_sender("bad")
    answer = rest(servers, {"sender": sender, "message": '/inform{"ruimte": '})
    assert answer.status_code == 200 and answer.json()


# -- REST: malformed requests ----------------------------------------------------------------------------------------
MALFORMED = {
    "message is a number": ({"sender": "SENDER", "message": 5}, "message_geen_tekst"),
    "message is a list": ({"sender": "SENDER", "message": [MARKER]}, "message_geen_tekst"),
    "message missing": ({"sender": "SENDER"}, "message_ontbreekt"),
    "metadata is text": ({"sender": "SENDER", "message": "hallo", "metadata": "x"}, "metadata_geen_object"),
    "a list": ([1, 2], "geen_object"),
    "a string": ("just a string", "geen_object"),
    "null": (None, "geen_object"),
    "missing sender": ({"message": "hallo"}, "sender_ontbreekt"),
    "empty sender": ({"sender": "", "message": "hallo"}, "sender_ontbreekt"),
    "sender is a number": ({"sender": 12345, "message": "hallo"}, "sender_geen_tekst"),
    "huge sender": ({"sender": "s" * 5000, "message": "hallo"}, "sender_te_lang"),
    "sender with NUL": ({"sender": "ab\x00cd", "message": "hallo"}, "sender_tekens"),
    "sender default": ({"sender": "default", "message": "hallo"}, "sender_gereserveerd"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_rest_malformed_requests_get_a_dutch_400(servers, case):
    payload, code = MALFORMED[case]
    sender = new_sender("bad")
    if isinstance(payload, dict) and payload.get("sender") == "SENDER":
        payload = {**payload, "sender": sender}
    answer = rest(servers, payload)
    assert answer.status_code == 400
    assert answer.headers["Content-Type"].startswith("application/json")
    assert answer.json() == {"error": ERRORS[code]}
    assert servers.event_count(sender) == 0
    if isinstance(payload, dict) and isinstance(payload.get("sender"), str) and payload["sender"]:
        assert servers.event_count(payload["sender"]) == 0


@pytest.mark.parametrize(
    "raw", [b"dit is geen json", b"", b'{"sender": "x", "message": "hallo"', b"\xff\xfe\x00", b"[" * 50000]
)
def test_rest_bodies_that_are_not_json_get_a_dutch_400(servers, raw):
    answer = rest(servers, raw=raw)
    assert answer.status_code == 400 and answer.json() == {"error": ERRORS["geen_json"]}


def test_rest_never_creates_the_shared_default_conversation(servers):
    for payload in ({"message": "hallo"}, {"sender": None, "message": "hallo"}, {"sender": "default", "message": "x"}):
        assert rest(servers, payload).status_code == 400
    assert servers.event_count("default") == 0


def test_rest_stream_keeps_working_with_notices_first(servers):
    sender = new_sender("bad")
    answer = rest(servers, {"sender": sender, "message": ""}, stream=True)
    assert answer.status_code == 200
    assert [json.loads(line) for line in answer.text.splitlines() if line] == notice(LEEG_BERICHT, recipient_id=sender)
    answer = rest(servers, {"sender": sender, "message": "hallo " * 1000}, stream=True)
    lines = [json.loads(line) for line in answer.text.splitlines() if line]
    assert notice_codes(lines[:2]) == [INGEKORT] and len(lines) >= 3 and lines[2].get("text")
    assert len(servers.stored_user_texts(sender)) == 1


def test_user_text_stays_out_of_rasa_log(servers):
    """Rasa's own REST channel logged the message at ERROR level when it could not handle it."""
    rest(servers, {"sender": new_sender("bad"), "message": [MARKER]})
    rest(servers, {"sender": new_sender("bad"), "message": {"tekst": MARKER}})
    assert MARKER not in servers.rasa_log.read_text(encoding="utf-8", errors="replace")


# -- socket.io -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data, code",
    [
        ("geen dict", ONGELDIG_BERICHT),
        ([1, 2], ONGELDIG_BERICHT),
        (5, ONGELDIG_BERICHT),
        ({"message": "hallo"}, SESSIE_ONTBREEKT),
        ({"message": "hallo", "session_id": "../andermans"}, SESSIE_ONTBREEKT),
        ({"message": 5, "session_id": None}, ONGELDIG_BERICHT),
        ({"session_id": None}, LEEG_BERICHT),
        ({"message": "", "session_id": None}, LEEG_BERICHT),
        ({"message": "  \t ", "session_id": None}, LEEG_BERICHT),
        ({"message": "🎉👍", "session_id": None}, GEEN_WOORDEN),
    ],
)
def test_socket_bad_input_gets_a_notice_and_the_server_keeps_answering(servers, data, code):
    async def script(user: SocketUser) -> None:
        payload = (
            {**data, "session_id": user.session_id}
            if isinstance(data, dict) and "session_id" in data and data["session_id"] is None
            else data
        )
        assert await user.send(payload, replies=2) == notice(code)
        assert servers.event_count(user.session_id) == 0
        answer = await user.send({"message": "hallo", "session_id": user.session_id})
        assert answer and notice_codes(answer) == [] and "zelfbeheer" in answer[0]["text"]
        assert servers.stored_user_texts(user.session_id) == ["hallo"]

    socket_session(servers.url, script)


def test_socket_20000_characters_get_the_notice_then_the_answer(servers):
    async def script(user: SocketUser) -> None:
        answer = await user.send({"message": LONG, "session_id": user.session_id}, replies=3)
        assert answer[:2] == notice(INGEKORT) and len(answer) >= 3
        assert notice_codes(answer[2:]) == []
        assert servers.stored_user_texts(user.session_id) == [clean_message(LONG).text]

    socket_session(servers.url, script)


def test_socket_script_and_sql_are_stored_verbatim(servers):
    async def script(user: SocketUser) -> None:
        for text in (SCRIPT, SQL):
            assert await user.send({"message": text, "session_id": user.session_id})
        assert servers.stored_user_texts(user.session_id) == [SCRIPT, SQL]

    socket_session(servers.url, script)


# -- Teams -----------------------------------------------------------------------------------------------------------
def teams_turn(chat: TeamsChat, messages: int, **fields: Any) -> list[dict[str, Any]]:
    """Post an activity in the chat's conversation (accepted: 202); wait until `messages` message activities came
    back (the machine may be slow: a fixed quiet period is not enough between a notice and the bot's answer), then
    for a second of quiet."""
    return chat.send(messages=messages, timeout=120.0, quiet=1.0, statuses=(202,), **fields)


def user_texts_after_hello(servers, chat: TeamsChat) -> list[str]:
    """Say hello and return the conversation's stored user texts: Teams handles a conversation's activities in
    order, so once the greeting is back, whatever came before has been fully handled."""
    turn = teams_turn(chat, 1, text="hallo")
    assert "zelfbeheer" in TeamsChat.text(turn).lower()  # the channel keeps answering
    return servers.stored_user_texts(sender_id_for(chat.template))


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"text": ""}, LEEG_BERICHT),
        ({}, LEEG_BERICHT),
        ({"text": "  \u200b "}, LEEG_BERICHT),
        ({"text": "🎉👍🏽"}, GEEN_WOORDEN),
        ({"text": 5}, ONGELDIG_BERICHT),
        ({"text": ["hallo"]}, ONGELDIG_BERICHT),
        ({"text": {"a": "b"}}, ONGELDIG_BERICHT),
    ],
)
def test_teams_bad_input_gets_a_notice_and_stores_nothing(servers, fields, code):
    chat = TeamsChat(servers)
    turn = teams_turn(chat, 1, **fields)
    assert [a["type"] for a in turn] == ["message"]  # no typing: nothing was handed to the bot
    assert turn[0]["text"] == TEXTS[code] and turn[0]["conversation"]["id"] == chat.conversation_id
    assert servers.event_count(sender_id_for(chat.template)) == 0
    assert user_texts_after_hello(servers, chat) == ["hallo"]


def test_teams_control_characters_are_removed_before_storing(servers):
    chat = TeamsChat(servers)
    turn = teams_turn(chat, 1, text="ik wil\x00 advies\x1b over de binnentuin\u200b")
    assert all(TEXTS[code] != a.get("text") for a in turn for code in TEXTS)
    assert servers.stored_user_texts(sender_id_for(chat.template)) == ["ik wil advies over de binnentuin"]


def test_teams_20000_characters_get_the_notice_then_the_answer(servers):
    chat = TeamsChat(servers)
    turn = teams_turn(chat, 2, text=LONG)
    messages = [a for a in turn if a["type"] == "message"]
    assert messages[0]["text"] == notice(INGEKORT)[0]["text"]
    assert turn[1]["type"] == "typing"  # then the bot works on the cut text
    assert messages[1].get("text") or messages[1].get("attachments")  # the bot's answer: a text or a card
    assert messages[1].get("text") not in TEXTS.values()
    assert servers.stored_user_texts(sender_id_for(chat.template)) == [clean_message(LONG).text]


def test_teams_malformed_activity_is_never_a_5xx(servers):
    fake: FakeMicrosoft = servers.fake
    for extra in (
        {"from": "niet een object"},
        {"conversation": ["a"]},
        {"channelData": {"tenant": "x"}},
        {"entities": "x", "text": "hallo"},
        {"value": "[[[", "text": None},
    ):
        body = activity(fake.service_url, text="hallo")
        body.update(extra)
        answer = post(servers, body)
        assert answer.status_code < 500, (extra, answer.text)
