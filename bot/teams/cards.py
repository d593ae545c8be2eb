"""Rendering the bot's Rasa messages as Microsoft Teams activities: text, Adaptive Cards with clickable actions,
the advice (`menukaart_advies`) as a card with its next steps and the warnings visibly apart, and `waarschuwing`
payloads. Labels and titles come with the payloads; the renderer writes no domain Dutch of its own.

Pure functions (no I/O): they take Rasa message parts and return Bot Framework activity dicts without addressing
(`from`, `recipient`, `conversation` are added by the output channel).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
ADAPTIVE_CARD_VERSION = "1.5"  # the highest version Teams renders (desktop, web and mobile)
PAYLOAD_KEY = "rasa_payload"  # where our buttons put the Rasa payload in the submitted value
MAX_ACTIONS_PER_ROW = 3
MAX_ACTIVITY_CHARS = 18000  # Teams refuses bot messages over 40 KB (UTF-16); stay well below

FOLLOW_UPS = [
    ("Meer over optie 1", "vertel meer over optie 1"),
    ("Valkuilen", "wat zijn de valkuilen?"),
    ("Samenvatting", "geef een samenvatting"),
]


# -- text ------------------------------------------------------------------------------------------------------------
def teams_markdown(text: str) -> str:
    """Rasa's plain text with single newlines as Teams markdown: every line its own paragraph, `## x` in bold."""
    lines = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        heading = re.match(r"^\s*#{1,6}\s+(.*)$", line)
        lines.append(f"**{heading.group(1).strip()}**" if heading else line.rstrip())
    joined = "\n".join(lines)
    return re.sub(r"(?<!\n)\n(?!\n)", "\n\n", joined).strip()


def text_activity(text: str) -> dict[str, Any]:
    return {"type": "message", "text": teams_markdown(text), "textFormat": "markdown"}


def _text_block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def adaptive_card(
    body: list[dict[str, Any]], fallback: str, actions: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": ADAPTIVE_CARD_SCHEMA,
        "version": ADAPTIVE_CARD_VERSION,
        "body": body,
        "fallbackText": fallback[:4000],
        "msteams": {"width": "Full"},
    }
    if actions:
        card["actions"] = actions
    return card


def card_activity(card: dict[str, Any], summary: str = "") -> dict[str, Any]:
    """A message activity carrying one Adaptive Card (and a short summary for notifications)."""
    activity: dict[str, Any] = {"type": "message", "attachments": [{"contentType": ADAPTIVE_CARD, "content": card}]}
    if summary:
        activity["summary"] = summary[:200]
    if len(json.dumps(activity, ensure_ascii=False)) > MAX_ACTIVITY_CHARS:
        card["fallbackText"] = card.get("fallbackText", "")[:500]
    return activity


# -- buttons ---------------------------------------------------------------------------------------------------------
def submit_action(title: str, payload: str) -> dict[str, Any]:
    """A clickable Teams action: the chat shows the title as the user's message, the bot receives the payload."""
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {
            "msteams": {
                "type": "messageBack",
                "displayText": title,
                "text": payload,
                "value": json.dumps({PAYLOAD_KEY: payload}, ensure_ascii=False),
            }
        },
    }


def open_url_action(title: str, url: str) -> dict[str, Any]:
    return {"type": "Action.OpenUrl", "title": title, "url": url}


