"""Which messages only ask what an intake question means, and which question they name (knowledge/clarification.py)."""

import pytest

from knowledge.clarification import asks_what_is_meant, question_named


@pytest.mark.parametrize(
    "text, named",
    [
        ("hoe bedoel je?", None),
        ("Sorry, wat bedoel je precies?", None),
        ("huh?", None),
        ("ik snap de vraag niet", None),
        ("kun je dat anders vragen", None),
        ("wat moet ik hier invullen?", None),
        ("what do you mean", None),
        ("wat bedoel je met initiatiefnemer", "initiatiefnemer"),
        ("Wat bedoel je met 'ruimte'?", "ruimte"),
        ("wat is het verschil tussen meedenken en toezicht houden?", "bewonersrol"),
        ("wat versta je onder kwetsbaar?", "kwetsbare_wijk"),
        ("wat bedoelt u met draagkracht", "kwetsbare_wijk"),
    ],
)
def test_a_request_to_explain_the_question(text, named):
    assert asks_what_is_meant(text)
    assert question_named(text) == named


@pytest.mark.parametrize(
    "text",
    [
        "wat bedoel je, de bewonerscommissie kwam ermee",  # an answer comes with it
        "ik snap het niet, ze zijn zelf begonnen",
        "wat houdt zelf inkoop in",  # an option of the menukaart
        "wat is het verschil tussen zelf toezicht en zelf inkoop",
        "wat houdt toezicht op de speelplek in",
        "wat bedoel je met optie 4",
        "wat is zelfbeheer",
        "hoe werkt dit",
        "geen idee",
        "",
    ],
)
def test_not_a_request_to_explain_the_question(text):
    assert not asks_what_is_meant(text)
