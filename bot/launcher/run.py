"""`python -m bot.launcher serve|shell`: the whole advisor on this machine (`make run`, `make shell`).

serve: the chat page first, so that it answers within a second and tells the user the advisor is starting (what
they type is kept and sent once Rasa is ready); the action server and Rasa beside it; one line
"Klaar: open http://localhost:PORT" as soon as all of them answer.
shell: the action server (its log in RUN_DIR/actions-shell.log) and Rasa's shell through `python -m bot.launcher.shell`:
quiet, readable Dutch only.

Every child stops with it: on Ctrl-C, /stop, SIGTERM or a closed terminal (SIGHUP); should this process be killed
outright, the kernel stops them (bot.launcher.services, `detach`). Settings: RASA_PORT, ACTIONS_PORT, WEB_PORT,
WEB_HOST, CORS_ORIGINS, RASA_AUTH_TOKEN, RUN_DIR (default var/: endpoints, tracker database, shell log).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import TypedDict

from bot.launcher.services import (
    BIN,
    MODEL,
    ROOT,
    Service,
    answers,
    child_env,
    popen,
    rasa_command,
    start_action_server,
    start_rasa,
    start_webserver,
    write_endpoints,
)

DEFAULT_RASA_PORT = 5005
DEFAULT_ACTIONS_PORT = 5055
DEFAULT_WEB_PORT = 8080
POLL_SECONDS = 0.5


def quiet_env() -> dict[str, str]:
    """For the shell: no Python warnings (bot.launcher.shell hides them) unless PYTHONWARNINGS asks for them."""
    return {"PYTHONWARNINGS": os.environ.get("PYTHONWARNINGS") or "ignore"}


def cors_origins(web_port: int) -> list[str]:
    """Origins allowed to reach Rasa from a browser (Rasa's --cors and the socket.io channel): CORS_ORIGINS
    (comma or space separated), else the chat page's own origins."""
    configured = os.environ.get("CORS_ORIGINS", "").replace(",", " ").split()
    return configured or [f"http://localhost:{web_port}", f"http://127.0.0.1:{web_port}"]


class RasaServeEnv(TypedDict):
    """The environment `serve` gives Rasa's server (passed to `start_rasa` as keywords)."""

    CORS_ORIGINS: str


def web_serve_args(web_port: int) -> tuple[list[str], RasaServeEnv]:
    """Rasa's extra arguments and environment for `serve`: CORS for the page, optional --auth-token."""
    origins = cors_origins(web_port)
    args = ["--cors", *origins]
    if os.environ.get("RASA_AUTH_TOKEN"):
        args += ["--auth-token", os.environ["RASA_AUTH_TOKEN"]]
    return args, {"CORS_ORIGINS": " ".join(origins)}


def ready_line(web_port: int) -> str:
    """What `make run` prints once the page, the action server and Rasa (HTTP and socket) all answer."""
    return f"Klaar: open http://localhost:{web_port}"


def _stop_on_signal(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds to `finally`, which stops every child


def _port(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def supervise(rasa: Service, others: list[Service], ready_urls: list[str], web_port: int) -> int:
    """Wait while everything runs; print `ready_line` once when all answer. Return when a child stops: Rasa's
    exit code, or 1 when another child stopped first."""
    announced = False
    while True:
        code = rasa.process.poll()
        if code is not None:
            return code
        for service in others:
            if service.process.poll() is not None:
                print(
                    f"De {service.name} is gestopt (code {service.process.returncode}); alles stopt.",
                    file=sys.stderr,
                    flush=True,
                )
                return 1
        if not announced and all(answers(url) for url in ready_urls):
            print(ready_line(web_port), flush=True)
            announced = True
        time.sleep(POLL_SECONDS)


def serve(children: list[Service], endpoints: Path, rasa_port: int, actions_port: int) -> int:
    """The chat page, the action server and Rasa's server, as `make run`."""
    web_port = _port("WEB_PORT", DEFAULT_WEB_PORT)
    web = start_webserver(
        web_port, f"http://127.0.0.1:{rasa_port}", host=os.environ.get("WEB_HOST", "127.0.0.1"), detach=True
    )
    children.append(web)
    web.wait_ready(timeout=30)  # it prints where the page is
    actions = start_action_server(actions_port, detach=True)
    children.append(actions)
    web_args, rasa_env = web_serve_args(web_port)
    rasa = start_rasa(rasa_port, endpoints, interface="0.0.0.0", extra=web_args, detach=True, **rasa_env)
    children.append(rasa)
    print(
        f"Actieserver op poort {actions_port}; Rasa laadt het model op poort {rasa_port} (ongeveer een minuut). "
        "De chatpagina werkt al: wat je typt, wordt verstuurd zodra de adviseur klaar is.",
        flush=True,
    )
    socket_health = f"http://127.0.0.1:{rasa_port}/webhooks/socketio/"
    return supervise(rasa, [web, actions], [web.ready_url, actions.ready_url, rasa.ready_url, socket_health], web_port)


def shell(children: list[Service], endpoints: Path, rasa_port: int, actions_port: int, run_dir: Path) -> int:
    """Rasa's shell (`python -m bot.launcher.shell`) in this terminal, the action server beside it (`make shell`)."""
    log_path = run_dir / "actions-shell.log"
    with open(log_path, "w", encoding="utf-8") as log:
        actions = start_action_server(actions_port, log=log, detach=True)
    children.append(actions)
    rasa_log = run_dir / "rasa-shell.log"
    print(
        f"De adviseur start op; dat duurt ongeveer een minuut. Stoppen: /stop of Ctrl-C. "
        f"(Logs: {_shown(rasa_log)}, {_shown(log_path)})",
        flush=True,
    )
    arguments = rasa_command("shell", endpoints, extra=["--port", str(rasa_port)])[2:]
    process = popen(
        [str(BIN / "python"), "-m", "bot.launcher.shell", *arguments],
        stop_with_parent_too=True,
        env=child_env(SHELL_LOG=str(rasa_log), **quiet_env()),
    )
    rasa = Service("Rasa shell", process, "")
    children.append(rasa)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the shell's to handle; we stop when it does
    code = process.wait()
    if code not in (0, 130):
        print(f"De shell stopte met code {code}; zie {_shown(rasa_log)}.", file=sys.stderr)
    if actions.process.poll() is not None:
        print(
            f"De actieserver was gestopt (code {actions.process.returncode}); zie {_shown(log_path)}.", file=sys.stderr
        )
    return code


def _shown(path: Path) -> Path:
    """A path as the user types it: relative to the project when inside it."""
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def main(argv: list[str] | None = None) -> int:
    """Start the children for `serve` or `shell`; stop them all however this ends."""
    parser = argparse.ArgumentParser(prog="python -m bot.launcher")
    parser.add_argument("mode", choices=("serve", "shell"))
    args = parser.parse_args(argv)
    if not MODEL.exists():
        print(f"Geen getraind model in {MODEL}: draai eerst 'make train'.", file=sys.stderr)
        return 1
    rasa_port = _port("RASA_PORT", DEFAULT_RASA_PORT)
    actions_port = _port("ACTIONS_PORT", DEFAULT_ACTIONS_PORT)
    run_dir = Path(os.environ.get("RUN_DIR") or ROOT / "var").resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    endpoints = write_endpoints(run_dir / "endpoints.run.yml", actions_port, run_dir / "tracker.db")
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop_on_signal)
    children: list[Service] = []
    try:
        if args.mode == "serve":
            return serve(children, endpoints, rasa_port, actions_port)
        return shell(children, endpoints, rasa_port, actions_port, run_dir)
    except KeyboardInterrupt:
        return 130
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)  # stopping is not interrupted by a second signal
        for service in reversed(children):
            service.stop()
