"""Input hygiene shared by every channel (REST, socket.io, Teams), and the notices that tell the user about it.

`clean_message` turns whatever a client sent as the message into text fit for Rasa and the tracker store, or into a
notice explaining why it is not passed on: not a string, empty, no words at all (emoji only), too long (cut, with a
notice). Script tags and SQL-like text are *kept*: they are just text, stored exactly and rendered as text. Intent
payloads from buttons (`/inform{"ruimte": "binnentuin"}`) keep their internal spacing.

Every Dutch text the user may see from the channels and the turn guard (bot/turn/guard.py, which sends them) is a
module constant (`TEXTS`, addressing the user with "je" like the bot itself), so tests and docs can refer to them.
A notice is sent as two bot messages, the text alone and then its `custom` payload alone (`notice_messages`), so
that stock clients (rasa-webchat, Rasa's shell) show the text.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

DEFAULT_MAX_MESSAGE_CHARS = 2000


def _max_chars_from_env(default: int = DEFAULT_MAX_MESSAGE_CHARS) -> int:
    """`MAX_MESSAGE_CHARS` from the environment when it is a positive whole number, else the default."""
    value = os.environ.get("MAX_MESSAGE_CHARS", "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        logger.warning("MAX_MESSAGE_CHARS=%r is not a positive whole number; using %d", value, default)
        return default
    return number


MAX_MESSAGE_CHARS: int = _max_chars_from_env()
"""Longest message passed to Rasa, in characters (after cleaning); longer ones are cut with a notice."""

# -- notice codes and their Dutch texts (the one place they are written) ---------------------------------------------
LEEG_BERICHT = "leeg_bericht"
GEEN_WOORDEN = "geen_woorden"
INGEKORT = "ingekort"
ONGELDIG_BERICHT = "ongeldig_bericht"
SESSIE_ONTBREEKT = "sessie_ontbreekt"
STORING = "storing"
ACTIESERVER_ONBEREIKBAAR = "actieserver_onbereikbaar"

NOTICE_TYPE = "melding"
"""The `custom.type` of a notice, so that integrations can tell it from the bot's answers."""

TEXTS: dict[str, str] = {
    LEEG_BERICHT: (
        "Ik heb geen tekst van je ontvangen. Typ je vraag of antwoord, bijvoorbeeld: "
        "‘Ik wil advies over zelfbeheer van de binnentuin.’"
    ),
    GEEN_WOORDEN: (
        "In je bericht staan geen woorden, alleen tekens of emoji. Die kan ik helaas niet lezen. "
        "Typ je vraag of antwoord in woorden, bijvoorbeeld: "
        "‘Ik wil advies over zelfbeheer van de binnentuin.’"
    ),
    INGEKORT: (
        "Je bericht was {length} tekens lang. Ik heb alleen de eerste {limit} tekens gelezen. "
        "Stuur je de rest in een volgend bericht?"
    ),
    ONGELDIG_BERICHT: (
        "Ik kon je bericht niet lezen: er kwam geen gewone tekst binnen. Typ je vraag of antwoord opnieuw."
    ),
    SESSIE_ONTBREEKT: (
        "Je bericht is niet aangekomen, omdat de chat geen geldige sessie heeft. Laad de pagina "
        "opnieuw en stuur het bericht nog een keer."
    ),
    STORING: (
        "Excuses, er is een storing. Je bericht is niet verwerkt en niet bewaard. Wil je het over een minuut "
        "opnieuw sturen?"
    ),
    ACTIESERVER_ONBEREIKBAAR: (
        "Excuses, een deel van de adviseur is tijdelijk niet bereikbaar. Je gesprek blijft "
        "bewaard. Wil je je bericht zo meteen opnieuw sturen?"
    ),
}


def dutch_number(number: int) -> str:
    """A whole number written the Dutch way: 20000 -> '20.000'."""
    return f"{number:,}".replace(",", ".")


@dataclass(frozen=True)
class Notice:
    """Something the user is told about their own message or about a failure: a stable code and a Dutch text."""

    code: str
    text: str

    @classmethod
    def of(cls, code: str, **values: Any) -> Notice:
        """The notice with this code, its text filled in with `values` (see `TEXTS`)."""
        return cls(code, TEXTS[code].format(**values))


