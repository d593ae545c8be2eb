"""Rasa's REST channel with its input checked (`bot.channels.rest.RestInput`, `POST /webhooks/rest/webhook`).

Same name ("rest"), URL and answer (a JSON list of bot messages) as `rasa.core.channels.rest.RestInput` of Rasa
3.6.21, which the conversation contract depends on. Differences:

- A malformed request gets a 400 with a Dutch explanation `{"error": "..."}` instead of a 500 or an HTML page:
  a body that is not JSON or not a JSON object, `sender` missing, empty, not text, longer than 255 characters,
  holding control characters or the reserved `default` (Rasa would put every sender-less message into one shared
  conversation "default"), `message` missing or not text, `metadata` not an object, `input_channel` not a short
  name. Bodies over 1 MB get a 413.
- The message goes through `bot.channels.cleaning.clean_message`: empty, whitespace or emoji-only messages are
  answered with a notice and never reach Rasa or the tracker store; over-long messages are cut, the notice coming
  before the bot's answer. A notice is two messages: `{"recipient_id", "text"}`, then `{"recipient_id", "custom":
  {"type": "melding", "code": ...}}`.
- The turn runs through `bot.turn.guard.handle_guarded`: never silence, never a 5xx, and no user text in the
  logs (Rasa's channel logs the message text at ERROR level when a turn fails).
- `?stream=true` keeps working: one JSON message per line, notices first.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from asyncio import Queue
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import rasa.utils.endpoints
from rasa.core.channels import rest as rasa_rest
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.shared.constants import DEFAULT_SENDER_ID
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot import rasa_patches
from bot.channels.cleaning import STORING, CleanMessage, Notice, clean_message, has_control_characters, notice_messages
from bot.turn.guard import exception_name, handle_guarded

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 255
MAX_BODY_BYTES = 1024 * 1024
INPUT_CHANNEL = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")

# -- the Dutch explanations of a 400 (or 413) ------------------------------------------------------------------------
EXAMPLE = '{"sender": "gesprek-123", "message": "Ik wil advies over de binnentuin"}'
ERRORS: dict[str, str] = {
    "geen_json": f"Het verzoek is geen geldige JSON. Verwacht wordt een JSON-object, bijvoorbeeld {EXAMPLE}.",
    "geen_object": (
        f'Het verzoek moet een JSON-object zijn met de velden "sender" en "message", bijvoorbeeld {EXAMPLE}.'
    ),
    "sender_ontbreekt": (
        'Het veld "sender" ontbreekt of is leeg. Geef elk gesprek een eigen afzender-id als '
        'tekst, bijvoorbeeld "gesprek-123".'
    ),
    "sender_geen_tekst": 'Het veld "sender" moet tekst zijn, bijvoorbeeld "gesprek-123".',
    "sender_te_lang": f'Het veld "sender" is te lang: hoogstens {MAX_SENDER_CHARS} tekens.',
    "sender_tekens": 'Het veld "sender" bevat besturingstekens of onzichtbare tekens; die zijn niet toegestaan.',
    "sender_gereserveerd": (
        f'De afzender "{DEFAULT_SENDER_ID}" is gereserveerd. Geef elk gesprek een eigen afzender-id.'
    ),
    "message_ontbreekt": 'Het veld "message" ontbreekt. Zet de tekst van de gebruiker in "message".',
    "message_geen_tekst": 'Het veld "message" moet tekst zijn.',
    "metadata_geen_object": 'Het veld "metadata" moet een JSON-object zijn (of weggelaten worden).',
    "input_channel_ongeldig": (
        "Het veld \"input_channel\" moet een korte naam zijn: hoogstens 64 letters, cijfers, '-', '_' of '.'."
    ),
    "te_groot": f"Het verzoek is te groot: hoogstens {MAX_BODY_BYTES // (1024 * 1024)} MB.",
}


class BadRequest(ValueError):
    """A request the channel refuses, with its Dutch explanation and HTTP status."""

    def __init__(self, code: str, status: int = 400) -> None:
        super().__init__(ERRORS[code])
        self.code = code
        self.status = status
        self.text = ERRORS[code]


@dataclass
class RestRequest:
    """A checked request: who, what (cleaned), and the optional metadata and input channel name."""

    sender: str
    message: CleanMessage
    metadata: dict[str, Any] | None = None
    input_channel: str = "rest"


def read_request(body: bytes | None) -> RestRequest:
    """Parse and check a webhook body; raise `BadRequest` for anything malformed."""
    body = body or b""
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest("te_groot", status=413)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond Python's recursion limit
        raise BadRequest("geen_json") from None
    if not isinstance(data, dict):
        raise BadRequest("geen_object")

    sender = data.get("sender")
    if sender is None or (isinstance(sender, str) and not sender.strip()):
        raise BadRequest("sender_ontbreekt")
    if not isinstance(sender, str):
        raise BadRequest("sender_geen_tekst")
    if len(sender) > MAX_SENDER_CHARS:
        raise BadRequest("sender_te_lang")
    if has_control_characters(sender):
        raise BadRequest("sender_tekens")
    if sender == DEFAULT_SENDER_ID:
        raise BadRequest("sender_gereserveerd")

    if "message" not in data or data["message"] is None:
        raise BadRequest("message_ontbreekt")
    if not isinstance(data["message"], str):
        raise BadRequest("message_geen_tekst")

    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest("metadata_geen_object")
    input_channel = data.get("input_channel")
    if input_channel is None or input_channel == "":
        input_channel = RestInput.name()
    elif not isinstance(input_channel, str) or not INPUT_CHANNEL.match(input_channel):
        raise BadRequest("input_channel_ongeldig")

    return RestRequest(sender, clean_message(data["message"]), metadata, input_channel)


def _addressed(sender: str | None, notice: Notice) -> list[dict[str, Any]]:
    """A notice as messages of Rasa's REST answer (its text, then its payload; `recipient_id` when known)."""
    return [
        {**({"recipient_id": sender} if sender is not None else {}), **message} for message in notice_messages(notice)
    ]


