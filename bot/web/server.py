"""`python -m bot.web.server`: the chat page of the web widget (bot/web/static) on WEB_PORT (default 8080).

Routes:
  /                         the chat page (bot/web/static/index.html); other files of bot/web/static by name
  /vendor/socket.io.min.js  the Socket.IO 4 client, installed by `make web` into bot/web/node_modules
  /config.json              where the browser finds Rasa's socket (and a JWT when SOCKET_JWT_KEY is set)
  /api/history/<session>    the conversation so far, read from Rasa's tracker (so a reload keeps it)
  /health                   200 when up

Settings (environment): WEB_HOST (127.0.0.1), WEB_PORT (8080), RASA_URL (how this server reaches Rasa,
http://127.0.0.1:$RASA_PORT), RASA_PUBLIC_URL (how the browser reaches Rasa; by default the page's host name
on RASA_PORT), RASA_AUTH_TOKEN (Rasa's --auth-token, used for the history), SOCKET_JWT_KEY /
SOCKET_JWT_METHOD (sign a one-hour token per page load for the socket; only behind your own login).
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
SOCKET_IO_CLIENT = WEB_DIR / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
STATIC_NAME = re.compile(r"^[A-Za-z0-9_-]+\.(html|css|js|svg|png|ico)$")
DEFAULT_WEB_PORT = 8080
DEFAULT_RASA_PORT = 5005


class Settings:
    """The web server's settings, from the environment unless given."""

    def __init__(self, **overrides: Any) -> None:
        env = os.environ
        self.host: str = overrides.get("host") or env.get("WEB_HOST", "127.0.0.1")
        self.port: int = int(overrides.get("port") or env.get("WEB_PORT", str(DEFAULT_WEB_PORT)))
        rasa_port = int(env.get("RASA_PORT", DEFAULT_RASA_PORT))
        self.rasa_url: str = (
            overrides.get("rasa_url") or env.get("RASA_URL") or f"http://127.0.0.1:{rasa_port}"
        ).rstrip("/")
        self.rasa_port: int = urllib.parse.urlsplit(self.rasa_url).port or rasa_port
        self.rasa_public_url: str | None = (env.get("RASA_PUBLIC_URL") or "").rstrip("/") or None
        self.rasa_token: str | None = env.get("RASA_AUTH_TOKEN") or None
        self.jwt_key: str | None = env.get("SOCKET_JWT_KEY") or None
        self.jwt_method: str = env.get("SOCKET_JWT_METHOD") or "HS256"
        self.socket_path: str = env.get("SOCKET_PATH", "/socket.io")


