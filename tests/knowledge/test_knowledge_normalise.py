"""Putting professionals' spelling onto the vocabulary (knowledge.normalise), with the real vocabulary."""

from __future__ import annotations

import pytest

from knowledge.normalise import Normaliser, vocabulary_normaliser
from knowledge.schema import RUIMTES


@pytest.fixture(scope="module")
def normaliser() -> Normaliser:
    return vocabulary_normaliser()


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("wijkzwembad", "zwembad"),
        ("trapehuis", "trappenhuis"),
        ("speelpleintje", "speelplek"),
        ("buurtcentum", "buurthuis"),
        ("gemeenschapsruimte", "gemeenschappelijke_ruimte"),
        ("bewonersruimtes", "gemeenschappelijke_ruimte"),
        ("ontmoetingsrumte", "gemeenschappelijke_ruimte"),
        ("het buitenbad", "zwembad"),
        ("het dorpshuis", "buurthuis"),
        ("protieken", "trappenhuis"),
        ("binnentuim", "binnentuin"),
        ("kinderspeeltuin", "speelplek"),
        ("buurtmoestuin", "groen"),
        ("portiekjes", "trappenhuis"),
        ("speeltuinvereniging", "speelplek"),
        ("de buurtkamer op de begane grond van de flat", "gemeenschappelijke_ruimte"),
    ],
)
def test_spaces_are_put_onto_the_contracts_seven(normaliser, phrase, expected):
    assert normaliser.canonical("ruimte", phrase) == expected


@pytest.mark.parametrize("phrase", ["sporthal", "de Lindenhof", "plannen", "wijken", "een flat uit de jaren zestig"])
def test_words_that_name_no_space_stay_unmapped(normaliser, phrase):
    assert normaliser.canonical("ruimte", phrase) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("de bewonerscommisie", "de bewonerscommissie"),  # a typo within two edits
        ("ze plannen iets", "ze plannen iets"),  # a real Dutch word is never corrected
        ("de lindenhof", "de lindenhof"),  # names differ in the first letter
        ("complexbewoners", "bewoners"),  # the head of a compound
        ("ze wilden binnenkort eens beginnen", "ze wilden binnenkort eens beginnen"),  # vocabulary's gewone_woorden
    ],
)
def test_correct_keeps_real_words_and_fixes_typos(normaliser, text, expected):
    assert normaliser.correct(text) == expected


def test_find_gives_the_longest_phrase_with_its_span(normaliser):
    text = "Het gaat om de gemeenschappelijke tuin achter de flat"
    [found] = normaliser.find("ruimte", text)
    assert found.value == "binnentuin"
    assert text[found.start : found.end].lower() == "gemeenschappelijke tuin"


def test_every_canonical_value_maps_onto_itself(normaliser):
    assert {normaliser.canonical("ruimte", value.replace("_", " ")) for value in RUIMTES} == set(RUIMTES)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("de portiekschoonmaak gaat slecht", ["trappenhuis"]),
        ("ze willen het groenonderhoud overnemen", ["groen"]),
        ("de groenteboer op de hoek", []),
        ("een sporthal", []),
    ],
)
def test_a_space_that_opens_a_compound_is_found(normaliser, text, expected):
    assert [f.value for f in normaliser.find("ruimte", text)] == expected


def test_an_everyday_word_names_no_space(normaliser):
    assert normaliser.find("ruimte", "we beginnen binnenkort met de tuin") == []


@pytest.mark.parametrize(
    "word",
    [
        *("moeten", "willen", "kunnen", "zullen", "hebben", "worden", "gaan", "werken", "langer", "anders", "anderen"),
        *("overnamen", "oudere", "nederland", "bewoners", "huurders"),
    ],
)
def test_everyday_word_forms_stay_as_they_are(normaliser, word):
    # a vocabulary phrase with a short word in it ("moet") must not turn its plural or inflection into it
    assert normaliser.correct(word) == word


def test_compounds_can_be_kept_whole(normaliser):
    # the goal guard reads "de zorgorganisatie" as it is: another organisation, not "de organisatie" speaking
    assert normaliser.correct("de zorgorganisatie", heads=False) == "de zorgorganisatie"
    assert normaliser.correct("het wijkzwembad") == "het zwembad"
