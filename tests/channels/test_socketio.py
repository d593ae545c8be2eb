"""The socket.io channel of the web widget without Rasa or a browser (fast)."""

import asyncio
from unittest.mock import AsyncMock

import jwt

from bot.channels.socketio import MAX_MESSAGE_CHARS, SocketIOInput, SocketIOOutput, parse_origins

KEY = "een-geheime-sleutel-van-minstens-32-tekens"
WRONG = "een-andere-sleutel-van-minstens-32-tekens"


def test_origins_come_from_credentials_or_the_environment(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "http://localhost:8080, http://127.0.0.1:8080/")
    assert parse_origins(None) == ["http://localhost:8080", "http://127.0.0.1:8080"]
    assert parse_origins(["https://intranet.example"]) == ["https://intranet.example"]
    assert parse_origins("*") == "*"


def channel(**credentials):
    credentials = {"session_persistence": True, **credentials}
    input_channel = SocketIOInput.from_credentials(credentials)
    on_new_message = AsyncMock()
    input_channel.blueprint(on_new_message)
    sio = input_channel.sio
    sio.enter_room = AsyncMock()
    sio.emit = AsyncMock()
    return input_channel, sio, on_new_message, sio.handlers["/"]


def test_session_request_awaits_enter_room():
    _, sio, _, handlers = channel()
    asyncio.run(handlers["session_request"]("sid-1", {"session_id": "sessie_42"}))
    sio.enter_room.assert_awaited_once_with("sid-1", "sessie_42", namespace=None)
    sio.emit.assert_awaited_with("session_confirm", "sessie_42", room="sid-1", namespace=None)
    asyncio.run(handlers["session_request"]("sid-2", {"session_id": "../andermans"}))
    fresh = sio.emit.await_args.args[1]
    assert fresh != "../andermans" and len(fresh) == 32


def test_messages_go_to_the_session_with_metadata():
    _, _, on_new_message, handlers = channel()
    asyncio.run(
        handlers["user_uttered"]("sid-1", {"message": "x" * 5000, "session_id": "s1", "metadata": {"title": "Groen"}})
    )
    message = on_new_message.await_args.args[0]
    assert (
        message.sender_id == "s1" and message.metadata == {"title": "Groen"} and len(message.text) == MAX_MESSAGE_CHARS
    )
    asyncio.run(handlers["user_uttered"]("sid-1", {"message": "zonder sessie"}))
    asyncio.run(handlers["user_uttered"]("sid-1", "geen dict"))
    assert on_new_message.await_count == 1


def test_jwt_on_the_socket(monkeypatch):
    monkeypatch.setenv("SOCKET_JWT_KEY", KEY)
    _, _, _, handlers = channel()
    good = jwt.encode({"sub": "web-widget"}, KEY, algorithm="HS256")
    assert asyncio.run(handlers["connect"]("sid", {}, {"token": good})) is True
    assert asyncio.run(handlers["connect"]("sid", {}, {"token": jwt.encode({"sub": "x"}, WRONG)})) is False
    assert asyncio.run(handlers["connect"]("sid", {}, None)) is False


def test_output_sends_whole_texts_and_custom_payloads():
    sio = AsyncMock()
    output = SocketIOOutput(sio, "bot_uttered")
    asyncio.run(output.send_text_message("s1", "eerste alinea\n\ntweede alinea"))
    asyncio.run(output.send_custom_json("s1", {"type": "waarschuwing", "waarschuwingen": []}))
    assert [c.args for c in sio.emit.await_args_list] == [
        ("bot_uttered", {"text": "eerste alinea\n\ntweede alinea"}),
        ("bot_uttered", {"custom": {"type": "waarschuwing", "waarschuwingen": []}}),
    ]
    assert all(c.kwargs["room"] == "s1" for c in sio.emit.await_args_list)
