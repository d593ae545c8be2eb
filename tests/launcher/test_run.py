"""bot.launcher's supervision of `make run` without real servers (fast): one ready line, once everything answers."""

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.launcher.run import cors_origins, ready_line, supervise
from bot.launcher.services import Service


@pytest.fixture
def ok_url():
    """A URL that answers 200 only once `up` is set."""
    up = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's name
            self.send_response(200 if up.is_set() else 503)
            self.end_headers()

        def log_message(self, *_) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", up
    server.shutdown()
    server.server_close()


def child(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code])


def test_one_ready_line_once_all_answer_then_rasas_exit_code(ok_url, capsys):
    url, up = ok_url
    threading.Timer(1.0, up.set).start()  # "Rasa" answers after a second
    rasa = Service("Rasa", child("import time; time.sleep(3); raise SystemExit(3)"), url)
    actions = Service("actieserver", child("import time; time.sleep(30)"), url)
    try:
        assert supervise(rasa, [actions], [url, url], 8123) == 3
    finally:
        actions.process.kill()
    assert capsys.readouterr().out.splitlines() == [ready_line(8123)] == ["Klaar: open http://localhost:8123"]


def test_a_child_that_stops_stops_the_rest(ok_url, capsys):
    url, _ = ok_url
    rasa = Service("Rasa", child("import time; time.sleep(30)"), url)
    actions = Service("actieserver", child("raise SystemExit(2)"), url)
    try:
        assert supervise(rasa, [actions], [url], 8123) == 1
    finally:
        rasa.process.kill()
    captured = capsys.readouterr()
    assert "actieserver is gestopt (code 2)" in captured.err and "Klaar" not in captured.out


def test_cors_origins_follow_the_page_port(monkeypatch):
    monkeypatch.delenv("CORS_ORIGINS", raising=False)
    assert cors_origins(8123) == ["http://localhost:8123", "http://127.0.0.1:8123"]
    monkeypatch.setenv("CORS_ORIGINS", "https://a.example, https://b.example")
    assert cors_origins(8123) == ["https://a.example", "https://b.example"]
