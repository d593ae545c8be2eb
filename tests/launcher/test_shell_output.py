"""bot.launcher.shell without a terminal (fast): what Rasa's console prints, the button menu, the shell's channel."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from bot.launcher import shell

ADVICE = {"type": "menukaart_advies", "profiel": {}, "opties": [], "waarschuwingen": []}


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
        return [m async for m in shell.readable_stream(stream)("url", "", "s", "hallo")]

    assert asyncio.run(collect()) == [
        {"text": "Advies: ..."},
        {"text": "Kies:", "buttons": [{"title": "Groen", "payload": "/x"}]},
    ]

    async def block(*_: Any, **__: Any) -> list[dict[str, Any]]:
        return [{"text": "a", "custom": ADVICE}, {"custom": ADVICE}]

    assert asyncio.run(shell.readable_block(block)()) == [{"text": "a"}]


def test_the_button_menu_shows_titles_and_answers_with_payloads(monkeypatch):
    import questionary
    from rasa.cli.utils import FREE_TEXT_INPUT_PROMPT

    asked: dict[str, Any] = {}
    monkeypatch.setattr(questionary, "select", lambda text, choices, **_: asked.update(text=text, choices=choices))
    message = {
        "text": "Om welke ruimte gaat het?",
        "buttons": [
            {"title": "Groen", "payload": '/inform{"ruimte": "groen"}'},
            {"title": "Binnentuin", "payload": '/inform{"ruimte": "binnentuin"}'},
        ],
    }
    shell.button_menu(message, is_latest_message=True)
    assert asked["text"] == "Om welke ruimte gaat het?"
    assert [(c.title, c.value) for c in asked["choices"]] == [
        ("1: Groen", '/inform{"ruimte": "groen"}'),
        ("2: Binnentuin", '/inform{"ruimte": "binnentuin"}'),
        (FREE_TEXT_INPUT_PROMPT, FREE_TEXT_INPUT_PROMPT),
    ]


def test_an_earlier_button_list_prints_titles_only(capsys):
    assert shell.button_menu({"text": "x", "buttons": [{"title": "Groen", "payload": "/inform{}"}]}) is None
    printed = capsys.readouterr().out
    assert "1: Groen" in printed and "/inform" not in printed


def test_the_shell_uses_the_checked_rest_channel_under_rasas_name():
    from rasa.core import channels
    from rasa.core.channels import console

    from bot.channels.rest import RestInput

    saved = (
        dict(channels.BUILTIN_CHANNELS),
        console._send_message_receive_stream,
        console.send_message_receive_block,
        console.print_buttons,
    )
    try:
        shell.install()
        channel = channels.BUILTIN_CHANNELS["cmdline"].from_credentials(None)
        assert isinstance(channel, RestInput) and channel.name() == "cmdline" and channel.url_prefix() == "rest"
        assert console.print_buttons is shell.button_menu
    finally:
        channels.BUILTIN_CHANNELS.clear()
        channels.BUILTIN_CHANNELS.update(saved[0])
        (console._send_message_receive_stream, console.send_message_receive_block, console.print_buttons) = saved[1:]
