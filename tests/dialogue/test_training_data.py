"""Training data checks: Rasa's validator, the NLU vocabulary in step with the knowledge store, coverage."""
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

RASA = str(Path(sys.executable).parent / "rasa")
CONTRACT_SYNONYMS = {
    "portiek": "trappenhuis", "galerij": "trappenhuis", "entree": "trappenhuis", "hofje": "binnentuin",
    "binnenhof": "binnentuin", "plantsoen": "groen", "groenstrook": "groen", "geveltuin": "groen",
    "speeltuin": "speelplek", "trapveldje": "speelplek", "wijkcentrum": "buurthuis", "buurtcentrum": "buurthuis",
    "ontmoetingsruimte": "gemeenschappelijke_ruimte", "bewonersruimte": "gemeenschappelijke_ruimte",
    "recreatieruimte": "gemeenschappelijke_ruimte",
}
CONTRACT_INTENTS = {
    "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "help", "out_of_scope", "request_advice", "inform",
    "corporation_goal", "ask_option_details", "ask_success_factors", "ask_pitfalls", "ask_archetype", "ask_examples",
    "ask_evidence", "ask_facilitation", "request_summary",
}


def _nlu_items():
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        yield from yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", [])


def _examples(block: str):
    return [line[2:].strip() for line in block.splitlines() if line.startswith("- ")]


def test_rasa_data_validate_passes():
    result = subprocess.run([RASA, "data", "validate", "--data", "data", "--domain", "domain.yml", "--config", "config.yml"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_every_contract_intent_has_at_least_20_examples():
    counts = Counter()
    for item in _nlu_items():
        if "intent" in item:
            counts[item["intent"]] += len(_examples(item["examples"]))
    domain_intents = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
    assert CONTRACT_INTENTS <= domain_intents
    for intent in domain_intents:
        assert counts[intent] >= 20, f"{intent} heeft maar {counts[intent]} voorbeelden"


def test_nlu_synonyms_and_lookup_agree_with_the_knowledge_vocabulary():
    vocabulary = yaml.safe_load((ROOT / "knowledge" / "content" / "vocabulary.yml").read_text(encoding="utf-8"))
    canonical = {phrase: value for value, phrases in vocabulary["woordenschat"]["ruimte"].items() for phrase in phrases}
    synonyms = {}
    lookup = []
    for item in _nlu_items():
        if "synonym" in item:
            synonyms.update({example: item["synonym"] for example in _examples(item["examples"])})
        if item.get("lookup") == "ruimte":
            lookup += _examples(item["examples"])
    for phrase, value in CONTRACT_SYNONYMS.items():
        assert synonyms.get(phrase) == value, f"NLU-synoniem {phrase} -> {value} ontbreekt"
        assert canonical.get(phrase) == value, f"woordenschat {phrase} -> {value} ontbreekt"
    for phrase, value in synonyms.items():
        assert canonical.get(phrase) == value, f"NLU zegt {phrase} -> {value}, de kennisbank {canonical.get(phrase)}"
    missing = [word for word in lookup if word not in canonical and word not in canonical.values()]
    assert not missing, f"opzoektabel ruimte bevat woorden die de kennisbank niet kent: {missing}"


@pytest.mark.parametrize("path", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*.yml")))
def test_training_files_are_valid_yaml(path):
    assert yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
