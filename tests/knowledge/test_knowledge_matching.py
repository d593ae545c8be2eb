"""Phrase matching (spaCy PhraseMatcher on lemmas) and reading option numbers."""

from __future__ import annotations

import pytest

from knowledge.matching import has_wish_cue, initiative_cues, option_number


@pytest.mark.parametrize(
    "text,expected",
    [
        ("wat houdt sleutelbeheer in?", "sleutelbeheer"),
        ("hoe zit het met de prikploeg", "prikploeg"),
        ("Vertel eens over de PRIKPLOEG!", "prikploeg"),
        ("wat is een buurtmoestuin met tuincommissie precies", "groen-moestuin"),
        ("hoe werkt adoptiegroen", "groen-adoptie"),
        ("kunnen ze zelf een eigen hovenier inhuren", "groen-eigen-hovenier"),  # longest match beats 'hovenier'
        ("meer over de beheercoöperatie", "beheercooperatie"),
        ("en de beheercooperatie?", "beheercooperatie"),
        ("schoon inkoop", "schoon-inkoop"),  # the id with spaces
        ("het buurthuis in zelfbeheer", "buurthuis-zelfbeheer"),
    ],
)
def test_find_options_first_hit(index, text, expected):
    assert index.find_options(text)[0] == expected


def test_die_met_de_hovenier_is_a_hovenier_option(index, store):
    hovenier_options = {
        o.id
        for o in store.options.values()
        if "hovenier" in o.titel.lower() or any("hovenier" in k for k in o.trefwoorden)
    }
    assert hovenier_options == {"groen-meebepalen", "groen-eigen-hovenier"}
    found = index.find_options("die met de hovenier")
    assert found and found[0] in hovenier_options
    # only groen-meebepalen has the bare word 'hovenier' as a keyword
    assert found[0] == "groen-meebepalen"


def test_find_options_most_mentioned_first(index):
    text = "de prikploeg vind ik leuk, maar sleutelbeheer en een sleutelplan lijken me beter"
    assert index.find_options(text) == ["sleutelbeheer", "prikploeg"]


def test_find_options_nothing(index):
    assert index.find_options("goedemiddag, hoe gaat het?") == []
    assert index.find_options("") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("wat weet je over bewonersbedrijven", "bewonersbedrijven"),
        ("vertel over bewonersbudgetten", "bewonersbudgetten"),
        ("toewijzing op basis van inzet, hoe zit dat?", "toewijzing-op-basis-van-inzet"),
        ("wat is het archetype zelfbeheer", "zelfbeheer"),
        ("hallo", None),
    ],
)
def test_find_archetype(index, text, expected):
    assert index.find_archetype(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("vertel meer over optie 2", 2),
        ("de derde", 3),
        ("nummer 4", 4),
        ("3", 3),
        (" 5. ", 5),
        ("de laatste", -1),
        ("de eerste graag", 1),
        ("de tweede optie", 2),
        ("Optie 1 graag", 1),
        ("nr. 3", 3),
        ("keuze 5", 5),
        ("de 2e", 2),
        ("optie #4", 4),
        ("hallo", None),
        ("", None),
        (None, None),
        ("we hebben 200 woningen", None),
    ],
)
def test_option_number(text, expected):
    assert option_number(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("de bewonerscommissie kwam met het idee", True),
        ("het initiatief ligt bij de gemeente", True),
        ("bewoners zijn er zelf mee begonnen", True),
        ("de bewoners willen zelf schoffelen", False),
        ("de bewoners zijn zelf naar ons toe gekomen", True),
        ("ik heb geen idee", False),
        ("het gaat om de portiek", False),
    ],
)
def test_initiative_cues(text, expected):
    assert bool(initiative_cues(text)) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("de bewoners willen daar een moestuin beginnen", True),
        ("ze zouden graag de sleutels beheren", True),
        ("het zwembad", False),
        ("via het wijkbudget", False),
    ],
)
def test_wish_cue(text, expected):
    assert has_wish_cue(text) is expected


def test_analysis_keeps_text_order_and_drops_repeats(index):
    analysis = index.analyse("eerst het trappenhuis, dan de binnentuin en weer het trappenhuis")
    assert analysis.all("ruimte") == ["trappenhuis", "binnentuin", "trappenhuis"]
    assert analysis.values("ruimte") == ["trappenhuis", "binnentuin"]
    assert analysis.values("bestaat-niet") == []


def test_longest_match_wins_within_a_category(index):
    # 'niet kwetsbaar' (nee) overlaps 'kwetsbaar' (ja): only the longer phrase counts
    assert index.analyse("de wijk is niet kwetsbaar").all("kwetsbare_wijk") == ["nee"]


def test_every_vocabulary_phrase_matches_itself(index, store):
    """Every phrase in vocabulary.yml is findable by the matcher (a phrase that can never match is dead weight)."""
    dead = []
    for category, values in store.vocabulary.items():
        if category == "gewone_woorden":  # words the normaliser leaves alone, not phrases to find
            continue
        for value, phrases in values.items():
            for phrase in phrases:
                if value not in index.analyse(phrase).values(category):
                    dead.append(f"{category}.{value}: {phrase}")
    assert dead == []


def test_every_option_title_matches_its_option(index, store):
    for option in store.options.values():
        assert option.id in index.find_options(option.titel), option.id
