"""Benchmark: simulated professionals running whole conversations concurrently, in the production topology.

The production topology of the production tests (tests/topology.py): one PostgreSQL (tracker stores, knowledge
database) and one Redis (lock store) of our own, one action server, and Rasa started with deploy/endpoints.yml.
Three configurations are measured one after another in the same run, never at the same time:

- ``starter``: Rasa's starter bot from ``rasa init`` (the moodbot), one Rasa process, its own tracker database,
  the same Redis, its own credentials.yml (``rest:``; its ``rasa:`` entry is unused), moodbot dialogues of as
  many messages as our intakes;
- ``one``: our bot, one Rasa process, whole intakes that must end with the advice payload, then follow-ups;
- ``two``: our bot, two Rasa processes sharing PostgreSQL and the Redis lock store; the messages of one
  conversation alternate between the processes.

Every configuration runs with the same SANIC_WORKERS per Rasa process (default 1: on a 2-core machine one worker
per process leaves a core for the action server, PostgreSQL and the load generator, and ``two`` then runs two
workers on two cores instead of four). Each simulated professional waits for a reply before sending the next
message, like a person, and runs its conversations back to back. Errors: non-200, exceptions, timeouts, empty
replies from our bot, and (ours) an intake whose last answer is not followed by the advice; a conversation stops at
its first error. The starter bot may answer with silence (its UnexpecTEDIntentPolicy's action_unlikely_intent):
those replies are counted as silent, timed, and the conversation goes on. Throughput counts the successful messages
over the measured window; p50/p95 are over successful messages.

    python -m tests.bench.load [--concurrency 20] [--rounds 3] [--configs starter,one,two] [--workers 1]
                               [--warmup-rounds 1] [--starter-dir DIR] [--work-dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import aiohttp
import yaml

from bot.launcher.services import BIN, ROOT, Service, child_env
from tests.bench.stats import percentile
from tests.conversation import REST_WEBHOOK, advice_of
from tests.topology import Topology

CONFIGS = ("starter", "one", "two")
LABELS = {
    "starter": "starter bot (rasa init), 1 process",
    "one": "our bot, 1 Rasa process",
    "two": "our bot, 2 Rasa processes",
}
MESSAGE_TIMEOUT_S = 60.0
T = TypeVar("T")

# Our intake, varied between professionals: one fact per message, in the order the form asks them.
GREETINGS = ("goedemorgen", "hallo", "goedemiddag", "hoi")
REQUESTS = (
    "ik wil graag advies over zelfbeheer",
    "ik zoek advies",
    "ik heb een vraag over zelf beheer",
    "kun je meedenken over een zelfbeheer vraag",
)
RUIMTES = (
    "het gaat om de binnentuin achter het complex",
    "het gaat om het trappenhuis van blok c",
    "het gaat om het groen rond de flat",
    "het gaat om de speeltuin achter de flat",
    "het gaat om het buurthuis",
    "het gaat om de gemeenschappelijke ruimte op de begane grond",
)
INITIATORS = (
    "de bewoners zelf kwamen met het idee",
    "de bewonerscommissie heeft het bedacht",
    "de gemeente heeft het opgestart via het wijkbudget",
    "het initiatief komt van de bewoners",
)
ROLES = (
    "ze willen zelf schoffelen en maaien",
    "ze willen alleen meedenken",
    "toezicht houden op de schoonmaker",
    "ze willen het helemaal zelf beheren met eigen budget",
)
VULNERABILITY = ("nee, geen kwetsbare wijk", "ja het is een kwetsbare buurt", "een gemengde wijk, niet echt kwetsbaar")
FOLLOW_UPS = (
    ("vertel meer over optie 2", "wat zijn de valkuilen?", "geef een samenvatting"),
    ("meer info over nummer 3", "wat zijn de succesfactoren?", "samenvatting graag"),
    ("vertel meer over optie 1", "heb je voorbeelden?", "vat samen"),
)
# The moodbot dialogue, as many messages as an intake: sad path with affirm, bot challenge, sad path with deny.
MOOD_INTENTS = (
    "greet",
    "mood_unhappy",
    "affirm",
    "bot_challenge",
    "greet",
    "mood_unhappy",
    "deny",
    "bot_challenge",
    "goodbye",
)


@dataclass(frozen=True)
class Script:
    """One conversation: the messages, and the index of the message whose reply must carry the advice (or None)."""

    messages: tuple[str, ...]
    advice_after: int | None = None
    # The moodbot's config has UnexpecTEDIntentPolicy: for an intent it finds unlikely it runs action_unlikely_intent,
    # which says nothing. That silence is the starter bot's own answer (counted, not an error); ours is never silent.
    silence_allowed: bool = False


def _pick(options: Sequence[T], number: int, stride: int) -> T:
    """One of the options for conversation `number`; different strides mix the wordings between professionals."""
    return options[(number * stride) % len(options)]


def intake_script(number: int) -> Script:
    """Whole intake number `number`: greeting, request, the four intake answers (advice due), three follow-ups."""
    messages = (
        _pick(GREETINGS, number, 1),
        _pick(REQUESTS, number, 3),
        _pick(RUIMTES, number, 1),
        _pick(INITIATORS, number, 5),
        _pick(ROLES, number, 3),
        _pick(VULNERABILITY, number, 1),
        *_pick(FOLLOW_UPS, number, 2),
    )
    return Script(messages, advice_after=5)


def moodbot_scripts(nlu_file: Path) -> Callable[[int], Script]:
    """Moodbot conversations with phrasings drawn (seeded by conversation number) from the starter's nlu.yml."""
    examples: dict[str, list[str]] = {}
    for block in yaml.safe_load(nlu_file.read_text(encoding="utf-8"))["nlu"]:
        if "intent" in block:
            examples[block["intent"]] = [
                line[2:].strip() for line in block["examples"].splitlines() if line.strip().startswith("- ")
            ]

    def script(number: int) -> Script:
        rng = random.Random(number)
        return Script(tuple(rng.choice(examples[intent]) for intent in MOOD_INTENTS), silence_allowed=True)

    return script