def _action_rows(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Actions as ActionSets of a few each, so that Teams shows them all (no overflow menu, no cut-off titles)."""
    return [
        {"type": "ActionSet", "actions": actions[i : i + MAX_ACTIONS_PER_ROW]}
        for i in range(0, len(actions), MAX_ACTIONS_PER_ROW)
    ]


def button_actions(buttons: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rasa buttons (`title`, `payload`; a `url` makes a link) as Adaptive Card actions."""
    actions = []
    for button in buttons:
        title = str(button.get("title") or button.get("payload") or "").strip()
        if not title:
            continue
        link = _web_url(button.get("url") or (button.get("payload") if button.get("type") == "web_url" else None))
        if link:
            actions.append(open_url_action(title, link))
        else:
            actions.append(submit_action(title, str(button.get("payload") or title)))
    return actions


def buttons_activity(text: str, buttons: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A question with its answer buttons: the text and the actions in one Adaptive Card."""
    buttons = list(buttons)
    actions = button_actions(buttons)
    body = [_text_block(text)] + _action_rows(actions)
    fallback = "\n".join([text] + [f"- {b.get('title')}" for b in buttons if b.get("title")])
    return card_activity(adaptive_card(body, fallback), summary=text)


# -- advice and warnings -----------------------------------------------------------------------------------------------
# Labels and titles come with the payload (knowledge/labels.py); a value without one is shown as it is.
def _shown(value: Any) -> str:
    if value is None or value == "":
        return "onbekend"
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    return str(value).replace("_", " ")


def _web_url(url: Any) -> str | None:
    """Only http(s) links go into cards (Teams rejects cards with other schemes)."""
    return url if isinstance(url, str) and re.match(r"^https?://\S+$", url) else None


def _source_line(label: str | None, url: str | None) -> dict[str, Any] | None:
    url = _web_url(url)
    if not label and not url:
        return None
    if url:
        return _text_block(f"Bron: [{label or url}]({url})", size="Small", isSubtle=True)
    return _text_block(f"Bron: {label}", size="Small", isSubtle=True)


def _warning_title(warning: dict[str, Any]) -> str:
    return str(warning.get("titel") or _shown(warning.get("code")))


def warnings_container(warnings: list[dict[str, Any]], heading: str = "Let op") -> dict[str, Any]:
    """The warnings in a container of their own with the 'attention' style, so they stand apart from the advice."""
    items: list[dict[str, Any]] = [_text_block(f"⚠️ {heading}", weight="Bolder", size="Medium", color="Attention")]
    for warning in warnings:
        items.append(_text_block(_warning_title(warning), weight="Bolder", spacing="Medium"))
        if warning.get("tekst"):
            items.append(_text_block(str(warning["tekst"])))
        if warning.get("advies"):
            items.append(_text_block(f"**Advies:** {warning['advies']}"))
        source = _source_line(warning.get("bron"), warning.get("bron_url"))
        if source:
            items.append(source)
    return {
        "type": "Container",
        "style": "attention",
        "bleed": True,
        "spacing": "Large",
        "separator": True,
        "items": items,
        "id": "waarschuwingen",
    }


PROFILE_FACTS = (
    ("Ruimte", "ruimte"),
    ("Initiatief van", "initiatiefnemer"),
    ("Bewoners willen", "bewonersrol"),
    ("Kwetsbare wijk", "kwetsbare_wijk"),
    ("Eigen doelen organisatie", "corporatie_doel"),
)


def _profile_facts(payload: dict[str, Any]) -> dict[str, Any]:
    profiel, labels = payload.get("profiel") or {}, payload.get("profiel_labels") or {}
    return {
        "type": "FactSet",
        "facts": [
            {"title": title, "value": str(labels.get(key) or _shown(profiel.get(key)))} for title, key in PROFILE_FACTS
        ],
    }


def _option_container(position: int, option: dict[str, Any]) -> dict[str, Any]:
    facts = [
        {"title": title, "value": str(option.get(f"{key}_label") or _shown(option[key]))}
        for title, key in (("Rol van bewoners", "rol"), ("Inspanning", "inspanning"))
        if option.get(key)
    ]
    items: list[dict[str, Any]] = [
        _text_block(f"{position}. {option.get('titel', option.get('id', ''))}", weight="Bolder", size="Medium")
    ]
    if facts:
        items.append({"type": "FactSet", "facts": facts, "spacing": "Small"})
    for label, key in (
        ("Waarom", "waarom"),
        ("Bewoners doen", "bewoners_doen"),
        ("Organisatie biedt", "organisatie_biedt"),
    ):
        if option.get(key):
            items.append(_text_block(f"**{label}:** {option[key]}", spacing="Small"))
    source = _source_line(option.get("bron"), option.get("bron_url"))
    if source:
        items.append(source)
    if _web_url(option.get("bron_url")):
        items.append({"type": "ActionSet", "actions": [open_url_action("Bron openen", option["bron_url"])]})
    return {
        "type": "Container",
        "style": "emphasis",
        "spacing": "Medium",
        "separator": True,
        "items": items,
        "id": f"optie-{option.get('id', position)}",
    }


def steps_container(steps: list[dict[str, Any]]) -> dict[str, Any]:
    """The next steps, numbered, each with its phase and source, in a container of their own."""
    items: list[dict[str, Any]] = [_text_block("Wat je nu kunt doen", weight="Bolder", size="Medium")]
    for position, step in enumerate(steps, start=1):
        phase = f"**{step['fase_label']}:** " if step.get("fase_label") else ""
        items.append(_text_block(f"{position}. {phase}{step.get('tekst', '')}", spacing="Medium"))
        source = _source_line(step.get("bron"), step.get("bron_url"))
        if source:
            items.append(source)
    return {"type": "Container", "spacing": "Large", "separator": True, "items": items, "id": "stappen"}


def advice_fallback_text(payload: dict[str, Any]) -> str:
    lines = [str(payload.get("toelichting") or "Advies menukaart zelfbeheer:")]
    for position, option in enumerate(payload.get("opties") or [], start=1):
        lines.append(f"{position}. {option.get('titel')} - {option.get('waarom', '')} (bron: {option.get('bron', '')})")
    steps = payload.get("stappen") or []
    if steps:
        lines.append("Wat je nu kunt doen:")
        lines += [
            f"{n}. {step.get('tekst', '')} (bron: {step.get('bron', '')})" for n, step in enumerate(steps, start=1)
        ]
    for warning in payload.get("waarschuwingen") or []:
        lines.append(f"{_warning_title(warning)}: {warning.get('tekst', '')} (bron: {warning.get('bron', '')})")
    return "\n".join(lines)


def advice_card(payload: dict[str, Any]) -> dict[str, Any]:
    """The contract's `menukaart_advies` as an Adaptive Card: what the professional told, the introduction (honest
    when few options fit), one container per option (reason, what residents and the organisation do, source link),
    the next steps, the warnings apart in an 'attention' container, and follow-up buttons."""
    body: list[dict[str, Any]] = [
        _text_block("Advies uit de menukaart zelfbeheer", weight="Bolder", size="Large"),
        _text_block("Wat je vertelde:", isSubtle=True, spacing="Small"),
        _profile_facts(payload),
    ]
    if payload.get("toelichting"):
        body.append(_text_block(str(payload["toelichting"]), spacing="Medium"))
    body += [_option_container(n, option) for n, option in enumerate(payload.get("opties") or [], start=1)]
    steps = payload.get("stappen") or []
    if steps:
        body.append(steps_container(steps))
    warnings = payload.get("waarschuwingen") or []
    if warnings:
        body.append(warnings_container(warnings))
    actions = [submit_action(title, text) for title, text in FOLLOW_UPS]
    return adaptive_card(body, advice_fallback_text(payload), actions)


def advice_activity(payload: dict[str, Any]) -> dict[str, Any]:
    titles = ", ".join(str(o.get("titel")) for o in (payload.get("opties") or [])[:3])
    return card_activity(advice_card(payload), summary=f"Advies: {titles}")


def warning_activity(payload: dict[str, Any]) -> dict[str, Any]:
    """A `waarschuwing` payload as its own card in the 'attention' style."""
    warnings = payload.get("waarschuwingen") or []
    fallback = "\n".join(f"{_warning_title(w)}: {w.get('tekst', '')} (bron: {w.get('bron', '')})" for w in warnings)
    card = adaptive_card([warnings_container(warnings, heading="Waarschuwing")], fallback or "Waarschuwing")
    return card_activity(card, summary="Waarschuwing")


def custom_activities(custom: dict[str, Any]) -> list[dict[str, Any]]:
    """Activities for a Rasa `custom` payload: our contract types, or a Bot Framework activity passed through."""
    kind = custom.get("type")
    if kind == "menukaart_advies":
        return [advice_activity(custom)]
    if kind == "waarschuwing":
        return [warning_activity(custom)]
    if kind == "samenvatting":
        return []  # the same summary was already sent as readable text
    if kind == "message" or "attachments" in custom:
        activity = dict(custom)
        activity["type"] = "message"
        return [activity]
    return []
