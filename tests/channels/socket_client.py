"""A stock socket.io client for the channel tests: python-socketio's AsyncClient, used as Rasa documents its socket.io
channel (emit `session_request` with a `session_id`, receive `session_confirm`; emit `user_uttered` with `message`
and `session_id`, receive every bot message as a `bot_uttered` event), which is also how the web widget and
rasa-webchat use it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")


class SocketUser:
    """One socket.io client with a session of its own."""

    def __init__(self, url: str) -> None:
        import socketio

        self.url = url
        self.session_id = f"sock_{uuid.uuid4().hex[:10]}"
        self.client = socketio.AsyncClient(reconnection=False)
        self.received: list[dict[str, Any]] = []
        self.confirmed = asyncio.Event()
        self.confirmed_id: Any = None
        self.client.on("bot_uttered", self.received.append)
        self.client.on("session_confirm", self._confirm)

    def _confirm(self, session_id: Any) -> None:
        self.confirmed_id = session_id
        self.confirmed.set()

    async def __aenter__(self) -> SocketUser:
        # polling only: python-engineio's websocket client needs aiohttp >= 3.10 (ClientWSTimeout); Rasa pins 3.9
        await self.client.connect(self.url, socketio_path="/socket.io", transports=["polling"], wait_timeout=30)
        await self.client.emit("session_request", {"session_id": self.session_id})
        await asyncio.wait_for(self.confirmed.wait(), 30)
        return self

    async def __aexit__(self, *_: Any) -> None:
        # abort: a graceful disconnect waits for the pending long poll (up to the 25 s ping interval)
        await self.client.eio.disconnect(abort=True)

    async def send(self, *data: Any, replies: int = 1, timeout: float = 120.0) -> list[dict[str, Any]]:
        """Emit user_uttered; wait for at least `replies` messages, then until nothing more arrives for a moment."""
        before = len(self.received)
        await self.client.emit("user_uttered", *data)
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.received) - before < replies:
            assert asyncio.get_running_loop().time() < deadline, f"too few replies to {data!r:.80}"
            await asyncio.sleep(0.05)
        count = -1
        while count != len(self.received):
            count = len(self.received)
            await asyncio.sleep(0.8)
        return self.received[before:]

    async def say(self, text: str, replies: int = 1) -> list[dict[str, Any]]:
        """A user message in this session."""
        return await self.send({"message": text, "session_id": self.session_id}, replies=replies)


def socket_session(url: str, script: Callable[[SocketUser], Awaitable[T]]) -> T:
    """Run `script` with a connected client of the Rasa server at `url`."""

    async def run() -> T:
        async with SocketUser(url) as user:
            return await script(user)

    return asyncio.run(run())
