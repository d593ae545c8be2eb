"""A counting pass-through between Rasa and the action server, for the benchmarks: how many action server
calls each user message costs (Rasa's endpoints point at the counter, which forwards every request)."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

from aiohttp import ClientSession, web

from bot.launcher.services import free_port


class CallCounter:
    """Forwards POST /webhook to the action server on loopback and counts the requests by action name."""

    def __init__(self, target_port: int):
        self.target = f"http://127.0.0.1:{target_port}"
        self.port = free_port()
        self.calls: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        payload = await request.json()
        self.calls.append(str(payload.get("next_action")))
        async with ClientSession() as session:
            async with session.request(
                request.method,
                f"{self.target}{request.path_qs}",
                data=body,
                headers={"Content-Type": "application/json"},
            ) as answer:
                return web.Response(body=await answer.read(), status=answer.status, content_type="application/json")

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/webhook", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    def __enter__(self) -> CallCounter:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._runner:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def mark(self) -> int:
        """The number of calls so far (take the difference around one message)."""
        return len(self.calls)

    def by_action(self) -> Counter:
        """Calls per action name."""
        return Counter(self.calls)