def notice_messages(notice: Notice) -> list[dict[str, Any]]:
    """The bot messages of a notice, as stock clients expect them: the text alone (`{"text": ...}`, which
    rasa-webchat and Rasa's shell show only when `text` is the message's only key), then the payload alone
    (`{"custom": {"type": "melding", "code": ...}}`) so that integrations can tell a notice from an answer."""
    return [{"text": notice.text}, {"custom": {"type": NOTICE_TYPE, "code": notice.code}}]


# -- cleaning --------------------------------------------------------------------------------------------------------
@dataclass
class CleanMessage:
    """The outcome of `clean_message`: the text to pass to Rasa (None: pass nothing) and notices for the user."""

    text: str | None
    notices: list[Notice] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.text is not None


_KEEP_CONTROLS = {"\n", "\t"}
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs"}  # controls, format characters (zero-width, bidi overrides), lone surrogates
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")  # any whitespace but a newline
_MANY_NEWLINES = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a control, format (zero-width, bidi) or surrogate character (tab and newline too)."""
    return any(unicodedata.category(char) in _DROPPED_CATEGORIES for char in text)


def _without_controls(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    return "".join(
        char for char in text if char in _KEEP_CONTROLS or unicodedata.category(char) not in _DROPPED_CATEGORIES
    )


def _collapse_whitespace(text: str) -> str:
    """Runs of spaces and tabs become one space, lines lose surrounding spaces, at most one blank line in a row."""
    lines = [_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def _has_word(text: str) -> bool:
    """Whether any letter or digit occurs (Unicode categories L* and N*)."""
    return any(unicodedata.category(char)[0] in "LN" for char in text)


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at the last whitespace before the limit when there is one in its second
    half (otherwise exactly at the limit)."""
    if len(text) <= limit:
        return text
    if text[limit].isspace():
        return text[:limit].rstrip()
    head = text[:limit]
    last_space = max(head.rfind(" "), head.rfind("\n"))
    if last_space >= limit // 2:
        head = head[:last_space]
    return head.rstrip()


def is_intent_payload(text: str) -> bool:
    """A button payload as Rasa reads it: `/intent` or `/intent{...json...}`."""
    return text.startswith("/")


def clean_message(raw: object, max_chars: int | None = None) -> CleanMessage:
    """Make the message a client sent fit for Rasa and the tracker store.

    - not a string: nothing passed on (`leeg_bericht` for None, else `ongeldig_bericht`);
    - Unicode NFC; control, format (zero-width, bidi) and lone surrogate characters removed except newline and
      tab (NUL especially: PostgreSQL cannot store it);
    - whitespace collapsed and stripped (an intent payload starting with "/" is only stripped at its ends, so its
      JSON stays intact);
    - empty: `leeg_bericht`; no letter or digit at all (emoji, punctuation): `geen_woorden`; both pass nothing;
    - longer than `max_chars` (default `MAX_MESSAGE_CHARS`): cut at the last whitespace before the limit, with the
      notice `ingekort` first.

    Anything else (script tags, SQL-like text, quotes) is kept exactly.
    """
    limit = max_chars or MAX_MESSAGE_CHARS
    if raw is None:
        return CleanMessage(None, [Notice.of(LEEG_BERICHT)])
    if not isinstance(raw, str):
        return CleanMessage(None, [Notice.of(ONGELDIG_BERICHT)])
    text = _without_controls(unicodedata.normalize("NFC", raw))
    text = text.strip() if is_intent_payload(text.strip()) else _collapse_whitespace(text)
    if not text:
        return CleanMessage(None, [Notice.of(LEEG_BERICHT)])
    if not _has_word(text):
        return CleanMessage(None, [Notice.of(GEEN_WOORDEN)])
    if len(text) > limit:
        notice = Notice.of(INGEKORT, length=dutch_number(len(text)), limit=dutch_number(limit))
        return CleanMessage(_cut(text, limit), [notice])
    return CleanMessage(text)
