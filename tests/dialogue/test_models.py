"""The trained model: held-out intent F1 and the test stories."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.launcher.services import MODEL
from tests.conftest import ROOT

RASA = str(Path(sys.executable).parent / "rasa")
pytestmark = pytest.mark.slow
MIN_INTENT_F1 = 0.90


def test_intent_f1_on_the_held_out_test_set(tmp_path, capsys):
    result = subprocess.run(
        [RASA, "test", "nlu", "--nlu", "tests/data/nlu_testset.yml", "-m", str(MODEL), "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "intent_report.json").read_text())
    f1 = report["weighted avg"]["f1-score"]
    worst = sorted(
        (v["f1-score"], k)
        for k, v in report.items()
        if isinstance(v, dict) and "support" in v and k not in ("weighted avg", "macro avg", "micro avg")
    )[:3]
    with capsys.disabled():
        print(f"\nintent F1 (gewogen) op de apart geschreven testset: {f1:.3f}; zwakste: {worst}")
    assert f1 >= MIN_INTENT_F1


def test_core_test_stories_pass(tmp_path):
    stories = sum(
        len(yaml.safe_load(p.read_text(encoding="utf-8"))["stories"])
        for p in (ROOT / "tests" / "stories").glob("*.yml")
    )
    assert stories >= 25
    result = subprocess.run(
        [
            RASA,
            "test",
            "core",
            "--stories",
            "tests/stories",
            "-m",
            str(MODEL),
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text()[-4000:] if failed.exists() else result.stdout[-3000:]
    assert result.returncode == 0, detail
