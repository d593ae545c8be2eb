"""`make bench`: every benchmark, figures printed as a table."""
from __future__ import annotations

import sys

from tests.bench import latency, recommendation, training


def main() -> int:
    """Run the benchmarks one after another and print their figures."""
    for name, module in (("aanbeveling (catalogus x1000)", recommendation), ("latentie en geheugen (REST)", latency),
                         ("training", training)):
        print(f"== {name} ...", flush=True)
        figures = module.measure()
        for key, value in figures.items():
            print(f"   {key:<34} {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
