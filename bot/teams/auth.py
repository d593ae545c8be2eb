"""Authenticating requests from the Bot Framework connector service to the bot.

Implements the checks of "Authentication with the Bot Connector API" (connector service to bot):

1. an `Authorization: Bearer <JWT>` header;
2. the token is signed with RS256 (nothing else is accepted, whatever its header claims);
3. the signing key is one listed in the `jwks_uri` of the OpenID metadata document; keys are cached, refreshed
   at most daily and, rate-limited, when a token names a key id we do not know;
4. issuer `https://api.botframework.com`, audience the bot's app id, valid now with 5 minutes clock skew;
5. the `serviceurl` claim equals the activity's `serviceUrl`;
6. when the key carries endorsements and the activity names a `channelId`, the channel is among them (else 403).

Network I/O uses aiohttp, so the event loop is never blocked.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm

logger = logging.getLogger(__name__)

BOTFRAMEWORK_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
BOTFRAMEWORK_ISSUER = "https://api.botframework.com"
ALLOWED_ALGORITHM = "RS256"
CLOCK_SKEW_SECONDS = 300
KEYS_MAX_AGE_SECONDS = 24 * 3600
UNKNOWN_KID_REFRESH_SECONDS = 300
FAILED_FETCH_RETRY_SECONDS = 10


class AuthError(Exception):
    """A request that must not reach the bot; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


