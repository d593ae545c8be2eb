"""Starting and stopping the action server and the Rasa server as child processes."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, List, Optional

from bot.log_privacy import action_server_logging_args, rasa_logging_args

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "advisor.tar.gz"
CREDENTIALS = ROOT / "credentials.yml"
QUIET_ENV = {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONUNBUFFERED": "1"}


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_env(**extra: str) -> dict:
    """The environment for child processes: ours, quiet, with the project on the path."""
    env = {**os.environ, **QUIET_ENV, **extra}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


@dataclass
class Service:
    """A started child process and the URL that tells when it is ready."""

    name: str
    process: subprocess.Popen
    ready_url: str

    def wait_ready(self, timeout: float = 180.0) -> None:
        """Block until the ready URL answers 200; raise with a clear message if the process dies or times out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} is gestopt met code {self.process.returncode} voordat hij klaar was")
            try:
                with urllib.request.urlopen(self.ready_url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.5)
        raise TimeoutError(f"{self.name} was na {timeout:.0f} s nog niet bereikbaar op {self.ready_url}")

    def stop(self, timeout: float = 20.0) -> None:
        """Stop the process (SIGTERM, then SIGKILL)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _spawn(name: str, cmd: List[str], ready_url: str, log: Optional[IO], env: dict) -> Service:
    process = subprocess.Popen(cmd, cwd=ROOT, env=child_env(**env), stdout=log, stderr=subprocess.STDOUT if log else None)
    return Service(name, process, ready_url)


def start_action_server(port: int, log: Optional[IO] = None, **env: str) -> Service:
    """Start the rasa_sdk action server with the `actions` package."""
    cmd = [str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(port),
           *action_server_logging_args()]
    return _spawn("action server", cmd, f"http://127.0.0.1:{port}/health", log, env)


def write_endpoints(path: Path, actions_port: int, tracker_db: Optional[Path] = None) -> Path:
    """An endpoints file pointing at the action server port, with an SQLite tracker store if given."""
    lines = ["action_endpoint:", f'  url: "http://127.0.0.1:{actions_port}/webhook"']
    if tracker_db is not None:
        lines += ["tracker_store:", "  type: bot.tracker_store.SQLTrackerStore", "  dialect: sqlite", f"  db: {tracker_db}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rasa_command(subcommand: str, endpoints: Path, model: Path = MODEL, extra: Optional[List[str]] = None,
                 credentials: Path = CREDENTIALS) -> List[str]:
    """The command line of `rasa run` or `rasa shell` with our model, endpoints and credentials."""
    return [str(BIN / "rasa"), subcommand, "-m", str(model), "--endpoints", str(endpoints),
            "--credentials", str(credentials), *rasa_logging_args(), *(extra or [])]


def start_rasa(port: int, endpoints: Path, model: Path = MODEL, log: Optional[IO] = None,
               credentials: Path = CREDENTIALS, **env: str) -> Service:
    """Start `rasa run` with the HTTP API on loopback (a test may pass its own credentials file, e.g. for Teams)."""
    cmd = rasa_command("run", endpoints, model, ["--port", str(port), "--interface", "127.0.0.1", "--enable-api"],
                       credentials)
    return _spawn("Rasa", cmd, f"http://127.0.0.1:{port}/status", log, env)


def start_webserver(port: int, rasa_url: str, log: Optional[IO] = None, host: str = "127.0.0.1", **env: str) -> Service:
    """Start the chat page server (`python -m bot.webserver`) in front of the Rasa server at rasa_url."""
    cmd = [str(BIN / "python"), "-m", "bot.webserver", "--host", host, "--port", str(port), "--rasa-url", rasa_url]
    return _spawn("web server", cmd, f"http://127.0.0.1:{port}/health", log, env)
