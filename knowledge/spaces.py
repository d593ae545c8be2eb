"""Which space a text is about, of the spaces it names: one rule for the intake reader and the NLU component.

"niet de speeltuin, het gaat om het hofje" is about the hofje; "beheerder groen" is a job and "de menukaart groen" a
document, not a space; the kind of
building residents live in ("de galerijflat") counts only when nothing else is named; a space after "het gaat om"
comes first; and green named in or with a more specific space ("de pluktuin op het binnenhof", "het gras met de
voetbaldoeltjes") gives way to that space.
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
    kept = [
        s
        for s in spaces
        if not SPACE_SET_ASIDE.search(before(text, s.start, CLAUSE_BREAK)) and not JOB_FIELD.search(text, 0, s.start)
    ]
    kept = [s for s in kept if not SPACE_DISMISSED.match(text, s.end)] or kept or list(spaces)
    kept = [s for s in kept if not BUILDING.search(text, s.start, s.end)] or kept
    kept = [s for s in kept if not _gives_way(text, s, kept)]
    focus = [s for s in kept if ABOUT.search(before(text, s.start, CLAUSE_BREAK))]
    chosen = focus or kept
    return chosen[0] if chosen else None


def _gives_way(text: str, space: Span, spaces: Sequence[Span]) -> bool:
    """Whether green is named in or with a more specific space later in its clause."""
    if space.value != GENERIC:
        return False
    return any(
        other.value in SPECIFIC and other.start > space.end and LIES_IN.fullmatch(text, space.end, other.start)
        for other in spaces
    )
