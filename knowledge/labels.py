"""The Dutch words for the knowledge layer's canonical values, written once.

Sentences and the advice payload take their labels from here; renderers (chat text, web widget, Teams card, report)
read them from the payload, so a label is changed in one place. Labels are lower case, as they read inside a
sentence ("Ruimte: de binnentuin", "bewoners willen toezicht houden").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from knowledge.schema import UNKNOWN

RUIMTE_LABELS = {
    "groen": "het groen",
    "binnentuin": "de binnentuin",
    "trappenhuis": "het trappenhuis of portiek",
    "gemeenschappelijke_ruimte": "de gemeenschappelijke ruimte",
    "buurthuis": "het buurthuis",
    "speelplek": "de speelplek",
    "zwembad": "het zwembad",
}
ROL_LABELS = {
    "meedenken": "meedenken",
    "toezicht": "toezicht houden",
    "zelf_doen": "zelf het werk doen",
    "zelf_beheren": "zelf beheren, met eigen budget of contract",
}
INSPANNING_LABELS = {"laag": "laag", "middel": "gemiddeld", "hoog": "hoog", "zeer_hoog": "zeer hoog"}
INITIATIEFNEMER_LABELS = {"bewoners": "de bewoners zelf", "corporatie": "de corporatie", "gemeente": "de gemeente"}
WARNING_TITLES = {
    "eigen_doelen_corporatie": "De doelen van de organisatie staan voorop",
    "geen_bewonersinitiatief": "Nog geen eigen plan van bewoners",
    "kwetsbare_wijk": "Kwetsbare wijk: zelforganisatie komt niet vanzelf",
    "veiligheid": "Veiligheid: regel keuring en toezicht vooraf",
}
FASE_LABELS = {
    "luisteren": "Eerst luisteren",
    "organisatie": "In je eigen organisatie",
    "starten": "Klein beginnen",
    "steunen": "Steun regelen",
    "terugkijken": "Samen terugkijken",
}
PROFIEL_LABELS = {"ruimte": RUIMTE_LABELS, "initiatiefnemer": INITIATIEFNEMER_LABELS, "bewonersrol": ROL_LABELS}
UNKNOWN_LABEL = "onbekend"


def label(mapping: Mapping[str, str], value: str | None) -> str:
    """The label of a canonical value; 'onbekend' when the value is missing or unknown."""
    if value in (None, "", UNKNOWN):
        return UNKNOWN_LABEL
    return mapping.get(value, str(value).replace("_", " "))


def yes_no(value: Any) -> str:
    """'ja', 'nee' or 'onbekend' for a true/false fact."""
    return "ja" if value is True else "nee" if value is False else UNKNOWN_LABEL
