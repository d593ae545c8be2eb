"""Input hygiene and the "never silent" guard shared by every channel (REST, socket.io, Teams).

Two things live here, both free of Sanic specifics:

- `clean_message` turns whatever a client sent as the message into text fit for Rasa and the tracker store, or
  into a notice explaining why it is not passed on: not a string, empty, no words at all (emoji only), too long
  (cut, with a notice). Script tags and SQL-like text are *kept*: they are just text, stored exactly and rendered
  as text. Intent payloads from buttons (`/inform{"ruimte": "binnentuin"}`) keep their internal spacing.
- `handle_guarded` runs Rasa's `on_new_message` (`Agent.handle_message`) for one message so that the user never
  meets silence: when the turn fails (lock store or tracker store down) the user gets the `storing` apology, and
  when the turn produced no bot message at all, or an action failed during it (Rasa swallows action-server
  failures: it logs "Encountered an exception while running action ..." and carries on without that action's
  events), the `actieserver_onbereikbaar` apology. Exceptions are logged by class only: user text never reaches
  the logs above DEBUG.

Every Dutch text the user may see from here is a module constant (`TEXTS`, addressing the user with "je" like the
bot itself), so tests and docs can refer to them. A notice is sent as two bot messages, the text alone and then its
`custom` payload alone (`notice_messages`), so that stock clients (rasa-webchat, Rasa's shell) show the text.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from collections.abc import Awaitable, Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

logger = logging.getLogger(__name__)

DEFAULT_MAX_MESSAGE_CHARS = 2000


def _max_chars_from_env(default: int = DEFAULT_MAX_MESSAGE_CHARS) -> int:
    """`MAX_MESSAGE_CHARS` from the environment when it is a positive whole number, else the default."""
    value = os.environ.get("MAX_MESSAGE_CHARS", "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        logger.warning("MAX_MESSAGE_CHARS=%r is not a positive whole number; using %d", value, default)
        return default
    return number


MAX_MESSAGE_CHARS: int = _max_chars_from_env()
"""Longest message passed to Rasa, in characters (after cleaning); longer ones are cut with a notice."""

# -- notice codes and their Dutch texts (the one place they are written) ---------------------------------------------
LEEG_BERICHT = "leeg_bericht"
GEEN_WOORDEN = "geen_woorden"
INGEKORT = "ingekort"
ONGELDIG_BERICHT = "ongeldig_bericht"
SESSIE_ONTBREEKT = "sessie_ontbreekt"
STORING = "storing"
ACTIESERVER_ONBEREIKBAAR = "actieserver_onbereikbaar"

NOTICE_TYPE = "melding"
"""The `custom.type` of a notice, so that integrations can tell it from the bot's answers."""

TEXTS: dict[str, str] = {
    LEEG_BERICHT: (
        "Ik heb geen tekst van je ontvangen. Typ je vraag of antwoord, bijvoorbeeld: "
        "‘Ik wil advies over zelfbeheer van de binnentuin.’"
    ),
    GEEN_WOORDEN: (
        "In je bericht staan geen woorden, alleen tekens of emoji. Die kan ik helaas niet lezen. "
        "Typ je vraag of antwoord in woorden, bijvoorbeeld: "
        "‘Ik wil advies over zelfbeheer van de binnentuin.’"
    ),
    INGEKORT: (
        "Je bericht was {length} tekens lang. Ik heb alleen de eerste {limit} tekens gelezen. "
        "Stuur je de rest in een volgend bericht?"
    ),
    ONGELDIG_BERICHT: (
        "Ik kon je bericht niet lezen: er kwam geen gewone tekst binnen. Typ je vraag of antwoord opnieuw."
    ),
    SESSIE_ONTBREEKT: (
        "Je bericht is niet aangekomen, omdat de chat geen geldige sessie heeft. Laad de pagina "
        "opnieuw en stuur het bericht nog een keer."
    ),
    STORING: (
        "Excuses, er is een storing. Je bericht is niet verwerkt en niet bewaard. Wil je het over een minuut "
        "opnieuw sturen?"
    ),
    ACTIESERVER_ONBEREIKBAAR: (
        "Excuses, een deel van de adviseur is tijdelijk niet bereikbaar. Je gesprek blijft "
        "bewaard. Wil je je bericht zo meteen opnieuw sturen?"
    ),
}


def dutch_number(number: int) -> str:
    """A whole number written the Dutch way: 20000 -> '20.000'."""
    return f"{number:,}".replace(",", ".")


@dataclass(frozen=True)
class Notice:
    """Something the user is told about their own message or about a failure: a stable code and a Dutch text."""

    code: str
    text: str

    @classmethod
    def of(cls, code: str, **values: Any) -> Notice:
        """The notice with this code, its text filled in with `values` (see `TEXTS`)."""
        return cls(code, TEXTS[code].format(**values))


def notice_messages(notice: Notice) -> list[dict[str, Any]]:
    """The bot messages of a notice, as stock clients expect them: the text alone (`{"text": ...}`, which
    rasa-webchat and Rasa's shell show only when `text` is the message's only key), then the payload alone
    (`{"custom": {"type": "melding", "code": ...}}`) so that integrations can tell a notice from an answer."""
    return [{"text": notice.text}, {"custom": {"type": NOTICE_TYPE, "code": notice.code}}]


# -- cleaning --------------------------------------------------------------------------------------------------------
@dataclass
class CleanMessage:
    """The outcome of `clean_message`: the text to pass to Rasa (None: pass nothing) and notices for the user."""

    text: str | None
    notices: list[Notice] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.text is not None


