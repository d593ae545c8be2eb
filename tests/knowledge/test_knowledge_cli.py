"""The maintainers' command line `python -m knowledge`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.cli import main
from knowledge.loader import CONTENT_DIR
from knowledge.schema import content_files

PROJECT = Path(__file__).resolve().parents[2]


def run_module(*args: str, env_db: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, KNOWLEDGE_DB_URL=env_db, TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run(
        [sys.executable, "-m", "knowledge", *args], capture_output=True, text=True, timeout=300, cwd=PROJECT, env=env
    )


def break_options(content_dir: Path) -> None:
    path = content_dir / "options.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("rol: toezicht", "rol: opzicht", 1), encoding="utf-8")


# --- subprocess: the real entry point (slow to import, so only these two) -------------------------------------


def test_module_validate_real_content_exits_0(tmp_path):
    result = run_module("validate", env_db=f"sqlite:///{tmp_path / 'unused.sqlite'}")
    assert result.returncode == 0, result.stderr
    assert "is geldig" in result.stdout
    assert not (tmp_path / "unused.sqlite").exists()  # validate does not touch the database


def test_module_validate_broken_content_exits_1_with_dutch_message(tmp_path, content_dir):
    break_options(content_dir)
    result = run_module("--content", str(content_dir), "validate", env_db=f"sqlite:///{tmp_path / 'unused.sqlite'}")
    assert result.returncode == 1
    assert "Ongeldige kennisinhoud" in result.stderr
    assert "options.yml" in result.stderr and "opties[0] 'schoon-toezicht'" in result.stderr
    assert "veld 'rol'" in result.stderr and "onbekende waarde 'opzicht'" in result.stderr
    assert "Traceback" not in result.stderr


# --- in process -----------------------------------------------------------------------------------------------


def test_validate_prints_counts(capsys, original_yaml):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "is geldig" in out
    assert f"options: {len(original_yaml['options.yml']['opties'])}" in out
    assert f"sources: {len(original_yaml['sources.yml']['bronnen'])}" in out


def test_validate_broken_content_returns_1(capsys, content_dir):
    (content_dir / "figures.yml").unlink()
    assert main(["--content", str(content_dir), "validate"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "figures.yml: bestand ontbreekt" in captured.err


def test_load_then_stats(capsys, tmp_path, original_yaml):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    assert main(["--db", url, "load"]) == 0
    assert "Inhoud geladen in sqlite:///" in capsys.readouterr().out

    assert main(["--db", url, "stats"]) == 0
    out = capsys.readouterr().out
    counts = dict(re.findall(r"^\s*([a-z_]+)\s*(\d+)", out, flags=re.MULTILINE))
    y = original_yaml
    assert int(counts["bronnen"]) == len(y["sources.yml"]["bronnen"])
    assert int(counts["archetypen"]) == len(y["archetypes.yml"]["archetypen"])
    assert int(counts["menukaartopties"]) == len(y["options.yml"]["opties"])
    assert int(counts["praktijkvoorbeelden"]) == len(y["examples.yml"]["voorbeelden"])
    assert int(counts["cijfers"]) == len(y["figures.yml"]["cijfers"])
    assert int(counts["facilitering"]) == len(y["facilitation.yml"]["facilitering"])
    assert int(counts["waarschuwingen"]) == len(y["warnings.yml"]["waarschuwingen"])
    assert int(counts["stappen"]) == len(y["steps.yml"]["stappen"])
    for kind in ("werkzame_bestanddelen", "succesfactoren", "valkuilen", "randvoorwaarden"):
        assert int(counts[kind]) == sum(len(a[kind]) for a in y["archetypes.yml"]["archetypen"])
    vocabulary = y["vocabulary.yml"]["woordenschat"]
    terms = sum(len(v) if isinstance(v, list) else sum(map(len, v.values())) for c, v in vocabulary.items())
    assert re.search(rf"^woordenschat\s+{terms} termen$", out, flags=re.MULTILINE)


def test_stats_separates_every_label_from_its_number(capsys, session_db_url, engine):
    assert main(["--db", session_db_url, "stats"]) == 0
    for line in capsys.readouterr().out.splitlines():
        assert re.match(r"^\s*[a-z_]+\s+\d+", line), line


def test_stats_on_broken_content_and_fresh_db_returns_1(capsys, tmp_path, content_dir):
    break_options(content_dir)
    assert main(["--db", f"sqlite:///{tmp_path / 'x.sqlite'}", "--content", str(content_dir), "stats"]) == 1
    assert "options.yml" in capsys.readouterr().err


def test_export_writes_files(capsys, tmp_path):
    out_dir = tmp_path / "uit"
    assert main(["--db", f"sqlite:///{tmp_path / 'exp.sqlite'}", "export", str(out_dir)]) == 0
    out = capsys.readouterr().out
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(content_files())
    assert out.count("geschreven: ") == len(content_files())
    assert main(["--content", str(out_dir), "validate"]) == 0


def test_explain_prints_a_ranked_table(capsys, session_db_url, engine, store):
    assert main(["--db", session_db_url, "explain", "--ruimte", "trappenhuis", "--rol", "toezicht"]) == 0
    out = capsys.readouterr().out
    rows = re.findall(r"^([* ])\s*(\d+)\. (\d\.\d\d)\s+(\S+)\s+(.*)$", out, flags=re.MULTILINE)
    assert len(rows) == len(store.options)
    assert [int(r[1]) for r in rows] == list(range(1, len(rows) + 1))
    scores = [float(r[2]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    # trappenhuis + toezicht, not fragile: the toezicht options for the stairwell score 0.50 + 0.25 + 0.10
    assert {r[3] for r in rows[:3]} == {"schoon-toezicht", "schouw-bewonersteam", "toezicht-aannemer"}
    assert scores[:3] == [0.85, 0.85, 0.85]
    assert "past=0.50  bewonersrol=0.25  inspanning=0.10" in rows[0][4]
    assert all("(past niet: " in r[4] for r in rows if float(r[2]) == 0)
    assert "(past niet: is niet bedoeld voor het trappenhuis of portiek)" in out
    marked = [r for r in rows if r[0] == "*"]
    assert 3 <= len(marked) <= 5 and rows[: len(marked)] == marked
    assert "Waarschuwingen: geen" in out
    assert re.search(r"^Stappen: luisteren-wie-wil-dit, .*terugkijken-samen$", out, flags=re.MULTILINE)


def test_explain_lists_warnings(capsys, session_db_url, engine):
    args = [
        "--db",
        session_db_url,
        "explain",
        "--ruimte",
        "speelplek",
        "--rol",
        "meedenken",
        "--kwetsbaar",
        "ja",
        "--initiatiefnemer",
        "gemeente",
        "--corporatie-doel",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Waarschuwingen: eigen_doelen_corporatie, geen_bewonersinitiatief, kwetsbare_wijk, veiligheid" in out
    assert "(1 passend)" in out  # with the organisation's goals: only what residents want, nothing heavier


def test_advise_and_explain_do_not_load_spacy_without_motivation(tmp_path):
    """spaCy (and through thinc TensorFlow) takes seconds to import; a profile without the residents' own words
    needs none of it, which keeps `advise` and `explain` well under the 3 s of issue 10."""
    code = (
        "import sys; from knowledge.cli import main; "
        "main(['advise', '--json', '--ruimte', 'groen']); main(['explain', '--rol', 'toezicht']); "
        "sys.stderr.write('SPACY' if 'spacy' in sys.modules else 'NO-SPACY')"
    )
    env = dict(os.environ, KNOWLEDGE_DB_URL=f"sqlite:///{tmp_path / 'k.sqlite'}")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=PROJECT, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.endswith("NO-SPACY")


@pytest.mark.parametrize("command", ["explain", "advise"])
def test_unknown_choices_are_rejected(capsys, command):
    with pytest.raises(SystemExit) as info:
        main([command, "--ruimte", "tuin"])
    assert info.value.code == 2
    assert "tuin" in capsys.readouterr().err


def test_command_is_required(capsys):
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_default_content_dir_is_the_package_content():
    from knowledge.cli import build_parser

    assert build_parser().parse_args(["validate"]).content == CONTENT_DIR
