"""Advice, warning, summary, follow-up and fallback actions with real trackers and dispatchers."""

import asyncio
import re

import pytest

from actions.advice import ActionGiveAdvice, ActionSummary, ActionWarnCorporationGoal
from actions.fallback import ActionRephrase
from actions.followups import (
    ActionArchetype,
    ActionEvidence,
    ActionExamples,
    ActionFacilitation,
    ActionOptionDetails,
    ActionPitfalls,
    ActionSuccessFactors,
)
from actions.knowledge_access import store
from tests.actions.conftest import customs, make_tracker, texts

PROFILE = {"ruimte": "binnentuin", "initiatiefnemer": "bewoners", "bewonersrol": "zelf_doen", "kwetsbare_wijk": False}


def run(action, dispatcher, domain, **kwargs):
    return asyncio.run(action.run(dispatcher, make_tracker(**kwargs), domain))


def assert_cited(text: str) -> None:
    """Every [n] marker used has an entry under 'Bronnen' with a url."""
    markers = set(re.findall(r"\[(\d+)\]", text))
    assert markers, text
    for number in markers:
        assert re.search(rf"^\[{number}\] .+https?://", text, re.MULTILINE), f"bron [{number}] ontbreekt"


def test_advice_sends_text_and_contract_payload(dispatcher, domain):
    events = run(ActionGiveAdvice(), dispatcher, domain, slots=PROFILE)
    [payload] = customs(dispatcher)
    assert payload["type"] == "menukaart_advies"
    assert payload["profiel"] == {**PROFILE, "corporatie_doel": False}
    assert len(payload["opties"]) >= 3
    assert all(o["id"] in store().options and o["waarom"] and o["bron"] for o in payload["opties"])
    assert all("binnentuin" in o["ruimtes"] and o["rol"] and o["inspanning"] for o in payload["opties"])
    scores = [o["score"] for o in payload["opties"]]
    assert scores == sorted(scores, reverse=True)
    # moestuin (middel) and zelf tuinonderhoud (hoog) tie for what residents want: the lower effort comes first
    assert [o["id"] for o in payload["opties"][:2]] == ["groen-moestuin", "groen-zelf-onderhoud"]
    assert 3 <= len(payload["stappen"]) <= 5 and all(s["tekst"] and s["bron"] for s in payload["stappen"])
    assert [w["code"] for w in payload["waarschuwingen"]] == ["veiligheid"]
    text = texts(dispatcher)
    assert payload["opties"][0]["titel"] in text and "Wat je nu kunt doen:" in text and "score" not in text
    assert_cited(text)
    assert events[0]["name"] == "advies_opties" and events[0]["value"][0] == "groen-moestuin"


def test_advice_survives_odd_slot_values(dispatcher, domain):
    run(
        ActionGiveAdvice(),
        dispatcher,
        domain,
        slots={
            "ruimte": 42,
            "initiatiefnemer": ["x"],
            "bewonersrol": "?",
            "kwetsbare_wijk": "misschien",
            "corporatie_doel": "ja",
            "motivatie": {"a": 1},
        },
    )
    [payload] = customs(dispatcher)
    assert payload["profiel"] == {
        "ruimte": None,
        "initiatiefnemer": None,
        "bewonersrol": None,
        "kwetsbare_wijk": None,
        "corporatie_doel": True,
    }
    assert len(payload["opties"]) >= 3
    assert "eigen_doelen_corporatie" in [w["code"] for w in payload["waarschuwingen"]]


def test_corporation_goal_warns_with_source_and_keeps_facts(dispatcher, domain):
    events = run(
        ActionWarnCorporationGoal(),
        dispatcher,
        domain,
        intent="corporation_goal",
        text="wij als corporatie willen besparen, de bewoners moeten het trappenhuis maar overnemen",
    )
    [payload] = customs(dispatcher)
    assert payload["type"] == "waarschuwing"
    [warning] = payload["waarschuwingen"]
    assert warning["code"] == "eigen_doelen_corporatie" and warning["tekst"] and "platform31" in warning["bron"].lower()
    assert_cited(texts(dispatcher))
    values = {e["name"]: e["value"] for e in events}
    assert values["corporatie_doel"] is True
    assert values["ruimte"] == "trappenhuis"


def test_a_later_goal_message_gets_a_short_reminder_with_the_same_payload(dispatcher, domain):
    run(ActionWarnCorporationGoal(), dispatcher, domain, intent="corporation_goal", text="we moeten besparen")
    full = texts(dispatcher)
    again = type(dispatcher)()
    run(
        ActionWarnCorporationGoal(),
        again,
        domain,
        intent="corporation_goal",
        text="de directie wil resultaat zien",
        slots={"corporatie_doel": True},
    )
    [payload] = customs(again)
    assert payload["type"] == "waarschuwing" and payload["waarschuwingen"][0]["code"] == "eigen_doelen_corporatie"
    assert_cited(texts(again))
    assert len(texts(again)) < len(full) / 2


