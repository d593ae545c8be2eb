"""Ranking menukaart options for a profile (knowledge.recommend): fit, score, order and reasons.

The expected scores below restate the rules of recommend.py's docstring independently (fit by space and rung, start
rung, the four parts of the score), so a change of the rules has to change both. The advice per profile, written
from the seeds, is in test_knowledge_advice_profiles.py.
"""

from __future__ import annotations

import itertools

import pytest

from knowledge.loader import ensure_database
from knowledge.recommend import FIT_SCORE, MAX_OPTIONS, Profile, rank, recommend, score_option
from knowledge.schema import INITIATIEFNEMERS, ROLLEN, RUIMTES
from knowledge.store import KnowledgeStore

LADDER = ["meedenken", "toezicht", "zelf_doen", "zelf_beheren"]
EFFORT = ["laag", "middel", "hoog", "zeer_hoog"]
SWEEP = list(
    itertools.product([None, *RUIMTES], [None, *ROLLEN], [None, True, False], [None, *INITIATIEFNEMERS], [False, True])
)


def fragile(kwetsbaar, initiatiefnemer, doel) -> bool:
    return kwetsbaar is True or initiatiefnemer in ("corporatie", "gemeente") or doel


def start_rung(rol, kwetsbaar, initiatiefnemer, doel):
    wanted = None if rol is None else LADDER.index(rol)
    if doel:
        return 0
    if fragile(kwetsbaar, initiatiefnemer, doel):
        return 1 if wanted is None else min(wanted, 1)
    return wanted


def expected_score(option, ruimte, rol, kwetsbaar, initiatiefnemer, doel) -> float:
    """The docstring's table, restated: 0 when the option does not fit, else 0.50 plus role and effort points."""
    rung = LADDER.index(option.rol)
    wanted = None if rol is None else LADDER.index(rol)
    start = start_rung(rol, kwetsbaar, initiatiefnemer, doel)
    if ruimte is not None and ruimte not in option.ruimtes:
        return 0.0
    if wanted is not None and rung > wanted + (0 if doel else 1):  # with goals: nothing beyond what residents want
        return 0.0
    if start is not None and rung < start - 1:
        return 0.0
    role = 0.10 if start is None else {0: 0.25, 1: 0.15, 2: 0.05}.get(abs(rung - start), 0.0)
    if fragile(kwetsbaar, initiatiefnemer, doel):
        effort = {"laag": 0.15, "middel": 0.08, "hoog": 0.03, "zeer_hoog": 0.0}[option.inspanning]
    else:
        effort = 0.10
    return round(0.50 + role + effort, 2)


@pytest.mark.parametrize("ruimte,rol,kwetsbaar,initiatiefnemer,doel", SWEEP[::7])
def test_scores_follow_the_documented_table(store, ruimte, rol, kwetsbaar, initiatiefnemer, doel):
    ranked = rank(store, Profile(ruimte, initiatiefnemer, rol, kwetsbaar, doel))
    assert len(ranked) == len(store.options)
    for r in ranked:
        assert r.score == pytest.approx(expected_score(r.option, ruimte, rol, kwetsbaar, initiatiefnemer, doel)), (
            r.option.id
        )
        assert r.past == (r.score > 0)
        assert abs(sum(c.punten for c in r.bijdragen) - r.score) < 0.005 + 1e-9
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("ruimte,rol,kwetsbaar,initiatiefnemer,doel", SWEEP[::5])
def test_general_properties_of_every_advice(store, index, ruimte, rol, kwetsbaar, initiatiefnemer, doel):
    profile = Profile(ruimte, initiatiefnemer, rol, kwetsbaar, doel)
    advice = recommend(store, profile, index)
    fitting = [r for r in rank(store, profile) if r.past]
    assert advice.fitting == len(fitting)
    assert [r.option.id for r in advice.options] == [r.option.id for r in fitting[:MAX_OPTIONS]]
    for r in advice.options:
        assert r.past and r.score >= FIT_SCORE
        assert ruimte is None or ruimte in r.option.ruimtes
        assert r.option.bron.url.startswith("http") and r.option.vindplaats.strip()
        assert r.waarom.startswith("Dit ") and r.waarom.endswith(".") and r.waarom.count(".") == 1
        assert ";" not in r.waarom and "Past bij" not in r.waarom
    codes = [w.code for w in advice.warnings]
    assert ("veiligheid" in codes) == (
        ruimte in ("speelplek", "zwembad") or any(r.option.veiligheid for r in advice.options)
    )
    assert ("eigen_doelen_corporatie" in codes) == doel
    assert ("geen_bewonersinitiatief" in codes) == (initiatiefnemer in ("corporatie", "gemeente"))
    assert ("kwetsbare_wijk" in codes) == (kwetsbaar is True)


@pytest.mark.parametrize("ruimte,rol,kwetsbaar,initiatiefnemer,doel", SWEEP[::3])
def test_ties_are_broken_by_role_closeness_then_effort_then_space(store, ruimte, rol, kwetsbaar, initiatiefnemer, doel):
    fitting = [r for r in rank(store, Profile(ruimte, initiatiefnemer, rol, kwetsbaar, doel)) if r.past]
    wanted = None if rol is None else LADDER.index(rol)

    def key(r):
        distance = 0 if wanted is None else abs(LADDER.index(r.option.rol) - wanted)
        spaces = len(r.option.ruimtes) if ruimte else -len(r.option.ruimtes)
        return -r.score, distance, EFFORT.index(r.option.inspanning), spaces, r.option.id

    assert [key(r) for r in fitting] == sorted(key(r) for r in fitting)