class RestInput(rasa_rest.RestInput):
    """Rasa's REST channel with checked input and the never-silent guard."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """The channel as Rasa builds it from credentials.yml; our Rasa patches are installed first."""
        rasa_patches.install()
        return cls()

    async def _turn(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        checked: RestRequest,
        collector: CollectingOutputChannel,
    ) -> None:
        message = UserMessage(
            checked.message.text,
            collector,
            checked.sender,
            input_channel=checked.input_channel,
            metadata=checked.metadata,
        )
        await handle_guarded(on_new_message, message, collector, channel=self.name())

    def _stream(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]], checked: RestRequest
    ) -> Callable[[Any], Coroutine[Any, Any, None]]:
        """Rasa's `?stream=true`: one JSON bot message per line, the notices first."""

        async def stream(resp: Any) -> None:
            for notice in checked.message.notices:
                for message in _addressed(checked.sender, notice):
                    await resp.write(json.dumps(message) + "\n")
            if not checked.message.accepted:
                return
            queue: Queue = Queue()

            async def run() -> None:
                try:
                    await self._turn(on_new_message, checked, rasa_rest.QueueOutputChannel(queue))
                finally:
                    await queue.put("DONE")

            task = asyncio.ensure_future(run())
            while True:
                item = await queue.get()
                if item == "DONE":
                    break
                await resp.write(json.dumps(item) + "\n")
            await task

        return stream

    async def receive(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse | ResponseStream:
        """The webhook: check the request, answer notices, run the turn guarded; never a 5xx."""
        sender: str | None = None
        try:
            try:
                checked = read_request(request.body)
            except BadRequest as error:
                logger.info("rest: request refused (%s)", error.code)
                return response.json({"error": error.text}, status=error.status)
            sender = checked.sender
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(self._stream(on_new_message, checked), content_type="text/event-stream")
            answer = [message for notice in checked.message.notices for message in _addressed(sender, notice)]
            if checked.message.accepted:
                collector = CollectingOutputChannel()
                await self._turn(on_new_message, checked, collector)
                answer += collector.messages
            return response.json(answer)
        except asyncio.CancelledError:  # as Rasa's channel: a cancelled turn still gets an answer if possible
            logger.error("rest: turn cancelled; the message was not processed")
            return response.json(_addressed(sender, Notice.of(STORING)))
        except Exception as error:  # never a 5xx, never user text in the log
            logger.error("rest: request failed with %s", exception_name(error))
            logger.debug("rest: details", exc_info=True)
            return response.json(_addressed(sender, Notice.of(STORING)))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """`GET /webhooks/rest/` (health) and `POST /webhooks/rest/webhook`, as Rasa's channel."""
        rest_webhook = Blueprint(f"custom_webhook_{type(self).__name__}_guarded", __name__)

        @rest_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse | ResponseStream:
            return await self.receive(request, on_new_message)

        return rest_webhook
