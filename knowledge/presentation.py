"""The advice as the contract's `menukaart_advies` payload and as readable Dutch text; every claim carries its source.

One function builds the payload, for the bot (actions/advice.py) and for `python -m knowledge advise --json` alike.
Besides the contract's fields the payload carries what renderers need, so they write no Dutch of their own:
labels (`profiel_labels`, `rol_label`, `inspanning_label`, warning `titel`, step `fase_label`), an introduction
(`toelichting`), source urls and locators (`bron_url`, `vindplaats`) and the number of options that fit
(`aantal_passend`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from knowledge.labels import (
    FASE_LABELS,
    INITIATIEFNEMER_LABELS,
    INSPANNING_LABELS,
    PROFIEL_LABELS,
    ROL_LABELS,
    RUIMTE_LABELS,
    WARNING_TITLES,
    label,
    yes_no,
)
from knowledge.recommend import MIN_OPTIONS, Advice, Profile, RankedOption
from knowledge.steps import step_text
from knowledge.store import SourceRef, Statement, Step, WarningInfo

FOLLOW_UP_HINT = (
    "Vraag gerust door, bijvoorbeeld: 'vertel meer over optie 1', 'wat zijn de valkuilen?', "
    "'heb je voorbeelden?' of 'geef een samenvatting'."
)
COUNT_WORDS = {1: "past maar één optie", 2: "passen maar twee opties"}  # the verb agrees with the count


class Citations:
    """Numbers sources in order of first use: `mark` gives '[n]', `block` the list of sources."""

    def __init__(self) -> None:
        self._sources: list[SourceRef] = []

    def mark(self, source: SourceRef) -> str:
        """The marker of a source, numbering it on first use."""
        if source not in self._sources:
            self._sources.append(source)
        return f"[{self._sources.index(source) + 1}]"

    def block(self, heading: str = "Bronnen:") -> str:
        """The numbered list of the sources used."""
        lines = [f"[{n}] {source.label}" for n, source in enumerate(self._sources, start=1)]
        return "\n".join([heading, *lines]) if lines else ""


# -- payload ---------------------------------------------------------------------------------------------------------
def profile_payload(profile: Profile) -> dict[str, Any]:
    """The contract's `profiel`: canonical values, null where unknown."""
    return {
        "ruimte": profile.text("ruimte"),
        "initiatiefnemer": profile.text("initiatiefnemer"),
        "bewonersrol": profile.text("bewonersrol"),
        "kwetsbare_wijk": profile.vulnerable,
        "corporatie_doel": bool(profile.corporatie_doel),
    }


def profile_labels(profile: Profile) -> dict[str, str]:
    """The profile in Dutch words, for renderers: 'onbekend' where unknown."""
    labels = {name: label(mapping, profile.text(name)) for name, mapping in PROFIEL_LABELS.items()}
    labels["kwetsbare_wijk"] = yes_no(profile.vulnerable)
    labels["corporatie_doel"] = yes_no(bool(profile.corporatie_doel))
    return labels


def warning_payload(warning: WarningInfo) -> dict[str, Any]:
    """One warning as in the contract, plus its title, advice, source url and locator for renderers."""
    return {
        "code": warning.code,
        "titel": WARNING_TITLES.get(warning.code, warning.code.replace("_", " ")),
        "tekst": warning.tekst,
        "advies": warning.advies,
        "bron": warning.bron.label,
        "bron_url": warning.bron.url,
        "vindplaats": warning.vindplaats,
    }


def option_payload(ranked: RankedOption) -> dict[str, Any]:
    """One advised option as in the contract, plus labels, what residents and the organisation do, and its source."""
    option = ranked.option
    return {
        "id": option.id,
        "titel": option.titel,
        "score": ranked.score,
        "waarom": ranked.waarom,
        "bron": option.bron.label,
        "rol": option.rol,
        "ruimtes": list(option.ruimtes),
        "inspanning": option.inspanning,
        "rol_label": ROL_LABELS[option.rol],
        "inspanning_label": INSPANNING_LABELS[option.inspanning],
        "bron_url": option.bron.url,
        "vindplaats": option.vindplaats,
        "organisatie_biedt": option.organisatie_biedt,
        "bewoners_doen": option.bewoners_doen,
    }


