"""Patch: Rasa's shell prints readable Dutch only (Rasa 3.6.21).

Replaces `rasa.core.channels.console._send_message_receive_stream` and `send_message_receive_block`, through which
the shell receives the bot's messages, by wrappers of them that pass on only a message's readable parts.

Why: Rasa's console prints every `custom` payload as "Custom json: {...}" (`console._print_bot_output`). Here
payloads are left out of what the shell receives, and a message that was only a payload is skipped. The advice and
warnings are also sent as readable text (the conversation contract), so nothing is lost.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

from rasa.core.channels import console

READABLE_KEYS = ("text", "buttons", "quick_replies", "image", "attachment", "elements")
RASA_STREAM = console._send_message_receive_stream
RASA_BLOCK = console.send_message_receive_block


def readable(message: dict[str, Any]) -> dict[str, Any] | None:
    """What the shell prints of a bot message: its readable parts, or None when it was only a payload."""
    shown = {key: message[key] for key in READABLE_KEYS if message.get(key)}
    return shown or None


def readable_stream(
    stream: Callable[..., AsyncIterator[dict[str, Any]]],
) -> Callable[..., AsyncIterator[dict[str, Any]]]:
    """Wrap Rasa's `_send_message_receive_stream` so that the shell only ever sees readable messages (the last
    one with buttons then becomes the shell's menu, as in Rasa)."""

    async def readable_only(*args: Any, **kwargs: Any) -> AsyncIterator[dict[str, Any]]:
        async for message in stream(*args, **kwargs):
            shown = readable(message)
            if shown is not None:
                yield shown

    return readable_only


def readable_block(send: Callable[..., Any]) -> Callable[..., Any]:
    """The same for Rasa's non-streaming `send_message_receive_block`."""

    async def readable_only(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        return [shown for shown in map(readable, await send(*args, **kwargs)) if shown is not None]

    return readable_only


def install() -> None:
    """Wrap Rasa's two receiving functions (each time Rasa's own, so installing twice wraps once)."""
    console._send_message_receive_stream = readable_stream(RASA_STREAM)
    console.send_message_receive_block = readable_block(RASA_BLOCK)