def test_the_order_does_not_depend_on_the_catalogue_file(store, edit_yaml, content_dir, tmp_path):
    edit_yaml("options.yml", lambda doc: doc["opties"].reverse())
    reversed_store = KnowledgeStore(ensure_database(f"sqlite:///{tmp_path / 'reversed.sqlite'}", content_dir))
    for ruimte, rol, kwetsbaar, initiatiefnemer, doel in SWEEP[::11]:
        profile = Profile(ruimte, initiatiefnemer, rol, kwetsbaar, doel)
        assert [r.option.id for r in rank(store, profile)] == [r.option.id for r in rank(reversed_store, profile)]


def test_an_option_for_another_space_never_fits(store):
    ranked = score_option(
        store.options["buurthuis-zelfbeheer"], Profile("trappenhuis", "bewoners", "zelf_beheren", False)
    )
    assert not ranked.past and ranked.score == 0.0 and ranked.waarom == ""
    assert ranked.bijdragen[0].factor == "past" and "het trappenhuis" in ranked.bijdragen[0].reden


def test_an_option_far_above_what_residents_want_does_not_fit(store):
    ranked = score_option(store.options["schoon-beheer"], Profile("trappenhuis", "bewoners", "toezicht", False))
    assert not ranked.past and "meer dan de bewoners nu willen" in ranked.bijdragen[0].reden
    lighter = score_option(
        store.options["meedenken-inrichting"], Profile("trappenhuis", "bewoners", "zelf_beheren", False)
    )
    assert not lighter.past  # two rungs lighter than where a steady profile starts
    fragile_profile = Profile("trappenhuis", "corporatie", "zelf_beheren", True)
    assert score_option(store.options["meedenken-inrichting"], fragile_profile).past  # where it is fragile, start small


def test_fragile_profiles_start_on_a_light_rung(store):
    steady = recommend(store, Profile("binnentuin", "bewoners", "zelf_doen", False))
    assert steady.options[0].option.rol == "zelf_doen"
    fragile_advice = recommend(store, Profile("binnentuin", "corporatie", "zelf_doen", True))
    assert fragile_advice.options[0].option.id == "groen-toezicht"
    goals = recommend(store, Profile("binnentuin", "bewoners", "zelf_doen", False, corporatie_doel=True))
    assert goals.options[0].option.rol == "meedenken"


def test_motivation_naming_an_option_lifts_it(store, index):
    base = Profile("binnentuin", "bewoners", "zelf_doen", False)
    plain = recommend(store, base, index)
    # groen-moestuin (middel) and groen-zelf-onderhoud (hoog) tie at 0.85: the lower effort comes first
    assert [r.option.id for r in plain.options[:2]] == ["groen-moestuin", "groen-zelf-onderhoud"]
    named = Profile("binnentuin", "bewoners", "zelf_doen", False, motivatie="ze willen zelf tuinonderhoud doen")
    moved = recommend(store, named, index)
    top = moved.options[0]
    assert top.option.id == "groen-zelf-onderhoud" and top.score == pytest.approx(0.95)
    assert ("motivatie", 0.10) in [(c.factor, c.punten) for c in top.bijdragen]
    assert top.waarom.startswith("Dit wordt door de bewoners zelf genoemd, past bij de binnentuin")
    # without a phrase index the motivation cannot be read, and changes nothing
    assert [r.option.id for r in recommend(store, named).options] == [r.option.id for r in plain.options]


def test_waarom_is_one_readable_sentence(store):
    steady = recommend(store, Profile("trappenhuis", "bewoners", "toezicht", False)).options[0]
    assert (
        steady.waarom
        == "Dit past bij het trappenhuis of portiek en sluit aan bij wat de bewoners willen (toezicht houden)."
    )
    light = recommend(store, Profile("binnentuin", "corporatie", "zelf_doen", True)).options[0]
    assert light.waarom == (
        "Dit past bij de binnentuin, is een lichte eerste stap (toezicht houden) op weg naar wat de "
        "bewoners willen (zelf het werk doen) en vraagt weinig inspanning."
    )
    unknown = recommend(store, Profile()).options[0]
    assert unknown.waarom.startswith("Dit is bedoeld voor ")


def test_deterministic(store, index):
    profile = Profile("binnentuin", "bewoners", "zelf_doen", True, motivatie="ze willen een moestuin")
    first, second = recommend(store, profile, index), recommend(store, profile, index)
    assert [(r.option.id, r.score, r.bijdragen, r.waarom) for r in first.options] == [
        (r.option.id, r.score, r.bijdragen, r.waarom) for r in second.options
    ]
    assert [s.id for s in first.steps] == [s.id for s in second.steps]


def test_profile_known_and_fragile():
    assert Profile(ruimte="onbekend").known("ruimte") is None
    assert Profile(ruimte="").known("ruimte") is None
    assert Profile(kwetsbare_wijk=False).known("kwetsbare_wijk") is False
    assert Profile(kwetsbare_wijk=True).fragile
    assert Profile(initiatiefnemer="gemeente").fragile and Profile(initiatiefnemer="corporatie").fragile
    assert Profile(corporatie_doel=True).fragile
    assert not Profile(initiatiefnemer="bewoners", kwetsbare_wijk=False).fragile
    assert not Profile(initiatiefnemer="onbekend", kwetsbare_wijk="onbekend").fragile  # type: ignore[arg-type]


def test_warnings_carry_text_advice_and_source(store, index):
    advice = recommend(store, Profile("zwembad", "gemeente", "zelf_beheren", True, corporatie_doel=True), index)
    assert [w.code for w in advice.warnings] == [
        "eigen_doelen_corporatie",
        "geen_bewonersinitiatief",
        "kwetsbare_wijk",
        "veiligheid",
    ]
    for warning in advice.warnings:
        assert warning.tekst and warning.advies and warning.bron.id in store.sources
