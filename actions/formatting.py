"""Dutch text and contract payloads for advice, warnings and summaries; every claim carries its source."""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

from knowledge.recommend import INSPANNING_LABELS, RUIMTE_LABELS, ROL_LABELS, Advice, Profile, RankedOption
from knowledge.store import SourceRef, Statement, WarningInfo

INITIATIEFNEMER_LABELS = {"bewoners": "de bewoners zelf", "corporatie": "de corporatie", "gemeente": "de gemeente"}


class Citations:
    """Numbers sources in order of first use: `mark` gives '[n]', `block` the list of sources."""

    def __init__(self) -> None:
        self._sources: List[SourceRef] = []

    def mark(self, source: SourceRef) -> str:
        """The marker of a source, numbering it on first use."""
        if source not in self._sources:
            self._sources.append(source)
        return f"[{self._sources.index(source) + 1}]"

    def block(self, heading: str = "Bronnen:") -> str:
        """The numbered list of the sources used."""
        lines = [f"[{n}] {source.label}" for n, source in enumerate(self._sources, start=1)]
        return "\n".join([heading, *lines]) if lines else ""


def profile_payload(profile: Profile) -> Dict[str, Any]:
    """The contract's `profiel`: canonical values, null where unknown."""
    return {
        "ruimte": profile.known("ruimte"),
        "initiatiefnemer": profile.known("initiatiefnemer"),
        "bewonersrol": profile.known("bewonersrol"),
        "kwetsbare_wijk": profile.known("kwetsbare_wijk"),
    }


def warning_payload(warning: WarningInfo) -> Dict[str, Any]:
    """One warning as in the contract (plus its advice and source url for renderers)."""
    return {"code": warning.code, "tekst": warning.tekst, "advies": warning.advies, "bron": warning.bron.label,
            "bron_url": warning.bron.url}


def advice_payload(advice: Advice) -> Dict[str, Any]:
    """The contract's `menukaart_advies` payload."""
    return {
        "type": "menukaart_advies",
        "profiel": profile_payload(advice.profile),
        "opties": [
            {"id": r.option.id, "titel": r.option.titel, "score": r.score, "waarom": r.waarom, "bron": r.option.bron.label,
             "bron_url": r.option.bron.url, "inspanning": r.option.inspanning,
             "organisatie_biedt": r.option.organisatie_biedt, "bewoners_doen": r.option.bewoners_doen}
            for r in advice.options
        ],
        "waarschuwingen": [warning_payload(w) for w in advice.warnings],
    }


def profile_sentence(profile: Profile) -> str:
    """The known profile in a short Dutch phrase."""
    parts = []
    if profile.known("ruimte"):
        parts.append(RUIMTE_LABELS[profile.ruimte])
    if profile.known("initiatiefnemer"):
        parts.append(f"initiatief van {INITIATIEFNEMER_LABELS[profile.initiatiefnemer]}")
    if profile.known("bewonersrol"):
        parts.append(f"bewoners willen {ROL_LABELS[profile.bewonersrol]}")
    if profile.known("kwetsbare_wijk") is not None:
        parts.append("kwetsbare wijk" if profile.kwetsbare_wijk else "geen kwetsbare wijk")
    return "; ".join(parts) if parts else "nog weinig bekend"


def option_lines(ranked: RankedOption, position: int, cite: Citations) -> List[str]:
    """An advised option in readable Dutch."""
    option = ranked.option
    return [
        f"{position}. {option.titel} (score {ranked.score:.2f}, inspanning {INSPANNING_LABELS[option.inspanning]})",
        f"   Waarom: {ranked.waarom}",
        f"   Bewoners: {option.bewoners_doen}",
        f"   Organisatie: {option.organisatie_biedt} {cite.mark(option.bron)}",
    ]


def warning_lines(warnings: Iterable[WarningInfo], cite: Citations) -> List[str]:
    """Warnings as 'Let op' lines with their advice and source."""
    return [f"Let op: {w.tekst} {w.advies} {cite.mark(w.bron)}" for w in warnings]


def advice_text(advice: Advice) -> str:
    """The advice as readable Dutch text for the shell and Teams."""
    cite = Citations()
    lines = [f"Op basis van wat je vertelde ({profile_sentence(advice.profile)}) passen deze opties van de "
             "menukaart zelfbeheer het best:", ""]
    for position, ranked in enumerate(advice.options, start=1):
        lines += option_lines(ranked, position, cite)
    if advice.warnings:
        lines.append("")
        lines += warning_lines(advice.warnings, cite)
    lines += ["", cite.block(), "",
              "Vraag gerust door, bijvoorbeeld: 'vertel meer over optie 1', 'wat zijn de valkuilen?', "
              "'heb je voorbeelden?' of 'geef een samenvatting'."]
    return "\n".join(lines)


def statements_text(intro: str, statements: Iterable[Statement], outro: Optional[str] = None) -> str:
    """A bulleted list of sourced statements with the sources below."""
    cite = Citations()
    lines = [intro] + [f"- {s.tekst} {cite.mark(s.bron)}" for s in statements]
    if outro:
        lines += ["", outro]
    return "\n".join(lines + ["", cite.block()])


def summary_markdown(advice: Advice) -> str:
    """A Markdown summary of profile, advice, warnings and sources."""
    cite = Citations()
    profile = profile_payload(advice.profile)
    lines = ["## Samenvatting advies zelfbeheer", "", "**Profiel**"]
    labels = {"ruimte": "Ruimte", "initiatiefnemer": "Initiatiefnemer", "bewonersrol": "Rol van bewoners",
              "kwetsbare_wijk": "Kwetsbare wijk"}
    for key, label in labels.items():
        value = profile[key]
        shown = "onbekend" if value is None else ("ja" if value is True else "nee" if value is False else value.replace("_", " "))
        lines.append(f"- {label}: {shown}")
    if advice.profile.corporatie_doel:
        lines.append("- De organisatie noemde eigen doelen voor zelfbeheer")
    lines += ["", "**Aanbevolen opties**"]
    for position, ranked in enumerate(advice.options, start=1):
        lines.append(f"{position}. **{ranked.option.titel}** (`{ranked.option.id}`, score {ranked.score:.2f}): "
                     f"{ranked.waarom} {cite.mark(ranked.option.bron)}")
    lines += ["", "**Waarschuwingen**"]
    lines += [f"- **{w.code}**: {w.tekst} {w.advies} {cite.mark(w.bron)}" for w in advice.warnings] or ["- geen"]
    lines += ["", cite.block("**Bronnen**")]
    return "\n".join(lines)