@dataclass
class Outcome:
    """What one phase of load produced."""

    latencies_ms: list[float] = field(default_factory=list)
    by_step_ms: dict[int, list[float]] = field(default_factory=dict)  # message index in the script -> latencies
    errors: Counter = field(default_factory=Counter)
    silent_replies: int = 0  # empty replies where the script allows them (the starter bot's action_unlikely_intent)
    conversations: int = 0
    messages: int = 0
    seconds: float = 0.0


async def converse(
    session: aiohttp.ClientSession, urls: Sequence[str], script: Script, sender: str, first_url: int, outcome: Outcome
) -> None:
    """Run one conversation, message after message; message i goes to urls[(first_url + i) % len(urls)].

    Stops at the first failed message (a timed-out message may still hold the conversation's lock).
    """
    outcome.conversations += 1
    for index, text in enumerate(script.messages):
        url = urls[(first_url + index) % len(urls)]
        outcome.messages += 1
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                body = await response.json(content_type=None) if response.status == 200 else None
                status = response.status
        except asyncio.TimeoutError:
            outcome.errors["timeout"] += 1
            return
        except (aiohttp.ClientError, ValueError) as err:
            outcome.errors[f"exception {type(err).__name__}"] += 1
            return
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            outcome.errors[f"HTTP {status}"] += 1
            return
        if not isinstance(body, list) or not (body or script.silence_allowed):
            outcome.errors["empty reply"] += 1
            return
        outcome.silent_replies += not body
        outcome.latencies_ms.append(elapsed)
        outcome.by_step_ms.setdefault(index, []).append(elapsed)
        if index == script.advice_after and advice_of(body) is None:
            outcome.errors["no advice after the intake"] += 1
            return


