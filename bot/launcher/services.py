"""Starting and stopping the action server, the Rasa server and the chat page as child processes.

A child started with `detach=True` (what `python -m bot.launcher` does) runs in a session of its own, so that the
terminal's signals (Ctrl-C, a closed terminal's SIGHUP) reach only the launcher, which stops it; and the kernel sends
it SIGTERM should the launcher die without stopping it (PR_SET_PDEATHSIG), so it is never left behind.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bot.privacy.log_filter import action_server_logging_args, rasa_logging_args

ROOT = Path(__file__).resolve().parents[2]
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

    def answers(self) -> bool:
        """Whether the ready URL answers 200 right now."""
        return answers(self.ready_url)

    def wait_ready(self, timeout: float = 180.0) -> None:
        """Block until the ready URL answers 200; raise with a clear message if the process dies or times out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} is gestopt met code {self.process.returncode} voordat hij klaar was")
            if self.answers():
                return
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


def answers(url: str, timeout: float = 2.0) -> bool:
    """Whether `url` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, OSError, ValueError):
        return False


PR_SET_PDEATHSIG = 1
try:
    _PRCTL: Callable[..., int] | None = ctypes.CDLL(None).prctl  # looked up before forking, called after
except (OSError, AttributeError):  # not Linux
    _PRCTL = None


def stop_with_parent() -> None:
    """In a child before exec: have the kernel send SIGTERM when the parent dies (Linux; elsewhere nothing)."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, int(signal.SIGTERM))


def popen(
    cmd: list[str], *, detach: bool = False, stop_with_parent_too: bool = False, **kwargs: Any
) -> subprocess.Popen:
    """Popen in the project root; `detach`: a session of its own and stopped with its parent (see the module
    docstring); `stop_with_parent_too`: only the latter (a child that keeps the terminal, like Rasa's shell)."""
    preexec: Callable[[], None] | None = stop_with_parent if detach or stop_with_parent_too else None
    return subprocess.Popen(cmd, cwd=ROOT, start_new_session=detach, preexec_fn=preexec, **kwargs)


def _spawn(name: str, cmd: list[str], ready_url: str, log: IO | None, env: dict, detach: bool = False) -> Service:
    process = popen(cmd, detach=detach, env=child_env(**env), stdout=log, stderr=subprocess.STDOUT if log else None)
    return Service(name, process, ready_url)


def start_action_server(port: int, log: IO | None = None, *, detach: bool = False, **env: str) -> Service:
    """Start the rasa_sdk action server with the `actions` package."""
    cmd = [
        str(BIN / "python"),
        "-m",
        "rasa_sdk",
        "--actions",
        "actions",
        "--port",
        str(port),
        *action_server_logging_args(),
    ]
    return _spawn("action server", cmd, f"http://127.0.0.1:{port}/health", log, env, detach)


def write_endpoints(path: Path, actions_port: int, tracker_db: Path | None = None) -> Path:
    """An endpoints file pointing at the action server port, with an SQLite tracker store if given."""
    lines = ["action_endpoint:", f'  url: "http://127.0.0.1:{actions_port}/webhook"']
    if tracker_db is not None:
        lines += [
            "tracker_store:",
            "  type: bot.stores.tracker.SQLTrackerStore",
            "  dialect: sqlite",
            f"  db: {tracker_db}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rasa_command(
    subcommand: str,
    endpoints: Path,
    model: Path = MODEL,
    extra: list[str] | None = None,
    credentials: Path = CREDENTIALS,
) -> list[str]:
    """The command line of `rasa run` or `rasa shell` with our model, endpoints and credentials."""
    return [
        str(BIN / "rasa"),
        subcommand,
        "-m",
        str(model),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
        *rasa_logging_args(),
        *(extra or []),
    ]


def start_rasa(
    port: int,
    endpoints: Path,
    model: Path = MODEL,
    log: IO | None = None,
    credentials: Path = CREDENTIALS,
    *,
    extra: list[str] | None = None,
    interface: str = "127.0.0.1",
    detach: bool = False,
    **env: str,
) -> Service:
    """Start `rasa run` with the HTTP API (a test may pass its own credentials file, e.g. for Teams); `extra`
    arguments such as `--cors` go after ours."""
    cmd = rasa_command(
        "run",
        endpoints,
        model,
        ["--port", str(port), "--interface", interface, "--enable-api", *(extra or [])],
        credentials,
    )
    return _spawn("Rasa", cmd, f"http://127.0.0.1:{port}/status", log, env, detach)


def start_webserver(
    port: int, rasa_url: str, log: IO | None = None, host: str = "127.0.0.1", *, detach: bool = False, **env: str
) -> Service:
    """Start the chat page server (`python -m bot.web.server`) in front of the Rasa server at rasa_url."""
    cmd = [str(BIN / "python"), "-m", "bot.web.server", "--host", host, "--port", str(port), "--rasa-url", rasa_url]
    return _spawn("web server", cmd, f"http://127.0.0.1:{port}/health", log, env, detach)
