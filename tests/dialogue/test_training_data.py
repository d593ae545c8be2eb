"""Training data checks: Rasa's validator, the `ruimte` entity in step with the knowledge vocabulary, coverage."""

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

RASA = str(Path(sys.executable).parent / "rasa")
CONTRACT_SYNONYMS = {
    "portiek": "trappenhuis",
    "galerij": "trappenhuis",
    "entree": "trappenhuis",
    "hofje": "binnentuin",
    "binnenhof": "binnentuin",
    "plantsoen": "groen",
    "groenstrook": "groen",
    "geveltuin": "groen",
    "speeltuin": "speelplek",
    "trapveldje": "speelplek",
    "wijkcentrum": "buurthuis",
    "buurtcentrum": "buurthuis",
    "ontmoetingsruimte": "gemeenschappelijke_ruimte",
    "bewonersruimte": "gemeenschappelijke_ruimte",
    "recreatieruimte": "gemeenschappelijke_ruimte",
}
CONTRACT_INTENTS = {
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "help",
    "out_of_scope",
    "request_advice",
    "inform",
    "corporation_goal",
    "ask_option_details",
    "ask_success_factors",
    "ask_pitfalls",
    "ask_archetype",
    "ask_examples",
    "ask_evidence",
    "ask_facilitation",
    "request_summary",
}
RUIMTES = ("groen", "binnentuin", "trappenhuis", "gemeenschappelijke_ruimte", "buurthuis", "speelplek", "zwembad")
# Minimum examples per intent; training must stay fast, so the total is bounded too.
SMALL_TALK = {"affirm", "deny", "thank", "goodbye", "bot_challenge"}
MINIMUM = {"inform": 300, "corporation_goal": 120}
TOTAL = (1400, 4500)
ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?P<meta>\((?P<plain>[^)]+)\)|\{(?P<json>[^}]+)\})")
WORD = re.compile(r"\w+", re.UNICODE)


def _nlu_items():
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        yield from yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", [])


def _examples(block: str):
    return [line.strip()[2:].strip() for line in block.splitlines() if line.strip().startswith("- ")]


def _intent_examples():
    for item in _nlu_items():
        if "intent" in item:
            for example in _examples(item["examples"]):
                yield item["intent"], example


def _plain(example: str):
    """The example's text without annotation markup, and its annotations as (start, end, text, markup)."""
    text, spans, position = "", [], 0
    for match in ANNOTATION.finditer(example):
        text += example[position : match.start()]
        start = len(text)
        text += match.group("text")
        spans.append((start, len(text), match.group("text"), match.group("meta")))
        position = match.end()
    return text + example[position:], spans


def _ruimte_vocabulary():
    vocabulary = yaml.safe_load((ROOT / "knowledge" / "content" / "vocabulary.yml").read_text(encoding="utf-8"))
    return {phrase: value for value, phrases in vocabulary["woordenschat"]["ruimte"].items() for phrase in phrases}


