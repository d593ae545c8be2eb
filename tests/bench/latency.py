"""Benchmark: per-message latency over the REST channel for whole intakes, and server memory."""
from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List

import requests

from bot.services import free_port, start_action_server, start_rasa, write_endpoints

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


def percentile(values: List[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(conversations: int = 20) -> Dict[str, float]:
    """Run whole intakes one after another and time every message."""
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as tmp:
        actions_port, rasa_port = free_port(), free_port()
        endpoints = write_endpoints(Path(tmp) / "endpoints.yml", actions_port, Path(tmp) / "tracker.db")
        actions = start_action_server(actions_port, log=open(Path(tmp) / "actions.log", "w"))
        rasa = start_rasa(rasa_port, endpoints, log=open(Path(tmp) / "rasa.log", "w"))
        try:
            actions.wait_ready()
            rasa.wait_ready(timeout=300)
            url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
            requests.post(url, json={"sender": "warm-up", "message": "hallo"}, timeout=60)
            timings: List[float] = []
            for _ in range(conversations):
                sender = uuid.uuid4().hex
                for text in INTAKE:
                    started = time.perf_counter()
                    response = requests.post(url, json={"sender": sender, "message": text}, timeout=60)
                    timings.append((time.perf_counter() - started) * 1000)
                    response.raise_for_status()
            return {
                "messages": len(timings),
                "latency_median_ms": round(statistics.median(timings), 1),
                "latency_p95_ms": round(percentile(timings, 0.95), 1),
                "rss_rasa_mib": round(rss_mib(rasa.process.pid)),
                "rss_actions_mib": round(rss_mib(actions.process.pid)),
            }
        finally:
            rasa.stop()
            actions.stop()


if __name__ == "__main__":
    print(measure())
