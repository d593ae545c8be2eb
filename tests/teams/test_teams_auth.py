"""The Bot Framework authentication rules of the Teams channel, against the fake OpenID metadata and keys."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time

import pytest
from cryptography.hazmat.primitives import serialization

from bot.teams.auth import AuthError, BotFrameworkAuthenticator, KeysUnavailable, OpenIdKeyCache
from tests.teams.chat import APP_ID, activity
from tests.teams.fake_microsoft import new_rsa_key


def authenticator(fake, refresh: float = 0.0) -> BotFrameworkAuthenticator:
    return BotFrameworkAuthenticator(APP_ID, OpenIdKeyCache(fake.metadata_url, unknown_kid_refresh=refresh))


def check(auth: BotFrameworkAuthenticator, token: str, body: dict):
    async def run():
        identity = await auth.authenticate(f"Bearer {token}")
        auth.check_activity(identity, body)
        return identity

    return asyncio.run(run())


def rejected(auth, token, body) -> int:
    with pytest.raises(AuthError) as error:
        check(auth, token, body)
    return error.value.status


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_a_valid_token_is_accepted(fake):
    identity = check(authenticator(fake), fake.connector_token(fake.service_url), activity(fake.service_url))
    assert identity.claims["aud"] == APP_ID and "msteams" in identity.endorsements


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not.a.jwt"])
def test_no_or_malformed_authorization_header(fake, header):
    with pytest.raises(AuthError) as error:
        asyncio.run(authenticator(fake).authenticate(header))
    assert error.value.status == 401


@pytest.mark.parametrize(
    "kwargs",
    [
        {"issuer": "https://sts.windows.net/attacker/"},
        {"issuer": "https://api.botframework.com/"},
        {"audience": "another-bot-app-id"},
        {"expires": -301 - 30},  # expired beyond the 5 minutes of clock skew
        {"not_before": 301 + 30},  # not yet valid beyond the skew
        {"drop": ("exp",)},  # a token must expire
        {"drop": ("serviceurl",)},  # and name the service it is for
    ],
    ids=["issuer", "issuer-slash", "audience", "expired", "not-yet-valid", "no-exp", "no-serviceurl"],
)
def test_wrong_claims_are_rejected(fake, kwargs):
    assert (
        rejected(authenticator(fake), fake.connector_token(fake.service_url, **kwargs), activity(fake.service_url))
        == 401
    )


def test_clock_skew_of_five_minutes_is_allowed(fake):
    auth = authenticator(fake)
    check(auth, fake.connector_token(fake.service_url, expires=-200), activity(fake.service_url))
    check(auth, fake.connector_token(fake.service_url, not_before=200), activity(fake.service_url))


def test_a_token_signed_by_another_key_is_rejected(fake):
    forged = fake.connector_token(fake.service_url, kid=fake.main_kid, key=new_rsa_key(1))
    assert rejected(authenticator(fake), forged, activity(fake.service_url)) == 401


def test_alg_none_is_rejected(fake):
    now = int(time.time())
    token = fake.unsigned_token(
        {
            "iss": "https://api.botframework.com",
            "aud": APP_ID,
            "serviceurl": fake.service_url,
            "nbf": now - 60,
            "exp": now + 3600,
        },
        fake.main_kid,
    )
    assert rejected(authenticator(fake), token, activity(fake.service_url)) == 401


def test_hs256_signed_with_the_public_key_is_rejected(fake):
    """The classic algorithm confusion: HMAC with the (public) RSA key as the secret."""
    now = int(time.time())
    public_pem = (
        fake.keys[fake.main_kid]
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": fake.main_kid}).encode())
    claims = b64(
        json.dumps(
            {
                "iss": "https://api.botframework.com",
                "aud": APP_ID,
                "serviceurl": fake.service_url,
                "nbf": now - 60,
                "exp": now + 3600,
            }
        ).encode()
    )
    signature = b64(hmac.new(public_pem, f"{header}.{claims}".encode(), hashlib.sha256).digest())
    assert rejected(authenticator(fake), f"{header}.{claims}.{signature}", activity(fake.service_url)) == 401


def test_rs256_header_is_the_only_algorithm_even_if_it_would_verify(fake):
    token = fake.connector_token(fake.service_url)
    header, claims, signature = token.split(".")
    ps256_header = b64(json.dumps({"alg": "RS512", "typ": "JWT", "kid": fake.main_kid}).encode())
    assert rejected(authenticator(fake), f"{ps256_header}.{claims}.{signature}", activity(fake.service_url)) == 401


def test_service_url_claim_must_match_the_activity(fake):
    token = fake.connector_token("https://smba.trafficmanager.net/emea/")
    assert rejected(authenticator(fake), token, activity(fake.service_url)) == 401
    # a trailing slash is not a different service
    check(authenticator(fake), fake.connector_token(fake.service_url.rstrip("/")), activity(fake.service_url))


def test_channel_must_be_endorsed_by_the_key(fake):
    token = fake.connector_token(fake.service_url)
    assert rejected(authenticator(fake), token, activity(fake.service_url, channel_id="slack")) == 403
    check(authenticator(fake), token, activity(fake.service_url, channel_id="webchat"))


def test_unknown_key_id_is_rejected_until_the_keys_rotate(fake):
    auth = authenticator(fake, refresh=0.0)
    check(auth, fake.connector_token(fake.service_url), activity(fake.service_url))
    new_key = new_rsa_key(1)
    token = fake.connector_token(fake.service_url, kid="rotated-key", key=new_key)
    assert rejected(auth, token, activity(fake.service_url)) == 401
    fake.publish("rotated-key", new_key)
    check(auth, token, activity(fake.service_url))


def test_keys_are_cached_and_unknown_key_refreshes_are_rate_limited(fake):
    auth = authenticator(fake, refresh=300.0)
    for _ in range(3):
        check(auth, fake.connector_token(fake.service_url), activity(fake.service_url))
    assert fake.keys_hits == 1
    unknown = fake.connector_token(fake.service_url, kid="nobody-knows", key=new_rsa_key(1))
    for _ in range(3):
        assert rejected(auth, unknown, activity(fake.service_url)) == 401
    assert fake.keys_hits == 1  # an attacker cannot make us hammer Microsoft


def test_unreachable_metadata_is_a_503_not_a_pass(fake):
    auth = BotFrameworkAuthenticator(APP_ID, OpenIdKeyCache("http://127.0.0.1:9/nothing", timeout=2))
    with pytest.raises(KeysUnavailable) as error:
        asyncio.run(auth.authenticate(f"Bearer {fake.connector_token(fake.service_url)}"))
    assert error.value.status == 503
