"""Next steps (steps.yml, knowledge/steps.py): sourced content, conditions, and the plan for a profile."""

from __future__ import annotations

import itertools
import re

import pytest
import yaml

from knowledge.recommend import Profile, recommend
from knowledge.schema import INITIATIEFNEMERS, ROLLEN, RUIMTES, STAP_FASEN
from knowledge.steps import MAX_STEPS, applies, plan, situations, specificity, step_text

PROFILES = list(
    itertools.product([None, *RUIMTES], [None, *ROLLEN], [None, True, False], [None, *INITIATIEFNEMERS], [False, True])
)


def test_every_step_is_sourced_and_located(store):
    assert len(store.steps) >= 10
    for step in store.steps:
        assert step.bron.url.startswith("http") and step.bron.id in store.sources
        assert step.vindplaats.strip(), step.id
        assert set(re.findall(r"\{[^}]*\}", step.tekst)) <= {"{ruimte}"}, step.id


def test_every_phase_has_a_step_for_every_profile(store):
    """Each phase but 'organisatie' has a step for any initiative situation, so no advice has fewer than four."""
    for fase in ("luisteren", "starten", "steunen", "terugkijken"):
        for initiatiefnemer in (None, *INITIATIEFNEMERS):
            found = situations(initiatiefnemer, None, False, False)
            assert any(s.fase == fase and applies(s, found, None, None) for s in store.steps), (fase, initiatiefnemer)


def test_situations():
    assert situations("corporatie", None, False, False) == {"geen_initiatief", "fragiel"}
    assert situations("bewoners", False, False, False) == {"bewonersinitiatief", "stevig"}
    assert situations(None, True, True, True) == {
        "initiatief_onbekend",
        "kwetsbaar",
        "corporatie_doel",
        "fragiel",
        "veiligheid",
    }


@pytest.mark.parametrize("ruimte,rol,kwetsbaar,initiatiefnemer,doel", PROFILES[::4])
def test_the_plan_for_any_profile(store, ruimte, rol, kwetsbaar, initiatiefnemer, doel):
    advice = recommend(store, Profile(ruimte, initiatiefnemer, rol, kwetsbaar, doel))
    steps = advice.steps
    assert 3 <= len(steps) <= MAX_STEPS
    assert len({s.id for s in steps}) == len(steps)
    phases = [s.fase for s in steps]
    assert phases == sorted(phases, key=STAP_FASEN.index)
    assert phases.count("luisteren") == phases.count("terugkijken") == 1
    assert phases.count("organisatie") == (1 if doel else 0)
    for step in steps:
        assert not step.ruimtes or ruimte in step.ruimtes
        assert not step.rollen or rol in step.rollen
    if initiatiefnemer in ("corporatie", "gemeente"):
        assert steps[0].id in ("luisteren-verleiden", "luisteren-keukentafel")
    elif initiatiefnemer == "bewoners":
        assert steps[0].id == "luisteren-trekkers"
    ids = {s.id for s in steps}
    if ruimte == "speelplek":
        assert "steunen-keuring-speeltoestellen" in ids
    if ruimte == "zwembad":
        assert "steunen-toezichtplan-zwembad" in ids


def test_the_most_specific_step_of_a_phase_wins(store):
    found = situations("gemeente", True, False, False)
    listening = [s for s in store.steps if s.fase == "luisteren" and applies(s, found, "groen", "toezicht")]
    assert {s.id for s in listening} == {"luisteren-verleiden", "luisteren-keukentafel"}
    chosen = plan(store.steps, found, "groen", "toezicht")
    assert chosen[0].id == "luisteren-verleiden" and specificity(chosen[0]) == 2


def test_a_small_budget_and_a_fixed_face_where_the_seeds_ask_for_them(store):
    doing = recommend(store, Profile("trappenhuis", "corporatie", "zelf_doen", True))
    assert {"steunen-vast-gezicht", "steunen-budget-hulpmiddelen"} <= {s.id for s in doing.steps}
    manager = recommend(store, Profile("trappenhuis", "corporatie", "zelf_beheren", False, corporatie_doel=True))
    assert "organisatie-niet-forceren" in {s.id for s in manager.steps}
    with_initiative = recommend(store, Profile("trappenhuis", "bewoners", "zelf_beheren", False, corporatie_doel=True))
    assert "organisatie-eigen-doelen" in {s.id for s in with_initiative.steps}


def test_the_space_is_filled_in(store):
    step = next(s for s in store.steps if "{ruimte}" in s.tekst)
    assert "de binnentuin" in step_text(step, "binnentuin")
    assert "de woonomgeving" in step_text(step, None)


def test_a_step_with_an_unknown_situation_is_refused(edit_yaml, content_error):
    edit_yaml("steps.yml", lambda doc: doc["stappen"][0].update(alleen_bij=["altijd"]))
    message = str(content_error())
    assert "steps.yml" in message and "veld 'alleen_bij'" in message and "'altijd'" in message


def test_a_step_without_its_locator_is_refused(edit_yaml, content_error):
    edit_yaml("steps.yml", lambda doc: doc["stappen"][1].pop("vindplaats"))
    assert "veld 'vindplaats': verplicht veld ontbreekt" in str(content_error())


def test_steps_survive_load_and_export(engine, tmp_path, original_yaml):
    from knowledge.loader import export

    export(engine, tmp_path)
    exported = yaml.safe_load((tmp_path / "steps.yml").read_text(encoding="utf-8"))
    assert exported == original_yaml["steps.yml"]