def history_entries(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the widget shows of a tracker's events: user texts, bot messages, restarts."""
    entries: list[dict[str, Any]] = []
    for event in events:
        kind = event.get("event")
        if kind == "user":
            metadata = event.get("metadata") or {}
            shown = metadata.get("title") if isinstance(metadata.get("title"), str) else None
            text = shown or event.get("text") or ""
            if text:
                entries.append({"from": "user", "text": text})
        elif kind == "bot":
            data = event.get("data") or {}
            entry: dict[str, Any] = {"from": "bot"}
            if event.get("text"):
                entry["text"] = event["text"]
            buttons = data.get("buttons") or data.get("quick_replies")
            if buttons:
                entry["quick_replies"] = [
                    {"title": b.get("title", ""), "payload": b.get("payload", "")}
                    for b in buttons
                    if isinstance(b, dict)
                ]
            if isinstance(data.get("custom"), dict):
                entry["custom"] = data["custom"]
            if len(entry) > 1:
                entries.append(entry)
        elif kind == "restart":
            entries.append({"from": "system", "event": "restart"})
    return entries


def issue_token(settings: Settings) -> str | None:
    """A one-hour JWT for the socket, when SOCKET_JWT_KEY is set."""
    if not settings.jwt_key:
        return None
    import jwt  # PyJWT, installed with Rasa

    now = int(time.time())
    return jwt.encode(
        {"sub": "web-widget", "iat": now, "exp": now + 3600}, settings.jwt_key, algorithm=settings.jwt_method
    )


def token_valid(settings: Settings, header: str | None) -> bool:
    if not settings.jwt_key:
        return True
    if not header or not header.startswith("Bearer "):
        return False
    import jwt

    try:
        jwt.decode(header[len("Bearer ") :], settings.jwt_key, algorithms=[settings.jwt_method])
        return True
    except jwt.PyJWTError:
        return False


class Handler(BaseHTTPRequestHandler):
    """Serves the page, the Socket.IO client, the config and the history; nothing else."""

    settings: Settings = Settings()
    server_version = "zelfbeheer-web"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # the base class's name
        if os.environ.get("WEB_ACCESS_LOG"):
            super().log_message(format, *args)

    # -- helpers ---------------------------------------------------------------------------------------------
    def public_rasa_url(self) -> str:
        if self.settings.rasa_public_url:
            return self.settings.rasa_public_url
        host = (self.headers.get("Host") or "localhost").strip()
        hostname = urllib.parse.urlsplit(f"//{host}").hostname or "localhost"
        if ":" in hostname:
            hostname = f"[{hostname}]"
        return f"http://{hostname}:{self.settings.rasa_port}"

    def security_headers(self) -> list[tuple[str, str]]:
        socket_origin = self.public_rasa_url()
        ws_origin = re.sub(r"^http", "ws", socket_origin)
        csp = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {socket_origin} {ws_origin}; base-uri 'none'; form-action 'self'; "
            "object-src 'none'"
        )
        return [
            ("Content-Security-Policy", csp),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
        ]

    def send_body(self, status: int, body: bytes, content_type: str, cache: str = "no-cache") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        for name, value in self.security_headers():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status: int, payload: Any) -> None:
        self.send_body(
            status,
            json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            "application/json; charset=utf-8",
            cache="no-store",
        )

    def send_file(self, path: Path) -> None:
        if not path.is_file():
            self.send_json(HTTPStatus.NOT_FOUND, {"error": "niet gevonden"})
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "image/svg+xml"):
            content_type += "; charset=utf-8"
        self.send_body(HTTPStatus.OK, path.read_bytes(), content_type)

    # -- routes ----------------------------------------------------------------------------------------------
    def do_HEAD(self) -> None:  # http.server's naming
        self.do_GET()

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self.send_file(STATIC_DIR / "index.html")
        elif path == "/health":
            self.send_json(HTTPStatus.OK, {"status": "ok"})
        elif path == "/config.json":
            self.send_json(
                HTTPStatus.OK,
                {
                    "socket_url": self.public_rasa_url(),
                    "socket_path": self.settings.socket_path,
                    "token": issue_token(self.settings),
                },
            )
        elif path == "/vendor/socket.io.min.js":
            self.send_file(SOCKET_IO_CLIENT)
        elif path.startswith("/api/history/"):
            self.history(urllib.parse.unquote(path[len("/api/history/") :]))
        elif STATIC_NAME.match(path.lstrip("/")):
            self.send_file(STATIC_DIR / path.lstrip("/"))
        else:
            self.send_json(HTTPStatus.NOT_FOUND, {"error": "niet gevonden"})

    def history(self, session_id: str) -> None:
        if not SESSION_ID.match(session_id):
            self.send_json(HTTPStatus.BAD_REQUEST, {"error": "ongeldige sessie"})
            return
        if not token_valid(self.settings, self.headers.get("Authorization")):
            self.send_json(HTTPStatus.UNAUTHORIZED, {"error": "geen geldig token"})
            return
        query = {"include_events": "ALL"}
        if self.settings.rasa_token:
            query["token"] = self.settings.rasa_token
        url = f"{self.settings.rasa_url}/conversations/{session_id}/tracker?{urllib.parse.urlencode(query)}"
        try:
            with urllib.request.urlopen(url, timeout=15) as answer:
                tracker = json.load(answer)
        except (urllib.error.URLError, OSError, ValueError) as error:
            self.send_json(HTTPStatus.BAD_GATEWAY, {"error": f"Rasa niet bereikbaar: {error}"})
            return
        self.send_json(
            HTTPStatus.OK, {"session_id": session_id, "messages": history_entries(tracker.get("events") or [])}
        )


def make_server(settings: Settings | None = None) -> ThreadingHTTPServer:
    """A threaded HTTP server for the page with the given settings (not yet serving)."""
    settings = settings or Settings()
    handler = type("ConfiguredHandler", (Handler,), {"settings": settings})
    server = ThreadingHTTPServer((settings.host, settings.port), handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.web.server", description="Serve the chat page.")
    parser.add_argument("--host")
    parser.add_argument("--port", type=int)
    parser.add_argument("--rasa-url")
    args = parser.parse_args(argv)
    settings = Settings(host=args.host, port=args.port, rasa_url=args.rasa_url)
    if not SOCKET_IO_CLIENT.exists():
        print(f"De Socket.IO-client ontbreekt ({SOCKET_IO_CLIENT}): draai eerst 'make web'.", file=sys.stderr)
        return 1
    server = make_server(settings)
    print(
        f"Chatpagina op http://{'localhost' if settings.host in ('127.0.0.1', '0.0.0.0') else settings.host}"
        f":{settings.port}/ (Rasa: {settings.rasa_url})",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