_KEEP_CONTROLS = {"\n", "\t"}
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs"}  # controls, format characters (zero-width, bidi overrides), lone surrogates
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")  # any whitespace but a newline
_MANY_NEWLINES = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a control, format (zero-width, bidi) or surrogate character (tab and newline too)."""
    return any(unicodedata.category(char) in _DROPPED_CATEGORIES for char in text)


def _without_controls(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    return "".join(
        char for char in text if char in _KEEP_CONTROLS or unicodedata.category(char) not in _DROPPED_CATEGORIES
    )


def _collapse_whitespace(text: str) -> str:
    """Runs of spaces and tabs become one space, lines lose surrounding spaces, at most one blank line in a row."""
    lines = [_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def _has_word(text: str) -> bool:
    """Whether any letter or digit occurs (Unicode categories L* and N*)."""
    return any(unicodedata.category(char)[0] in "LN" for char in text)


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at the last whitespace before the limit when there is one in its second
    half (otherwise exactly at the limit)."""
    if len(text) <= limit:
        return text
    if text[limit].isspace():
        return text[:limit].rstrip()
    head = text[:limit]
    last_space = max(head.rfind(" "), head.rfind("\n"))
    if last_space >= limit // 2:
        head = head[:last_space]
    return head.rstrip()


def is_intent_payload(text: str) -> bool:
    """A button payload as Rasa reads it: `/intent` or `/intent{...json...}`."""
    return text.startswith("/")


def clean_message(raw: object, max_chars: int | None = None) -> CleanMessage:
    """Make the message a client sent fit for Rasa and the tracker store.

    - not a string: nothing passed on (`leeg_bericht` for None, else `ongeldig_bericht`);
    - Unicode NFC; control, format (zero-width, bidi) and lone surrogate characters removed except newline and
      tab (NUL especially: PostgreSQL cannot store it);
    - whitespace collapsed and stripped (an intent payload starting with "/" is only stripped at its ends, so its
      JSON stays intact);
    - empty: `leeg_bericht`; no letter or digit at all (emoji, punctuation): `geen_woorden`; both pass nothing;
    - longer than `max_chars` (default `MAX_MESSAGE_CHARS`): cut at the last whitespace before the limit, with the
      notice `ingekort` first.

    Anything else (script tags, SQL-like text, quotes) is kept exactly.
    """
    limit = max_chars or MAX_MESSAGE_CHARS
    if raw is None:
        return CleanMessage(None, [Notice.of(LEEG_BERICHT)])
    if not isinstance(raw, str):
        return CleanMessage(None, [Notice.of(ONGELDIG_BERICHT)])
    text = _without_controls(unicodedata.normalize("NFC", raw))
    text = text.strip() if is_intent_payload(text.strip()) else _collapse_whitespace(text)
    if not text:
        return CleanMessage(None, [Notice.of(LEEG_BERICHT)])
    if not _has_word(text):
        return CleanMessage(None, [Notice.of(GEEN_WOORDEN)])
    if len(text) > limit:
        notice = Notice.of(INGEKORT, length=dutch_number(len(text)), limit=dutch_number(limit))
        return CleanMessage(_cut(text, limit), [notice])
    return CleanMessage(text)


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
    for notice in notices:
        await send_notice(output_channel, recipient_id, notice)


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


ACTION_FAILURE_LOGS = {
    "rasa.core.processor": "Encountered an exception while running action",
    "rasa.core.actions.action": "Failed to execute custom action",
}
"""How Rasa 3.6 reports an action that failed (action server down or broken); the turn goes on without that
action's events. The processor logs a failed action at ERROR; `action_extract_slots` logs the failure of the
intake's slot hook (`action_validate_slot_mappings`) at WARNING and fills no slots."""


@dataclass
class _Turn:
    action_failed: bool = False


_CURRENT_TURN: ContextVar[_Turn | None] = ContextVar("bot_channels_guard_turn", default=None)


class TurnAborted(BaseException):
    """Raised inside a guarded turn by a part that must stop it, such as the tracker store when its database is
    down (bot/tracker_store.py). A BaseException on purpose: Rasa wraps every tracker store in a
    `FailSafeTrackerStore` that catches every Exception and goes on with an empty in-memory tracker, which would
    answer from a blank conversation and keep the turn only in memory. `handle_guarded` catches it."""


def turn_in_progress() -> bool:
    """True inside `handle_guarded` (a user's turn through one of our channels)."""
    return _CURRENT_TURN.get() is not None


class _ActionFailureWatcher(logging.Handler):
    """Notes Rasa's reports of a failed action (ACTION_FAILURE_LOGS) in the turn being handled. Rasa handles a
    message in the task that awaits it, so the context variable set by `handle_guarded` names the right turn even
    when many turns run at once."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        turn = _CURRENT_TURN.get()
        prefix = ACTION_FAILURE_LOGS.get(record.name)
        if turn is not None and prefix and str(record.msg).startswith(prefix):
            turn.action_failed = True


_WATCHER = _ActionFailureWatcher()


def _watch_rasa_processor() -> None:
    for name in ACTION_FAILURE_LOGS:
        rasa_logger = logging.getLogger(name)
        if not any(isinstance(handler, _ActionFailureWatcher) for handler in rasa_logger.handlers):
            rasa_logger.addHandler(_WATCHER)


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
    - the turn produced no bot message at all, or an action failed during it (Rasa logs "Encountered an exception
      while running action ..." and carries on without that action's events, so the answer stops short): the
      `actieserver_onbereikbaar` apology is sent, after whatever the bot did say (the turn was saved).

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
    _watch_rasa_processor()
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
