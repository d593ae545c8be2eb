"""A local stand-in for Microsoft's side of a Teams bot, on a free loopback port.

- `GET /v1/.well-known/openidconfiguration`: OpenID metadata whose `jwks_uri` points here
- `GET /v1/.well-known/keys`: the published signing keys (RSA keys generated here), with endorsements
- `POST /{tenant}/oauth2/v2.0/token`: client-credentials tokens for the bot
- `POST /v3/conversations/{id}/activities`: the connector; records every activity, can fail on request

It also mints the connector's JWTs, correct or deliberately wrong, for the tests to send to the bot.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "https://api.botframework.com"


_KEYS: list[rsa.RSAPrivateKey] = []


def new_rsa_key(index: int | None = None) -> rsa.RSAPrivateKey:
    """A fresh 2048-bit RSA key; with an index, the session's n-th key (generated once, to keep tests fast)."""
    if index is None:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    while len(_KEYS) <= index:
        _KEYS.append(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    return _KEYS[index]


@dataclass
class Recorded:
    conversation_id: str
    activity: dict[str, Any]
    authorization: str


@dataclass
class FakeMicrosoft:
    app_id: str
    app_password: str
    tenant_id: str
    endorsements: list[str] = field(default_factory=lambda: ["msteams", "webchat"])

    def __post_init__(self) -> None:
        self.keys: dict[str, Any] = {}  # kid -> private key (published)
        self.key_endorsements: dict[str, list[str]] = {}
        self.main_kid = "test-key-1"
        self.publish(self.main_kid, new_rsa_key(0), self.endorsements)
        self.activities: list[Recorded] = []
        self.attempts: list[Recorded] = []  # every POST to the connector, failed ones included
        self.token_requests: list[dict[str, Any]] = []
        self.metadata_hits = 0
        self.keys_hits = 0
        self.issued_tokens: list[str] = []
        self.failures: list[dict[str, Any]] = []  # planned connector failures, consumed in order
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    # -- keys and tokens ---------------------------------------------------------------------------------------------
    def publish(self, kid: str, key: Any, endorsements: list[str] | None = None) -> None:
        self.keys[kid] = key
        self.key_endorsements[kid] = list(endorsements) if endorsements is not None else list(self.endorsements)

    def jwks(self) -> dict[str, Any]:
        keys = []
        for kid, key in self.keys.items():
            jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
            jwk.update({"kid": kid, "use": "sig", "endorsements": self.key_endorsements[kid]})
            keys.append(jwk)
        return {"keys": keys}

    def connector_token(
        self,
        service_url: str,
        *,
        kid: str | None = None,
        key: Any = None,
        issuer: str = ISSUER,
        audience: str | None = None,
        lifetime: int = 3600,
        not_before: int = -60,
        expires: int | None = None,
        claims: dict[str, Any] | None = None,
        drop: tuple = (),
    ) -> str:
        """A token as the Bot Framework connector signs it (`expires`/`not_before` are seconds from now)."""
        kid = kid or self.main_kid
        key = key or self.keys[kid]
        now = int(time.time())
        payload = {
            "serviceurl": service_url,
            "iss": issuer,
            "aud": audience or self.app_id,
            "nbf": now + not_before,
            "exp": now + (expires if expires is not None else lifetime),
        }
        payload.update(claims or {})
        for name in drop:
            payload.pop(name, None)
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid})

    @staticmethod
    def unsigned_token(payload: dict[str, Any], kid: str) -> str:
        """`alg: none`: header and claims, no signature."""
        return jwt.encode(payload, None, algorithm="none", headers={"kid": kid})

    # -- server ------------------------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def service_url(self) -> str:
        return f"{self.url}/amer/"

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/v1/.well-known/openidconfiguration"

    @property
    def token_url(self) -> str:
        return f"{self.url}/{self.tenant_id}/oauth2/v2.0/token"

    def start(self) -> FakeMicrosoft:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                if path == "/v1/.well-known/openidconfiguration":
                    with fake.lock:
                        fake.metadata_hits += 1
                    self._json(
                        200,
                        {
                            "issuer": ISSUER,
                            "jwks_uri": f"{fake.url}/v1/.well-known/keys",
                            "id_token_signing_alg_values_supported": ["RS256"],
                            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                        },
                    )
                elif path == "/v1/.well-known/keys":
                    with fake.lock:
                        fake.keys_hits += 1
                        body = fake.jwks()
                    self._json(200, body)
                else:
                    self._json(404, {"error": "not found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                parts = urlsplit(self.path).path.split("/")
                if len(parts) == 5 and parts[2:] == ["oauth2", "v2.0", "token"]:
                    form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                    with fake.lock:
                        fake.token_requests.append({"tenant": parts[1], **form})
                    if (
                        form.get("grant_type") != "client_credentials"
                        or form.get("client_id") != fake.app_id
                        or form.get("client_secret") != fake.app_password
                        or parts[1] != fake.tenant_id
                    ):
                        self._json(401, {"error": "invalid_client"})
                        return
                    token = f"fake-access-token-{uuid.uuid4().hex}"
                    with fake.lock:
                        fake.issued_tokens.append(token)
                    self._json(
                        200, {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}
                    )
                    return
                # /amer/v3/conversations/{id}/activities
                if len(parts) == 6 and parts[2:4] == ["v3", "conversations"] and parts[5] == "activities":
                    conversation_id = unquote(parts[4])
                    authorization = self.headers.get("Authorization", "")
                    try:
                        activity = json.loads(raw)
                    except ValueError:
                        self._json(400, {"error": "bad json"})
                        return
                    record = Recorded(conversation_id, activity, authorization)
                    with fake.lock:
                        fake.attempts.append(record)
                        failure = None
                        if fake.failures and activity.get("type") in fake.failures[0]["types"]:
                            failure = fake.failures.pop(0)
                        known = authorization.startswith("Bearer ") and authorization[7:] in fake.issued_tokens
                    if not known:
                        self._json(401, {"error": "unauthorized"})
                        return
                    if failure:
                        self._json(failure["status"], {"error": "planned failure"}, failure.get("headers"))
                        return
                    with fake.lock:
                        fake.activities.append(record)
                    self._json(200, {"id": f"activity-{uuid.uuid4().hex[:8]}"})
                    return
                self._json(404, {"error": "not found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    # -- helpers for tests -------------------------------------------------------------------------------------------
    def fail_next(self, status: int, retry_after: str | None = None, types: tuple = ("message",)) -> None:
        """Answer the next connector POST of an activity of these types with this status (failures queue up)."""
        with self.lock:
            self.failures.append(
                {"status": status, "headers": {"Retry-After": retry_after} if retry_after else None, "types": types}
            )

    def recorded(self, conversation_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [r.activity for r in self.activities if r.conversation_id == conversation_id]

    def wait_for(self, condition: Callable[[], bool], timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        raise AssertionError("the fake connector did not receive what was expected in time")
