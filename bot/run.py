"""`python -m bot.run serve|shell`: the action server beside Rasa's server or Rasa's shell."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys

from bot.services import MODEL, ROOT, child_env, rasa_command, start_action_server, write_endpoints

DEFAULT_RASA_PORT = 5005
DEFAULT_ACTIONS_PORT = 5055


def main() -> int:
    """Start the action server, then Rasa in the foreground; stop both on exit or Ctrl-C."""
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
    actions = start_action_server(actions_port)
    try:
        actions.wait_ready()
        extra = ["--port", str(rasa_port), "--enable-api", "--cors", os.environ.get("CORS_ORIGINS", "http://localhost:8080")] \
            if args.mode == "serve" else []
        print(f"Actieserver draait op poort {actions_port}; Rasa start op poort {rasa_port}.", flush=True)
        return subprocess.call(rasa_command("run" if args.mode == "serve" else "shell", endpoints, extra=extra),
                               cwd=ROOT, env=child_env())
    except KeyboardInterrupt:
        return 130
    finally:
        actions.stop()


if __name__ == "__main__":
    sys.exit(main())
