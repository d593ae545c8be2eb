"""Parts of the production topology failing mid-conversation: the bot apologises in Dutch, loses nothing, and
the conversation carries on once the part is back."""

import time

import pytest

from bot.channels.cleaning import ACTIESERVER_ONBEREIKBAAR, STORING, TEXTS
from tests.conversation import ADVICE, Conversation, customs, notice_codes, text_of

pytestmark = pytest.mark.slow

RUIMTE_ASKED = "Om welke ruimte gaat het"
INITIATOR_ASKED = "Wie nam het initiatief"


def finish_intake(professional: Conversation) -> dict:
    professional.say("de bewoners zelf kwamen met het idee")
    professional.say("ze willen zelf schoffelen, maaien en snoeien")
    [advice] = customs(professional.say("nee, het is geen kwetsbare wijk"), ADVICE)
    return advice


def test_action_server_down_apologises_and_the_conversation_resumes(topology):
    professional = Conversation(topology.urls[:1], "prod")
    assert RUIMTE_ASKED in text_of(professional.say("ik wil graag advies over zelfbeheer"))
    topology.stop_actions()
    try:
        messages = professional.say("het gaat om de binnentuin achter ons complex")
        assert notice_codes(messages) == [ACTIESERVER_ONBEREIKBAAR], messages
        # the intake's slot hook failed, so the turn ends in Rasa's own fallback; the apology says why, last
        assert text_of(messages).endswith(TEXTS[ACTIESERVER_ONBEREIKBAAR])
    finally:
        topology.start_actions()
    assert INITIATOR_ASKED in text_of(professional.say("het gaat om de binnentuin achter ons complex"))
    advice = finish_intake(professional)
    assert advice["profiel"]["ruimte"] == "binnentuin"
    stored = topology.stored_user_texts(professional.sender)
    assert stored[:3] == ["ik wil graag advies over zelfbeheer"] + ["het gaat om de binnentuin achter ons complex"] * 2


def test_postgres_restarted_mid_conversation_loses_no_events(topology):
    professional = Conversation(topology.urls, "prod")
    professional.say("ik wil graag advies over zelfbeheer")
    professional.say("het gaat om de binnentuin achter ons complex")
    before = topology.stored_events(professional.sender)
    topology.postgres.restart("fast")
    assert topology.stored_events(professional.sender) == before
    advice = finish_intake(professional)  # the first message after the restart is answered normally
    assert advice["profiel"]["ruimte"] == "binnentuin"
    assert topology.stored_user_texts(professional.sender) == [
        "ik wil graag advies over zelfbeheer",
        "het gaat om de binnentuin achter ons complex",
        "de bewoners zelf kwamen met het idee",
        "ze willen zelf schoffelen, maaien en snoeien",
        "nee, het is geen kwetsbare wijk",
    ]


def test_postgres_down_refuses_the_message_clearly_and_keeps_the_conversation(topology):
    professional = Conversation(topology.urls, "prod")
    professional.say("ik wil graag advies over zelfbeheer")
    before = topology.stored_events(professional.sender)
    topology.postgres.stop("immediate")  # a crash, not a clean shutdown
    try:
        messages = professional.say("het gaat om de binnentuin achter ons complex")
        assert notice_codes(messages) == [STORING], messages
    finally:
        topology.postgres.start()
    assert topology.stored_events(professional.sender) == before  # nothing half-stored
    assert INITIATOR_ASKED in text_of(professional.say("het gaat om de binnentuin achter ons complex"))
    assert finish_intake(professional)["profiel"]["ruimte"] == "binnentuin"


def test_redis_down_gives_a_clear_error_and_leaves_the_tracker_intact(topology):
    professional = Conversation(topology.urls, "prod")
    professional.say("ik wil graag advies over zelfbeheer")
    before = topology.stored_events(professional.sender)
    topology.redis.stop()
    try:
        for url in topology.urls:  # both processes, both answer
            messages = professional.say("het gaat om de binnentuin achter ons complex", url)
            assert notice_codes(messages) == [STORING], messages
            assert text_of(messages) == TEXTS[STORING]
        assert topology.stored_events(professional.sender) == before
    finally:
        topology.redis.start()
    time.sleep(0.5)
    assert INITIATOR_ASKED in text_of(professional.say("het gaat om de binnentuin achter ons complex"))
    assert finish_intake(professional)["profiel"]["ruimte"] == "binnentuin"
