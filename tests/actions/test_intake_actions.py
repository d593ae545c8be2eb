"""The intake action with real trackers: reading free Dutch text, asking again once, then moving on."""

import asyncio

import pytest

from actions.followups import ActionOptionDetails, ActionPitfalls
from actions.help import ActionHelp
from actions.intake import ReadIntake, times_asked
from knowledge.intake import UNKNOWN
from tests.actions.conftest import make_tracker


def extract(dispatcher, domain, **kwargs):
    return asyncio.run(ReadIntake().run(dispatcher, make_tracker(**kwargs), domain))


def slot_values(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.mark.parametrize(
    "text, intent, asked, expected",
    [
        ("het gaat om de portiek", "inform", "ruimte", {"ruimte": "trappenhuis"}),
        ("een hofje in de binnenstad", "inform", "ruimte", {"ruimte": "binnentuin"}),
        ("wij als corporatie", "inform", "initiatiefnemer", {"initiatiefnemer": "corporatie"}),
        ("de bewoners zelf", "inform", "initiatiefnemer", {"initiatiefnemer": "bewoners"}),
        ("ze willen zelf schoffelen en maaien", "inform", "bewonersrol", {"bewonersrol": "zelf_doen"}),
        ("alleen meedenken", "inform", "bewonersrol", {"bewonersrol": "meedenken"}),
        ("weet ik niet", "inform", "ruimte", {"ruimte": "onbekend"}),
        ("geen idee eigenlijk", "inform", "bewonersrol", {"bewonersrol": "onbekend"}),
        ("ja", "affirm", "kwetsbare_wijk", {"kwetsbare_wijk": True}),
        ("nee", "deny", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
        ("het is geen kwetsbare wijk", "inform", "kwetsbare_wijk", {"kwetsbare_wijk": False}),
    ],
)
def test_answers_fill_the_asked_slot(dispatcher, domain, text, intent, asked, expected):
    events = extract(
        dispatcher, domain, text=text, intent=intent, active_loop="intake_form", slots={"requested_slot": asked}
    )
    values = slot_values(events)
    for slot, value in expected.items():
        assert values[slot] == value


def text_buttons(domain):
    """(slot, variation number, payload) for every button of an intake question that sends text, not an intent."""
    for name, variations in domain["responses"].items():
        if name.startswith("utter_ask_"):
            for number, variation in enumerate(variations):
                for button in variation.get("buttons", []):
                    if not button["payload"].startswith("/"):
                        yield name.removeprefix("utter_ask_"), number, button["payload"]


def test_every_text_button_fills_its_question_with_its_own_value(dispatcher, domain):
    values = {}
    for slot, number, payload in text_buttons(domain):
        events = extract(
            dispatcher, domain, text=payload, intent="inform", active_loop="intake_form", slots={"requested_slot": slot}
        )
        values.setdefault((slot, number), []).append(slot_values(events).get(slot))
    assert {slot for slot, _ in values} == {"initiatiefnemer", "bewonersrol", "kwetsbare_wijk"}
    assert len(values) >= 4  # the initiator question has a variation for corporation staff
    for found in values.values():
        assert None not in found
        assert len(set(found)) == len(found)


def asked_before(slot, times):
    """Bot events of the form asking `slot` this many times in a row."""
    return [{"event": "bot", "text": "?", "metadata": {"utter_action": f"utter_ask_{slot}"}}] * times


def responses(dispatcher):
    return [m.get("response") for m in dispatcher.messages]


def test_unreadable_answer_is_explained_once_and_asked_again(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="een flat uit de jaren zestig",
        intent="inform",
        active_loop="intake_form",
        slots={"requested_slot": "initiatiefnemer"},
        events=asked_before("initiatiefnemer", 1),
    )
    assert slot_values(events)["initiatiefnemer"] is None
    assert responses(dispatcher) == ["utter_niet_begrepen_initiatiefnemer"]


@pytest.mark.parametrize("intent", ["inform", "nlu_fallback", "affirm", "out_of_scope"])
def test_second_unreadable_answer_makes_the_slot_unknown_and_moves_on(dispatcher, domain, intent):
    events = extract(
        dispatcher,
        domain,
        text="asdf qwerty",
        intent=intent,
        active_loop="intake_form",
        slots={"requested_slot": "bewonersrol"},
        events=asked_before("bewonersrol", 2),
    )
    assert slot_values(events)["bewonersrol"] == UNKNOWN
    assert responses(dispatcher)[-1] == "utter_onbekend_bewonersrol"


def test_chitchat_on_the_third_ask_is_answered_and_the_question_let_go(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="ben jij een robot?",
        intent="bot_challenge",
        active_loop="intake_form",
        slots={"requested_slot": "ruimte"},
        events=asked_before("ruimte", 2),
    )
    assert slot_values(events)["ruimte"] == UNKNOWN
    assert responses(dispatcher) == ["utter_iamabot", "utter_onbekend_ruimte"]


def test_asks_are_counted_in_a_row_only(domain):
    events = asked_before("ruimte", 2) + asked_before("initiatiefnemer", 1)
    assert times_asked(make_tracker(events=events), "initiatiefnemer") == 1
    assert times_asked(make_tracker(events=events), "ruimte") == 0
    assert times_asked(make_tracker(events=asked_before("ruimte", 2)), "ruimte") == 2


def test_answer_to_another_question_is_used_without_complaint(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="het gaat om het trappenhuis",
        intent="inform",
        active_loop="intake_form",
        slots={"requested_slot": "initiatiefnemer"},
        events=asked_before("initiatiefnemer", 1),
    )
    assert slot_values(events) == {
        "ruimte": "trappenhuis",
        "initiatiefnemer": None,
        "motivatie": "het gaat om het trappenhuis",
    }
    assert dispatcher.messages == []


def test_a_correction_changes_a_slot_given_before(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="even corrigeren: niet het wijkcentrum, ik bedoel de recreatiezaal in de flat",
        intent="inform",
        active_loop="intake_form",
        slots={"requested_slot": "initiatiefnemer", "ruimte": "buurthuis"},
        events=asked_before("initiatiefnemer", 1),
    )
    assert slot_values(events)["ruimte"] == "gemeenschappelijke_ruimte"


def test_a_correction_in_the_answer_is_about_that_answer(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="de gemeente, o wacht, het was de hv. de gemeente betaalde alleen de koffie bij de start",
        intent="inform",
        active_loop="intake_form",
        slots={"requested_slot": "initiatiefnemer", "ruimte": "trappenhuis"},
        events=asked_before("initiatiefnemer", 1),
    )
    assert slot_values(events)["initiatiefnemer"] == "bewoners" and "ruimte" not in slot_values(events)


def test_repeating_a_known_answer_still_asks_again(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="het trappenhuis",
        intent="inform",
        active_loop="intake_form",
        slots={"requested_slot": "initiatiefnemer", "ruimte": "trappenhuis"},
        events=asked_before("initiatiefnemer", 1),
    )
    assert slot_values(events)["initiatiefnemer"] is None
    assert responses(dispatcher) == ["utter_niet_begrepen_initiatiefnemer"]


@pytest.mark.parametrize(
    "text, intent, asked, expected",
    [
        ("Nee, het is een redelijk stabiele buurt met veel oudere bewoners", "deny", "kwetsbare_wijk", False),
        ("de bewonerscommisie, dat zei ik al", "inform", "initiatiefnemer", "bewoners"),
        ("de protieken, die worden slecht schoongemaakt", "inform", "ruimte", "trappenhuis"),
        ("het buitenbad", "inform", "ruimte", "zwembad"),
        ("ze willen meebeslissen over het budget", "inform", "bewonersrol", "zelf_beheren"),
        ("de binnentuin, waar moet ik op letten", "ask_success_factors", "ruimte", "binnentuin"),
    ],
)
def test_the_open_question_is_read_whatever_the_intent(dispatcher, domain, text, intent, asked, expected):
    events = extract(
        dispatcher, domain, text=text, intent=intent, active_loop="intake_form", slots={"requested_slot": asked}
    )
    assert slot_values(events)[asked] == expected


def test_first_message_with_answers_fills_several_slots(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="ik wil advies over de binnentuin, de bewoners willen zelf maaien",
        intent="request_advice",
    )
    values = slot_values(events)
    assert values["ruimte"] == "binnentuin"
    assert values["bewonersrol"] == "zelf_doen"
    assert "initiatiefnemer" not in values  # "bewoners" alone does not say who started it
    assert "binnentuin" in values["motivatie"]


@pytest.mark.parametrize("intent", ["ask_pitfalls", "help", "greet", "bot_challenge"])
def test_questions_without_an_answer_fill_nothing_so_their_rule_answers(dispatcher, domain, intent):
    events = extract(
        dispatcher,
        domain,
        text="wat gaat er vaak mis?",
        intent=intent,
        active_loop="intake_form",
        slots={"requested_slot": "ruimte"},
        events=asked_before("ruimte", 1),
    )
    assert events == []
    assert dispatcher.messages == []


def test_a_real_question_is_not_read_as_an_answer(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="is er onderzoek naar of het in kwetsbare wijken anders werkt?",
        intent="ask_evidence",
        active_loop="intake_form",
        slots={"requested_slot": "kwetsbare_wijk"},
        events=asked_before("kwetsbare_wijk", 1),
    )
    assert events == []


def test_a_word_said_in_passing_does_not_overwrite_an_earlier_answer(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="ze willen zelf onkruid wieden en de plantenbakken bijhouden",
        intent="inform",
        active_loop="intake_form",
        slots={"requested_slot": "bewonersrol", "ruimte": "binnentuin"},
    )
    assert slot_values(events)["bewonersrol"] == "zelf_doen"
    assert "ruimte" not in slot_values(events)


def test_the_organisations_goal_is_left_to_its_warning(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="dat komt vanuit ons, we moeten besparen",
        intent="corporation_goal",
        active_loop="intake_form",
        slots={"requested_slot": "initiatiefnemer"},
    )
    assert events == []


def test_a_follow_up_after_the_second_ask_lets_the_question_go(dispatcher, domain):
    tracker = make_tracker(
        text="welke valkuilen zijn er?",
        intent="ask_pitfalls",
        active_loop="intake_form",
        slots={"requested_slot": "ruimte"},
        events=asked_before("ruimte", 2),
    )
    events = asyncio.run(ActionPitfalls().run(dispatcher, tracker, domain))
    assert slot_values(events) == {"ruimte": UNKNOWN}
    assert responses(dispatcher)[-1] == "utter_onbekend_ruimte"


def test_notes_listing_several_spaces_leave_the_space_question_open(dispatcher, domain):
    # the NLU entity (one space, the first) does not decide what the reader left open
    text = "verslag overleg:\n- het speelveldje: hek ligt eruit\n- de galerijen: veel zwerfvuil"
    events = extract(
        dispatcher, domain, text=text, intent="inform", entities=[{"entity": "ruimte", "value": "speelplek"}]
    )
    assert "ruimte" not in slot_values(events)


@pytest.mark.parametrize(
    "text, slots, expected",
    [
        (
            "ze willen de perken zelf onderhouden. correctie op wat ik eerder zei: geen speelplek, het is een grasveld",
            {"requested_slot": "bewonersrol", "ruimte": "speelplek"},
            {"bewonersrol": "zelf_doen", "ruimte": "groen"},
        ),
        # a correction that answers the open question is about that answer
        (
            "de stad, o nee, ik bedoel de vve; de stad leende hooguit een zaaltje uit",
            {"requested_slot": "initiatiefnemer", "ruimte": "trappenhuis"},
            {"initiatiefnemer": "bewoners"},
        ),
    ],
)
def test_a_correction_after_the_answer_changes_the_slot_it_names(dispatcher, domain, text, slots, expected):
    values = slot_values(
        extract(dispatcher, domain, text=text, intent="inform", active_loop="intake_form", slots=slots)
    )
    assert {k: v for k, v in values.items() if k != "motivatie"} == expected


def test_ruimte_entity_from_nlu_is_normalised(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="/inform",
        intent="inform",
        active_loop="intake_form",
        slots={"requested_slot": "ruimte"},
        entities=[{"entity": "ruimte", "value": "speeltuin"}],
    )
    assert slot_values(events)["ruimte"] == "speelplek"


@pytest.mark.parametrize(
    "asked_times, responses_sent", [(1, []), (2, ["utter_uitleg_bewonersrol", "utter_onbekend_bewonersrol"])]
)
def test_a_request_to_explain_the_question_is_not_read_as_an_answer(dispatcher, domain, asked_times, responses_sent):
    events = extract(
        dispatcher,
        domain,
        text="wat is het verschil tussen meedenken en toezicht houden",
        intent="help",
        active_loop="intake_form",
        slots={"requested_slot": "bewonersrol"},
        events=asked_before("bewonersrol", asked_times),
    )
    # The first time its rule explains the question and the form asks again; after the second ask the explanation
    # comes from here, and the question is let go.
    assert slot_values(events) == ({"bewonersrol": UNKNOWN} if responses_sent else {})
    assert responses(dispatcher) == responses_sent


@pytest.mark.parametrize(
    "text, asked, explained",
    [
        ("hoe bedoel je?", "kwetsbare_wijk", "utter_uitleg_kwetsbare_wijk"),
        ("wat bedoel je met initiatief?", "ruimte", "utter_uitleg_initiatiefnemer"),  # the question it names
        ("snap ik niet", None, "utter_help"),  # no question open and none named
        ("wat kun je allemaal?", "ruimte", "utter_help"),  # help that asks nothing about the question
    ],
)
def test_the_question_asked_about_is_explained(dispatcher, domain, text, asked, explained):
    tracker = make_tracker(
        text=text,
        intent="help",
        active_loop="intake_form" if asked else None,
        slots={"requested_slot": asked},
        events=asked_before(asked, 1) if asked else [],
    )
    events = asyncio.run(ActionHelp().run(dispatcher, tracker, domain))
    assert events == [] and responses(dispatcher) == [explained]


def test_an_explanation_after_the_second_ask_lets_the_question_go(dispatcher, domain):
    tracker = make_tracker(
        text="huh?",
        intent="help",
        active_loop="intake_form",
        slots={"requested_slot": "bewonersrol"},
        events=asked_before("bewonersrol", 2),
    )
    events = asyncio.run(ActionHelp().run(dispatcher, tracker, domain))
    assert slot_values(events) == {"bewonersrol": UNKNOWN}
    assert responses(dispatcher) == ["utter_uitleg_bewonersrol", "utter_onbekend_bewonersrol"]


def test_a_follow_up_action_explains_the_question_its_message_asks_about(dispatcher, domain):
    tracker = make_tracker(
        text="wat is het verschil tussen meedenken en toezicht houden?",
        intent="ask_option_details",
        active_loop="intake_form",
        slots={"requested_slot": "initiatiefnemer"},
        events=asked_before("initiatiefnemer", 1),
    )
    events = asyncio.run(ActionOptionDetails().run(dispatcher, tracker, domain))
    assert events == [] and responses(dispatcher) == ["utter_uitleg_bewonersrol"]


def test_a_request_to_explain_taken_for_an_answer_is_explained_by_the_slot_hook(dispatcher, domain):
    events = extract(
        dispatcher,
        domain,
        text="wat versta je onder draagkracht",
        intent="inform",
        active_loop="intake_form",
        slots={"requested_slot": "kwetsbare_wijk"},
        events=asked_before("kwetsbare_wijk", 1),
    )
    assert slot_values(events) == {"kwetsbare_wijk": None}  # nothing read from it; the form asks again
    assert responses(dispatcher) == ["utter_uitleg_kwetsbare_wijk"]
