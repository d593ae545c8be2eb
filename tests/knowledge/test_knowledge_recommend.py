"""Ranking menukaart options for a profile (knowledge.recommend).

The expectations below were worked out by hand from the scoring table in recommend.py's docstring and the
catalogue in options.yml (ruimtes, rol, inspanning, veiligheid per option), e.g. for trappenhuis + toezicht,
not fragile: the three toezicht options for the stairwell score 0.40 + 0.35 + 0.10 = 0.85, the zelf_doen and
meedenken ones 0.40 + 0.20 + 0.10 = 0.70, and ties keep catalogue order.
"""
from __future__ import annotations

import itertools

import pytest

from knowledge.recommend import GOOD_SCORE, MAX_OPTIONS, MIN_OPTIONS, Profile, rank, recommend, score_option
from knowledge.schema import INITIATIEFNEMERS, ROLLEN, RUIMTES

# name, profile, expected advised options (exact, in order), expected warning codes (exact, in order)
TABLE = [
    ("trappenhuis/toezicht", Profile("trappenhuis", "bewoners", "toezicht", False),
     ["schoon-toezicht", "schouw-bewonersteam", "toezicht-aannemer", "schoon-samen", "schoon-zelf"], []),
    ("binnentuin/zelf_doen/kwetsbaar", Profile("binnentuin", "bewoners", "zelf_doen", True),
     ["groen-moestuin", "groen-zelf-onderhoud", "meedenken-inrichting", "groen-eigen-hovenier", "groen-meebepalen"],
     ["kwetsbare_wijk", "veiligheid"]),
    ("groen/zelf_doen", Profile("groen", "bewoners", "zelf_doen", False),
     ["groen-zelf-onderhoud", "groen-moestuin", "groen-geveltuin", "groen-adoptie", "prikploeg"], ["veiligheid"]),
    ("groen/meedenken", Profile("groen", "bewoners", "meedenken", None),
     ["groen-meebepalen", "schouw-bewonersteam", "groen-zelf-onderhoud", "groen-moestuin", "groen-geveltuin"],
     ["veiligheid"]),
    ("speelplek/toezicht", Profile("speelplek", None, "toezicht", None),
     ["speelplek-toezicht", "meedenken-inrichting", "prikploeg", "bewonersbudget"], ["veiligheid"]),
    ("speelplek/zelf_doen/corporatie/kwetsbaar", Profile("speelplek", "corporatie", "zelf_doen", True),
     ["prikploeg", "speelplek-toezicht", "bewonersbudget", "meedenken-inrichting"],
     ["geen_bewonersinitiatief", "kwetsbare_wijk", "veiligheid"]),
    ("zwembad/zelf_beheren", Profile("zwembad", "bewoners", "zelf_beheren", False),
     ["zwembad-zelfbeheer", "schoon-inkoop", "schoon-beheer"], ["veiligheid"]),
    ("zwembad/rest onbekend", Profile("zwembad"),
     ["zwembad-zelfbeheer", "schoon-toezicht", "schoon-inkoop"], ["veiligheid"]),
    ("buurthuis/zelf_beheren/gemeente", Profile("buurthuis", "gemeente", "zelf_beheren", None),
     ["bewonersbudget", "buurthuis-zelfbeheer", "schoon-inkoop"], ["geen_bewonersinitiatief"]),
    ("buurthuis/meedenken", Profile("buurthuis", "bewoners", "meedenken", None),
     ["buurthuis-zelfbeheer", "bewonersbudget", "groen-meebepalen"], []),
    ("gemeenschappelijke_ruimte/zelf_doen/corporatie", Profile("gemeenschappelijke_ruimte", "corporatie", "zelf_doen", False),
     ["sleutelbeheer", "schoon-samen", "klussen", "schoon-toezicht", "schoon-zelf"], ["geen_bewonersinitiatief"]),
    ("gemeenschappelijke_ruimte/toezicht", Profile("gemeenschappelijke_ruimte", "bewoners", "toezicht", False),
     ["schoon-toezicht", "schouw-bewonersteam", "toezicht-aannemer", "schoon-samen", "schoon-zelf"], []),
    ("trappenhuis/meedenken/kwetsbaar/corporatie_doel", Profile("trappenhuis", None, "meedenken", True, corporatie_doel=True),
     ["meedenken-inrichting", "schoon-toezicht", "schouw-bewonersteam", "toezicht-aannemer", "schoon-samen"],
     ["eigen_doelen_corporatie", "kwetsbare_wijk"]),
    ("trappenhuis/zelf_beheren/kwetsbaar", Profile("trappenhuis", "bewoners", "zelf_beheren", True),
     ["schoon-inkoop", "schoon-beheer", "schoon-samen", "klussen", "beheercooperatie"], ["kwetsbare_wijk"]),
    ("binnentuin/zelf_beheren", Profile("binnentuin", "bewoners", "zelf_beheren", False),
     ["groen-eigen-hovenier", "beheercooperatie", "groen-zelf-onderhoud", "groen-moestuin"], ["veiligheid"]),
    ("alleen rol zelf_doen", Profile(bewonersrol="zelf_doen"),
     ["schoon-samen", "schoon-zelf", "groen-zelf-onderhoud", "groen-moestuin", "groen-geveltuin"], ["veiligheid"]),
    ("alles onbekend (None)", Profile(),
     ["schoon-toezicht", "schoon-inkoop", "schoon-beheer"], []),
    ("alles onbekend ('onbekend')", Profile("onbekend", "onbekend", "onbekend", "onbekend"),  # type: ignore[arg-type]
     ["schoon-toezicht", "schoon-inkoop", "schoon-beheer"], []),
]
IDS = [row[0] for row in TABLE]