def step_payload(step: Step, profile: Profile) -> dict[str, Any]:
    """One next step as in the contract (`tekst`, `bron`), plus its id, phase, source url and locator."""
    return {
        "tekst": step_text(step, profile.text("ruimte")),
        "bron": step.bron.label,
        "id": step.id,
        "fase": step.fase,
        "fase_label": FASE_LABELS[step.fase],
        "bron_url": step.bron.url,
        "vindplaats": step.vindplaats,
    }


def advice_payload(advice: Advice) -> dict[str, Any]:
    """The contract's `menukaart_advies` payload (the same for the bot and the command line)."""
    return {
        "type": "menukaart_advies",
        "profiel": profile_payload(advice.profile),
        "opties": [option_payload(r) for r in advice.options],
        "stappen": [step_payload(s, advice.profile) for s in advice.steps],
        "waarschuwingen": [warning_payload(w) for w in advice.warnings],
        "profiel_labels": profile_labels(advice.profile),
        "toelichting": introduction(advice),
        "aantal_passend": advice.fitting,
    }


# -- text ------------------------------------------------------------------------------------------------------------
def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def fragility_reasons(profile: Profile) -> list[str]:
    """Why self-organisation is fragile here, as Dutch clauses ('dit een kwetsbare wijk is')."""
    reasons = []
    if profile.vulnerable is True:
        reasons.append("dit een kwetsbare wijk is")
    if profile.no_initiative:
        reasons.append(f"het initiatief van {INITIATIEFNEMER_LABELS[profile.text('initiatiefnemer') or '']} komt")
    if profile.corporatie_doel:
        reasons.append("de organisatie eigen doelen heeft")
    return reasons


def introduction(advice: Advice) -> str:
    """The opening of the advice: how many options fit (honestly when few do) and why light ones come first."""
    profile = advice.profile
    if advice.fitting == 0:
        parts = [
            "Geen enkele optie uit de menukaart past goed bij wat je vertelde. Begin daarom met de stappen hieronder."
        ]
    elif advice.fitting < MIN_OPTIONS:
        parts = [
            f"Bij wat je vertelde {COUNT_WORDS[advice.fitting]} uit de menukaart. Ik vul de lijst niet aan "
            "met opties die bij een andere ruimte of een andere rol horen."
        ]
    else:
        parts = [
            f"Deze {len(advice.options)} opties uit de menukaart passen bij wat je vertelde, de best passende eerst."
        ]
    reasons = fragility_reasons(profile)
    if reasons and advice.fitting:
        parts.append(f"Omdat {_join(reasons)}, staan lichte vormen bovenaan: begin klein.")
    if profile.no_initiative and advice.fitting:
        parts.append("Rol ze niet uit, maar gebruik ze pas in het gesprek als bewoners zelf iets willen.")
    if profile.text("ruimte") is None:
        parts.append("Je hebt nog niet verteld om welke ruimte het gaat; daarmee wordt het advies preciezer.")
    return " ".join(parts)


def profile_sentence(profile: Profile) -> str:
    """The known profile in a short Dutch phrase."""
    parts = []
    if profile.text("ruimte"):
        parts.append(label(RUIMTE_LABELS, profile.text("ruimte")))
    if profile.text("initiatiefnemer"):
        parts.append(f"initiatief van {label(INITIATIEFNEMER_LABELS, profile.text('initiatiefnemer'))}")
    if profile.text("bewonersrol"):
        parts.append(f"bewoners willen {label(ROL_LABELS, profile.text('bewonersrol'))}")
    if profile.vulnerable is not None:
        parts.append("kwetsbare wijk" if profile.vulnerable else "geen kwetsbare wijk")
    if profile.corporatie_doel:
        parts.append("de organisatie heeft eigen doelen")
    return "; ".join(parts) if parts else "nog weinig bekend"


