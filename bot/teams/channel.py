"""Microsoft Teams channel for Rasa 3.6 (`bot.teams.channel.TeamsInput`, webhook `POST /webhooks/teams/webhook`).

Replaces Rasa's own `botframework` channel, which gets its token only from the multi-tenant endpoint, checks neither
the issuer nor the `serviceurl` claim, trusts the algorithm in the token header, drops Adaptive Card submit values,
leaves `<at>Bot</at>` in the text and sends buttons Teams cannot click.

Configure it in credentials.yml (see README, "Microsoft Teams"):

    bot.teams.channel.TeamsInput:
      app_id: "<Microsoft App ID of the Azure Bot>"
      app_password: "<client secret>"
      tenant_id: "<directory (tenant) id>"      # single-tenant bot; leave out only for a legacy multi-tenant bot
      # openid_metadata_url / token_url / issuer default to Microsoft's public cloud

Values left out are read from TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID.

Bad input is answered, never met with silence (`bot.channels.cleaning`): a message activity without usable text
(empty, only the bot's @mention, text that is not a string, emoji only) gets a notice as a Teams message (its text;
the separate `melding` payload renders nothing in Teams) and never reaches Rasa; an over-long text is cut with a
notice first. Every turn runs through `handle_guarded`: a failing turn (tracker or lock store down) or one in which
an action failed or the bot said nothing (action server down) gets a Dutch apology. A malformed activity (after
authentication) gets a 400, never a 5xx.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import rasa_patches
from bot.channels.cleaning import Notice
from bot.teams.activity import activity_metadata, bot_was_added, cleaned_text, sender_id_for
from bot.teams.auth import (
    BOTFRAMEWORK_ISSUER,
    BOTFRAMEWORK_OPENID_METADATA_URL,
    CLOCK_SKEW_SECONDS,
    UNKNOWN_KID_REFRESH_SECONDS,
    AuthError,
    BotFrameworkAuthenticator,
    OpenIdKeyCache,
)
from bot.teams.cards import (
    adaptive_card,
    buttons_activity,
    card_activity,
    custom_activities,
    text_activity,
)
from bot.teams.connector import BOTFRAMEWORK_SCOPE, ConnectorClient, ConnectorError, token_endpoint
from bot.turn.guard import exception_name, handle_guarded, send_notices

logger = logging.getLogger(__name__)

WELCOME_PAYLOAD = "/greet"
MAX_BODY_BYTES = 256 * 1024


# -- output ----------------------------------------------------------------------------------------------------------
class TeamsOutput(OutputChannel):
    """Sends the bot's messages to the Teams conversation the activity came from, one connector call each."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    def __init__(self, client: ConnectorClient, activity: dict[str, Any]) -> None:
        self.client = client
        self.service_url = str(activity.get("serviceUrl") or "")
        self.conversation = activity.get("conversation") or {}
        self.bot = activity.get("recipient") or {}
        self.user = activity.get("from") or {}
        self.reply_to_id = activity.get("id")
        self.locale = activity.get("locale") or "nl-NL"

    def _address(self, activity: dict[str, Any]) -> dict[str, Any]:
        addressed = {
            "from": self.bot,
            "recipient": self.user,
            "conversation": self.conversation,
            "locale": self.locale,
            **activity,
        }
        if self.reply_to_id:
            addressed.setdefault("replyToId", self.reply_to_id)
        return addressed

    async def send_activity(self, activity: dict[str, Any], attempts: int | None = None) -> bool:
        addressed = self._address(activity)
        try:
            await self.client.send_activity(
                self.service_url, str(self.conversation.get("id", "")), addressed, attempts=attempts
            )
        except ConnectorError as error:
            level = logging.DEBUG if addressed.get("type") == "typing" else logging.ERROR
            logger.log(level, "Could not send a %s activity to Teams: %s", addressed.get("type"), error)
            return False
        return True

    async def send_typing(self) -> bool:
        return await self.send_activity({"type": "typing"}, attempts=1)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        if text and text.strip():
            await self.send_activity(text_activity(text))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_activity(buttons_activity(text or "", buttons))

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_activity(buttons_activity(text or "", quick_replies))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        card = adaptive_card([{"type": "Image", "url": image, "altText": "afbeelding"}], image)
        await self.send_activity(card_activity(card))

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, f"Bijlage: {attachment}")

    async def send_elements(self, recipient_id: str, elements: Any, **kwargs: Any) -> None:
        logger.debug("Carousel elements are not rendered in Teams")

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        if not isinstance(json_message, dict):
            return
        for activity in custom_activities(json_message):
            await self.send_activity(activity)


