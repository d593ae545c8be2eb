"""`make eval`: the held-out evaluation (tests/eval/, written independently of data/nlu/, never trained on).

Each set was written by its own writer who never saw the training data: `tests/eval/` (development), `third/`,
`fourth/` to `twelfth/` (their failures were read after the first measurement to find gaps) and `final/`
(looked at by no one on the team: the figures to quote). See tests/eval/README.md. Starts the action server and
Rasa with the trained model, then prints for each set
- intent accuracy and macro F1 on utterances.yml (Rasa's /model/parse; nlu_fallback counts as wrong),
- `ruimte` accuracy on the utterances that name a space, and spaces reported where none is named,
- for conversations.yml: the share that reach an advice, the share whose advice carries the expected profile,
  how often a slot given earlier was asked again, and the longest run of one question asked in a row,
- with --cross-validation, Rasa's 5-fold cross-validation of the training data (five trainings: slow).

    python -m tests.eval.run [--cross-validation] [--verbose] [--sets dev,third,...,twelfth,final]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sklearn.metrics import f1_score

from tests.conversation import Conversation, advice_of, parse
from tests.servers import start_servers

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RASA = str(Path(sys.executable).parent / "rasa")
SLOTS = ("ruimte", "initiatiefnemer", "bewonersrol", "kwetsbare_wijk")
MAX_TURNS = 30
NUDGE = "ik wil graag advies"


# failures read after the first measurement
READ_SETS = (
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
SETS = {"dev": HERE, **{name: HERE / name for name in (*READ_SETS, "final")}}
UNTOUCHED = {"final"}  # nobody reads this set's items: --verbose never prints them


def load(name: str, directory: Path = HERE) -> list[dict[str, Any]]:
    """The entries of one evaluation file."""
    data = yaml.safe_load((directory / name).read_text(encoding="utf-8"))
    return list(next(iter(data.values())))


def utterance_figures(url: str, directory: Path = HERE, verbose: bool = False) -> dict[str, Any]:
    """Intent accuracy, macro F1 and ruimte accuracy on the held-out utterances."""
    gold, predicted, misses = [], [], []
    ruimte_total = ruimte_right = spurious = unlabelled = 0
    for item in load("utterances.yml", directory):
        result = parse(url, item["text"])
        intent = (result.get("intent") or {}).get("name")
        gold.append(item["intent"])
        predicted.append(intent)
        if intent != item["intent"]:
            misses.append(f"intent {item['intent']} -> {intent}: {item['text']}")
        spaces = [e.get("value") for e in result.get("entities", []) if e.get("entity") == "ruimte"]
        if item.get("ruimte"):
            ruimte_total += 1
            if spaces[:1] == [item["ruimte"]]:
                ruimte_right += 1
            else:
                misses.append(f"ruimte {item['ruimte']} -> {spaces}: {item['text']}")
        else:
            unlabelled += 1
            spurious += bool(spaces)
    if verbose:
        print("\n".join(misses))
    right = sum(g == p for g, p in zip(gold, predicted, strict=True))
    labels = sorted(set(gold))
    return {
        "utterances": len(gold),
        "intent_accuracy": round(right / len(gold), 3),
        "intent_macro_f1": round(float(f1_score(gold, predicted, labels=labels, average="macro", zero_division=0)), 3),
        "ruimte_accuracy": round(ruimte_right / ruimte_total, 3) if ruimte_total else None,
        "ruimte_utterances": ruimte_total,
        "ruimte_where_none_named": f"{spurious}/{unlabelled}",
    }


@dataclass
class Outcome:
    """What happened in one scripted conversation."""

    id: str
    advice: dict[str, Any] | None = None
    turns: int = 0
    repeated_given: list[str] = field(default_factory=list)
    longest_run: int = 0
    wrong: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def expected_advice(self) -> bool:
        return self.advice is not None and not self.wrong


def _expected_value(slot: str, value: Any) -> Any:
    return None if value == "onbekend" else value


def _asks(tracker: dict[str, Any]) -> list[str]:
    """The slots the form asked for, in order (from the bot events' response names)."""
    asks = []
    for event in tracker.get("events", []):
        action = (event.get("metadata") or {}).get("utter_action") or "" if event.get("event") == "bot" else ""
        if action.startswith("utter_ask_"):
            asks.append(action[len("utter_ask_") :])
    return asks


def _longest_run(asks: Sequence[str]) -> int:
    best = run = 0
    for position, slot in enumerate(asks):
        run = run + 1 if position and asks[position - 1] == slot else 1
        best = max(best, run)
    return best


def converse(url: str, script: dict[str, Any], max_turns: int = MAX_TURNS) -> Outcome:
    """Drive one conversation: openings, then the scripted answer to whatever slot the bot asks.

    `script` holds `opening` (messages sent first) and `answers` (per slot, the answers in order, the last one
    repeated); its `expected` profile, if any, is compared with the advice's `profiel`.
    """
    chat = Conversation(url, "eval")
    outcome = Outcome(script["id"])
    answered: dict[str, int] = {}
    filled: set = set()
    nudged = False

    def say(text: str) -> None:
        advice = advice_of(chat.send(text, timeout=60))
        outcome.turns += 1
        if advice is not None:
            outcome.advice = advice

    for text in script.get("opening", []):
        say(text)
    while outcome.advice is None and outcome.turns < max_turns:
        state = chat.tracker()
        slots = state.get("slots", {})
        filled |= {s for s in SLOTS if slots.get(s) is not None}
        asked = slots.get("requested_slot") if (state.get("active_loop") or {}).get("name") == "intake_form" else None
        if asked in SLOTS:
            answers = script["answers"][asked]
            if asked in filled:
                outcome.repeated_given.append(asked)
            say(answers[min(answered.get(asked, 0), len(answers) - 1)])
            answered[asked] = answered.get(asked, 0) + 1
        elif not nudged:
            nudged = True
            say(NUDGE)
        else:
            break
    outcome.longest_run = _longest_run(_asks(chat.tracker()))
    if outcome.advice is not None:
        profile = outcome.advice.get("profiel", {})
        for slot, value in script.get("expected", {}).items():
            if profile.get(slot) != _expected_value(slot, value):
                outcome.wrong[slot] = (value, profile.get(slot))
    return outcome


def conversation_figures(url: str, directory: Path = HERE, verbose: bool = False) -> dict[str, Any]:
    """Share of held-out conversations that reach an advice, and one with the expected profile."""
    outcomes = [converse(url, script) for script in load("conversations.yml", directory)]
    if verbose:
        for o in outcomes:
            if not o.expected_advice or o.repeated_given or o.longest_run > 2:
                print(
                    f"{o.id}: advies={'ja' if o.advice else 'nee'} beurten={o.turns} fout={o.wrong} "
                    f"opnieuw_gevraagd={o.repeated_given} langste_herhaling={o.longest_run}"
                )
    total = len(outcomes)
    return {
        "conversations": total,
        "reach_advice": f"{sum(o.advice is not None for o in outcomes)}/{total}",
        "reach_expected_advice": f"{sum(o.expected_advice for o in outcomes)}/{total}",
        "slot_given_then_asked_again": sum(len(o.repeated_given) for o in outcomes),
        "longest_run_of_one_question": max(o.longest_run for o in outcomes),
        "median_turns": sorted(o.turns for o in outcomes)[total // 2],
        "profile_slots_right": " ".join(
            f"{slot}={sum(slot not in o.wrong for o in outcomes if o.advice)}/{total}"
            for slot in (*SLOTS, "corporatie_doel")
        ),
    }


def cross_validation_figures(folds: int = 5) -> dict[str, Any]:
    """Rasa's k-fold cross-validation of the training data (intent F1 and entity F1)."""
    with tempfile.TemporaryDirectory(prefix="eval-cv-") as tmp:
        subprocess.run(
            [
                RASA,
                "test",
                "nlu",
                "--nlu",
                "data/nlu",
                "--config",
                "config.yml",
                "--cross-validation",
                "--folds",
                str(folds),
                "--out",
                tmp,
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        intents = json.loads((Path(tmp) / "intent_report.json").read_text())
        entity_files = sorted(Path(tmp).glob("*_report.json"))  # the entity extractors' reports (RuimteNormaliser)
        entities = next((json.loads(f.read_text()) for f in entity_files if "ruimte" in json.loads(f.read_text())), {})
    return {
        f"cv{folds}_intent_accuracy": round(intents["accuracy"], 3),
        f"cv{folds}_intent_macro_f1": round(intents["macro avg"]["f1-score"], 3),
        f"cv{folds}_entity_ruimte_f1": round(entities.get("ruimte", {}).get("f1-score", 0.0), 3) if entities else None,
    }


def measure(cross_validation: bool = False, verbose: bool = False, sets: Sequence[str] = tuple(SETS)) -> dict[str, Any]:
    """Every held-out figure of the chosen sets, prefixed by the set's name (and cross-validation when asked)."""
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="eval-") as tmp, start_servers(Path(tmp)) as servers:
        for name in sets:
            directory, show = SETS[name], verbose and name not in UNTOUCHED
            found: dict[str, Any] = {}
            if (directory / "utterances.yml").exists():
                found.update(utterance_figures(servers.url, directory, show))
            if (directory / "conversations.yml").exists():
                found.update(conversation_figures(servers.url, directory, show))
            figures.update({f"{name}_{key}": value for key, value in found.items()})
    if cross_validation:
        figures.update(cross_validation_figures())
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Print the held-out figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cross-validation", action="store_true", help="ook Rasa's 5-voudige kruisvalidatie (traag)")
    parser.add_argument("--verbose", action="store_true", help="toon elke fout (nooit die van de set final)")
    parser.add_argument(
        "--sets", default=",".join(SETS), help=f"welke sets, gescheiden door komma's (standaard {','.join(SETS)})"
    )
    args = parser.parse_args(argv)
    sets = [name for name in args.sets.split(",") if name]
    unknown = sorted(set(sets) - set(SETS))
    if unknown:
        parser.error(f"onbekende set: {', '.join(unknown)}; kies uit {', '.join(SETS)}")
    for key, value in measure(args.cross_validation, args.verbose, sets).items():
        print(f"   {key:<34} {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
