"""Whole Dutch conversations over the REST channel against the real Rasa and action servers."""

import pytest
import yaml

from knowledge.loader import CONTENT_DIR
from tests.conversation import ADVICE, WARNING

pytestmark = pytest.mark.slow

ASKS = {
    "ruimte": "Om welke ruimte gaat het",
    "initiatiefnemer": "Wie nam het initiatief",
    "bewonersrol": "Wat willen de bewoners zelf oppakken",
    "kwetsbare_wijk": "Is het een kwetsbare wijk",
}


def asks(messages, slot: str) -> bool:
    return any(ASKS[slot] in (m.get("text") or "") for m in messages)


CATALOGUE = {o["id"]: o for o in yaml.safe_load((CONTENT_DIR / "options.yml").read_text(encoding="utf-8"))["opties"]}


def advice_in(chat, messages):
    [advice] = chat.customs(messages, ADVICE)
    assert 1 <= len(advice["opties"]) <= 5 and 3 <= len(advice["stappen"]) <= 5
    for option in advice["opties"]:
        assert option["id"] in CATALOGUE
        assert option["waarom"] and option["bron"] and 0 <= option["score"] <= 1
        ruimte = advice["profiel"]["ruimte"]
        assert ruimte is None or ruimte in CATALOGUE[option["id"]]["ruimtes"]  # never an option for another space
    assert "Bronnen:" in chat.text(messages)  # the same advice as readable text, with sources
    return advice


def test_full_intake_from_free_text(chat):
    assert "zelfbeheer" in chat.text(chat.say("goedemorgen"))
    assert asks(chat.say("ik wil graag advies over zelfbeheer"), "ruimte")
    assert asks(chat.say("het gaat om de binnentuin achter ons complex"), "initiatiefnemer")
    assert asks(chat.say("de bewoners zelf kwamen met het idee"), "bewonersrol")
    assert asks(chat.say("ze willen zelf schoffelen, maaien en snoeien"), "kwetsbare_wijk")
    advice = advice_in(chat, chat.say("nee, het is geen kwetsbare wijk"))
    assert advice["profiel"] == {
        "ruimte": "binnentuin",
        "initiatiefnemer": "bewoners",
        "bewonersrol": "zelf_doen",
        "kwetsbare_wijk": False,
        "corporatie_doel": False,
    }
    assert advice["opties"][0]["id"] == "groen-zelf-onderhoud"  # the residents' own words name it
    assert [w["code"] for w in advice["waarschuwingen"]] == ["veiligheid"]


def test_first_message_already_holds_answers(chat):
    messages = chat.say("ik zoek advies over de binnentuin, de bewoners willen daar zelf een moestuin beginnen")
    assert asks(messages, "initiatiefnemer") and not asks(messages, "ruimte")
    assert asks(chat.say("dat idee kwam van de bewonerscommissie"), "bewonersrol")  # a named option is no role
    assert asks(chat.say("ze willen zelf zaaien, wieden en oogsten"), "kwetsbare_wijk")
    advice = advice_in(chat, chat.say("ja, het is een kwetsbare wijk"))
    assert advice["profiel"]["ruimte"] == "binnentuin" and advice["profiel"]["bewonersrol"] == "zelf_doen"
    ids = [o["id"] for o in advice["opties"]]
    assert ids[0] == "groen-toezicht" and "groen-moestuin" in ids  # fragile: light first; their own plan stays in view
    assert "kwetsbare_wijk" in [w["code"] for w in advice["waarschuwingen"]]


@pytest.mark.parametrize(
    "introduction, said_to_corporation_staff",
    [("hoi, ik ben wijkconsulent bij een woningcorporatie", True), ("hoi, ik werk bij de gemeente", False)],
)
def test_initiator_question_speaks_to_the_professionals_own_organisation(chat, introduction, said_to_corporation_staff):
    chat.say(introduction)
    question = chat.text(chat.say("ik wil advies over de binnentuin"))
    assert ASKS["initiatiefnemer"] in question
    assert ("jullie als corporatie" in question) == said_to_corporation_staff


def test_corporation_goal_at_the_start_warns_then_carries_on(chat):
    messages = chat.say(
        "wij als corporatie willen bezuinigen op de schoonmaak, de bewoners moeten het trappenhuis maar zelf gaan doen"
    )
    [warning] = chat.customs(messages, WARNING)
    assert warning["waarschuwingen"][0]["code"] == "eigen_doelen_corporatie"
    assert warning["waarschuwingen"][0]["bron"]
    assert asks(messages, "initiatiefnemer")  # ruimte came from the message; the intake goes on
    chat.say("wij als corporatie")
    chat.say("weet ik niet")
    advice = advice_in(chat, chat.say("nee"))
    codes = [w["code"] for w in advice["waarschuwingen"]]
    assert codes[:2] == ["eigen_doelen_corporatie", "geen_bewonersinitiatief"]
    assert advice["profiel"]["bewonersrol"] is None


def test_corporation_goal_in_the_middle_of_the_intake(chat):
    chat.say("ik wil advies")
    assert asks(chat.say("het gaat om het groen in de wijk"), "initiatiefnemer")
    messages = chat.say("onze directie wil dat volgend jaar 30 procent van de complexen in zelfbeheer is")
    assert chat.customs(messages, WARNING)
    assert asks(messages, "bewonersrol")  # the goal, said in answer to who started it, also answers that
    assert chat.tracker()["slots"]["initiatiefnemer"] == "corporatie"
    chat.say("ze willen vooral meedenken")
    advice = advice_in(chat, chat.say("weet ik niet"))
    assert advice["profiel"]["kwetsbare_wijk"] is None
    assert {"eigen_doelen_corporatie", "geen_bewonersinitiatief"} <= {w["code"] for w in advice["waarschuwingen"]}