# -- input -----------------------------------------------------------------------------------------------------------
def _setting(credentials: dict[str, Any], key: str, env: str | None = None, default: Any = None) -> Any:
    value = credentials.get(key)
    if value in (None, "") and env:
        value = os.environ.get(env)
    return default if value in (None, "") else value


class TeamsInput(InputChannel):
    """Microsoft Teams through the Bot Framework connector, with its authentication rules enforced."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """The channel as Rasa builds it from credentials.yml; our Rasa patches are installed first."""
        rasa_patches.install()
        credentials = credentials or {}
        app_id = _setting(credentials, "app_id", "TEAMS_APP_ID")
        app_password = _setting(credentials, "app_password", "TEAMS_APP_PASSWORD")
        if not app_id or not app_password:
            cls.raise_missing_credentials_exception()
        return cls(
            str(app_id),
            str(app_password),
            tenant_id=_setting(credentials, "tenant_id", "TEAMS_TENANT_ID"),
            openid_metadata_url=_setting(credentials, "openid_metadata_url", default=BOTFRAMEWORK_OPENID_METADATA_URL),
            token_url=_setting(credentials, "token_url"),
            issuer=_setting(credentials, "issuer", default=BOTFRAMEWORK_ISSUER),
            oauth_scope=_setting(credentials, "oauth_scope", default=BOTFRAMEWORK_SCOPE),
            jwks_refresh_min_seconds=float(
                _setting(credentials, "jwks_refresh_min_seconds", default=UNKNOWN_KID_REFRESH_SECONDS)
            ),
            connector_timeout=float(_setting(credentials, "connector_timeout", default=15.0)),
            connector_max_attempts=int(_setting(credentials, "connector_max_attempts", default=4)),
            connector_backoff=float(_setting(credentials, "connector_backoff", default=0.5)),
            typing_interval=float(_setting(credentials, "typing_interval", default=3.0)),
        )

    def __init__(
        self,
        app_id: str,
        app_password: str,
        *,
        tenant_id: str | None = None,
        openid_metadata_url: str = BOTFRAMEWORK_OPENID_METADATA_URL,
        token_url: str | None = None,
        issuer: str = BOTFRAMEWORK_ISSUER,
        oauth_scope: str = BOTFRAMEWORK_SCOPE,
        jwks_refresh_min_seconds: float = UNKNOWN_KID_REFRESH_SECONDS,
        connector_timeout: float = 15.0,
        connector_max_attempts: int = 4,
        connector_backoff: float = 0.5,
        typing_interval: float = 3.0,
    ) -> None:
        self.app_id = app_id
        self.tenant_id = (tenant_id or "").strip() or None
        self.token_url = token_url or token_endpoint(self.tenant_id)
        self.keys = OpenIdKeyCache(openid_metadata_url, unknown_kid_refresh=jwks_refresh_min_seconds)
        self.authenticator = BotFrameworkAuthenticator(app_id, self.keys, issuer=issuer, leeway=CLOCK_SKEW_SECONDS)
        self.client = ConnectorClient(
            app_id,
            app_password,
            token_url=self.token_url,
            scope=oauth_scope,
            timeout=connector_timeout,
            max_attempts=connector_max_attempts,
            backoff=connector_backoff,
        )
        self.typing_interval = typing_interval
        self._tasks: set[asyncio.Task] = set()
        self._conversation_locks: dict[str, asyncio.Lock] = {}
        self._lock_users: dict[str, int] = {}

    def get_output_channel(self) -> OutputChannel | None:
        return None  # replies need the serviceUrl and conversation of an incoming activity

    # -- processing ----------------------------------------------------------------------------------------------
    async def _keep_typing(self, output: TeamsOutput) -> None:
        """Renew the typing indicator (Teams shows it for a few seconds) until cancelled."""
        while True:
            await asyncio.sleep(self.typing_interval)
            try:
                await output.send_typing()
            except Exception:
                logger.debug("Teams: typing indicator failed", exc_info=True)

    async def _process(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        message: UserMessage | None,
        output: TeamsOutput,
        notices: Sequence[Notice] = (),
        key: str | None = None,
    ) -> None:
        """Handle one message in arrival order per conversation: first the notices about it (if any), then the turn
        (if there is a message), guarded so that the user always gets an answer, with a typing indicator while the
        bot works."""
        key = key or (message.sender_id if message is not None else "")
        lock = self._conversation_locks.setdefault(key, asyncio.Lock())
        self._lock_users[key] = self._lock_users.get(key, 0) + 1
        try:
            async with lock:
                try:
                    await send_notices(output, key, notices)
                except Exception:  # the connector logs its own failures
                    logger.debug("Teams: sending a notice failed", exc_info=True)
                if message is None:
                    return
                try:
                    await output.send_typing()
                except Exception:  # a typing indicator is never worth losing the message
                    logger.debug("Teams: typing indicator failed", exc_info=True)
                typing = asyncio.ensure_future(self._keep_typing(output))
                try:
                    await handle_guarded(on_new_message, message, output, channel=self.name())
                except Exception:  # never let one failing turn kill the channel
                    logger.error("Teams: handling a message failed")
                    logger.debug("Teams: details", exc_info=True)
                finally:
                    typing.cancel()
        finally:
            self._lock_users[key] -= 1
            if not self._lock_users[key]:
                self._lock_users.pop(key, None)
                self._conversation_locks.pop(key, None)

    def _schedule(self, coroutine: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _user_message(self, text: str, activity: dict[str, Any], output: TeamsOutput | None = None) -> UserMessage:
        return UserMessage(
            text=text,
            output_channel=output or TeamsOutput(self.client, activity),
            sender_id=sender_id_for(activity),
            input_channel=self.name(),
            message_id=activity.get("id"),
            metadata=activity_metadata(activity),
        )

    # -- webhook -------------------------------------------------------------------------------------------------
    async def handle_request(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            identity = await self.authenticator.authenticate(request.headers.get("Authorization"))
        except AuthError as error:
            logger.warning("Teams: rejected a request (%s): %s", error.status, error)
            return response.json({"error": "unauthorized" if error.status == 401 else str(error)}, status=error.status)
        if len(request.body or b"") > MAX_BODY_BYTES:
            return response.json({"error": "too large"}, status=413)
        try:
            activity = json.loads(request.body or b"")
        except (ValueError, RecursionError):
            return response.json({"error": "invalid JSON"}, status=400)
        if not isinstance(activity, dict):
            return response.json({"error": "an activity must be a JSON object"}, status=400)
        try:
            self.authenticator.check_activity(identity, activity)
        except AuthError as error:
            logger.warning("Teams: rejected an activity (%s): %s", error.status, error)
            return response.json({"error": "unauthorized" if error.status == 401 else "forbidden"}, status=error.status)

        kind = activity.get("type")
        if any(
            not isinstance(activity.get(part) or {}, dict)
            for part in ("conversation", "from", "recipient", "channelData")
        ):
            return response.json({"error": "conversation, from, recipient and channelData must be objects"}, status=400)
        if not activity.get("serviceUrl") or not (activity.get("conversation") or {}).get("id"):
            return response.json({"error": "activity without serviceUrl or conversation"}, status=400)
        if kind == "message":
            if (activity.get("from") or {}).get("id") == (activity.get("recipient") or {}).get("id"):
                return response.empty(status=200)
            cleaned = cleaned_text(activity)
            output = TeamsOutput(self.client, activity)
            message = self._user_message(cleaned.text, activity, output) if cleaned.text is not None else None
            self._schedule(self._process(on_new_message, message, output, cleaned.notices, sender_id_for(activity)))
            return response.empty(status=202)
        if kind == "conversationUpdate" and bot_was_added(activity):
            message = self._user_message(WELCOME_PAYLOAD, activity)
            self._schedule(self._process(on_new_message, message, message.output_channel))
            return response.empty(status=202)
        return response.empty(status=200)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        teams_webhook = Blueprint("teams_webhook", __name__)

        @teams_webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @teams_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            try:
                return await self.handle_request(request, on_new_message)
            except Exception as error:  # a malformed activity is the sender's fault: never a 5xx
                logger.error("Teams: an activity could not be handled (%s)", exception_name(error))
                logger.debug("Teams: details", exc_info=True)
                return response.json({"error": "the activity could not be handled"}, status=400)

        @teams_webhook.listener("after_server_stop")
        async def close_client(app: Any, loop: Any) -> None:
            for task in list(self._tasks):
                task.cancel()
            await self.client.close()

        return teams_webhook
