"""Reading the intake from a tracker: slot values to a knowledge Profile, message text to intake facts."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.knowledge_access import index
from knowledge.intake import ORGANISATION, UNKNOWN, corrected_part, read_intake
from knowledge.recommend import Profile
from knowledge.schema import INITIATIEFNEMERS, ROLLEN, RUIMTES

INTAKE_FORM = "intake_form"
TRUE_WORDS = ("true", "ja", "yes", "1")
FALSE_WORDS = ("false", "nee", "no", "0")


def _choice(value: Any, allowed) -> str | None:
    if isinstance(value, str) and (value in allowed or value == UNKNOWN):
        return value
    return None


def as_bool(value: Any) -> bool | None:
    """A slot value read as true/false; None for unknown or odd values."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
    return None


def profile_from_tracker(tracker: Tracker) -> Profile:
    """The intake profile in the tracker's slots; odd or missing values count as unknown."""
    motivatie = tracker.get_slot("motivatie")
    return Profile(
        ruimte=_choice(tracker.get_slot("ruimte"), RUIMTES),
        initiatiefnemer=_choice(tracker.get_slot("initiatiefnemer"), INITIATIEFNEMERS),
        bewonersrol=_choice(tracker.get_slot("bewonersrol"), ROLLEN),
        kwetsbare_wijk=as_bool(tracker.get_slot("kwetsbare_wijk")),
        corporatie_doel=as_bool(tracker.get_slot("corporatie_doel")) is True,
        motivatie=motivatie if isinstance(motivatie, str) else "",
    )


def requested_slot(tracker: Tracker) -> str | None:
    """The intake question the bot is waiting on, if the intake form is active."""
    if tracker.active_loop_name == INTAKE_FORM:
        slot = tracker.get_slot("requested_slot")
        return slot if isinstance(slot, str) else None
    return None


def latest_text(tracker: Tracker) -> str:
    """The text of the user's latest message ('' when there is none)."""
    text = (tracker.latest_message or {}).get("text")
    return text if isinstance(text, str) else ""


def latest_intent(tracker: Tracker) -> str | None:
    """The intent name of the user's latest message."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def intake_facts(tracker: Tracker, asked: str | None) -> dict[str, Any]:
    """Intake values in the latest message: the knowledge matcher first, then the NLU's ruimte entity (a button's
    payload, or a space the matcher does not know; not where the matcher left a choice between spaces open)."""
    text = latest_text(tracker)
    typed = bool(text) and not text.startswith("/")
    facts = read_intake(index(), text, asked, _speakers_organisation(tracker)) if typed else {}
    entities = list(tracker.get_latest_entity_values("ruimte"))
    if "ruimte" not in facts and entities and not (typed and index().analyse(text).mentions.get("ruimte")):
        for value in entities:
            canonical = value if value in RUIMTES else read_intake(index(), str(value)).get("ruimte")
            if canonical:
                facts["ruimte"] = canonical
                break
    return facts


def corrected_facts(tracker: Tracker, asked: str | None) -> dict[str, Any]:
    """Intake values in what follows a self-correction in the latest message ("..., oh en correctie: het is een
    grasveld"), read as the answer to `asked`."""
    part = corrected_part(latest_text(tracker))
    return read_intake(index(), part, asked, _speakers_organisation(tracker)) if part else {}


def _speakers_organisation(tracker: Tracker) -> str | None:
    """The speaker's own organisation, as read from an earlier introduction."""
    organisation = tracker.get_slot(ORGANISATION)
    return organisation if isinstance(organisation, str) else None


def advised_option_ids(tracker: Tracker) -> list[str]:
    """The ids of the options in the latest advice, best first."""
    value = tracker.get_slot("advies_opties")
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