class KeysUnavailable(AuthError):
    """The signing keys could not be fetched at all (Microsoft unreachable): answer 503."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=503)


@dataclass
class SigningKey:
    kid: str
    public_key: Any
    endorsements: list[str] | None = None


@dataclass
class Identity:
    """What a valid token tells us about the caller."""

    claims: dict[str, Any]
    key: SigningKey
    service_url: str = ""
    endorsements: list[str] = field(default_factory=list)


def normalise_service_url(url: str | None) -> str:
    """Service URLs compared without a trailing slash (`https://smba.trafficmanager.net/emea/` equals `.../emea`)."""
    return (url or "").strip().rstrip("/")


class OpenIdKeyCache:
    """The Bot Framework signing keys from OpenID metadata, fetched over aiohttp and cached."""

    def __init__(
        self,
        metadata_url: str = BOTFRAMEWORK_OPENID_METADATA_URL,
        *,
        max_age: float = KEYS_MAX_AGE_SECONDS,
        unknown_kid_refresh: float = UNKNOWN_KID_REFRESH_SECONDS,
        timeout: float = 10.0,
    ) -> None:
        self.metadata_url = metadata_url
        self.max_age = max_age
        self.unknown_kid_refresh = unknown_kid_refresh
        self.timeout = timeout
        self._keys: dict[str, SigningKey] = {}
        self._fetched_at: float | None = None  # monotonic time of the last successful fetch
        self._attempted_at: float | None = None  # monotonic time of the last attempt (success or not)
        self._lock = asyncio.Lock()

    async def _fetch(self) -> dict[str, SigningKey]:
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(self.metadata_url) as response:
                response.raise_for_status()
                metadata = await response.json(content_type=None)
            jwks_uri = metadata.get("jwks_uri")
            if not isinstance(jwks_uri, str) or not jwks_uri:
                raise ValueError("OpenID metadata has no jwks_uri")
            algs = metadata.get("id_token_signing_alg_values_supported")
            if isinstance(algs, list) and ALLOWED_ALGORITHM not in algs:
                logger.warning("OpenID metadata at %s does not list %s", self.metadata_url, ALLOWED_ALGORITHM)
            async with session.get(jwks_uri) as response:
                response.raise_for_status()
                document = await response.json(content_type=None)
        keys: dict[str, SigningKey] = {}
        for jwk in document.get("keys", []):
            kid = jwk.get("kid")
            if not kid or jwk.get("kty") != "RSA":
                continue
            try:
                public_key = RSAAlgorithm.from_jwk(json.dumps(jwk))
            except (jwt.InvalidKeyError, ValueError, TypeError) as error:
                logger.warning("Skipping unusable signing key %s: %s", kid, error)
                continue
            endorsements = jwk.get("endorsements")
            keys[kid] = SigningKey(kid, public_key, list(endorsements) if isinstance(endorsements, list) else None)
        return keys

    async def refresh(self) -> bool:
        """Fetch the keys now; keep the old ones if that fails. True when the fetch succeeded."""
        self._attempted_at = time.monotonic()
        try:
            keys = await self._fetch()
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError, AttributeError, TypeError) as error:
            logger.warning("Could not fetch Bot Framework signing keys from %s: %s", self.metadata_url, error)
            return False
        self._keys = keys
        self._fetched_at = time.monotonic()
        logger.debug("Fetched %d Bot Framework signing keys", len(keys))
        return True

    async def get(self, kid: str) -> SigningKey | None:
        """The key with this id: from the cache, after a refresh when the cache is stale, or (rate-limited) when
        the id is unknown. None when it stays unknown; KeysUnavailable when no keys could ever be fetched."""
        async with self._lock:
            now = time.monotonic()
            stale = self._fetched_at is None or now - self._fetched_at > self.max_age
            if stale and (self._attempted_at is None or now - self._attempted_at >= FAILED_FETCH_RETRY_SECONDS):
                await self.refresh()
            if self._fetched_at is None:
                raise KeysUnavailable("Bot Framework signing keys are unavailable")
            key = self._keys.get(kid)
            if key is None and time.monotonic() - (self._attempted_at or 0.0) >= self.unknown_kid_refresh:
                logger.info("Unknown signing key id %r: refreshing the Bot Framework keys", kid)
                await self.refresh()
                key = self._keys.get(kid)
            return key


class BotFrameworkAuthenticator:
    """Validates the bearer token of an incoming activity as the Bot Framework requires."""

    def __init__(
        self, app_id: str, keys: OpenIdKeyCache, *, issuer: str = BOTFRAMEWORK_ISSUER, leeway: int = CLOCK_SKEW_SECONDS
    ) -> None:
        if not app_id:
            raise ValueError("app_id is required to validate Bot Framework tokens")
        self.app_id = app_id
        self.keys = keys
        self.issuer = issuer
        self.leeway = leeway

    async def authenticate(self, authorization: str | None) -> Identity:
        """Check the header's token (signature, algorithm, issuer, audience, validity); raise AuthError if not valid."""
        if not authorization:
            raise AuthError("No Authorization header")
        scheme, _, token = authorization.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise AuthError("The Authorization header holds no Bearer token")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise AuthError(f"Malformed token: {error}") from error
        if header.get("alg") != ALLOWED_ALGORITHM:
            raise AuthError(f"Token algorithm {header.get('alg')!r} is not allowed")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise AuthError("Token names no key id")
        key = await self.keys.get(kid)
        if key is None:
            raise AuthError(f"Token signed with unknown key id {kid!r}")
        try:
            claims = jwt.decode(
                token,
                key=key.public_key,
                algorithms=[ALLOWED_ALGORITHM],
                audience=self.app_id,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iss", "aud"], "verify_signature": True},
            )
        except jwt.PyJWTError as error:
            raise AuthError(f"Invalid token: {error}") from error
        return Identity(
            claims=claims,
            key=key,
            service_url=str(claims.get("serviceurl") or ""),
            endorsements=list(key.endorsements or []),
        )

    @staticmethod
    def check_activity(identity: Identity, activity: dict[str, Any]) -> None:
        """The activity-bound checks: the `serviceurl` claim equals `serviceUrl` (401), the key endorses the channel
        (403)."""
        claim = normalise_service_url(identity.claims.get("serviceurl"))
        if not claim:
            raise AuthError("Token has no serviceurl claim")
        if claim != normalise_service_url(activity.get("serviceUrl")):
            raise AuthError("The serviceurl claim does not match the activity's serviceUrl")
        channel_id = activity.get("channelId")
        if identity.key.endorsements is not None and isinstance(channel_id, str) and channel_id.strip():
            if channel_id not in identity.key.endorsements:
                raise AuthError(f"The signing key is not endorsed for channel {channel_id!r}", status=403)
