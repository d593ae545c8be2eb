"""Reading intake answers (ruimte, initiatiefnemer, bewonersrol, kwetsbare_wijk) from free Dutch text."""
from __future__ import annotations

import re
from typing import Any, Dict, Optional

from knowledge.matching import Analysis, Mention, PhraseIndex, has_wish_cue, initiative_cues

UNKNOWN = "onbekend"
INTAKE_SLOTS = ("ruimte", "initiatiefnemer", "bewonersrol", "kwetsbare_wijk")
# "ik ben wijkconsulent", "bij mij als opbouwwerker": the speaker's own job, not who started the initiative.
SELF_DESCRIPTION = re.compile(r"\b(als|ben|werk|werkzaam|werk bij|werkzaam bij)\s+(een\s+|de\s+|het\s+)?$")
# A plain yes or no that answers "is het een kwetsbare wijk?" when no vocabulary phrase says it.
YES = re.compile(r"^\W*(ja|jazeker|jawel|zeker|klopt|inderdaad|best wel|absoluut|yes)\b")
NO = re.compile(r"^\W*(nee|neen|nope|niet echt|niet bepaald|valt (wel )?mee|welnee|no)\b")


def read_intake(index: PhraseIndex, text: str, asked: Optional[str] = None) -> Dict[str, Any]:
    """The intake values a message gives.

    `asked` is the intake question the message answers, if any.
    - ruimte: the first space named.
    - initiatiefnemer: only when asked, or when the text says who started it ("kwam met het idee"); then
      the initiator named nearest to that cue.
    - bewonersrol: only in answer to the role question or where the text says what residents want ("ze
      willen ...", "zelf ..."); then the last role named ("niet alleen meedenken maar zelf doen"), else the
      role of a menukaart option named ("ze willen een moestuin" -> zelf_doen; not "het zwembad" as the
      answer to which space).
    - initiatiefnemer never comes from the speaker's own job ("ik ben wijkconsulent").
    - kwetsbare_wijk: the last mention; the longest phrase wins ("niet kwetsbaar" over "kwetsbaar"); in answer
      to that question a plain yes or no ("nee hoor, ...") also counts.
    - "weet ik niet" answers the asked question with 'onbekend'.
    """
    analysis = index.analyse(text)
    found: Dict[str, Any] = {}
    ruimtes = analysis.values("ruimte")
    if ruimtes:
        found["ruimte"] = ruimtes[0]
    initiator = _initiator(analysis, asked)
    if initiator:
        found["initiatiefnemer"] = initiator
    role = _role(index, analysis, asked)
    if role:
        found["bewonersrol"] = role
    vulnerable = analysis.all("kwetsbare_wijk")
    if vulnerable:
        found["kwetsbare_wijk"] = vulnerable[-1] == "ja"
    elif asked == "kwetsbare_wijk" and (YES.search(analysis.text) or NO.search(analysis.text)):
        found["kwetsbare_wijk"] = bool(YES.search(analysis.text))
    if asked in INTAKE_SLOTS and asked not in found and analysis.values("onbekend"):
        found[asked] = UNKNOWN
    return found


def _initiator(analysis: Analysis, asked: Optional[str]) -> Optional[str]:
    mentions = [m for m in analysis.mentions.get("initiatiefnemer", []) if not _self_description(analysis.text, m)]
    if not mentions:
        return None
    cues = initiative_cues(analysis.text)
    if cues:
        return min(mentions, key=lambda m: min(abs(m.start - cue) for cue in cues)).value
    return mentions[0].value if asked == "initiatiefnemer" else None


def _self_description(text: str, mention: Mention) -> bool:
    return bool(SELF_DESCRIPTION.search(text[: mention.start]))


def _role(index: PhraseIndex, analysis: Analysis, asked: Optional[str]) -> Optional[str]:
    if asked != "bewonersrol" and not has_wish_cue(analysis.text):
        return None  # "de portieken worden slecht schoongemaakt" is a complaint, not what residents want to do
    roles = analysis.all("bewonersrol")
    if roles:
        return roles[-1]
    options = analysis.values("optie")
    return index.store.options[options[0]].rol if options else None
