"""The Teams channel in a real Rasa server (with the real action server) against a fake of Microsoft's side.

Rejected requests get 401/403 and never reach the bot: no tracker events, no replies. A whole intake through
Teams activities (welcome, @mention, card clicks, typed answers) ends with the advice as an Adaptive Card.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from bot.teams.activity import sender_id_for
from tests.conversation import parse
from tests.teams.chat import APP_ID, APP_PASSWORD, BOT_NAME, TENANT_ID, TeamsChat, activity, click, mention, post
from tests.teams.fake_microsoft import FakeMicrosoft, new_rsa_key

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rejected() -> list[dict[str, Any]]:
    """The activities this module's tests had rejected (the shared servers' Teams channel points at their fake of
    Microsoft, `servers.fake`)."""
    return []


# -- rejected requests -----------------------------------------------------------------------------------------------
def _bad_requests(fake: FakeMicrosoft, body: dict[str, Any]):
    url = body["serviceUrl"]
    now = int(time.time())
    return {
        "no header": None,
        "not bearer": "Basic " + "x" * 20,
        "wrong issuer": fake.connector_token(url, issuer="https://login.microsoftonline.com/attacker/v2.0"),
        "wrong audience": fake.connector_token(url, audience="00000000-0000-0000-0000-000000000000"),
        "expired": fake.connector_token(url, expires=-(300 + 60)),
        "not yet valid": fake.connector_token(url, not_before=300 + 60),
        "another key": fake.connector_token(url, kid=fake.main_kid, key=new_rsa_key(2)),
        "alg none": fake.unsigned_token(
            {
                "iss": "https://api.botframework.com",
                "aud": APP_ID,
                "serviceurl": url,
                "nbf": now - 60,
                "exp": now + 3600,
            },
            fake.main_kid,
        ),
        "HS256": _hs256(fake, url),
        "serviceUrl mismatch": fake.connector_token("https://smba.trafficmanager.net/emea/"),
    }


def _hs256(fake: FakeMicrosoft, url: str) -> str:
    import jwt

    now = int(time.time())
    return jwt.encode(
        {"iss": "https://api.botframework.com", "aud": APP_ID, "serviceurl": url, "nbf": now - 60, "exp": now + 3600},
        APP_PASSWORD * 2,
        algorithm="HS256",
        headers={"kid": fake.main_kid},
    )


CASES = [
    "no header",
    "not bearer",
    "wrong issuer",
    "wrong audience",
    "expired",
    "not yet valid",
    "another key",
    "alg none",
    "HS256",
    "serviceUrl mismatch",
]


@pytest.mark.parametrize("case", CASES)
def test_rejected_requests(servers, case, rejected):
    fake: FakeMicrosoft = servers.fake
    body = activity(fake.service_url, text="ik wil advies over de binnentuin")
    token = _bad_requests(fake, body)[case]
    if case == "no header":
        answer = post(servers, body, token=None)
    elif case == "not bearer":
        answer = post(servers, body, token=None, headers={"Authorization": token})
    else:
        answer = post(servers, body, token=token)
    assert answer.status_code == 401, answer.text
    rejected.append(body)


def test_channel_not_endorsed_is_forbidden(servers, rejected):
    fake: FakeMicrosoft = servers.fake
    body = activity(fake.service_url, text="ik wil advies", channel_id="telegram")
    assert post(servers, body).status_code == 403
    rejected.append(body)


def test_unknown_key_is_rejected_until_the_keys_rotate(servers):
    fake: FakeMicrosoft = servers.fake
    body = activity(fake.service_url, text="hallo")
    rotated = new_rsa_key(3)
    token = fake.connector_token(fake.service_url, kid="rotated-2024", key=rotated)
    time.sleep(1.1)  # past the rate limit of key refreshes (1 s in this test's configuration)
    assert post(servers, body, token=token).status_code == 401
    assert servers.event_count(sender_id_for(body)) == 0
    fake.publish("rotated-2024", rotated)
    time.sleep(1.1)
    assert post(servers, body, token=token).status_code in (200, 202)
    fake.wait_for(lambda: any(a["type"] == "message" for a in fake.recorded(body["conversation"]["id"])))


def test_rejected_activities_never_reached_the_bot(servers, rejected):
    """After a valid turn has been fully handled, none of the rejected activities left a trace."""
    chat = TeamsChat(servers)
    assert chat.send(text="hallo")
    assert len(rejected) == len(CASES) + 1
    for body in rejected:
        assert servers.event_count(sender_id_for(body)) == 0
        assert servers.fake.recorded(body["conversation"]["id"]) == []
    assert servers.event_count(sender_id_for(dict(chat.template))) > 0


# -- a whole intake --------------------------------------------------------------------------------------------------
def test_whole_intake_through_teams_ends_with_the_advice_card(servers):
    fake: FakeMicrosoft = servers.fake
    chat = TeamsChat(servers, conversation_type="groupchat")

    welcome = chat.send(kind="conversationUpdate", membersAdded=[{"id": f"28:{APP_ID}", "name": BOT_NAME}])
    assert welcome[0]["type"] == "typing"
    assert "zelfbeheer" in chat.text(welcome).lower()

    turn = chat.send(text=f"<at>{BOT_NAME}</at> ik wil graag advies over zelfbeheer", entities=[mention()])
    assert turn[0]["type"] == "typing"
    assert all(a["replyToId"] and a["conversation"]["id"] == chat.conversation_id for a in turn)
    assert "Om welke ruimte gaat het" in chat.text(turn)
    buttons = chat.submit_actions(turn)
    assert {"Groen", "Binnentuin", "Trappenhuis"} <= set(buttons)
    assert buttons["Binnentuin"]["data"]["msteams"]["type"] == "messageBack"

    fake.fail_next(429, retry_after="1")  # Microsoft throttles once, then fails once: the replies still arrive
    fake.fail_next(503)
    attempts_before = len(fake.attempts)
    started = time.monotonic()
    turn = chat.send(**click(buttons["Binnentuin"]))
    assert "Wie nam het initiatief" in chat.text(turn)
    assert len(fake.attempts) - attempts_before == len(turn) + 2  # two failed attempts, retried
    assert time.monotonic() - started >= 1.0  # Retry-After honoured
    assert [a["type"] for a in turn].count("typing") >= 1 and turn[0]["type"] == "typing"
    buttons = chat.submit_actions(turn)

    # an Adaptive Card Action.Submit may come with only its value (no text)
    turn = chat.send(value={"rasa_payload": buttons["De bewoners"]["data"]["msteams"]["text"]})
    assert "Wat willen de bewoners zelf oppakken" in chat.text(turn)

    turn = chat.send(text="ze willen zelf schoffelen, maaien en snoeien")
    assert "Is het een kwetsbare wijk" in chat.text(turn)

    turn = chat.send(text="nee, het is geen kwetsbare wijk")
    cards = [c for c in chat.cards(turn) if any(str(n.get("id", "")).startswith("optie-") for n in c["body"])]
    assert len(cards) == 1, json.dumps(turn, ensure_ascii=False)[:2000]
    advice = cards[0]
    option_ids = [n["id"] for n in advice["body"] if str(n.get("id", "")).startswith("optie-")]
    assert len(option_ids) >= 3 and option_ids[0] == "optie-groen-zelf-onderhoud"
    [warnings] = [n for n in advice["body"] if n.get("id") == "waarschuwingen"]
    assert warnings["style"] == "attention" and "Veiligheid" in json.dumps(warnings, ensure_ascii=False)
    assert "Bronnen:" in chat.text(turn)  # the readable text came too

    # the outgoing token: client credentials from the tenant's own endpoint, fetched once and reused
    assert fake.token_requests and all(r["tenant"] == TENANT_ID for r in fake.token_requests)
    assert all(r["scope"] == "https://api.botframework.com/.default" for r in fake.token_requests)
    assert len(fake.token_requests) == 1
    slots = servers.stored_slots(sender_id_for(chat.template))
    assert slots.get("ruimte") == "binnentuin" and slots.get("initiatiefnemer") == "bewoners"


def test_corporation_goal_gives_a_warning_card(servers):
    chat = TeamsChat(servers)
    turn = chat.send(
        text="wij als corporatie willen bezuinigen op de schoonmaak, de bewoners moeten het "
        "trappenhuis maar zelf gaan doen"
    )
    warning_cards = [c for c in chat.cards(turn) if c["body"] and c["body"][0].get("id") == "waarschuwingen"]
    assert warning_cards and warning_cards[0]["body"][0]["style"] == "attention"


def test_manifest_commands_are_understood(servers):
    from bot.teams.package.build import manifest

    expected = {
        "advies graag": "request_advice",
        "help": "help",
        "succesfactoren": "ask_success_factors",
        "valkuilen": "ask_pitfalls",
        "voorbeelden": "ask_examples",
        "samenvatting": "request_summary",
        "opnieuw beginnen": "restart_conversation",
    }
    [commands] = manifest(APP_ID, {})["bots"][0]["commandLists"]
    for command in commands["commands"]:
        parsed = parse(servers.url, command["title"])
        assert parsed["intent"]["name"] == expected[command["title"]], command["title"]
