"""The page server without Rasa or a browser (fast)."""

import json
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest

from bot.launcher.services import free_port
from bot.web.server import Settings, history_entries, make_server

KEY = "een-geheime-sleutel-van-minstens-32-tekens"
WRONG = "een-andere-sleutel-van-minstens-32-tekens"

TRACKER = {
    "events": [
        {"event": "action", "name": "action_session_start"},
        {"event": "user", "text": "ik wil advies", "metadata": {}},
        {
            "event": "bot",
            "text": "Om welke ruimte gaat het?",
            "data": {"buttons": [{"title": "Groen", "payload": "/inform"}]},
        },
        {"event": "user", "text": '/inform{"ruimte": "groen"}', "metadata": {"title": "Groen"}},
        {"event": "bot", "text": None, "data": {"custom": {"type": "menukaart_advies", "opties": []}}},
        {"event": "slot", "name": "ruimte", "value": "groen"},
        {"event": "restart"},
    ]
}


def test_history_keeps_what_the_widget_shows():
    assert history_entries(TRACKER["events"]) == [
        {"from": "user", "text": "ik wil advies"},
        {
            "from": "bot",
            "text": "Om welke ruimte gaat het?",
            "quick_replies": [{"title": "Groen", "payload": "/inform"}],
        },
        {"from": "user", "text": "Groen"},
        {"from": "bot", "custom": {"type": "menukaart_advies", "opties": []}},
        {"from": "system", "event": "restart"},
    ]


class FakeRasa(BaseHTTPRequestHandler):
    def do_GET(self):
        FakeRasa.paths.append(self.path)
        body = json.dumps(TRACKER).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def serving(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page_server(monkeypatch):
    FakeRasa.paths = []

    def start(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        rasa = ThreadingHTTPServer(("127.0.0.1", 0), FakeRasa)
        rasa_url = f"http://127.0.0.1:{rasa.server_address[1]}"
        web = make_server(Settings(host="127.0.0.1", port=free_port(), rasa_url=rasa_url))
        return serving(rasa), serving(web), rasa.server_address[1]

    return start


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_page_config_and_history(page_server):
    rasa_ctx, web_ctx, rasa_port = page_server()
    with rasa_ctx, web_ctx as web:
        status, headers, body = get(f"{web}/")
        assert status == 200 and b'lang="nl"' in body and headers["Content-Type"].startswith("text/html")
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        status, _, body = get(f"{web}/config.json", {"Host": "intranet.example:8080"})
        assert json.loads(body) == {
            "socket_url": f"http://intranet.example:{rasa_port}",
            "socket_path": "/socket.io",
            "token": None,
        }
        status, _, body = get(f"{web}/api/history/abc123")
        assert status == 200 and json.loads(body)["messages"][2] == {"from": "user", "text": "Groen"}
        assert FakeRasa.paths == ["/conversations/abc123/tracker?include_events=ALL"]
        assert get(f"{web}/api/history/..%2F..%2Fstatus")[0] == 400
        assert get(f"{web}/..%2Fserver.py")[0] == 404
        assert get(f"{web}/package.json")[0] == 404


def test_jwt_is_issued_and_required_for_history(page_server):
    rasa_ctx, web_ctx, _ = page_server(SOCKET_JWT_KEY=KEY, RASA_AUTH_TOKEN="rasa-token")
    with rasa_ctx, web_ctx as web:
        token = json.loads(get(f"{web}/config.json")[2])["token"]
        assert jwt.decode(token, KEY, algorithms=["HS256"])["sub"] == "web-widget"
        assert get(f"{web}/api/history/abc123")[0] == 401
        assert get(f"{web}/api/history/abc123", {"Authorization": "Bearer " + jwt.encode({"x": 1}, WRONG)})[0] == 401
        assert get(f"{web}/api/history/abc123", {"Authorization": f"Bearer {token}"})[0] == 200
        assert FakeRasa.paths == ["/conversations/abc123/tracker?include_events=ALL&token=rasa-token"]
