"""Reading Teams activities (mentions, card submits, welcome) and rendering the bot's messages as Teams activities."""

from __future__ import annotations

import json

from bot.teams.activity import bot_was_added, message_text, sender_id_for, strip_mentions
from bot.teams.cards import (
    ADAPTIVE_CARD,
    PAYLOAD_KEY,
    advice_activity,
    buttons_activity,
    custom_activities,
    teams_markdown,
    warning_activity,
)
from tests.teams.card_walk import walk
from tests.teams.chat import BOT_ID, BOT_NAME, activity, mention

SERVICE = "https://smba.trafficmanager.net/emea/"

ADVICE = {
    "type": "menukaart_advies",
    "profiel": {
        "ruimte": "binnentuin",
        "initiatiefnemer": "bewoners",
        "bewonersrol": "zelf_doen",
        "kwetsbare_wijk": False,
    },
    "opties": [
        {
            "id": "groen-zelf-onderhoud",
            "titel": "Zelf onderhoud van het groen",
            "score": 0.87,
            "waarom": "past bij de binnentuin",
            "bron": "Menukaart Ymere",
            "bron_url": "https://example.org/ymere",
            "inspanning": "middel",
            "organisatie_biedt": "gereedschap",
            "bewoners_doen": "schoffelen",
        },
        {
            "id": "groen-moestuin",
            "titel": "Moestuin",
            "score": 0.7,
            "waarom": "bewoners willen tuinieren",
            "bron": "Menukaart Eigen Haard",
            "bron_url": None,
            "inspanning": "laag",
            "organisatie_biedt": "grond",
            "bewoners_doen": "zaaien",
        },
        {
            "id": "groen-adoptie",
            "titel": "Adoptie van groen",
            "score": 0.6,
            "waarom": "klein beginnen",
            "bron": "Corpovenista",
            "bron_url": "https://example.org/c",
            "inspanning": "laag",
            "organisatie_biedt": "afspraken",
            "bewoners_doen": "bijhouden",
        },
    ],
    "waarschuwingen": [
        {
            "code": "veiligheid",
            "tekst": "Bomen vragen inspecties.",
            "advies": "Laat keuringen bij ons.",
            "bron": "Platform31",
            "bron_url": "https://example.org/p31",
        }
    ],
}


# -- reading ---------------------------------------------------------------------------------------------------------
def test_the_bots_mention_is_stripped_and_others_keep_their_name():
    text = f"<at>{BOT_NAME}</at> ik wil advies, zegt <at>Piet</at>&nbsp;ook"
    entities = [mention(), {"type": "mention", "text": "<at>Piet</at>", "mentioned": {"id": "29:piet"}}]
    assert strip_mentions(text, entities, BOT_ID) == "ik wil advies, zegt Piet ook"


def test_message_text_of_a_channel_message_with_mention():
    body = activity(
        SERVICE,
        text=f"<at>{BOT_NAME}</at>  ik wil advies over de portiek\n",
        entities=[mention()],
        conversation_type="channel",
    )
    assert message_text(body) == "ik wil advies over de portiek"


def test_a_message_back_click_gives_the_payload():
    payload = '/inform{"ruimte": "groen"}'
    body = activity(SERVICE, text=payload, value=json.dumps({PAYLOAD_KEY: payload}))
    assert message_text(body) == payload


def test_an_action_submit_without_text_gives_its_value():
    assert message_text(activity(SERVICE, value={PAYLOAD_KEY: "de bewoners"})) == "de bewoners"
    assert message_text(activity(SERVICE, value={"text": "weet ik niet"})) == "weet ik niet"
    assert message_text(activity(SERVICE, value={"someInput": "x"})) is None
    assert message_text(activity(SERVICE, text=f"<at>{BOT_NAME}</at>", entities=[mention()])) is None


def test_welcome_only_when_the_bot_itself_is_added():
    added_bot = activity(SERVICE, kind="conversationUpdate", membersAdded=[{"id": BOT_ID}])
    added_user = activity(SERVICE, kind="conversationUpdate", membersAdded=[{"id": "29:someone"}])
    assert bot_was_added(added_bot) and not bot_was_added(added_user)


