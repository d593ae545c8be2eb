"""`make shell` in a real terminal (tmux running bash), as a user has it: it starts quietly (no Python warnings, no
log lines before the prompt), shows readable Dutch only (no "Custom json", no payloads; buttons stay a menu), and
however it is stopped (/stop, Ctrl-C, closing the terminal, or its launcher killed outright) nothing it started is
left running. The command is what `make shell` runs (`python -m bot.launcher shell`), on free ports, with RUN_DIR in
the test's directory: every process it starts inherits that RUN_DIR, which is how the test finds them.
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.launcher.services import ROOT, answers, free_port
from tests.launcher.terminal import MENU, PROMPT, TMUX, Terminal, command_of, processes_with_env

pytestmark = pytest.mark.slow

LOAD_TIMEOUT = 300  # s until the prompt: Rasa loads the model
START_LINE = "De adviseur start op; dat duurt ongeveer een minuut. Stoppen: /stop of Ctrl-C."
AT_PROMPT = re.escape(PROMPT) + r"\s*\Z"
MENU_OPEN = r"\n\s*(»\s*)?Type out your own message\.\.\.\s*\Z"
WAITING = f"({AT_PROMPT})|({MENU_OPEN})"
NOISE = re.compile(r"warn|deprecat|traceback|error|\bINFO\b|\bDEBUG\b|tensorflow|sanic", re.IGNORECASE)


class Shell:
    """`python -m bot.launcher shell` typed into a fresh terminal."""

    def __init__(self, work: Path) -> None:
        self.run_dir = work / "run"
        self.actions_port, self.rasa_port = free_port(), free_port()
        self.terminal = Terminal(work)
        self.terminal.run(
            f"cd {ROOT} && RUN_DIR={self.run_dir} RASA_PORT={self.rasa_port} "
            f"ACTIONS_PORT={self.actions_port} .venv/bin/python -m bot.launcher shell"
        )

    def processes(self) -> list[int]:
        return processes_with_env("RUN_DIR", str(self.run_dir))

    def wait_for_prompt(self) -> str:
        return self.terminal.wait_for(AT_PROMPT, LOAD_TIMEOUT)

    def menu_open(self) -> bool:
        return re.search(MENU_OPEN, self.terminal.screen()) is not None

    def free_text(self) -> None:
        """Get the text prompt: choose "Type out your own message..." when a button menu is open."""
        if self.menu_open():
            self.terminal.keys("Up", "Enter")
            self.terminal.wait_for(AT_PROMPT, 30)

    def say(self, text: str) -> str:
        """Answer the bot in free text (from a button menu: its last choice, "Type out your own message...", up
        from the first wraps around to it). Return the screen from the typed line on, once the bot waits again
        (a prompt or a menu at the end of the screen)."""
        self.free_text()
        mark = len(self.terminal.screen())
        self.terminal.type(text)
        self.terminal.wait_for(re.escape(text[:40]), 30, mark - 1)
        screen = self.terminal.wait_for(WAITING, 120, mark + len(text))
        return screen[mark:]

    def wait_until_gone(self, timeout: float = 30) -> float:
        """Seconds until no process of this shell is left; fails with their command lines otherwise."""
        started = time.monotonic()
        while self.processes():
            if time.monotonic() - started > timeout:
                left = [command_of(pid) for pid in self.processes()]
                raise AssertionError(f"left running after {timeout:.0f} s: {left}")
            time.sleep(0.2)
        return time.monotonic() - started


@pytest.fixture
def shell(tmp_path) -> Iterator[Shell]:
    if not TMUX:
        pytest.skip("tmux ontbreekt: apt-get install -y tmux (make system-packages)")
    started = Shell(tmp_path)
    try:
        yield started
    finally:
        started.terminal.kill_server()
        for pid in started.processes():  # never leave anything behind, whatever the test did
            os.kill(pid, signal.SIGKILL)


def stops_everything(shell: Shell, stop: Callable[[], None], code: int | None = None) -> float:
    """Stop the shell; check its exit code (when the terminal is still there) and that nothing is left; return
    the seconds from stopping until then."""
    started = time.monotonic()
    stop()
    if code is not None:
        assert shell.terminal.exit_code(60) == code
    shell.wait_until_gone()
    return time.monotonic() - started


def test_starts_quietly_shows_readable_dutch_and_stops_on_stop(shell):
    screen = shell.wait_for_prompt()
    started = screen[screen.rindex("SHELL-EXIT $?") + len("SHELL-EXIT $?") :]
    lines = [line.strip() for line in started.splitlines() if line.strip()]
    assert lines[0].startswith(START_LINE) and lines[1].startswith("Bot loaded.") and lines[2] == PROMPT, lines
    assert len(lines) == 3 and not NOISE.search(started), started

    asked = shell.say("ik wil graag advies over zelfbeheer")
    assert MENU in asked and shell.menu_open()  # the question's buttons are a menu to choose from, titles only
    assert re.search(r"^\s*(»\s*)?1: Groen$", asked, re.MULTILINE) and "2: Binnentuin" in asked
    assert "/inform" not in asked and "{" not in asked
    shell.terminal.keys("Down", "Enter")  # choose "2: Binnentuin": its payload goes to the bot
    shell.terminal.wait_for(r"2: Binnentuin\n(.|\n)*Wie nam het initiatief(.|\n)*(" + WAITING + ")", 120)
    shell.say("de bewoners zelf kwamen met het idee")
    shell.say("ze willen zelf schoffelen, maaien en snoeien")
    advice = shell.say("nee, het is geen kwetsbare wijk")
    assert "menukaart" in advice and "Bronnen:" in advice and "binnentuin" in advice.lower()

    whole = shell.terminal.screen()
    assert "Custom json" not in whole and '"type"' not in whole and "menukaart_advies" not in whole
    assert not NOISE.search(whole.split(PROMPT, 1)[1]), "log lines or warnings in the dialogue"
    shell.free_text()
    seconds = stops_everything(shell, lambda: shell.terminal.type("/stop"), code=0)
    print(f"/stop: everything stopped within {seconds:.1f} s")


def test_ctrl_c_stops_the_shell_and_its_action_server(shell):
    shell.wait_for_prompt()
    assert answers(f"http://127.0.0.1:{shell.actions_port}/health")
    assert len(shell.processes()) >= 3  # the launcher, the action server, Rasa's shell
    seconds = stops_everything(shell, lambda: shell.terminal.keys("C-c"), code=0)
    assert not answers(f"http://127.0.0.1:{shell.actions_port}/health")
    print(f"Ctrl-C: everything stopped within {seconds:.1f} s")


def test_closing_the_terminal_stops_everything(shell):
    shell.wait_for_prompt()
    assert len(shell.processes()) >= 3
    seconds = stops_everything(shell, shell.terminal.close)
    assert not answers(f"http://127.0.0.1:{shell.actions_port}/health")
    print(f"closing the terminal: everything stopped within {seconds:.1f} s")


def test_nothing_is_left_when_the_launcher_is_killed_outright(shell):
    """SIGKILL leaves the launcher no chance to clean up: the kernel stops its children (PR_SET_PDEATHSIG)."""
    deadline = time.monotonic() + 120
    while not answers(f"http://127.0.0.1:{shell.actions_port}/health"):
        assert time.monotonic() < deadline, "the action server did not start"
        time.sleep(0.5)
    [launcher] = [pid for pid in shell.processes() if "bot.launcher shell" in (command_of(pid) or "")]
    seconds = stops_everything(shell, lambda: os.kill(launcher, signal.SIGKILL))
    print(f"launcher killed: its children stopped within {seconds:.1f} s")
