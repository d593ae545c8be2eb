"""Rasa's socket.io channel, fixed and hardened for the web widget (bot/web/).

Configured in credentials.yml by class path (`bot.channels.socketio.SocketIOInput:`). Differences with
`rasa.core.channels.socketio` of Rasa 3.6.21:

- `session_persistence` works on python-socketio >= 5.10, where `AsyncServer.enter_room` is a coroutine that
  Rasa does not await, so the socket never joins its session's room and every reply is lost
  (RasaHQ/rasa#13027). Here it is awaited.
- socket.io CORS: only the configured origins may connect (`cors_allowed_origins` in credentials, else the
  `CORS_ORIGINS` environment variable that also sets Rasa's `--cors`); Rasa itself lets every origin in.
  Engine.IO alone answers CORS on the socket path, so Rasa's `--cors` does not double the headers.
- `custom` payloads are sent as `{"custom": {...}}`, the shape Rasa stores in the tracker, instead of being
  spread into `sio.emit(**payload)` (which fails for the contract's payloads).
- A bot text is sent as one message, not split at blank lines, so that a live reply and the same reply read
  back from the tracker look the same.
- The JWT key (`jwt_key`) may also come from the `SOCKET_JWT_KEY` environment variable; session ids are
  checked (letters, digits, `-` and `_`, at most 64).
- Bad input is answered, never met with silence (`bot.channels.cleaning`): data that is not an object, a message that
  is not text, a missing or invalid session id, an empty or emoji-only message each get a notice on the socket
  and never reach Rasa; an over-long message is cut with a notice. The turn runs through `handle_guarded`: a
  failing turn, or one in which an action failed or the bot said nothing, gets an apology. A notice is two
  `bot_uttered` events, `{"text": ...}` and then `{"custom": {"type": "melding", "code": ...}}`, as stock clients
  (rasa-webchat shows a text only when it is the message's only key) and the widget expect.
"""

from __future__ import annotations

import json
import logging
import os
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import engineio
from rasa.core.channels import socketio as rasa_socketio
from rasa.core.channels.channel import UserMessage, decode_bearer_token
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic_cors.core import SANIC_CORS_EVALUATED
from socketio import AsyncServer

from bot import rasa_patches
from bot.channels.cleaning import (
    MAX_MESSAGE_CHARS,
    ONGELDIG_BERICHT,
    SESSIE_ONTBREEKT,
    Notice,
    clean_message,
    notice_messages,
)
from bot.turn.guard import handle_guarded

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
__all__ = ["MAX_MESSAGE_CHARS", "SocketIOInput", "SocketIOOutput", "parse_origins", "valid_session_id"]
DEFAULT_ORIGINS = "http://localhost:8080 http://127.0.0.1:8080"  # the chat page of `make run`


def parse_origins(value: None | str | list[str]) -> str | list[str]:
    """Allowed origins from a list or a comma/space separated string; '*' allows every origin."""
    if value is None:
        value = os.environ.get("CORS_ORIGINS") or DEFAULT_ORIGINS
    items = value if isinstance(value, list) else re.split(r"[,\s]+", str(value))
    origins = [str(item).strip().rstrip("/") for item in items if str(item).strip()]
    return "*" if "*" in origins else origins


def valid_session_id(value: Any) -> bool:
    return isinstance(value, str) and bool(SESSION_ID.match(value))


class _EngineIOServer(engineio.AsyncServer):
    """Engine.IO server whose requests Sanic-CORS (Rasa's `--cors`) leaves alone: Engine.IO checks the origin
    and sets the CORS headers itself; with both, a polling response would carry every header twice and browsers
    reject it."""

    async def handle_request(self, *args: Any, **kwargs: Any) -> Any:
        context = getattr(args[0], "ctx", None) if args else None
        if context is not None:
            setattr(context, SANIC_CORS_EVALUATED, "1")
        return await super().handle_request(*args, **kwargs)


class _SocketIOServer(AsyncServer):
    def _engineio_server_class(self) -> type:
        return _EngineIOServer


class SocketIOOutput(rasa_socketio.SocketIOOutput):
    """Sends every bot message whole, and `custom` payloads as `{"custom": ...}`."""

    def __init__(self, sio: AsyncServer, bot_message_evt: str, namespace: str | None = None) -> None:
        super().__init__(sio, bot_message_evt)
        self.namespace = namespace

    async def _send_message(self, socket_id: str, response: Any) -> None:
        await self.sio.emit(self.bot_message_evt, response, room=socket_id, namespace=self.namespace)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"text": text.strip()})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        quick_replies = [{"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons]
        await self._send_message(recipient_id, {"text": text.strip(), "quick_replies": quick_replies})

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class SocketIOInput(rasa_socketio.SocketIOInput):
    """Rasa's socket.io input channel with working session persistence and origin checks."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SocketIOInput:
        """The channel as Rasa builds it from credentials.yml; our Rasa patches are installed first."""
        rasa_patches.install()
        credentials = credentials or {}
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            credentials.get("session_persistence", False),
            credentials.get("socketio_path", "/socket.io"),
            credentials.get("jwt_key") or os.environ.get("SOCKET_JWT_KEY") or None,
            credentials.get("jwt_method") or os.environ.get("SOCKET_JWT_METHOD") or "HS256",
            credentials.get("metadata_key", "metadata"),
            cors_allowed_origins=credentials.get("cors_allowed_origins"),
        )

    def __init__(self, *args: Any, cors_allowed_origins: None | str | list[str] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cors_allowed_origins = parse_origins(cors_allowed_origins)

    def get_output_channel(self) -> rasa_socketio.SocketIOOutput | None:
        channel = super().get_output_channel()
        return SocketIOOutput(self.sio, self.bot_message_evt, self.namespace) if channel is not None else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = _SocketIOServer(async_mode="sanic", cors_allowed_origins=self.cors_allowed_origins)
        socketio_webhook = rasa_socketio.SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        logger.debug(f"socket.io accepts origins {self.cors_allowed_origins}")

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            if not self.jwt_key:
                return True
            token = auth.get("token") if isinstance(auth, dict) else None
            if token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm):
                return True
            logger.info(f"socket.io connection {sid} refused: no valid JWT")
            return False

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: dict | None = None) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not valid_session_id(session_id):
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)  # Rasa 3.6 forgets the await
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        async def notify(sid: str, notice: Notice) -> None:
            """Tell the socket that sent a message why it was not passed on (never silence)."""
            for message in notice_messages(notice):
                await sio.emit(self.bot_message_evt, message, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any = None, *_: Any) -> None:
            if not isinstance(data, dict):
                logger.info("socket.io message refused: the data is not an object")
                await notify(sid, Notice.of(ONGELDIG_BERICHT))
                return
            output_channel = SocketIOOutput(sio, self.bot_message_evt, self.namespace)
            if self.session_persistence:
                if not valid_session_id(data.get("session_id")):
                    logger.warning("socket.io message without a valid session_id refused; send session_request first")
                    await notify(sid, Notice.of(SESSIE_ONTBREEKT))
                    return
                sender_id = data["session_id"]
            else:
                sender_id = sid
            cleaned = clean_message(data.get("message"))
            for notice in cleaned.notices:
                await notify(sid, notice)
            if cleaned.text is None:
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except (ValueError, RecursionError):
                    metadata = {}
            if not isinstance(metadata, dict):
                metadata = {}
            message = UserMessage(cleaned.text, output_channel, sender_id, input_channel=self.name(), metadata=metadata)
            await handle_guarded(on_new_message, message, output_channel, channel=self.name())

        return socketio_webhook
