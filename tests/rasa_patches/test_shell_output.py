"""bot/rasa_patches/shell/output.py: Rasa's shell receives the bot's messages without their payloads."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from bot.rasa_patches.shell import output
from tests.rasa_patches.rasa_source import assert_unchanged

ADVICE = {"type": "menukaart_advies", "profiel": {}, "opties": [], "waarschuwingen": []}
RELIED_ON = {
    # wrapped: how the shell receives the bot's messages (a stream, or one block)
    ("rasa.core.channels.console", "_send_message_receive_stream"): "c82eefbc3d70bf82",
    ("rasa.core.channels.console", "send_message_receive_block"): "d7194da87fb8dc62",
    # relied on: record_messages calls them through the module, and _print_bot_output prints what they return
    ("rasa.core.channels.console", "record_messages"): "4f7b22ffdb84621a",
    ("rasa.core.channels.console", "_print_bot_output"): "9cfbce7c68cc9bd2",
}


def test_payloads_are_left_out_and_payload_only_messages_skipped():
    async def stream(*_: Any, **__: Any) -> AsyncIterator[dict[str, Any]]:
        for message in (
            {"recipient_id": "s", "text": "Advies: ..."},
            {"recipient_id": "s", "custom": ADVICE},
            {"recipient_id": "s", "text": "Kies:", "buttons": [{"title": "Groen", "payload": "/x"}]},
            {"recipient_id": "s", "custom": {"type": "melding", "code": "leeg_bericht"}},
        ):
            yield message

    async def collect() -> list[dict[str, Any]]:
        return [m async for m in output.readable_stream(stream)("url", "", "s", "hallo")]

    assert asyncio.run(collect()) == [
        {"text": "Advies: ..."},
        {"text": "Kies:", "buttons": [{"title": "Groen", "payload": "/x"}]},
    ]

    async def block(*_: Any, **__: Any) -> list[dict[str, Any]]:
        return [{"text": "a", "custom": ADVICE}, {"custom": ADVICE}]

    assert asyncio.run(output.readable_block(block)()) == [{"text": "a"}]


def test_install_wraps_rasas_own_functions_once():
    from rasa.core.channels import console

    saved = (console._send_message_receive_stream, console.send_message_receive_block)
    try:
        output.install()
        output.install()
        assert console._send_message_receive_stream.__qualname__ == "readable_stream.<locals>.readable_only"
        assert output.RASA_STREAM.__module__ == output.RASA_BLOCK.__module__ == "rasa.core.channels.console"
    finally:
        console._send_message_receive_stream, console.send_message_receive_block = saved


def test_rasa_code_it_relies_on_is_unchanged():
    assert_unchanged(RELIED_ON, "bot/rasa_patches/shell/output.py")