async def run_phase(
    urls: Sequence[str], script_for: Callable[[int], Script], concurrency: int, rounds: int, first_number: int = 0
) -> Outcome:
    """`concurrency` professionals at once, each running `rounds` whole conversations back to back."""
    outcome = Outcome()
    timeout = aiohttp.ClientTimeout(total=MESSAGE_TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:

        async def professional(person: int) -> None:
            for round_ in range(rounds):
                number = first_number + round_ * concurrency + person
                await converse(session, urls, script_for(number), f"load-{uuid.uuid4().hex}", person, outcome)

        started = time.perf_counter()
        await asyncio.gather(*(professional(p) for p in range(concurrency)))
        outcome.seconds = time.perf_counter() - started
    return outcome


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, its live descendants and its reaped children, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, pids = 0, [pid]
    while pids:
        current = pids.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime (stat fields 14-17)
            for task in Path(f"/proc/{current}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / ticks


def cpu_by_component(servers: Sequence[Service], top: Topology) -> dict[str, float]:
    """CPU seconds used so far by the Rasa process(es), the action server, PostgreSQL, Redis and this process."""
    own = os.times()
    return {
        "rasa": sum(cpu_seconds(s.process.pid) for s in servers),
        "actions": cpu_seconds(top.actions.process.pid),
        "postgres": cpu_seconds(top.postgres.process.pid),  # type: ignore[union-attr]
        "redis": cpu_seconds(top.redis.process.pid),  # type: ignore[union-attr]
        "load generator": own.user + own.system,
    }


def log_problems(path: Path, offset: int = 0) -> int:
    """Lines from `offset` on in a server log that report an error or a traceback."""
    with open(path, "rb") as log:
        log.seek(offset)
        return sum(1 for line in log if b"ERROR" in line or b"Traceback" in line)


def prepare_starter(directory: Path, log: Path) -> Path:
    """The starter bot's model: `rasa init --no-prompt` in `directory` (which trains it) unless one is there."""
    models = sorted((directory / "models").glob("*.tar.gz"))
    if not models:
        directory.mkdir(parents=True, exist_ok=True)
        with open(log, "w") as out:
            subprocess.run(
                [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(directory)],
                cwd=directory,
                env=child_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
                check=True,
                timeout=3600,
            )
        models = sorted((directory / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError(f"rasa init heeft geen model gemaakt in {directory / 'models'} (zie {log})")
    return models[-1]


def measure_config(
    config: str, top: Topology, starter_dir: Path, concurrency: int, rounds: int, workers: int, warmup_rounds: int
) -> dict[str, object]:
    """Start the Rasa process(es) of one configuration, warm up, measure, stop; return its figures."""
    if config == "starter":
        model = prepare_starter(starter_dir, top.work / "starter-init.log")
        credentials = starter_dir / "credentials.yml"
        script_for, processes = moodbot_scripts(starter_dir / "data" / "nlu.yml"), 1
    else:
        model, credentials = ROOT / "models" / "advisor.tar.gz", ROOT / "credentials.yml"
        script_for, processes = intake_script, 2 if config == "two" else 1
    group = top.start_rasa(
        f"tracker_{config}",
        processes=processes,
        workers=workers,
        name=f"rasa-{config}",
        model=model,
        credentials=credentials,
    )
    try:
        urls = [f"{process.url}{REST_WEBHOOK}" for process in group]
        # Warm-up, not measured: one quiet conversation (over every process), then concurrent rounds.
        warmup = asyncio.run(run_phase(urls, script_for, 1, 1, first_number=10_000)).errors
        if warmup_rounds:
            warmup.update(asyncio.run(run_phase(urls, script_for, concurrency, warmup_rounds, 20_000)).errors)
        actions_offset = top.actions_log.stat().st_size
        cpu_before = cpu_by_component(group, top)
        outcome = asyncio.run(run_phase(urls, script_for, concurrency, rounds))
        cpu = {name: value - cpu_before[name] for name, value in cpu_by_component(group, top).items()}
        lat = outcome.latencies_ms
        return {
            "conversations": outcome.conversations,
            "messages": outcome.messages,
            "errors": sum(outcome.errors.values()),
            "error_kinds": dict(outcome.errors),
            "silent_replies": outcome.silent_replies,
            "warmup_errors": sum(warmup.values()),
            "throughput_msg_s": round(len(lat) / outcome.seconds, 2) if outcome.seconds else 0.0,
            "p50_ms": round(statistics.median(lat), 1) if lat else float("nan"),
            "p95_ms": round(percentile(lat, 0.95), 1) if lat else float("nan"),
            "window_s": round(outcome.seconds, 1),
            "cpu_s": {name: round(value, 1) for name, value in cpu.items()},
            "p50_by_step_ms": [round(statistics.median(v)) for _, v in sorted(outcome.by_step_ms.items())],
            "log_errors": sum(log_problems(p.log) for p in group) + log_problems(top.actions_log, actions_offset),
        }
    finally:
        top.stop_rasa(group)


def print_table(results: dict[str, dict[str, object]], workers: int) -> None:
    """The figures per configuration as a table, then where the CPU went."""
    print(f"SANIC_WORKERS={workers} per Rasa process")
    header = (
        f"{'configuration':<36} {'convs':>6} {'messages':>9} {'errors':>6} {'msg/s':>7} {'p50 ms':>8} {'p95 ms':>8}"
    )
    print(header + "\n" + "-" * len(header))
    for config, r in results.items():
        print(
            f"{LABELS[config]:<36} {r['conversations']:>6} {r['messages']:>9} {r['errors']:>6} "
            f"{r['throughput_msg_s']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8}"
        )
    for config, r in results.items():
        cpu = ", ".join(f"{name} {value} s" for name, value in r["cpu_s"].items())  # type: ignore[union-attr]
        print(
            f"  {config}: CPU in the {r['window_s']} s window: {cpu}; errors {r['error_kinds'] or 'none'}; "
            f"silent replies {r['silent_replies']}; "
            f"warm-up errors {r['warmup_errors']}; ERROR/Traceback lines in server logs {r['log_errors']}; "
            f"p50 per message of the script (ms): {r['p50_by_step_ms']}"
        )


def measure(
    concurrency: int = 20,
    rounds: int = 3,
    configs: Sequence[str] = CONFIGS,
    workers: int = 1,
    warmup_rounds: int = 1,
    starter_dir: Path | None = None,
    work_dir: Path | None = None,
) -> dict[str, object]:
    """Measure the configurations one after another; print the table and return the figures as a flat dict.

    Server logs go to a temporary directory, or to `work_dir` (kept) when given.
    """
    unknown = set(configs) - set(CONFIGS)
    if unknown:
        raise ValueError(f"onbekende configuratie(s): {', '.join(sorted(unknown))}; kies uit {', '.join(CONFIGS)}")
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp_name:
        tmp = work_dir or Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        with Topology(tmp) as top:
            for config in [c for c in CONFIGS if c in configs]:
                print(
                    f"   [{config}] {LABELS[config]}: {concurrency} concurrent x {rounds} conversations ...", flush=True
                )
                results[config] = measure_config(
                    config, top, starter_dir or tmp / "starter", concurrency, rounds, workers, warmup_rounds
                )
    print_table(results, workers)
    figures: dict[str, object] = {"concurrency": concurrency, "rounds": rounds, "sanic_workers": workers}
    for config, r in results.items():
        for key in ("conversations", "messages", "errors", "silent_replies", "throughput_msg_s", "p50_ms", "p95_ms"):
            figures[f"{config}_{key}"] = r[key]
    if "starter" in results and "one" in results:
        ours, starter = float(results["one"]["p50_ms"]), float(results["starter"]["p50_ms"])  # type: ignore[arg-type]
        figures["p50_one_vs_starter"] = round(ours / starter, 2)
        print(f"p50 (our bot, 1 process) / p50 (starter bot) = {figures['p50_one_vs_starter']} (aim: <= 1.5)")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: a full or partial run; exit code 1 when any configuration had errors."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=20, help="gelijktijdige professionals (standaard 20)")
    parser.add_argument("--rounds", type=int, default=3, help="gemeten gesprekken per professional (standaard 3)")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="kommagescheiden uit starter,one,two")
    parser.add_argument("--workers", type=int, default=1, help="SANIC_WORKERS per Rasa-proces (standaard 1)")
    parser.add_argument(
        "--warmup-rounds",
        type=int,
        default=1,
        help="ongemeten gelijktijdige rondes vooraf (standaard 1; altijd eerst 1 rustig gesprek)",
    )
    parser.add_argument(
        "--starter-dir",
        type=Path,
        default=None,
        help="map voor de starter bot; een model dat er al staat wordt hergebruikt (standaard tijdelijk)",
    )
    parser.add_argument("--work-dir", type=Path, default=None, help="map voor de serverlogs, blijft bewaard")
    args = parser.parse_args(argv)
    figures = measure(
        args.concurrency,
        args.rounds,
        [c.strip() for c in args.configs.split(",") if c.strip()],
        args.workers,
        args.warmup_rounds,
        args.starter_dir,
        args.work_dir,
    )
    return 1 if any(v for k, v in figures.items() if k.endswith("_errors")) else 0


if __name__ == "__main__":
    sys.exit(main())