def test_rasa_data_validate_passes():
    result = subprocess.run(
        [RASA, "data", "validate", "--data", "data", "--domain", "domain.yml", "--config", "config.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_every_intent_has_enough_examples_and_the_total_stays_trainable():
    counts = Counter(intent for intent, _ in _intent_examples())
    domain_intents = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
    assert CONTRACT_INTENTS <= domain_intents
    for intent in domain_intents:
        minimum = MINIMUM.get(intent, 25 if intent in SMALL_TALK else 40 if intent in CONTRACT_INTENTS else 20)
        assert counts[intent] >= minimum, f"{intent} heeft maar {counts[intent]} voorbeelden (minstens {minimum})"
    assert set(counts) <= domain_intents, f"intenties buiten het domein: {set(counts) - domain_intents}"
    total = sum(counts.values())
    assert TOTAL[0] <= total <= TOTAL[1], f"{total} voorbeelden; houd het tussen {TOTAL[0]} en {TOTAL[1]}"


def test_no_example_is_labelled_with_two_intents():
    labels = defaultdict(set)
    for intent, example in _intent_examples():
        labels[" ".join(WORD.findall(_plain(example)[0].lower()))].add(intent)
    clashes = {text: sorted(intents) for text, intents in labels.items() if len(intents) > 1}
    assert not clashes, f"voorbeelden met meer dan één intentie: {clashes}"


def test_every_contract_synonym_is_in_the_knowledge_vocabulary():
    canonical = _ruimte_vocabulary()
    for phrase, value in CONTRACT_SYNONYMS.items():
        assert canonical.get(phrase) == value, (
            f"woordenschat {phrase} -> {value} ontbreekt (nu: {canonical.get(phrase)})"
        )
    assert set(canonical.values()) == set(RUIMTES)


def test_ruimte_is_annotated_without_values_and_has_no_nlu_synonyms():
    """The normaliser after DIET maps `ruimte` onto the seven values; the data must not do it a second time."""
    valued = [
        example for _, example in _intent_examples() for _, _, _, meta in _plain(example)[1] if meta.startswith("{")
    ]
    assert not valued, f"ruimte met een waarde geannoteerd (schrijf [woord](ruimte)): {valued[:5]}"
    synonyms = [item["synonym"] for item in _nlu_items() if "synonym" in item and item["synonym"] in RUIMTES]
    assert not synonyms, f"NLU-synoniemen voor ruimte horen niet meer in data/nlu/: {synonyms}"
    canonical = _ruimte_vocabulary()
    lookup = [word for item in _nlu_items() if item.get("lookup") == "ruimte" for word in _examples(item["examples"])]
    missing = [word for word in lookup if word not in canonical]
    assert not missing, f"opzoektabel ruimte bevat woorden die de kennisbank niet kent: {missing}"


def test_annotated_ruimte_spans_resolve_through_the_vocabulary():
    """Every annotated span (typos, compounds, diminutives included) is read as one of the seven values."""
    from knowledge.normalise import Normaliser, spacy_known_words
    from knowledge.schema import read_vocabulary

    normaliser = Normaliser(read_vocabulary(), spacy_known_words())
    canonical = _ruimte_vocabulary()
    unresolved, disagree = set(), set()
    for _, example in _intent_examples():
        for _, _, span, meta in _plain(example)[1]:
            if meta != "(ruimte)":
                continue
            value = normaliser.canonical("ruimte", span)
            if value not in RUIMTES:
                unresolved.add(span)
            elif span.lower() in canonical and canonical[span.lower()] != value:
                disagree.add((span, value, canonical[span.lower()]))
    assert not unresolved, f"ruimte-woorden die de woordenschat (met normaliser) niet kent: {sorted(unresolved)}"
    assert not disagree, f"normaliser en woordenschat zijn het oneens: {sorted(disagree)}"


def test_every_space_named_in_an_example_is_annotated():
    """A vocabulary space word left unannotated would teach DIET that it is not a space."""
    phrases = sorted({tuple(WORD.findall(p.lower())) for p in _ruimte_vocabulary()}, key=len, reverse=True)
    missed = []
    for intent, example in _intent_examples():
        text, spans = _plain(example)
        words = [(m.group(0).lower(), m.start(), m.end()) for m in WORD.finditer(text)]
        for i in range(len(words)):
            for phrase in phrases:
                if tuple(w for w, _, _ in words[i : i + len(phrase)]) == phrase:
                    start, end = words[i][1], words[i + len(phrase) - 1][2]
                    if not any(start < s_end and end > s_start for s_start, s_end, _, _ in spans):
                        missed.append((intent, text[start:end], example))
                    break
    assert not missed, f"ruimte genoemd maar niet geannoteerd: {missed[:10]}"


def test_the_intent_boundaries_are_written_down_next_to_the_data():
    readme = (ROOT / "data" / "nlu" / "README.md").read_text(encoding="utf-8")
    domain_intents = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]
    missing = [intent for intent in domain_intents if f"`{intent}`" not in readme]
    assert not missing, f"data/nlu/README.md beschrijft deze intenties niet: {missing}"


@pytest.mark.parametrize("path", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*.yml")))
def test_training_files_are_valid_yaml(path):
    assert yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def _goal_guard():
    from bot.nlu.intent_boundary import CorporationGoalGuard
    from knowledge.normalise import vocabulary_normaliser

    return CorporationGoalGuard(vocabulary_normaliser())


def test_every_corporation_goal_example_states_a_goal_and_no_residents_wish():
    """The guard after the classifier keeps `corporation_goal` only for stated goals: the data must agree with it."""
    guard = _goal_guard()
    examples = [_plain(example)[0] for intent, example in _intent_examples() if intent == "corporation_goal"]
    dropped = [text for text in examples if guard.residents_want(text) or not guard.states_a_goal(text)]
    assert not dropped, f"bot/nlu/intent_boundary.py would relabel these corporation_goal examples: {dropped}"


def test_no_example_of_another_intent_has_the_organisation_pushing_a_task():
    """The guard turns these into `corporation_goal`: an example of another intent must not be promoted."""
    guard = _goal_guard()
    ranking = [{"name": "x", "confidence": 1.0}]
    examples = [(i, _plain(e)[0]) for i, e in _intent_examples() if i != "corporation_goal"]
    promoted = [(i, t) for i, t in examples if guard.new_intent(i, t, ranking) == "corporation_goal"]
    assert not promoted, f"bot/nlu/intent_boundary.py would make these examples corporation_goal: {promoted}"


def test_no_facilitation_example_reports_a_residents_request():
    """bot/nlu/reported_requests.py turns these into `inform`: an `ask_facilitation` example must not match."""
    from bot.nlu.reported_requests import ReportedRequestInform
    from knowledge.normalise import vocabulary_normaliser

    component = ReportedRequestInform(vocabulary_normaliser())
    examples = [_plain(example)[0] for intent, example in _intent_examples() if intent == "ask_facilitation"]
    reported = [text for text in examples if component.reports_a_request(text)]
    assert not reported, f"bot/nlu/reported_requests.py would make these examples inform: {reported}"


def test_every_restart_example_asks_for_a_restart_in_words():
    """bot/nlu/restart_words.py keeps `restart_conversation` only for these words: every example must have one."""
    from bot.nlu.restart_words import RestartNeedsItsWords
    from knowledge.normalise import vocabulary_normaliser

    component = RestartNeedsItsWords(vocabulary_normaliser())
    examples = [_plain(example)[0] for intent, example in _intent_examples() if intent == "restart_conversation"]
    assert examples
    missing = [text for text in examples if not component.asks_for_restart(text)]
    assert not missing, f"bot/nlu/restart_words.py would not keep these restart examples: {missing}"


def test_only_help_examples_ask_what_a_question_means():
    """bot/nlu/clarification.py makes these `help`: the examples of other intents must not be among them."""
    from knowledge.clarification import asks_what_is_meant

    relabelled = [(i, t) for i, e in _intent_examples() if asks_what_is_meant(t := _plain(e)[0]) and i != "help"]
    assert not relabelled, f"bot/nlu/clarification.py would make these examples help: {relabelled}"
