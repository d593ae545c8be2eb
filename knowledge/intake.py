"""Reading intake answers (ruimte, initiatiefnemer, bewonersrol, kwetsbare_wijk) from free Dutch text."""
from __future__ import annotations

from typing import Any, Dict, Optional

from knowledge.matching import Analysis, PhraseIndex, has_wish_cue, initiative_cues

UNKNOWN = "onbekend"
INTAKE_SLOTS = ("ruimte", "initiatiefnemer", "bewonersrol", "kwetsbare_wijk")


def read_intake(index: PhraseIndex, text: str, asked: Optional[str] = None) -> Dict[str, Any]:
    """The intake values a message gives.

    `asked` is the intake question the message answers, if any.
    - ruimte: the first space named.
    - initiatiefnemer: only when asked, or when the text says who started it ("kwam met het idee"); then
      the initiator named nearest to that cue.
    - bewonersrol: the last role named ("niet alleen meedenken maar zelf doen"); without a role word, a
      menukaart option named in answer to the role question or as what residents want ("ze willen een
      moestuin" -> zelf_doen; not "het zwembad" as the answer to which space).
    - kwetsbare_wijk: the last mention; the longest phrase wins ("niet kwetsbaar" over "kwetsbaar").
    - "weet ik niet" answers the asked question with 'onbekend'.
    """
    analysis = index.analyse(text)
    found: Dict[str, Any] = {}
    ruimtes = analysis.values("ruimte")
    if ruimtes:
        found["ruimte"] = ruimtes[0]
    initiator = _initiator(analysis, text, asked)
    if initiator:
        found["initiatiefnemer"] = initiator
    role = _role(index, analysis, text, asked)
    if role:
        found["bewonersrol"] = role
    vulnerable = analysis.all("kwetsbare_wijk")
    if vulnerable:
        found["kwetsbare_wijk"] = vulnerable[-1] == "ja"
    if asked in INTAKE_SLOTS and asked not in found and analysis.values("onbekend"):
        found[asked] = UNKNOWN
    return found


def _initiator(analysis: Analysis, text: str, asked: Optional[str]) -> Optional[str]:
    mentions = analysis.mentions.get("initiatiefnemer", [])
    if not mentions:
        return None
    cues = initiative_cues(text)
    if cues:
        return min(mentions, key=lambda m: min(abs(m.start - cue) for cue in cues)).value
    return mentions[0].value if asked == "initiatiefnemer" else None


def _role(index: PhraseIndex, analysis: Analysis, text: str, asked: Optional[str]) -> Optional[str]:
    roles = analysis.all("bewonersrol")
    if roles:
        return roles[-1]
    options = analysis.values("optie")
    if options and (asked == "bewonersrol" or has_wish_cue(text)):
        return index.store.options[options[0]].rol
    return None
