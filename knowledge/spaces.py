"""Which space a text is about, of the spaces it names: one rule for the intake reader and the NLU component.

"niet de speeltuin, het gaat om het hofje" is about the hofje; "beheerder groen" is a job and "de menukaart groen" a
document, not a space; the kind of
building residents live in ("de galerijflat") counts only when nothing else is named; a space after "het gaat om"
comes first; green named in or with a more specific space ("de pluktuin op het binnenhof", "het gras met de
voetbaldoeltjes"), or plain "groen" with one named after it, gives way to that space; so does a space named only as
where another one lies ("in de binnenhof ligt een klein trapveld"). Notes that list different spaces on different lines
leave it open (`leaves_doubt`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from knowledge.clauses import CLAUSE_BREAK, before

# "niet de speeltuin", "geen portiek": a space set aside in its clause.
SPACE_SET_ASIDE = re.compile(r"\b(niet|geen)\b(?!\s+alleen)(\s+\w+){0,3}\s*$")
# "de speeltuin, daar gaat het niet om".
SPACE_DISMISSED = re.compile(
    r"[^.;!?]{0,60}?\b(daar gaat het niet om|gaat het niet om|hoort er niet bij|horen er niet bij)\b"
)
ABOUT = re.compile(r"\b(gaat|gaan)\s+(het\s+)?(\w+\s+)?(om|over)\b")
# A kind of building: "de galerijflat", "een portiekflat", "het seniorencomplex".
BUILDING = re.compile(r"(flat|flats|complex|complexen)$")
# A space in a job title, a team or a document: "beheerder groen", "afdeling groen", "de menukaart groen".
JOB_FIELD = re.compile(
    r"\b(medewerker|afdeling|team|teamleider|beheerder|coördinator|coordinator|adviseur|consulent|menukaart)\s+$"
)
# Green is the widest value: it gives way to a more specific space it lies in or comes with.
GENERIC = "groen"
SPECIFIC = ("binnentuin", "speelplek", "trappenhuis")
LIES_IN = re.compile(r"\s+(\w+\s+)?(in|op|met|van)\s+(\w+\s+){0,3}$")
ARTICLE = re.compile(r"^(het|de)\s+")
# A space named as where another one lies: "in de binnenhof ligt sinds kort een trapveld" is about the trapveld.
PLACE = re.compile(r"\b(in|op|achter|naast|bij)\s+(de\s+|het\s+)?$")
LIES_THERE = re.compile(r"\s+(\w+\s+){0,4}?(ligt|liggen|bevindt zich|bevinden zich)\b[^.;!?]{0,40}$")


class Span(Protocol):
    """A value read from the text, with its character span (knowledge.matching.Mention, knowledge.normalise.Found)."""

    @property
    def value(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def the_space(text: str, spaces: Sequence[Span]) -> Span | None:
    """The space the (lower-case) text is about, of the spaces named in it, in text order."""
    kept, focus = _candidates(text, spaces)
    chosen = focus or kept
    return chosen[0] if chosen else None


def leaves_doubt(text: str, spaces: Sequence[Span]) -> bool:
    """Whether the text lists different spaces on different lines without saying which one it is about (notes of a
    meeting: "- speeltuintje: klimrek kapot" and "- trappenhuizen: schoonmaker komt niet"). Said in passing, such a
    text does not answer the space question."""
    kept, focus = _candidates(text, spaces)
    lines = {(text.count("\n", 0, s.start), s.value) for s in kept}
    return not focus and len({value for _, value in lines}) > 1 and len({line for line, _ in lines}) > 1


def _candidates(text: str, spaces: Sequence[Span]) -> tuple[list[Span], list[Span]]:
    """The spaces the text may be about, and those of them it says it is about ("het gaat om ...")."""
    kept = [
        s
        for s in spaces
        if not SPACE_SET_ASIDE.search(before(text, s.start, CLAUSE_BREAK)) and not JOB_FIELD.search(text, 0, s.start)
    ]
    kept = [s for s in kept if not SPACE_DISMISSED.match(text, s.end)] or kept or list(spaces)
    kept = [s for s in kept if not BUILDING.search(text, s.start, s.end)] or kept
    kept = [s for s in kept if not _gives_way(text, s, kept) and not _only_where(text, s, kept)]
    return kept, [s for s in kept if ABOUT.search(before(text, s.start, CLAUSE_BREAK))]


def _gives_way(text: str, space: Span, spaces: Sequence[Span]) -> bool:
    """Whether green is named in or with a more specific space later in its clause."""
    if space.value != GENERIC:
        return False
    plain = ARTICLE.sub("", text[space.start : space.end]) == GENERIC
    return any(
        other.value in SPECIFIC
        and other.start > space.end
        and (plain or LIES_IN.fullmatch(text, space.end, other.start))
        for other in spaces
    )


def _only_where(text: str, space: Span, spaces: Sequence[Span]) -> bool:
    """Whether the space is only named as where another one lies ("in de binnenhof ligt een klein trapveld")."""
    return bool(PLACE.search(text, 0, space.start)) and any(
        other.value != space.value and other.start > space.end and LIES_THERE.fullmatch(text, space.end, other.start)
        for other in spaces
    )
