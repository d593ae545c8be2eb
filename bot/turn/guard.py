"""The "never silent" turn guard shared by every channel (REST, socket.io, Teams), free of Sanic specifics.

`handle_guarded` runs Rasa's `on_new_message` (`Agent.handle_message`) for one message so that the user never meets
silence: when the turn fails (lock store or tracker store down) the user gets the `storing` apology, and when the
turn produced no bot message at all, or a custom action failed during it, the `actieserver_onbereikbaar` apology.
Rasa swallows a failed custom action (action server down or broken) and carries on without its events; the patch
bot/rasa_patches/action_failures.py reports each one to `action_failed`, the guard's hook. Exceptions are logged by
class only: user text never reaches the logs above DEBUG. A part that must stop a turn, such as the tracker store
(bot/stores/tracker.py), raises `TurnAborted`; `turn_in_progress` tells it whether it runs inside one.

The notices and their Dutch texts are bot/channels/cleaning.py's; `send_notice` sends one to an output channel,
never counted as the bot's answer.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

from bot.channels.cleaning import ACTIESERVER_ONBEREIKBAAR, STORING, Notice, notice_messages

logger = logging.getLogger(__name__)


# -- the "never silent" guard ----------------------------------------------------------------------------------------
_MESSAGE_KEYS = ("text", "buttons", "quick_replies", "custom", "image", "attachment", "elements")


class CountingOutputChannel(OutputChannel):
    """A thin wrapper around an output channel that counts the bot messages sent through it and delegates
    everything else (name, attributes) to the wrapped channel."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    def name(self) -> str:  # the wrapped channel's name (channel-specific responses)
        return self.inner.name()

    def __getattr__(self, attribute: str) -> Any:
        if attribute == "inner":  # not set yet (copying): no endless recursion
            raise AttributeError(attribute)
        return getattr(self.inner, attribute)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        if any(message.get(key) for key in _MESSAGE_KEYS):
            self.sent += 1
        await self.inner.send_response(recipient_id, message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.sent += 1
        await self.inner.send_text_message(recipient_id, text, **kwargs)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        self.sent += 1
        await self.inner.send_image_url(recipient_id, image, **kwargs)

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        self.sent += 1
        await self.inner.send_attachment(recipient_id, attachment, **kwargs)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        self.sent += 1
        await self.inner.send_text_with_buttons(recipient_id, text, buttons, **kwargs)

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        self.sent += 1
        await self.inner.send_quick_replies(recipient_id, text, quick_replies, **kwargs)

    async def send_elements(self, recipient_id: str, elements: Iterable[dict[str, Any]], **kwargs: Any) -> None:
        self.sent += 1
        await self.inner.send_elements(recipient_id, elements, **kwargs)

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        self.sent += 1
        await self.inner.send_custom_json(recipient_id, json_message, **kwargs)


@dataclass
class _Turn:
    action_failed: bool = False


_CURRENT_TURN: ContextVar[_Turn | None] = ContextVar("bot_turn", default=None)


class TurnAborted(BaseException):
    """Raised inside a guarded turn by a part that must stop it, such as the tracker store when its database is
    down (bot/stores/tracker.py). A BaseException on purpose: Rasa wraps every tracker store in a
    `FailSafeTrackerStore` that catches every Exception and goes on with an empty in-memory tracker, which would
    answer from a blank conversation and keep the turn only in memory. `handle_guarded` catches it."""


def turn_in_progress() -> bool:
    """True inside `handle_guarded` (a user's turn through one of our channels)."""
    return _CURRENT_TURN.get() is not None


def action_failed() -> None:
    """Note that a custom action failed in the turn being handled; nothing outside a turn. Called by
    bot/rasa_patches/action_failures.py. Rasa handles a message in the task that awaits it, so the context variable
    set by `handle_guarded` names the right turn even when many turns run at once."""
    turn = _CURRENT_TURN.get()
    if turn is not None:
        turn.action_failed = True


def exception_name(error: BaseException) -> str:
    """`module.Class` of an exception, e.g. `redis.exceptions.ConnectionError` (never its message, which may
    quote user text, such as the SQL parameters of a failed insert)."""
    kind = type(error)
    return f"{kind.__module__}.{kind.__qualname__}"


async def handle_guarded(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    message: UserMessage,
    output_channel: OutputChannel | None = None,
    channel: str | None = None,
) -> bool:
    """Run one turn through Rasa (`on_new_message`, i.e. `Agent.handle_message`) so that the user is never left
    without an answer. Returns True when the turn ran, no action failed and the bot said something.

    - `on_new_message` raises (lock store or tracker store down, ...): the exception class is logged (details
      only at DEBUG), bot messages already collected for this turn are discarded on a collecting channel (REST:
      the turn was not saved, partial answers would mislead) and the `storing` apology is sent.
    - the turn produced no bot message at all, or a custom action failed during it (`action_failed`: Rasa carries
      on without that action's events, so the answer stops short): the `actieserver_onbereikbaar` apology is sent,
      after whatever the bot did say (the turn was saved).

    `output_channel` defaults to `message.output_channel`. A collecting channel with a list of messages (REST) is
    checked by its messages; any other channel is wrapped in a `CountingOutputChannel` for this turn.
    """
    output = output_channel or message.output_channel
    channel = channel or message.input_channel or output.name()
    collected = getattr(output, "messages", None) if isinstance(output, CollectingOutputChannel) else None
    counter: CountingOutputChannel | None = None
    before = 0
    if isinstance(collected, list):
        before = len(collected)
        message.output_channel = output
    else:
        counter = CountingOutputChannel(output)
        message.output_channel = counter
    turn = _Turn()
    token = _CURRENT_TURN.set(turn)
    try:
        await on_new_message(message)
    except (Exception, TurnAborted) as error:  # whatever failed, the user hears about it
        cause = error.__cause__ if isinstance(error, TurnAborted) and error.__cause__ else error
        logger.error(
            "%s: turn failed with %s; the message was not processed (nothing stored)", channel, exception_name(cause)
        )
        logger.debug("%s: details of the failed turn", channel, exc_info=True)
        if isinstance(collected, list):
            del collected[before:]
        await _send_apology(output, message.sender_id, Notice.of(STORING), channel)
        return False
    finally:
        _CURRENT_TURN.reset(token)
    sent = counter.sent if counter is not None else len(collected or []) - before
    if sent == 0 or turn.action_failed:
        logger.warning(
            "%s: %s (action server unreachable?); apology sent",
            channel,
            "an action failed during the turn" if turn.action_failed else "the turn produced no bot message",
        )
        await _send_apology(output, message.sender_id, Notice.of(ACTIESERVER_ONBEREIKBAAR), channel)
        return False
    return True


async def _send_apology(output: OutputChannel, recipient_id: str, notice: Notice, channel: str) -> None:
    try:
        await send_notice(output, recipient_id, notice)
    except Exception as error:  # the channel itself is down; nothing more can be done
        logger.error("%s: could not send the %s notice either (%s)", channel, notice.code, exception_name(error))
        logger.debug("%s: details", channel, exc_info=True)


# -- sending notices -------------------------------------------------------------------------------------------------
async def send_notice(output_channel: OutputChannel, recipient_id: str, notice: Notice) -> None:
    """Send a notice as its two bot messages (`notice_messages`): appended as they are to a collecting channel
    (REST), else through the channel's `send_response` (socket.io: two `bot_uttered` events; Teams: the text, the
    payload renders nothing). Never counted as the bot's answer."""
    channel = output_channel.inner if isinstance(output_channel, CountingOutputChannel) else output_channel
    for message in notice_messages(notice):
        if isinstance(channel, CollectingOutputChannel):
            await channel._persist_message({"recipient_id": recipient_id, **message})
        else:
            await channel.send_response(recipient_id, message)


async def send_notices(output_channel: OutputChannel, recipient_id: str, notices: Iterable[Notice]) -> None:
    """Send these notices one after the other (`send_notice`)."""
    for notice in notices:
        await send_notice(output_channel, recipient_id, notice)