def test_questions_during_the_intake_are_answered_before_it_resumes(chat):
    chat.say("kun je me adviseren over zelfbeheer?")
    chat.say("de speeltuin")
    messages = chat.say("wat zijn eigenlijk de valkuilen bij zelfbeheer?")
    assert "Valkuilen" in chat.text(messages) and "Bronnen:" in chat.text(messages)
    assert asks(messages, "initiatiefnemer")
    messages = chat.say("ben jij een robot?")  # the question has now been asked twice: it is let go
    assert "digitale adviseur" in chat.text(messages) and "open wie het initiatief nam" in chat.text(messages)
    assert asks(messages, "bewonersrol") and not asks(messages, "initiatiefnemer")
    chat.say("een paar bewoners hebben het initiatief genomen")
    chat.say("toezicht houden")
    advice = advice_in(chat, chat.say("geen kwetsbare wijk"))
    assert advice["opties"][0]["id"] == "speelplek-toezicht"
    assert "veiligheid" in [w["code"] for w in advice["waarschuwingen"]]


def test_asking_what_a_question_means_explains_it_and_asks_it_again(chat):
    chat.say("ik wil advies")
    messages = chat.say("hoe bedoel je?")
    assert "de plek waar het initiatief over gaat" in chat.text(messages) and asks(messages, "ruimte")
    chat.say("de binnentuin")
    # while the initiator question is open
    messages = chat.say("wat is het verschil tussen meedenken en toezicht houden?")
    assert "hoe ver de bewoners zelf willen gaan" in chat.text(messages) and asks(messages, "initiatiefnemer")
    chat.say("de bewoners zelf")
    assert asks(chat.say("zelf doen"), "kwetsbare_wijk")
    messages = chat.say("wat versta je onder kwetsbaar?")
    assert "niet makkelijk hebben" in chat.text(messages) and asks(messages, "kwetsbare_wijk")
    advice = advice_in(chat, chat.say("nee"))
    assert advice["profiel"]["bewonersrol"] == "zelf_doen" and advice["profiel"]["kwetsbare_wijk"] is False


def test_follow_ups_after_the_advice(chat):
    chat.say("advies graag over de portiek, bewoners willen toezicht houden op de schoonmaker")
    chat.say("de bewoners kwamen er zelf mee")
    advice = advice_in(chat, chat.say("nee niet kwetsbaar"))
    second = advice["opties"][1]
    assert second["titel"] in chat.text(chat.say("vertel meer over optie 2"))
    assert "Sleutelbeheer" in chat.text(chat.say("wat houdt sleutelbeheer in?"))
    assert "Voorbeelden uit de praktijk" in chat.text(chat.say("heb je praktijkvoorbeelden?"))
    assert "[1]" in chat.text(chat.say("wat zijn de succesfactoren?"))
    assert "organisatie" in chat.text(chat.say("wat kunnen wij als corporatie bieden aan ondersteuning?"))
    assert "cijfers" in chat.text(chat.say("is daar onderzoek naar gedaan?"))
    summary = chat.text(chat.say("kun je een samenvatting geven?"))
    assert summary.startswith("## Samenvatting") and second["titel"] in summary and "**Bronnen**" in summary


def test_unrecognised_and_unknown_answers(chat):
    chat.say("ik wil advies over zelfbeheer")
    messages = chat.say("het is een flat uit de jaren zestig")
    assert "weet ik niet" in chat.text(messages) and asks(messages, "ruimte")
    assert asks(chat.say("geen idee"), "initiatiefnemer")
    chat.say("weet ik niet")
    chat.say("weet ik niet")
    advice = advice_in(chat, chat.say("weet ik niet"))
    assert advice["profiel"] == {
        "ruimte": None,
        "initiatiefnemer": None,
        "bewonersrol": None,
        "kwetsbare_wijk": None,
        "corporatie_doel": False,
    }


def test_chitchat_out_of_scope_fallback_and_goodbye(chat):
    assert "zelfbeheer" in chat.text(chat.say("wat kun je allemaal?"))
    assert "niet mee helpen" in chat.text(chat.say("wat wordt het weer morgen in utrecht?"))
    messages = chat.say("kjhkjh lkjlkj")
    assert "anders zeggen" in chat.text(messages) and messages[0].get("buttons")
    assert "digitale adviseur" in chat.text(chat.say("praat ik met een echt mens?"))
    assert "Graag gedaan" in chat.text(chat.say("dankjewel"))
    assert "Tot ziens" in chat.text(chat.say("doei"))


def test_restart_forgets_the_intake(chat):
    chat.say("ik wil advies over het buurthuis")
    assert asks(chat.say("begin opnieuw"), "ruimte") is False
    assert asks(chat.say("ik wil advies"), "ruimte")


def test_conversation_is_kept_in_the_sql_tracker_store(chat, servers):
    chat.say("hallo")
    chat.say("ik wil advies over de binnentuin")
    assert servers.stored_user_texts(chat.sender) == ["hallo", "ik wil advies over de binnentuin"]
    slots = chat.tracker()["slots"]
    assert slots["ruimte"] == "binnentuin"