def option_lines(ranked: RankedOption, position: int, cite: Citations) -> list[str]:
    """An advised option in readable Dutch."""
    option = ranked.option
    return [
        f"{position}. {option.titel} (inspanning {INSPANNING_LABELS[option.inspanning]})",
        f"   Waarom: {ranked.waarom}",
        f"   Bewoners: {option.bewoners_doen}",
        f"   Organisatie: {option.organisatie_biedt} {cite.mark(option.bron)}",
    ]


def step_lines(advice: Advice, cite: Citations) -> list[str]:
    """The next steps, numbered, each with its source."""
    return [
        f"{n}. {step_text(s, advice.profile.text('ruimte'))} {cite.mark(s.bron)}"
        for n, s in enumerate(advice.steps, start=1)
    ]


def warning_lines(warnings: Iterable[WarningInfo], cite: Citations) -> list[str]:
    """Warnings as '- title: text advice [n]' lines."""
    return [f"- {WARNING_TITLES.get(w.code, w.code)}: {w.tekst} {w.advies} {cite.mark(w.bron)}" for w in warnings]


def advice_text(advice: Advice) -> str:
    """The advice as readable Dutch text for the shell and Teams."""
    cite = Citations()
    lines = [introduction(advice), f"Wat je vertelde: {profile_sentence(advice.profile)}.", ""]
    for position, ranked in enumerate(advice.options, start=1):
        lines += option_lines(ranked, position, cite)
    if advice.steps:
        lines += ["", "Wat je nu kunt doen:", *step_lines(advice, cite)]
    if advice.warnings:
        lines += ["", "Waarschuwingen:", *warning_lines(advice.warnings, cite)]
    lines += ["", cite.block(), "", FOLLOW_UP_HINT]
    return "\n".join(lines)


def statements_text(intro: str, statements: Iterable[Statement], outro: str | None = None) -> str:
    """A bulleted list of sourced statements with the sources below."""
    cite = Citations()
    lines = [intro] + [f"- {s.tekst} {cite.mark(s.bron)}" for s in statements]
    if outro:
        lines += ["", outro]
    return "\n".join(lines + ["", cite.block()])


def summary_markdown(advice: Advice) -> str:
    """A Markdown summary of profile, advice, next steps, warnings and sources (the downloadable report's text)."""
    cite = Citations()
    labels = profile_labels(advice.profile)
    lines = [
        "## Samenvatting advies zelfbeheer",
        "",
        "**Profiel**",
        f"- Ruimte: {labels['ruimte']}",
        f"- Initiatief van: {labels['initiatiefnemer']}",
        f"- Rol van bewoners: {labels['bewonersrol']}",
        f"- Kwetsbare wijk: {labels['kwetsbare_wijk']}",
        f"- Eigen doelen van de organisatie: {labels['corporatie_doel']}",
        "",
        "**Aanbevolen opties**",
        introduction(advice),
    ]
    for position, ranked in enumerate(advice.options, start=1):
        lines.append(
            f"{position}. **{ranked.option.titel}** (`{ranked.option.id}`): {ranked.waarom} "
            f"{cite.mark(ranked.option.bron)}"
        )
    lines += ["", "**Volgende stappen**", *step_lines(advice, cite)]
    lines += ["", "**Waarschuwingen**"]
    lines += [
        f"- **{WARNING_TITLES.get(w.code, w.code)}** (`{w.code}`): {w.tekst} {w.advies} {cite.mark(w.bron)}"
        for w in advice.warnings
    ] or ["- geen"]
    lines += ["", cite.block("**Bronnen**")]
    return "\n".join(lines)
