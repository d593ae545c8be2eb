"""A message that asks what an intake question means ("hoe bedoel je?", "wat versta je onder kwetsbaar?").

Such a message is the whole message: a request to explain, with at most the question's own terms after it ("wat is
het verschil tussen meedenken en toezicht houden"). A message that also answers ("wat bedoel je, de bewoners kwamen
ermee") or asks about something else ("wat houdt zelf inkoop in", an option of the menukaart) is not one. The NLU
component `bot/nlu/clarification.py` reads `asks_what_is_meant`; the answering action reads `question_named` to know
which question to explain. They match lower-case text.
"""

from __future__ import annotations

import re

# The terms of each intake question, as a professional would quote them back.
QUESTION_TERMS = {
    "ruimte": r"(de |een |welke )?ruimtes?|(de |welke )?plek",
    "initiatiefnemer": r"(het |een |de )?initiatief(nemers?)?(\s+nemen|\s+nam)?|(wie )?(het )?begonnen",
    "bewonersrol": (
        r"(de |hun |een )?(bewoners)?rol(len)?|(de )?treden?|(de )?ladder|oppakken|"
        r"(zelf )?toezicht( houden)?|meedenken|zelf (het werk )?doen|(helemaal )?zelf beheren|beheren|"
        r"(met )?(een )?eigen budget"
    ),
    "kwetsbare_wijk": r"(een )?kwetsba\w*( wijk| buurt)?|(weinig )?draagkracht|sociale huur",
}
TERM = "|".join(f"(?:{terms})" for terms in QUESTION_TERMS.values())
TERMS = rf"(?:{TERM})(?:\s*(?:,|en|of|versus|vs|t\.?o\.?v\.?)\s*(?:{TERM}))*"
THIS = r"(dat|dit|die|daarmee|hiermee|ermee|de vraag|die vraag|je vraag|jouw vraag|uw vraag)"
HOW_MUCH = r"( helemaal| goed| echt)?"
ASKS = (
    rf"(hoe|wat) (bedoel|bedoelt|bedoeld) (je|jij|u)( (daar|hier|er)(mee)?| {THIS}| met( {THIS}| {TERMS}))?",
    rf"(hoe|wat) (bedoel|bedoelt|bedoeld)( {THIS}| met( {THIS}| {TERMS}))?",
    rf"wat (wordt|word) (er |daar |hier )?(mee |hiermee |daarmee )?bedoeld( met( {THIS}| {TERMS}))?",
    rf"wat (versta|verstaat) (je|jij|u) (er |daar )?onder( {THIS}| {TERMS})?",
    rf"wat is (het|t) (verschil|onderscheid) tussen {TERMS}",
    rf"wat (is|zijn|betekent|betekenen|houdt|houden) ({THIS}|{TERMS})( (dan|precies|eigenlijk|volgens jou|hier))*"
    r"( in)?",
    rf"(ik )?(snap|begrijp|volg|snapte|begreep) (ik )?(je|jou|u|het|{THIS})?( vraag)? ?niet{HOW_MUCH}",
    rf"{THIS} (snap|begrijp) ik niet{HOW_MUCH}",
    r"(onduidelijke|vage|rare|lastige) vraag",
    rf"(kun|kan|kunt|kunnen) (je|jij|u) ({THIS} |het )?(anders (vragen|formuleren|zeggen)|uitleggen|toelichten|"
    r"verduidelijken|uitleg geven)",
    rf"(leg|licht) ({THIS} |het )?(eens |even |ff |nog eens )?(uit|toe)",
    r"wat moet ik (hier |daar |dan |nu )?(invullen|antwoorden|zeggen|kiezen)",
    r"(wie|welke|wat voor) (bedoel|bedoelt) (je|u)( daarmee| precies)?",
    r"what do you mean|what does (that|this) mean|wdym|i (do not|don't|dont) (understand|get it)",
    r"huh|hè|he|hä|watte|wat|pardon|sorry",
)
FILLER = r"(sorry|pardon|eh+|ehm+|uh+|uhm+|hm+|nou|maar|dan|precies|eigenlijk|juist|even|ff|nog|eens|trouwens|oke?|ok)"
ASKS_WHAT_IS_MEANT = re.compile(rf"^({FILLER}\s+)*({'|'.join(f'(?:{a})' for a in ASKS)})(\s+{FILLER})*$")
NAMED = {slot: re.compile(rf"\b({terms})\b") for slot, terms in QUESTION_TERMS.items()}
NOT_A_WORD = re.compile(r"[^\w\s,.]+|(?<!\w)[,.]|[,.](?!\w)")


def _plain(text: str) -> str:
    """Lower-case words with single spaces: no question marks, dots, emoji or quotes."""
    return " ".join(NOT_A_WORD.sub(" ", text.lower()).split())


def asks_what_is_meant(text: str) -> bool:
    """Whether the whole message asks what the question (or one of its terms) means."""
    plain = _plain(text)
    return bool(plain) and bool(ASKS_WHAT_IS_MEANT.match(plain))


def question_named(text: str) -> str | None:
    """The intake question whose terms the message names, None when it names none."""
    plain = _plain(text)
    return next((slot for slot, terms in NAMED.items() if terms.search(plain)), None)