@pytest.mark.parametrize("name,profile,expected,warnings", TABLE, ids=IDS)
def test_recommendation_table(store, index, name, profile, expected, warnings):
    advice = recommend(store, profile, index)
    assert [r.option.id for r in advice.options] == expected
    assert [w.code for w in advice.warnings] == warnings
    assert advice.profile == profile


@pytest.mark.parametrize("name,profile,expected,warnings", TABLE, ids=IDS)
def test_top_three_and_first(store, name, profile, expected, warnings):
    ranked = rank(store, profile)
    assert ranked[0].option.id == expected[0]
    assert {r.option.id for r in ranked[:3]} == set(expected[:3])


def test_table_covers_the_profile_space():
    profiles = [row[1] for row in TABLE]
    assert {p.ruimte for p in profiles} >= set(RUIMTES)
    assert {p.bewonersrol for p in profiles} >= set(ROLLEN)
    assert {p.kwetsbare_wijk for p in profiles} >= {True, False, None}
    assert {p.initiatiefnemer for p in profiles} >= set(INITIATIEFNEMERS)
    assert any(p.corporatie_doel for p in profiles)
    codes = {code for row in TABLE for code in row[3]}
    assert codes == {"eigen_doelen_corporatie", "geen_bewonersinitiatief", "kwetsbare_wijk", "veiligheid"}
    assert len(TABLE) >= 12


# --- an independent re-statement of the docstring's scoring table ---------------------------------------------

LADDER = ["meedenken", "toezicht", "zelf_doen", "zelf_beheren"]


def expected_score(option, ruimte, rol, fragile, named=False) -> float:
    points = 0.20 if ruimte is None else (0.40 if ruimte in option.ruimtes else 0.0)
    points += 0.15 if rol is None else {0: 0.35, 1: 0.20, 2: 0.08}.get(abs(LADDER.index(rol) - LADDER.index(option.rol)), 0.0)
    points += {"laag": 0.15, "middel": 0.08, "hoog": 0.0, "zeer_hoog": -0.10}[option.inspanning] if fragile else 0.10
    points += 0.10 if named else 0.0
    return round(points, 2)


SWEEP = list(itertools.product([None, *RUIMTES], [None, *ROLLEN], [None, True, False], [None, *INITIATIEFNEMERS]))


@pytest.mark.parametrize("ruimte,rol,kwetsbaar,initiatiefnemer", SWEEP[::7])  # a spread of the 8*5*3*4 combinations
def test_scores_follow_the_documented_table(store, ruimte, rol, kwetsbaar, initiatiefnemer):
    profile = Profile(ruimte, initiatiefnemer, rol, kwetsbaar)
    fragile = kwetsbaar is True or initiatiefnemer in ("corporatie", "gemeente")
    ranked = rank(store, profile)
    for r in ranked:
        assert r.score == pytest.approx(expected_score(r.option, ruimte, rol, fragile)), r.option.id
    # ties keep catalogue order
    keys = [(-r.score, r.option.positie) for r in ranked]
    assert keys == sorted(keys)
    assert len(ranked) == len(store.options)


@pytest.mark.parametrize("ruimte,rol,kwetsbaar,initiatiefnemer", SWEEP[::5])
def test_general_properties_of_every_advice(store, index, ruimte, rol, kwetsbaar, initiatiefnemer):
    profile = Profile(ruimte, initiatiefnemer, rol, kwetsbaar)
    advice = recommend(store, profile, index)
    options = advice.options
    assert MIN_OPTIONS <= len(options) <= MAX_OPTIONS
    scores = [r.score for r in options]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    good = [r for r in rank(store, profile) if r.score >= GOOD_SCORE]
    assert len(options) == max(MIN_OPTIONS, min(len(good), MAX_OPTIONS))
    for r in options:
        assert abs(sum(c.punten for c in r.bijdragen) - r.score) < 0.005 + 1e-9
        assert {c.factor for c in r.bijdragen} == {"ruimte", "bewonersrol", "inspanning"}
        waarom = r.waarom
        assert waarom and waarom[0].isupper() and waarom.endswith(".")
        assert r.option.bron.url.startswith("http") and r.option.bron.id in store.sources
    if ruimte in ("speelplek", "zwembad") or any(r.option.veiligheid for r in options):
        assert "veiligheid" in [w.code for w in advice.warnings]
    else:
        assert "veiligheid" not in [w.code for w in advice.warnings]


