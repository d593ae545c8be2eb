"""A stock socket.io client against a real Rasa with the project's socket.io channel sees every bot message in a
shape stock clients show: the greeting, a whole intake with the advice, and the notices.

rasa-webchat, the widely used widget, shows a message as text only when `text` is its only key (or `text` with
`quick_replies`/`buttons` as buttons) and hands a message with `custom` to its custom component. So every message
here must be one of those shapes, and a notice must be its text alone followed by its `melding` payload alone.
The client is python-socketio's AsyncClient used as Rasa documents the channel (tests/channels/socket_client.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.channels.cleaning import (
    GEEN_WOORDEN,
    INGEKORT,
    LEEG_BERICHT,
    ONGELDIG_BERICHT,
    SESSIE_ONTBREEKT,
    clean_message,
)
from tests.channels.fakes import notice
from tests.channels.socket_client import SocketUser, socket_session
from tests.conversation import ADVICE, customs, notice_codes

pytestmark = pytest.mark.slow

STOCK_SHAPES = ({"text"}, {"text", "quick_replies"}, {"text", "buttons"}, {"custom"})
INTAKE = [
    "ik wil graag advies over zelfbeheer",
    "het gaat om de binnentuin achter ons complex",
    "de bewoners zelf kwamen met het idee",
    "ze willen zelf schoffelen, maaien en snoeien",
    "nee, het is geen kwetsbare wijk",
]


def shapes_are_stock(messages: list[dict[str, Any]]) -> None:
    """Every message is text alone, text with its buttons, or a payload alone; texts are not empty."""
    for message in messages:
        assert set(message) in STOCK_SHAPES, f"not a stock message shape: {sorted(message)}"
        if "text" in message:
            assert isinstance(message["text"], str) and message["text"].strip()


def test_greeting_and_advice_arrive_as_stock_messages(servers):
    async def script(user: SocketUser) -> None:
        assert user.confirmed_id == user.session_id  # session_confirm names the session asked for
        greeting = await user.say("hallo")
        shapes_are_stock(greeting)
        assert any("zelfbeheer" in m.get("text", "").lower() for m in greeting)
        turns = [await user.say(text) for text in INTAKE]
        for turn in turns:
            shapes_are_stock(turn)
            assert any("text" in m for m in turn), "every turn says something readable"
        advice_turn = turns[-1]
        [advice] = customs(advice_turn, ADVICE)
        assert advice["profiel"]["ruimte"] == "binnentuin" and len(advice["opties"]) >= 3
        readable = "\n".join(m.get("text", "") for m in advice_turn)
        assert all(option["titel"] in readable for option in advice["opties"])  # the same advice as text
        assert notice_codes(sum(turns, greeting)) == []

    socket_session(servers.url, script)


@pytest.mark.parametrize(
    "data, code",
    [
        ({"message": "   "}, LEEG_BERICHT),
        ({"message": "🎉👍"}, GEEN_WOORDEN),
        ({"message": 5}, ONGELDIG_BERICHT),
        ("geen object", ONGELDIG_BERICHT),
        ({"message": "hallo", "session_id": None}, SESSIE_ONTBREEKT),
    ],
)
def test_notices_are_their_text_alone_then_their_payload_alone(servers, data, code):
    async def script(user: SocketUser) -> None:
        payload = {"session_id": user.session_id, **data} if isinstance(data, dict) else data
        received = await user.send(payload, replies=2)
        assert received == notice(code)
        shapes_are_stock(received)

    socket_session(servers.url, script)


def test_a_cut_message_gets_the_notice_then_the_answer(servers):
    async def script(user: SocketUser) -> None:
        text = "ik wil advies over de binnentuin " * 200
        received = await user.say(text, replies=3)
        shapes_are_stock(received)
        assert received[:2] == notice(INGEKORT, clean_message(text).notices[0].text)
        assert notice_codes(received[2:]) == [] and any("text" in m for m in received[2:])

    socket_session(servers.url, script)
