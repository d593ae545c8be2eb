"""Reading a Bot Framework activity from Teams: who sent it (Rasa's conversation key), what they said (typed text
without the bot's @mention, or the payload of a clicked card action), and the context Rasa keeps.

Pure functions (no I/O) over the activity's JSON, used by the channel (bot/teams/channel.py).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from typing import Any

from bot.channels.cleaning import CleanMessage, clean_message
from bot.teams.cards import PAYLOAD_KEY

AT_TAG = re.compile(r"<at\b[^>]*>(.*?)</at>", re.IGNORECASE | re.DOTALL)


def sender_id_for(activity: dict[str, Any]) -> str:
    """Rasa's conversation key for a Teams user in a Teams conversation (a 1:1 chat, group chat or channel thread):
    opaque and short enough for any tracker store, stable for the same user in the same conversation."""
    conversation_id = str((activity.get("conversation") or {}).get("id", ""))
    user_id = str((activity.get("from") or {}).get("id", ""))
    digest = hashlib.sha256(f"{conversation_id}\n{user_id}".encode()).hexdigest()[:40]
    return f"teams-{digest}"


def strip_mentions(text: str, entities: list[dict[str, Any]] | None, bot_id: str | None) -> str:
    """The text without the bot's @mention; other mentions keep just the name. Whitespace normalised."""
    text = text or ""
    for entity in entities or []:
        if not isinstance(entity, dict) or entity.get("type") != "mention":
            continue
        mentioned = entity.get("mentioned") or {}
        mention_text = entity.get("text")
        if bot_id and mentioned.get("id") == bot_id and isinstance(mention_text, str) and mention_text:
            text = text.replace(mention_text, " ")
    text = AT_TAG.sub(lambda m: m.group(1), text)
    text = html.unescape(text).replace("\xa0", " ")
    return " ".join(text.split())


def _submitted_value(activity: dict[str, Any]) -> Any:
    value = activity.get("value")
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def message_text(activity: dict[str, Any]) -> str | None:
    """What the user said: the payload of a clicked card action (Action.Submit / messageBack value) if there is
    one, otherwise the typed text without the bot's mention. None when there is nothing to pass on."""
    value = _submitted_value(activity)
    if isinstance(value, dict):
        for key in (PAYLOAD_KEY, "payload", "text", "message"):
            candidate = value.get(key)
            if isinstance(candidate, str) and candidate.strip():
                return candidate.strip()
    bot_id = (activity.get("recipient") or {}).get("id")
    typed = activity.get("text")
    text = strip_mentions(typed, activity.get("entities"), bot_id) if isinstance(typed, str) else ""
    if text:
        return text
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def cleaned_text(activity: dict[str, Any]) -> CleanMessage:
    """What the user said, through `clean_message`: the text for Rasa or the notices why there is none. A `text`
    that is not a string is refused as such rather than read as nothing."""
    text = message_text(activity)
    if text is None and activity.get("text") is not None and not isinstance(activity.get("text"), str):
        return clean_message(activity.get("text"))
    return clean_message(text)


def bot_was_added(activity: dict[str, Any]) -> bool:
    """Whether a `conversationUpdate` activity adds the bot itself to the conversation."""
    bot_id = (activity.get("recipient") or {}).get("id")
    return bool(bot_id) and any(
        isinstance(m, dict) and m.get("id") == bot_id for m in activity.get("membersAdded") or []
    )


def activity_metadata(activity: dict[str, Any]) -> dict[str, Any]:
    """What Rasa keeps about the Teams context (no names or message contents)."""
    conversation = activity.get("conversation") or {}
    channel_data = activity.get("channelData") or {}
    metadata = {
        "teams": {
            "activity_id": activity.get("id"),
            "channel_id": activity.get("channelId"),
            "conversation_type": conversation.get("conversationType"),
            "tenant_id": (channel_data.get("tenant") or {}).get("id") or conversation.get("tenantId"),
            "locale": activity.get("locale"),
        }
    }
    value = _submitted_value(activity)
    if isinstance(value, dict):
        metadata["teams"]["value"] = value
    if activity.get("attachments"):
        metadata["attachments"] = activity["attachments"]
    return metadata