def test_every_option_scores_within_the_documented_range(store):
    for ruimte, rol, kwetsbaar, initiatiefnemer in SWEEP:
        for r in rank(store, Profile(ruimte, initiatiefnemer, rol, kwetsbaar)):
            # 0.40 + 0.35 + 0.15 + 0.10 at most; zeer_hoog effort where fragile can take it to -0.10
            assert -0.10 <= r.score <= 1.0


def test_deterministic(store, index):
    profile = Profile("binnentuin", "bewoners", "zelf_doen", True, motivatie="ze willen een moestuin")
    first = recommend(store, profile, index)
    second = recommend(store, profile, index)
    assert [(r.option.id, r.score, r.bijdragen, r.waarom) for r in first.options] == \
           [(r.option.id, r.score, r.bijdragen, r.waarom) for r in second.options]
    assert [w.code for w in first.warnings] == [w.code for w in second.warnings]


def test_motivation_naming_an_option_lifts_it_to_first(store, index):
    base = Profile("binnentuin", "bewoners", "zelf_doen", False)
    # without motivation groen-zelf-onderhoud and groen-moestuin tie at 0.85; catalogue order puts zelf-onderhoud first
    plain = recommend(store, base, index)
    assert [r.option.id for r in plain.options[:2]] == ["groen-zelf-onderhoud", "groen-moestuin"]
    assert plain.options[0].score == plain.options[1].score == pytest.approx(0.85)

    moved = recommend(store, Profile("binnentuin", "bewoners", "zelf_doen", False, motivatie="ze willen een moestuin"), index)
    top = moved.options[0]
    assert top.option.id == "groen-moestuin"
    assert top.score == pytest.approx(0.95)
    assert ("motivatie", 0.10) in [(c.factor, c.punten) for c in top.bijdragen]
    assert "de bewoners noemen dit zelf" in top.waarom
    assert abs(sum(c.punten for c in top.bijdragen) - top.score) < 0.005 + 1e-9
    # without a phrase index the motivation cannot be read, and changes nothing
    no_index = recommend(store, Profile("binnentuin", "bewoners", "zelf_doen", False, motivatie="ze willen een moestuin"))
    assert [r.option.id for r in no_index.options] == [r.option.id for r in plain.options]


def test_waarom_explains_in_dutch(store, index):
    advice = recommend(store, Profile("trappenhuis", "bewoners", "toezicht", False), index)
    waarom = advice.options[0].waarom
    assert waarom.startswith("Past bij het trappenhuis")
    assert "toezicht houden" in waarom
    fragile = recommend(store, Profile("gemeenschappelijke_ruimte", "corporatie", "zelf_doen", False), index)
    assert "haalbare, kleine start" in fragile.options[0].waarom  # sleutelbeheer: effort laag where fragile
    lighter = [r for r in fragile.options if r.option.id == "schoon-toezicht"][0]
    assert "een lichtere vorm dan" in lighter.waarom
    unknown = recommend(store, Profile(), index)
    assert all(r.waarom == "Past in algemene zin bij zelfbeheer." for r in unknown.options)


def test_score_option_parts(store):
    option = store.options["buurthuis-zelfbeheer"]
    ranked = score_option(option, Profile("trappenhuis", "gemeente", "meedenken", None))
    parts = {c.factor: c.punten for c in ranked.bijdragen}
    assert parts == {"ruimte": 0.0, "bewonersrol": 0.0, "inspanning": -0.10}
    assert ranked.score == pytest.approx(-0.10)


def test_profile_known_and_fragile():
    assert Profile(ruimte="onbekend").known("ruimte") is None
    assert Profile(ruimte="").known("ruimte") is None
    assert Profile(kwetsbare_wijk=False).known("kwetsbare_wijk") is False
    assert Profile(kwetsbare_wijk=True).fragile
    assert Profile(initiatiefnemer="gemeente").fragile and Profile(initiatiefnemer="corporatie").fragile
    assert not Profile(initiatiefnemer="bewoners", kwetsbare_wijk=False).fragile
    assert not Profile(initiatiefnemer="onbekend", kwetsbare_wijk="onbekend").fragile  # type: ignore[arg-type]


def test_warnings_carry_text_advice_and_source(store, index):
    advice = recommend(store, Profile("zwembad", "gemeente", "zelf_beheren", True, corporatie_doel=True), index)
    assert [w.code for w in advice.warnings] == ["eigen_doelen_corporatie", "geen_bewonersinitiatief", "kwetsbare_wijk",
                                                 "veiligheid"]
    for warning in advice.warnings:
        assert warning.tekst and warning.advies and warning.bron.id in store.sources
