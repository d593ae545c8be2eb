"""`make bench`: every benchmark, figures printed as a table."""

from __future__ import annotations

import sys

from tests.bench import latency, load, recommendation, training
from tests.eval import run as held_out


def main() -> int:
    """Run the benchmarks one after another and print their figures."""
    for name, measure in (
        ("aanbeveling (echte catalogus en x1000)", recommendation.measure_all),
        ("latentie en geheugen (REST)", latency.measure),
        ("belasting (20 gelijktijdige gesprekken; starter bot, 1 en 2 Rasa-processen)", load.measure),
        ("training", training.measure),
        (
            "begrip: apart geschreven evaluatieset en 5-voudige kruisvalidatie",
            lambda: held_out.measure(cross_validation=True),
        ),
    ):
        print(f"== {name} ...", flush=True)
        figures = measure()
        for key, value in figures.items():
            print(f"   {key:<34} {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
