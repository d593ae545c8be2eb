"""A real terminal for the shell tests: a tmux session (private server) running bash, as a user would have."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

TMUX = shutil.which("tmux")
PROMPT = "Your input ->"
MENU = "(Use arrow keys)"


class Terminal:
    """One tmux window of 220 columns running `bash --norc`, with its whole scrollback readable."""

    def __init__(self, work: Path) -> None:
        self.server = f"zelfbeheer-test-{uuid.uuid4().hex[:8]}"
        config = work / "tmux.conf"
        config.write_text("set -g history-limit 100000\n", encoding="utf-8")
        self.tmux("-f", str(config), "new-session", "-d", "-s", "t", "-x", "220", "-y", "50", "bash --norc --noprofile")

    def tmux(self, *args: str) -> str:
        done = subprocess.run([TMUX or "tmux", "-L", self.server, *args], capture_output=True, text=True, timeout=30)
        if done.returncode:
            raise RuntimeError(f"tmux {' '.join(args[:2])}: {done.stderr.strip()}")
        return done.stdout

    def run(self, command: str) -> None:
        """Type a command line into bash; bash prints `SHELL-EXIT <code>` when it ends."""
        self.type(f"{command}; echo SHELL-EXIT $?")

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "t", "-l", text)
        self.tmux("send-keys", "-t", "t", "Enter")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def screen(self) -> str:
        """Everything shown so far, wrapped lines joined, trailing blanks removed."""
        text = self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "t")
        return "\n".join(line.rstrip() for line in text.splitlines()).rstrip()

    def wait_for(self, pattern: str, timeout: float, after: int = 0) -> str:
        """Wait until `pattern` (a regular expression, multiline) shows after the first `after` characters."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if re.search(pattern, screen[after:], re.MULTILINE):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"not on screen within {timeout:.0f} s: {pattern!r}\n--- screen ---\n{screen[-3000:]}"
                )
            time.sleep(0.3)

    def exit_code(self, timeout: float) -> int:
        screen = self.wait_for(r"^SHELL-EXIT \d+$", timeout)
        return int(re.findall(r"^SHELL-EXIT (\d+)$", screen, re.MULTILINE)[-1])

    def close(self) -> None:
        """Close the terminal, as when its window is closed: bash gets SIGHUP and passes it to its job."""
        self.tmux("kill-session", "-t", "t")

    def kill_server(self) -> None:
        subprocess.run([TMUX or "tmux", "-L", self.server, "kill-server"], capture_output=True, timeout=30)


def processes_with_env(name: str, value: str) -> list[int]:
    """Pids of the processes whose environment holds NAME=value (a value only one test uses)."""
    wanted = f"{name}={value}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environment = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if wanted in environment:
            found.append(int(entry.name))
    return found


def command_of(pid: int) -> str | None:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
