"""Fakes and helpers shared by the channel tests."""

from typing import Any

from rasa.core.channels.channel import UserMessage

from bot.channels.cleaning import INGEKORT, TEXTS


def says(*texts: str):
    """A fake on_new_message that answers with these texts through the message's output channel."""
    seen: list[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        seen.append(message)
        for text in texts:
            await message.output_channel.send_response(message.sender_id, {"text": text})

    on_new_message.seen = seen  # type: ignore[attr-defined]
    return on_new_message


def notice(code: str, text: str | None = None, **address: Any) -> list[dict[str, Any]]:
    """The two bot messages of a notice: its text alone, then its `melding` payload alone (plus any address keys,
    such as REST's `recipient_id`). The `ingekort` text is that of a 20,000-character message cut at 2,000."""
    if text is None:
        text = TEXTS[code].format(length="20.000", limit="2.000") if code == INGEKORT else TEXTS[code]
    return [{**address, "text": text}, {**address, "custom": {"type": "melding", "code": code}}]
