"""Benchmark: per-message latency over the REST channel for whole intakes against Rasa's starter bot in the same
run, the action server calls each intake message costs, and server memory."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bot.launcher.services import free_port, start_action_server, start_rasa, write_endpoints
from tests.bench.call_counter import CallCounter
from tests.bench.load import moodbot_scripts, prepare_starter
from tests.bench.stats import percentile
from tests.conversation import Conversation

# The intake answers are messages 1-5 (the request for advice up to the last answer, which brings the advice).
INTAKE = [
    "goedemorgen",
    "ik wil graag advies over zelfbeheer",
    "het gaat om de binnentuin achter het complex",
    "de bewoners zelf kwamen met het idee",
    "ze willen zelf schoffelen en maaien",
    "nee, geen kwetsbare wijk",
    "vertel meer over optie 2",
    "wat zijn de valkuilen?",
    "geef een samenvatting",
]
INTAKE_ANSWERS = range(1, 6)
# One message that starts the intake and completes it (form start, every slot, the advice).
WHOLE_INTAKE = (
    "de bewoners kwamen er zelf mee: ze willen de binnentuin van ons complex zelf onderhouden, geen kwetsbare wijk"
)


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children, in MiB."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            pids += [int(c) for c in children]
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
    return total / 1024


def _timed_conversations(
    url: str,
    scripts: Sequence[Sequence[str]],
    counter: CallCounter | None = None,
) -> tuple[list[float], list[int]]:
    """Send each script as one conversation to the Rasa server at `url`; the latency of every message and the
    action calls it cost."""
    timings: list[float] = []
    calls: list[int] = []
    for script in scripts:
        chat = Conversation(url, "bench")
        for text in script:
            before = counter.mark() if counter else 0
            started = time.perf_counter()
            response = chat.post(text, timeout=60)
            timings.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            calls.append(counter.mark() - before if counter else 0)
    return timings, calls


def _starter_median(tmp: Path, conversations: int) -> float:
    """Median sequential latency of Rasa's starter bot (rasa init's moodbot), no action server."""
    starter_dir = tmp / "starter"
    model = prepare_starter(starter_dir, tmp / "starter-init.log")
    port = free_port()
    endpoints = write_endpoints(tmp / "starter-endpoints.yml", free_port(), tmp / "starter-tracker.db")
    rasa = start_rasa(
        port,
        endpoints,
        model=model,
        credentials=starter_dir / "credentials.yml",
        log=open(tmp / "starter-rasa.log", "w"),
    )
    try:
        rasa.wait_ready(timeout=300)
        url = f"http://127.0.0.1:{port}"
        Conversation(url, sender="warm-up").post("hello", timeout=60)
        script_for = moodbot_scripts(starter_dir / "data" / "nlu.yml")
        timings, _ = _timed_conversations(url, [script_for(n).messages for n in range(conversations)])
        return statistics.median(timings)
    finally:
        rasa.stop()


def measure(conversations: int = 20) -> dict[str, float]:
    """Whole intakes one after another, every message timed and its action server calls counted; then the
    starter bot in the same run, for the ratio."""
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as tmp_name:
        tmp = Path(tmp_name)
        actions_port, rasa_port = free_port(), free_port()
        actions = start_action_server(actions_port, log=open(tmp / "actions.log", "w"))
        with CallCounter(actions_port) as counter:
            endpoints = write_endpoints(tmp / "endpoints.yml", counter.port, tmp / "tracker.db")
            rasa = start_rasa(rasa_port, endpoints, log=open(tmp / "rasa.log", "w"))
            try:
                actions.wait_ready()
                rasa.wait_ready(timeout=300)
                url = f"http://127.0.0.1:{rasa_port}"
                Conversation(url, sender="warm-up").post("hallo", timeout=60)
                timings, calls = _timed_conversations(url, [INTAKE] * conversations, counter)
                _, whole_intake_calls = _timed_conversations(url, [[WHOLE_INTAKE]], counter)
                rss_rasa, rss_actions = rss_mib(rasa.process.pid), rss_mib(actions.process.pid)
            finally:
                rasa.stop()
                actions.stop()
        intake_calls = [c for position, c in enumerate(calls) if position % len(INTAKE) in INTAKE_ANSWERS]
        ours = statistics.median(timings)
        starter = _starter_median(tmp, conversations)
        return {
            "messages": len(timings),
            "latency_median_ms": round(ours, 1),
            "latency_p95_ms": round(percentile(timings, 0.95), 1),
            "starter_bot_median_ms": round(starter, 1),
            "median_vs_starter_bot": round(ours / starter, 2),
            "action_calls_per_intake_message_max": max(intake_calls),
            "action_calls_per_intake_message_mean": round(statistics.mean(intake_calls), 2),
            "action_calls_one_message_intake": whole_intake_calls[0],
            "rss_rasa_mib": round(rss_rasa),
            "rss_actions_mib": round(rss_actions),
        }


if __name__ == "__main__":
    print(measure())
