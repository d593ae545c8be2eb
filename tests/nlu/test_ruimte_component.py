"""The NLU component after DIET (bot/nlu/ruimte.py) on Rasa's own Message objects."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.ruimte import RuimteNormaliser
from knowledge.normalise import vocabulary_normaliser
from knowledge.schema import RUIMTES


@pytest.fixture(scope="module")
def component() -> RuimteNormaliser:
    return RuimteNormaliser(vocabulary_normaliser())


def spaces(component: RuimteNormaliser, text: str, entities=()) -> list:
    message = Message(data={"text": text, "entities": list(entities)})
    [processed] = component.process([message])
    return [(e["value"], e.get("extractor")) for e in processed.get("entities") if e["entity"] == "ruimte"]


def diet(value: str, text: str) -> dict:
    start = text.index(value)
    return {
        "entity": "ruimte",
        "value": value,
        "start": start,
        "end": start + len(value),
        "extractor": "DIETClassifier",
    }


@pytest.mark.parametrize(
    "value, expected",
    [
        ("wijkzwembad", "zwembad"),
        ("trapehuis", "trappenhuis"),
        ("speelpleintje", "speelplek"),
        ("buurtcentum", "buurthuis"),
        ("bewonersruimtes", "gemeenschappelijke_ruimte"),
        ("portiek", "trappenhuis"),
    ],
)
def test_diets_words_become_canonical_values(component, value, expected):
    text = f"het gaat om het {value} in de wijk"
    assert spaces(component, text, [diet(value, text)]) == [(expected, "DIETClassifier")]


def test_a_value_outside_the_contract_is_dropped(component):
    text = "het gaat om de sporthal"
    assert spaces(component, text, [diet("sporthal", text)]) == []


def test_a_space_diet_missed_is_added(component):
    assert spaces(component, "het buitenbad dreigt dicht te gaan") == [("zwembad", "RuimteNormaliser")]


def test_other_entities_are_kept(component):
    text = "vertel meer over sleutelbeheer"
    entity = {"entity": "optie", "value": "sleutelbeheer", "start": 17, "end": 30}
    message = Message(data={"text": text, "entities": [entity]})
    [processed] = component.process([message])
    assert processed.get("entities") == [entity]


def test_nothing_leaves_the_component_outside_the_contract(component):
    for text in ("de galerijflat", "het hofje", "het trapveldje", "de recreatieruimte", "het wijkcentrum"):
        assert {value for value, _ in spaces(component, text)} <= set(RUIMTES)


def test_the_space_added_is_the_one_the_intake_reader_takes(component):
    # green gives way to the play area it lies on; a space set aside is passed over
    assert spaces(component, "het gras op het schoolplein wordt slecht gemaaid") == [("speelplek", "RuimteNormaliser")]
    assert spaces(component, "niet de speeltuin maar het hofje") == [("binnentuin", "RuimteNormaliser")]