def test_sender_id_is_per_user_per_conversation_and_short():
    a = activity(SERVICE, conversation_id="19:x@thread.tacv2;messageid=1", user_id="29:u1")
    b = activity(SERVICE, conversation_id="19:x@thread.tacv2;messageid=1", user_id="29:u2")
    c = activity(SERVICE, conversation_id="a:" + "z" * 400, user_id="29:u1")
    assert sender_id_for(a) != sender_id_for(b)
    assert sender_id_for(a) == sender_id_for(dict(a, id="other"))
    assert len(sender_id_for(c)) < 64


# -- rendering -------------------------------------------------------------------------------------------------------
def test_text_keeps_its_lines_in_teams_markdown():
    assert (
        teams_markdown("## Samenvatting\nregel 1\nregel 2\n\nalinea")
        == "**Samenvatting**\n\nregel 1\n\nregel 2\n\nalinea"
    )


def test_buttons_become_clickable_card_actions_carrying_the_payload():
    buttons = [
        {"title": t, "payload": f'/inform{{"ruimte": "{t.lower()}"}}'}
        for t in ("Groen", "Binnentuin", "Trappenhuis", "Buurthuis", "Speelplek", "Zwembad", "Anders")
    ]
    activity_ = buttons_activity("Om welke ruimte gaat het?", buttons)
    [attachment] = activity_["attachments"]
    assert attachment["contentType"] == ADAPTIVE_CARD
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    assert card["body"][0]["text"] == "Om welke ruimte gaat het?"
    action_sets = [n for n in card["body"] if n["type"] == "ActionSet"]
    assert all(len(s["actions"]) <= 3 for s in action_sets)
    actions = [a for s in action_sets for a in s["actions"]]
    assert [a["title"] for a in actions] == [b["title"] for b in buttons]
    for action, button in zip(actions, buttons, strict=True):
        assert action["type"] == "Action.Submit"
        back = action["data"]["msteams"]
        assert back["type"] == "messageBack" and back["displayText"] == button["title"]
        assert back["text"] == button["payload"] and json.loads(back["value"]) == {PAYLOAD_KEY: button["payload"]}
    # and what Teams sends back on a click is read as the payload
    click = activity(SERVICE, text=actions[1]["data"]["msteams"]["text"], value=actions[1]["data"]["msteams"]["value"])
    assert message_text(click) == buttons[1]["payload"]


def test_the_advice_is_a_card_with_every_option_and_warnings_apart():
    activity_ = advice_activity(ADVICE)
    card = activity_["attachments"][0]["content"]
    texts = " ".join(n.get("text", "") for n in walk(card) if n.get("type") == "TextBlock")
    for option in ADVICE["opties"]:
        assert option["titel"] in texts and option["waarom"] in texts and option["bron"] in texts
    option_containers = [n for n in card["body"] if str(n.get("id", "")).startswith("optie-")]
    assert [c["id"] for c in option_containers] == [f"optie-{o['id']}" for o in ADVICE["opties"]]
    [warnings] = [n for n in card["body"] if n.get("id") == "waarschuwingen"]
    assert warnings["style"] == "attention" and warnings["separator"]
    assert "Bomen vragen inspecties." in json.dumps(warnings, ensure_ascii=False)
    assert all("Bomen" not in json.dumps(c, ensure_ascii=False) for c in option_containers)
    links = [n for n in walk(card) if n.get("type") == "Action.OpenUrl"]
    assert {"https://example.org/ymere", "https://example.org/c"} <= {link["url"] for link in links}
    assert all(a["type"] == "Action.Submit" for a in card["actions"])
    assert "Zelf onderhoud van het groen" in card["fallbackText"]
    assert len(json.dumps(activity_)) < 40000


def test_a_warning_payload_is_its_own_attention_card():
    payload = {
        "type": "waarschuwing",
        "waarschuwingen": [
            {
                "code": "eigen_doelen_corporatie",
                "tekst": "Eigen doelen voorop werkt averechts.",
                "advies": "Luister.",
                "bron": "Platform31",
                "bron_url": "https://example.org/p31",
            }
        ],
    }
    card = warning_activity(payload)["attachments"][0]["content"]
    [container] = card["body"]
    assert container["style"] == "attention"
    assert "Eigen doelen voorop werkt averechts." in json.dumps(card, ensure_ascii=False)
    assert custom_activities(payload)[0]["attachments"][0]["content"] == card


def test_summary_payload_is_not_sent_twice_and_unknown_customs_are_dropped():
    assert custom_activities({"type": "samenvatting", "markdown": "## x"}) == []
    assert custom_activities({"type": "iets_anders"}) == []
