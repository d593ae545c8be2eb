"""Calls from the bot to the Bot Framework connector: an app token and posting activities.

The token comes from the Microsoft identity platform with the client-credentials grant, from the bot's own tenant
(single-tenant Azure Bot) or, only when no tenant is configured, from the multi-tenant `botframework.com` tenant.
It is cached until shortly before it expires. Every call is asynchronous (aiohttp), has a timeout, and is retried
a bounded number of times on 429 (honouring Retry-After), 5xx and network errors.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

import aiohttp

logger = logging.getLogger(__name__)

LOGIN_URL = "https://login.microsoftonline.com"
MULTI_TENANT = "botframework.com"
BOTFRAMEWORK_SCOPE = "https://api.botframework.com/.default"
TOKEN_EXPIRY_MARGIN_SECONDS = 300


def token_endpoint(tenant_id: str | None = None, login_url: str = LOGIN_URL) -> str:
    """The v2.0 token endpoint: the bot's tenant for a single-tenant bot, `botframework.com` only without a tenant."""
    tenant = (tenant_id or "").strip() or MULTI_TENANT
    return f"{login_url.rstrip('/')}/{quote(tenant, safe='')}/oauth2/v2.0/token"


def activities_url(service_url: str, conversation_id: str) -> str:
    """`{serviceUrl}/v3/conversations/{conversationId}/activities`, the conversation id URL-encoded."""
    return f"{service_url.rstrip('/')}/v3/conversations/{quote(conversation_id, safe='')}/activities"


def retry_after_seconds(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


HeaderFactory = Callable[[], Awaitable[dict[str, str]]]


@dataclass
class HttpResult:
    status: int
    headers: dict[str, str]
    body: bytes


class ConnectorError(Exception):
    """A call to Microsoft that failed for good (after the retries)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ConnectorClient:
    """Posts activities to the connector with a cached app token; bounded retries with backoff."""

    def __init__(
        self,
        app_id: str,
        app_password: str,
        *,
        token_url: str,
        scope: str = BOTFRAMEWORK_SCOPE,
        timeout: float = 15.0,
        max_attempts: int = 4,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        max_retry_after: float = 30.0,
    ) -> None:
        self.app_id = app_id
        self.app_password = app_password
        self.token_url = token_url
        self.scope = scope
        self.timeout = timeout
        self.max_attempts = max(1, int(max_attempts))
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self._token: str | None = None
        self._token_expires_at = 0.0
        self._token_lock: asyncio.Lock | None = None
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- session -----------------------------------------------------------------------------------------------
    def _session_for_loop(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
            self._loop = loop
            self._token_lock = asyncio.Lock()
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    # -- HTTP with retries ---------------------------------------------------------------------------------------
    def _delay(self, attempt: int) -> float:
        base = min(self.max_backoff, self.backoff * (2 ** (attempt - 1)))
        return base * (0.75 + random.random() / 2)

    async def _post(
        self,
        url: str,
        what: str,
        *,
        headers: HeaderFactory | None = None,
        attempts: int | None = None,
        **kwargs: Any,
    ) -> HttpResult:
        """POST with retries on 429/5xx/network errors; returns the final answer or raises ConnectorError."""
        session = self._session_for_loop()
        last_error = ""
        max_attempts = max(1, attempts or self.max_attempts)
        for attempt in range(1, max_attempts + 1):
            try:
                request_headers = await headers() if headers is not None else None
                async with session.post(url, headers=request_headers, **kwargs) as response:
                    result = HttpResult(response.status, dict(response.headers), await response.read())
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                last_error = f"{type(error).__name__}: {error}"
                if attempt < max_attempts:
                    wait = self._delay(attempt)
                    logger.warning(
                        "%s failed (%s), retry %d/%d in %.1f s", what, last_error, attempt, max_attempts - 1, wait
                    )
                    await asyncio.sleep(wait)
                continue
            if result.status == 429 or result.status >= 500:
                last_error = f"HTTP {result.status}"
                if attempt < max_attempts:
                    wait = self._delay(attempt)
                    if result.status == 429:
                        wait = min(self.max_retry_after, retry_after_seconds(result.headers.get("Retry-After"), wait))
                    logger.warning(
                        "%s: HTTP %s, retry %d/%d in %.1f s", what, result.status, attempt, max_attempts - 1, wait
                    )
                    await asyncio.sleep(wait)
                    continue
                break
            return result
        raise ConnectorError(f"{what} failed after {max_attempts} attempts ({last_error})")

    # -- token ---------------------------------------------------------------------------------------------------
    def invalidate_token(self) -> None:
        self._token = None
        self._token_expires_at = 0.0

    async def token(self) -> str:
        """The app's access token for the connector, fetched with client credentials and cached until expiry."""
        self._session_for_loop()
        assert self._token_lock is not None
        async with self._token_lock:
            if self._token and time.monotonic() < self._token_expires_at:
                return self._token
            form = {
                "grant_type": "client_credentials",
                "client_id": self.app_id,
                "client_secret": self.app_password,
                "scope": self.scope,
            }
            result = await self._post(self.token_url, "Token request", data=form)
            if result.status != 200:
                raise ConnectorError(f"Token request refused: HTTP {result.status}", result.status)
            try:
                data = json.loads(result.body)
                token = data["access_token"]
                expires_in = float(data.get("expires_in", 3600))
            except (ValueError, KeyError, TypeError) as error:
                raise ConnectorError(f"Token response unreadable: {error}") from error
            self._token = token
            self._token_expires_at = time.monotonic() + expires_in - min(TOKEN_EXPIRY_MARGIN_SECONDS, expires_in / 2)
            return token

    async def _auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self.token()}"}

    # -- activities ----------------------------------------------------------------------------------------------
    async def send_activity(
        self, service_url: str, conversation_id: str, activity: dict[str, Any], *, attempts: int | None = None
    ) -> dict[str, Any]:
        """POST an activity to the conversation; returns the connector's answer (usually `{"id": ...}`).
        `attempts` overrides the number of tries (typing indicators are not worth waiting for)."""
        url = activities_url(service_url, conversation_id)
        for auth_attempt in range(2):
            result = await self._post(
                url,
                f"Sending {activity.get('type', 'message')} activity",
                json=activity,
                headers=self._auth_headers,
                attempts=attempts,
            )
            if result.status in (401, 403) and auth_attempt == 0:
                logger.warning("Connector refused our token (HTTP %s); fetching a new one", result.status)
                self.invalidate_token()
                continue
            if result.status >= 300:  # the body may echo the activity (bot text): only at DEBUG, never in the error
                logger.debug("Connector answer body: %r", result.body[:300])
                raise ConnectorError(f"Connector answered HTTP {result.status}", result.status)
            try:
                answer = json.loads(result.body or b"{}")
            except ValueError:
                answer = {}
            return answer if isinstance(answer, dict) else {}
        raise ConnectorError("Connector refused the token twice", 401)
