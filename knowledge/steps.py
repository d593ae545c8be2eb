"""Choosing the next steps (steps.yml) for a profile: three to five concrete steps, each with its source.

A step applies when every situation in `alleen_bij` holds, none in `niet_bij` does, and its `ruimtes` and `rollen`
(when given) include the profile's. Per phase, in the order luisteren, organisatie, starten, steunen, terugkijken, the
most specific applicable step is taken (most conditions; ties in file order, which is the editors' order of
preference). Remaining places, up to five, go to other applicable steps for starting and support (the phases where
a second step adds something; the other phases hold variants of one step) that have at least one condition, most
specific first, so that general advice never pushes out advice for this profile. The plan is in phase order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from knowledge.labels import RUIMTE_LABELS
from knowledge.schema import STAP_FASEN
from knowledge.store import Step

MAX_STEPS = 5
FILL_PHASES = ("starten", "steunen")
RUIMTE_PLACEHOLDER = "{ruimte}"
RUIMTE_UNKNOWN_TEXT = "de woonomgeving"


def situations(
    initiatiefnemer: str | None, kwetsbaar: bool | None, corporatie_doel: bool, veiligheid: bool
) -> frozenset[str]:
    """The situations (STAP_SITUATIES) of a profile: who started it, how fragile self-organisation is, safety."""
    found = set()
    if initiatiefnemer in ("corporatie", "gemeente"):
        found.add("geen_initiatief")
    elif initiatiefnemer == "bewoners":
        found.add("bewonersinitiatief")
    else:
        found.add("initiatief_onbekend")
    if kwetsbaar is True:
        found.add("kwetsbaar")
    if corporatie_doel:
        found.add("corporatie_doel")
    found.add("fragiel" if found & {"geen_initiatief", "kwetsbaar", "corporatie_doel"} else "stevig")
    if veiligheid:
        found.add("veiligheid")
    return frozenset(found)


def applies(step: Step, found: Collection[str], ruimte: str | None, rol: str | None) -> bool:
    """True when the step's conditions hold for these situations, this space and this role."""
    return (
        all(s in found for s in step.alleen_bij)
        and not any(s in found for s in step.niet_bij)
        and (not step.ruimtes or ruimte in step.ruimtes)
        and (not step.rollen or rol in step.rollen)
    )


def specificity(step: Step) -> int:
    """How many conditions a step has: the more, the more it is about this particular profile."""
    return len(step.alleen_bij) + len(step.niet_bij) + bool(step.ruimtes) + bool(step.rollen)


def _preference(steps: Iterable[Step]) -> list[Step]:
    return sorted(steps, key=lambda s: (-specificity(s), s.positie))


def plan(steps: Iterable[Step], found: Collection[str], ruimte: str | None, rol: str | None) -> list[Step]:
    """The next steps for a profile, in phase order (see the module docstring)."""
    candidates = [s for s in steps if applies(s, found, ruimte, rol)]
    chosen: list[Step] = []
    for fase in STAP_FASEN:
        in_phase = _preference(s for s in candidates if s.fase == fase)
        if in_phase:
            chosen.append(in_phase[0])
    extra = _preference(s for s in candidates if s not in chosen and s.fase in FILL_PHASES and specificity(s) > 0)
    chosen += extra[: max(0, MAX_STEPS - len(chosen))]
    return sorted(chosen[:MAX_STEPS], key=lambda s: (STAP_FASEN.index(s.fase), -specificity(s), s.positie))


def step_text(step: Step, ruimte: str | None) -> str:
    """The step's text with the space filled in ('de binnentuin'; 'de woonomgeving' when unknown)."""
    return step.tekst.replace(RUIMTE_PLACEHOLDER, RUIMTE_LABELS.get(ruimte or "", RUIMTE_UNKNOWN_TEXT))
