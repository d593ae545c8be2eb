"""Benchmark: loading and recommending with the catalogue scaled to 1,000x its size (synthetic copies)."""

from __future__ import annotations

import copy
import statistics
import tempfile
import time
from pathlib import Path

from knowledge.loader import CONTENT_DIR, load, make_engine
from knowledge.matching import PhraseIndex
from knowledge.recommend import Profile, recommend
from knowledge.schema import read_content
from knowledge.store import KnowledgeStore, default_store

PROFILES = [
    Profile("binnentuin", "bewoners", "zelf_doen", False, motivatie="ze willen een moestuin"),
    Profile("trappenhuis", "corporatie", "toezicht", True, corporatie_doel=True),
    Profile("speelplek", "gemeente", "meedenken", None),
    Profile(None, None, None, None),
]


def scaled_content(factor: int):
    """The real content with every option copied `factor` times under new ids."""
    content = read_content(CONTENT_DIR)
    originals = content.entries["options"]
    copies = []
    for n in range(factor):
        for option in originals:
            clone = copy.deepcopy(option)
            if n:
                clone["id"] = f"{option['id']}-x{n}"
                clone["trefwoorden"] = []
            copies.append(clone)
    content.entries["options"] = copies
    return content


def measure(factor: int = 1000, repeats: int = 20) -> dict:
    """Load the scaled catalogue into SQLite and time recommendations on it."""
    content = scaled_content(factor)
    with tempfile.TemporaryDirectory(prefix="bench-rec-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'scaled.sqlite'}")
        started = time.perf_counter()
        load(content, engine, "bench")
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        store = KnowledgeStore(engine)
        open_s = time.perf_counter() - started
        index = PhraseIndex(default_store())  # the real vocabulary; matching cost does not scale
        timings = []
        for _ in range(repeats):
            for profile in PROFILES:
                started = time.perf_counter()
                recommend(store, profile, index)
                timings.append((time.perf_counter() - started) * 1000)
    return {
        "options": len(store.options),
        "load_s": round(load_s, 1),
        "open_store_s": round(open_s, 1),
        "recommend_median_ms": round(statistics.median(timings), 1),
        "recommend_max_ms": round(max(timings), 1),
    }


def measure_all() -> dict:
    """The real catalogue and the catalogue scaled to 1,000x."""
    real = measure(factor=1)
    return {
        "recommend_real_catalogue_median_ms": real["recommend_median_ms"],
        **{f"x1000_{key}": value for key, value in measure(factor=1000).items()},
    }


if __name__ == "__main__":
    print(measure_all())
