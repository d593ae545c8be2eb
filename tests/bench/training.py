"""Benchmark: full training time, and re-training after a change to one response text."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.launcher.services import ROOT, child_env

RASA = str(Path(sys.executable).parent / "rasa")


def _train(project: Path, cache: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [RASA, "train", "--out", str(project / "models"), "--fixed-model-name", "bench", "--quiet"],
        cwd=project,
        env=child_env(RASA_CACHE_DIRECTORY=str(cache)),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def measure() -> dict:
    """Train a copy of the project from an empty cache, change one response text, train again."""
    with tempfile.TemporaryDirectory(prefix="bench-train-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("domain.yml", "config.yml"):
            shutil.copy(ROOT / name, project / name)
        shutil.copytree(ROOT / "data", project / "data")
        cache = Path(tmp) / "cache"
        full = _train(project, cache)
        domain = project / "domain.yml"
        domain.write_text(domain.read_text(encoding="utf-8").replace("Tot ziens,", "Tot later,"), encoding="utf-8")
        retrain = _train(project, cache)
    return {"full_training_s": round(full, 1), "retrain_after_response_change_s": round(retrain, 1)}


if __name__ == "__main__":
    print(measure())
