"""`python -m bot.run serve|shell`: the action server beside Rasa's server (and the chat page) or Rasa's shell."""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from typing import Dict, List, Tuple

from bot.services import MODEL, ROOT, child_env, rasa_command, start_action_server, start_webserver, write_endpoints

DEFAULT_RASA_PORT = 5005
DEFAULT_ACTIONS_PORT = 5055
DEFAULT_WEB_PORT = 8080


def cors_origins(web_port: int) -> List[str]:
    """Origins allowed to reach Rasa from a browser (Rasa's --cors and the socket.io channel): CORS_ORIGINS
    (comma or space separated), else the chat page's own origins."""
    configured = os.environ.get("CORS_ORIGINS", "").replace(",", " ").split()
    return configured or [f"http://localhost:{web_port}", f"http://127.0.0.1:{web_port}"]


def web_serve_args(web_port: int) -> Tuple[List[str], Dict[str, str]]:
    """Rasa's extra arguments and environment for `serve`: CORS for the page, optional --auth-token."""
    origins = cors_origins(web_port)
    args = ["--cors", *origins]
    if os.environ.get("RASA_AUTH_TOKEN"):
        args += ["--auth-token", os.environ["RASA_AUTH_TOKEN"]]
    return args, {"CORS_ORIGINS": " ".join(origins)}


def main() -> int:
    """Start the action server (and for `serve` the chat page), then Rasa in the foreground; stop all on exit."""
    parser = argparse.ArgumentParser(prog="python -m bot.run")
    parser.add_argument("mode", choices=("serve", "shell"))
    args = parser.parse_args()
    if not MODEL.exists():
        print(f"Geen getraind model in {MODEL}: draai eerst 'make train'.", file=sys.stderr)
        return 1
    rasa_port = int(os.environ.get("RASA_PORT", DEFAULT_RASA_PORT))
    actions_port = int(os.environ.get("ACTIONS_PORT", DEFAULT_ACTIONS_PORT))
    (ROOT / "var").mkdir(exist_ok=True)
    endpoints = write_endpoints(ROOT / "var" / "endpoints.run.yml", actions_port, ROOT / "var" / "tracker.db")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops every child
    actions = start_action_server(actions_port)
    web = None
    try:
        actions.wait_ready()
        extra: List[str] = []
        rasa_env: Dict[str, str] = {}
        if args.mode == "serve":
            web_port = int(os.environ.get("WEB_PORT", DEFAULT_WEB_PORT))
            web_args, rasa_env = web_serve_args(web_port)
            extra = ["--port", str(rasa_port), "--enable-api", *web_args]
            web = start_webserver(web_port, f"http://127.0.0.1:{rasa_port}", host=os.environ.get("WEB_HOST", "127.0.0.1"))
            web.wait_ready(timeout=30)
            print(f"Chatpagina: http://localhost:{web_port}/", flush=True)
        print(f"Actieserver draait op poort {actions_port}; Rasa start op poort {rasa_port}.", flush=True)
        return subprocess.call(rasa_command("run" if args.mode == "serve" else "shell", endpoints, extra=extra),
                               cwd=ROOT, env=child_env(**rasa_env))
    except KeyboardInterrupt:
        return 130
    finally:
        if web is not None:
            web.stop()
        actions.stop()


if __name__ == "__main__":
    sys.exit(main())