def test_a_goal_given_as_the_answer_to_who_started_it_answers_it(dispatcher, domain):
    events = run(
        ActionWarnCorporationGoal(),
        dispatcher,
        domain,
        intent="corporation_goal",
        text="dat komt vanuit ons, we willen besparen",
        active_loop="intake_form",
        slots={"requested_slot": "initiatiefnemer"},
    )
    values = {e["name"]: e["value"] for e in events}
    assert values["initiatiefnemer"] == "corporatie"


def test_option_details_by_name(dispatcher, domain):
    run(ActionOptionDetails(), dispatcher, domain, text="wat houdt sleutelbeheer in?", intent="ask_option_details")
    text = texts(dispatcher)
    assert "Sleutelbeheer" in text
    assert_cited(text)


def test_option_details_by_number_in_the_advice(dispatcher, domain):
    run(
        ActionOptionDetails(),
        dispatcher,
        domain,
        text="vertel meer over optie 2",
        intent="ask_option_details",
        slots={"advies_opties": ["schoon-toezicht", "schouw-bewonersteam", "klussen"]},
    )
    assert "bewonersteam" in texts(dispatcher).lower()


def test_option_details_by_button_payload(dispatcher, domain):
    run(
        ActionOptionDetails(),
        dispatcher,
        domain,
        text="/ask_option_details",
        intent="ask_option_details",
        entities=[{"entity": "optie", "value": "prikploeg"}],
    )
    assert "prikploeg" in texts(dispatcher).lower()


def test_option_details_asks_which_when_unclear(dispatcher, domain):
    run(
        ActionOptionDetails(),
        dispatcher,
        domain,
        text="vertel daar eens meer over",
        intent="ask_option_details",
        slots={"advies_opties": ["schoon-toezicht", "klussen", "sleutelbeheer"]},
    )
    [message] = dispatcher.messages
    assert "Welke optie" in message["text"]
    assert [b["payload"] for b in message["buttons"]][0] == '/ask_option_details{"optie": "schoon-toezicht"}'


def test_option_number_out_of_range_asks_which(dispatcher, domain):
    run(
        ActionOptionDetails(),
        dispatcher,
        domain,
        text="optie 9",
        intent="ask_option_details",
        slots={"advies_opties": ["schoon-toezicht", "klussen", "sleutelbeheer"]},
    )
    assert "Welke optie" in texts(dispatcher)


@pytest.mark.parametrize(
    "action, text",
    [
        (ActionSuccessFactors(), "wat zijn de succesfactoren?"),
        (ActionPitfalls(), "wat gaat er vaak mis?"),
        (ActionArchetype(), "wat weet je over bewonersbedrijven"),
        (ActionArchetype(), "wat is een archetype?"),
        (ActionExamples(), "heb je voorbeelden?"),
        (ActionEvidence(), "is daar onderzoek naar gedaan?"),
        (ActionFacilitation(), "wat kunnen wij als corporatie bieden?"),
    ],
)
def test_followups_answer_from_the_store_with_sources(dispatcher, domain, action, text):
    run(action, dispatcher, domain, text=text, slots={"advies_opties": ["groen-zelf-onderhoud", "groen-moestuin"]})
    answer = texts(dispatcher)
    assert len(answer) > 80
    assert_cited(answer)


def test_archetype_question_names_the_archetype(dispatcher, domain):
    run(ActionArchetype(), dispatcher, domain, text="vertel over bewonersbudgetten")
    assert "Bewonersbudgetten" in texts(dispatcher)


def test_examples_follow_the_advised_options(dispatcher, domain):
    run(ActionExamples(), dispatcher, domain, text="voorbeelden?", slots={"advies_opties": ["zwembad-zelfbeheer"]})
    assert re.search(r"Uitgeest|Reeuwijk|Zwolle", texts(dispatcher))


def test_summary_is_markdown_with_profile_advice_warnings_and_sources(dispatcher, domain):
    run(ActionSummary(), dispatcher, domain, slots={**PROFILE, "ruimte": "speelplek", "corporatie_doel": True})
    markdown = dispatcher.messages[0]["text"]
    assert markdown.startswith("## Samenvatting")
    for heading in ("**Profiel**", "**Aanbevolen opties**", "**Waarschuwingen**", "**Bronnen**"):
        assert heading in markdown
    assert "eigen_doelen_corporatie" in markdown and "veiligheid" in markdown
    assert customs(dispatcher)[0]["type"] == "samenvatting"


def test_summary_without_intake_says_so(dispatcher, domain):
    run(ActionSummary(), dispatcher, domain)
    assert "nog niets" in texts(dispatcher)
    assert customs(dispatcher) == []


def test_rephrase_offers_suggestions(dispatcher, domain):
    run(ActionRephrase(), dispatcher, domain, text="asdf qwer", intent="nlu_fallback")
    [message] = dispatcher.messages
    assert "anders" in message["text"] and len(message["buttons"]) == 3
