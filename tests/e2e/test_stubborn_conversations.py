"""Stubborn and odd intakes (generated): every one reaches an advice in a bounded number of turns, no loops.

Each conversation answers every intake question in its own way: a readable answer, one the bot cannot read
repeated, nonsense, English, a question instead of an answer, chitchat, the organisation's goal, or a readable
answer only at the second or third try. Against the real Rasa and action servers over REST.
"""

from __future__ import annotations

import random

import pytest

from tests.eval.run import SLOTS, converse

pytestmark = pytest.mark.slow
CONVERSATIONS = 50
MAX_TURNS = 20  # openings plus at most three messages per question, with room to spare
READABLE = {
    "ruimte": ["de binnentuin", "het gaat om de portiek", "het buurthuis", "de speeltuin bij de school"],
    "initiatiefnemer": ["de bewoners zelf", "wij als corporatie", "de gemeente"],
    "bewonersrol": ["ze willen zelf schoffelen", "alleen meedenken", "toezicht houden op de schoonmaak"],
    "kwetsbare_wijk": ["ja, veel armoede", "nee, een rustige buurt", "weet ik niet"],
}
STUBBORN = {
    "same unreadable answer": ["een flat uit de jaren zestig"] * 3,
    "nonsense": ["asdf qwerty", "blablabla", "xyz"],
    "english": ["I am not sure what you mean", "sorry, can you say that in English?", "no idea mate"],
    "question instead": ["waar moet ik op letten?", "welke valkuilen zijn er?", "heb je voorbeelden?"],
    "chitchat": ["hallo", "ben jij een robot?", "bedankt"],
    "goal": ["wij willen vooral besparen op de servicekosten", "de directie wil dat bewoners dit overnemen", "?"],
    "late answer": ["hmm", "tja"],
}
OPENINGS = [
    ["hallo", "ik wil advies over zelfbeheer"],
    ["ik wil graag advies"],
    ["hoi, ik ben buurtbeheerder"],
    ["we moeten als corporatie besparen, kunnen bewoners het groen overnemen?"],
]


def scripts() -> list[dict]:
    """Fifty seeded combinations of a behaviour per question."""
    rng = random.Random(20261201)
    generated = []
    kinds = sorted(STUBBORN) + ["readable"]
    for number in range(CONVERSATIONS):
        answers = {}
        for slot in SLOTS:
            kind = (
                kinds[(number + SLOTS.index(slot) * 3) % len(kinds)] if number < len(kinds) * 2 else rng.choice(kinds)
            )
            if kind == "readable":
                answers[slot] = [rng.choice(READABLE[slot])]
            elif kind == "late answer":
                answers[slot] = STUBBORN[kind][: rng.randint(1, 2)] + [rng.choice(READABLE[slot])]
            else:
                answers[slot] = list(STUBBORN[kind])
        generated.append(
            {"id": f"stubborn-{number:02d}", "opening": OPENINGS[number % len(OPENINGS)], "answers": answers}
        )
    return generated


@pytest.mark.parametrize("script", scripts(), ids=lambda s: s["id"])
def test_every_stubborn_intake_reaches_an_advice_without_loops(servers, script):
    outcome = converse(servers.url, script, max_turns=MAX_TURNS)
    assert outcome.advice is not None, f"geen advies na {outcome.turns} beurten"
    assert outcome.turns <= MAX_TURNS
    assert outcome.longest_run <= 2, f"een vraag werd {outcome.longest_run} keer achter elkaar gesteld"
    assert not outcome.repeated_given, f"al gegeven en toch opnieuw gevraagd: {outcome.repeated_given}"
