"""Reading intake answers (ruimte, initiatiefnemer, bewonersrol, kwetsbare_wijk) from free Dutch text."""
from __future__ import annotations

from typing import Any, Dict, Optional

from knowledge.matching import PhraseIndex, has_initiative_cue

UNKNOWN = "onbekend"
INTAKE_SLOTS = ("ruimte", "initiatiefnemer", "bewonersrol", "kwetsbare_wijk")


def read_intake(index: PhraseIndex, text: str, asked: Optional[str] = None) -> Dict[str, Any]:
    """The intake values a message gives.

    `asked` is the intake question the message answers, if any. The initiator is only read when it was
    asked or the text talks about who started it; for the resident role the last mention counts
    ("niet alleen meedenken maar zelf doen"); without a role word, a menukaart option the text names gives the
    role ("ze willen een moestuin" -> zelf_doen); "weet ik niet" answers the asked question with 'onbekend'.
    """
    analysis = index.analyse(text)
    found: Dict[str, Any] = {}
    ruimtes = analysis.values("ruimte")
    if ruimtes:
        found["ruimte"] = ruimtes[0]
    initiators = analysis.values("initiatiefnemer")
    if initiators and (asked == "initiatiefnemer" or has_initiative_cue(text)):
        found["initiatiefnemer"] = initiators[0]
    roles = analysis.found.get("bewonersrol", [])
    named_options = analysis.values("optie")
    if roles:
        found["bewonersrol"] = roles[-1]
    elif named_options:
        found["bewonersrol"] = index.store.options[named_options[0]].rol
    vulnerable = analysis.found.get("kwetsbare_wijk", [])
    if vulnerable:
        found["kwetsbare_wijk"] = vulnerable[-1] == "ja"
    if asked in INTAKE_SLOTS and asked not in found and analysis.values("onbekend"):
        found[asked] = UNKNOWN
    return found
