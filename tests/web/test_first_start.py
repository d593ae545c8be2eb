"""The chat page works from the first second of `make run`: the stack is started as `make run` starts it
(`python -m bot.launcher serve`, on free ports), the page is opened in Chromium as soon as it answers and two messages
are typed at once, while Rasa is still loading its model. The page says the advisor is starting and keeps the
messages; once Rasa is ready it sends them, in order, and both are answered and stored; nothing is dropped.
`bot.launcher` prints one "Klaar: open http://localhost:PORT" line, only once everything answers, and stopping it
(SIGTERM) stops every server it started. The timings are printed (pytest -s) and kept in the test's properties.
"""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from bot.launcher.run import ready_line
from bot.launcher.services import BIN, ROOT, answers, child_env, free_port
from tests.conversation import Conversation
from tests.web.test_widget import REPLY_TIMEOUT, expect

pytestmark = pytest.mark.slow

MESSAGES = ["hallo", "ik wil graag advies over zelfbeheer"]


class Output:
    """The lines a process prints, each with the time it arrived, read in a thread (the pipe never fills)."""

    def __init__(self, process: subprocess.Popen, started: float) -> None:
        self.lines: list[tuple[float, str]] = []
        self.started = started
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            self.lines.append((time.monotonic() - self.started, line.rstrip("\n")))

    def matching(self, prefix: str) -> list[tuple[float, str]]:
        return [(at, line) for at, line in self.lines if line.startswith(prefix)]


def processes_with(marker: str) -> list[int]:
    """Pids of processes whose command line holds `marker` (a port only this test uses)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if marker in command:
                found.append(int(entry.name))
    return found


def wait_until(condition, timeout: float, what: str) -> float:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {timeout:.0f} s"
        time.sleep(0.1)
    return time.monotonic()


def test_typing_right_after_make_run_is_kept_sent_and_answered(browser, new_page, tmp_path, record_property):
    ports = {"RASA_PORT": free_port(), "ACTIONS_PORT": free_port(), "WEB_PORT": free_port()}
    rasa_url, page_url = f"http://127.0.0.1:{ports['RASA_PORT']}", f"http://127.0.0.1:{ports['WEB_PORT']}/"
    env = child_env(**{name: str(port) for name, port in ports.items()}, RUN_DIR=str(tmp_path), CORS_ORIGINS="")
    page = new_page()  # the browser is up before the stack starts: "at once" is the page's first second
    started = time.monotonic()
    process = subprocess.Popen(
        [str(BIN / "python"), "-m", "bot.launcher", "serve"],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    output = Output(process, started)
    timings: dict[str, float] = {}
    try:
        timings["page_served_s"] = wait_until(lambda: answers(page_url), 60, "the chat page") - started
        page.goto(page_url)
        box = page.get_by_label("Je bericht aan de adviseur")
        for text in MESSAGES:
            box.fill(text)
            box.press("Enter")
        timings["typed_s"] = time.monotonic() - started
        assert not answers(f"{rasa_url}/status"), "Rasa was already up: the test proves nothing (machine too fast?)"

        status = page.locator("#verbinding")
        expect()(status).to_have_attribute("data-state", "starting", timeout=15_000)
        expect()(status).to_contain_text("De adviseur start op")
        pending = page.locator(".msg-user.msg-pending")
        expect()(pending).to_have_count(len(MESSAGES))
        expect()(pending.first.locator(".pending-note")).to_contain_text("zodra de adviseur klaar is")
        assert [t.strip() for t in page.locator(".msg-user .bubble").all_inner_texts()] == MESSAGES

        # Rasa gets ready: the page connects and sends what was typed, in order; both are answered
        expect()(page.locator(".app[data-ready=true]")).to_have_count(1, timeout=300_000)
        timings["page_connected_s"] = time.monotonic() - started
        expect()(pending).to_have_count(0)
        last_user = page.locator(".msg-user").last
        answer = last_user.locator("xpath=following-sibling::*[contains(@class, 'msg-bot')]")
        expect()(answer.first).to_be_visible(timeout=REPLY_TIMEOUT)
        expect()(page.locator(".msg-bot .bubble", has_text="zelfbeheer").last).to_be_visible(timeout=REPLY_TIMEOUT)
        timings["first_answer_s"] = time.monotonic() - started
        session = page.locator(".app").get_attribute("data-session")
        stored = Conversation(rasa_url, sender=session)
        wait_until(lambda: stored.user_texts() == MESSAGES, 60, "both messages stored in order")
        assert page.locator(".system-note", has_text="niet verstuurd").count() == 0
        assert not page.errors, page.errors

        # exactly one ready line, with the real port, printed only when everything answered
        wait_until(lambda: output.matching("Klaar:"), 60, "the ready line")
        [(ready_at, line)] = output.matching("Klaar:")
        assert line == ready_line(ports["WEB_PORT"]) == f"Klaar: open http://localhost:{ports['WEB_PORT']}"
        timings["ready_line_s"] = ready_at
        assert ready_at > timings["typed_s"]  # Rasa did not answer yet when the messages were typed
        with urllib.request.urlopen(f"{rasa_url}/status", timeout=10) as status_answer:
            assert json.load(status_answer).get("model_id")  # 200 with a model: the agent is loaded
        time.sleep(2)
        assert len(output.matching("Klaar:")) == 1
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(60)
    stopped = time.monotonic()
    markers = [f"--port {ports['ACTIONS_PORT']}", f"--port {ports['RASA_PORT']}", f"--port {ports['WEB_PORT']}"]
    wait_until(lambda: not any(processes_with(m) for m in markers), 30, "every server stopped")
    timings["stop_s"] = time.monotonic() - stopped
    assert process.returncode in (0, 143), "\n".join(line for _, line in output.lines[-30:])
    for name, value in timings.items():
        record_property(name, round(value, 1))
    print("first start:", json.dumps({k: round(v, 1) for k, v in timings.items()}), flush=True)
