"""The advice payload (the contract's `menukaart_advies`) and its Dutch text (knowledge/presentation.py)."""

from __future__ import annotations

import json
import re

import pytest

from knowledge.cli import main
from knowledge.presentation import advice_payload, advice_text, summary_markdown
from knowledge.recommend import Profile, recommend

CONTRACT_PROFIEL = {"ruimte", "initiatiefnemer", "bewonersrol", "kwetsbare_wijk", "corporatie_doel"}
CONTRACT_OPTIE = {"id", "titel", "score", "waarom", "bron", "rol", "ruimtes", "inspanning"}
CONTRACT_STAP = {"tekst", "bron"}
CONTRACT_WAARSCHUWING = {"code", "tekst", "bron"}
PROFILES = [
    Profile("binnentuin", "corporatie", "zelf_doen", True),
    Profile("buurthuis", "gemeente", "meedenken", True, corporatie_doel=True),
    Profile("zwembad", "bewoners", "zelf_beheren", False),
    Profile(),
]


@pytest.mark.parametrize("profile", PROFILES)
def test_the_payload_holds_the_contract_fields(store, profile):
    payload = advice_payload(recommend(store, profile))
    assert payload["type"] == "menukaart_advies"
    assert set(payload["profiel"]) == CONTRACT_PROFIEL
    assert payload["profiel"]["corporatie_doel"] is profile.corporatie_doel
    assert isinstance(payload["profiel"]["kwetsbare_wijk"], (bool, type(None)))
    for option in payload["opties"]:
        assert CONTRACT_OPTIE <= set(option)
        assert option["rol"] in ("meedenken", "toezicht", "zelf_doen", "zelf_beheren")
        assert option["inspanning"] in ("laag", "middel", "hoog", "zeer_hoog") and option["ruimtes"]
    assert 3 <= len(payload["stappen"]) <= 5 and all(CONTRACT_STAP <= set(s) for s in payload["stappen"])
    assert all(CONTRACT_WAARSCHUWING <= set(w) and w["titel"] for w in payload["waarschuwingen"])
    assert json.loads(json.dumps(payload)) == payload


def test_the_profile_labels_are_written_once_and_sent_along(store):
    payload = advice_payload(recommend(store, Profile("trappenhuis", "corporatie", "toezicht", None, True)))
    assert payload["profiel_labels"] == {
        "ruimte": "het trappenhuis of portiek",
        "initiatiefnemer": "de corporatie",
        "bewonersrol": "toezicht houden",
        "kwetsbare_wijk": "onbekend",
        "corporatie_doel": "ja",
    }
    assert all(o["rol_label"] and o["inspanning_label"] for o in payload["opties"])


def test_fewer_than_three_fitting_options_are_said_honestly(store):
    advice = recommend(store, Profile("buurthuis", "gemeente", "meedenken", True))
    assert advice.fitting == len(advice.options) == 2
    text = advice_text(advice)
    assert text.startswith("Bij wat je vertelde passen maar twee opties uit de menukaart.")
    assert "passen het best" not in text


def test_one_fitting_option_is_said_in_the_singular(store):
    advice = recommend(store, Profile("trappenhuis", None, "meedenken", True, corporatie_doel=True))
    assert advice.fitting == len(advice.options) == 1
    assert advice_text(advice).startswith("Bij wat je vertelde past maar één optie uit de menukaart.")


@pytest.mark.parametrize("profile", PROFILES)
def test_the_text_is_plain_collegial_dutch_without_scores(store, profile):
    advice = recommend(store, profile)
    for text in (advice_text(advice), summary_markdown(advice)):
        assert not re.search(r"score|\d[.,]\d\d", text, re.IGNORECASE)
        assert "Let op: Let op" not in text and "Ymere geeft" not in text and "vooropzet" not in text
        assert "Wat je nu kunt doen" in text or "Volgende stappen" in text
        assert not re.search(r"\b(u|uw)\b", text.split("Bronnen")[0])  # je-form: the advice never says 'u'
    assert "Past bij" not in advice_text(advice)


def test_the_summary_carries_steps_and_sources(store):
    markdown = summary_markdown(recommend(store, Profile("speelplek", "bewoners", "zelf_beheren", False, True)))
    assert "**Volgende stappen**" in markdown and "**Bronnen**" in markdown
    for marker in set(re.findall(r"\[(\d+)\]", markdown)):
        assert re.search(rf"^\[{marker}\] .+https?://", markdown, re.MULTILINE)


@pytest.mark.parametrize(
    "args,profile",
    [
        (
            ["--ruimte", "binnentuin", "--initiatiefnemer", "corporatie", "--rol", "zelf_doen", "--kwetsbaar", "ja"],
            Profile("binnentuin", "corporatie", "zelf_doen", True),
        ),
        (
            ["--ruimte", "onbekend", "--rol", "toezicht", "--kwetsbaar", "onbekend", "--corporatie-doel"],
            Profile(None, None, "toezicht", None, True),
        ),
        ([], Profile()),
    ],
)
def test_the_command_line_prints_exactly_the_bots_payload(capsys, session_db_url, engine, store, args, profile):
    assert main(["--db", session_db_url, "advise", "--json", *args]) == 0
    assert json.loads(capsys.readouterr().out) == advice_payload(recommend(store, profile))


def test_the_command_line_prints_the_text_without_json(capsys, session_db_url, engine, store):
    assert main(["--db", session_db_url, "advise", "--ruimte", "zwembad"]) == 0
    assert capsys.readouterr().out.strip() == advice_text(recommend(store, Profile("zwembad"))).strip()
