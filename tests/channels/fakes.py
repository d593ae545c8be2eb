"""Fakes shared by the channel tests."""
from typing import List

from rasa.core.channels.channel import UserMessage


def says(*texts: str):
    """A fake on_new_message that answers with these texts through the message's output channel."""
    seen: List[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        seen.append(message)
        for text in texts:
            await message.output_channel.send_response(message.sender_id, {"text": text})

    on_new_message.seen = seen  # type: ignore[attr-defined]
    return on_new_message
