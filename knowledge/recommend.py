"""Ranking menukaart options for a profile, with a Dutch explanation and the contract's warnings.

The score of an option is the sum of four parts (maximum 1.0), each kept with its reason so a maintainer
can see why an option ranks where it does (`python -m knowledge explain ...`):

| part | points |
|---|---|
| ruimte: the option fits the space | 0.40 (unknown space: 0.20) |
| bewonersrol: what residents want, on the ladder meedenken < toezicht < zelf_doen < zelf_beheren | 0.35 same rung, 0.20 one rung off, 0.08 two (unknown: 0.15) |
| inspanning: effort fits the draagkracht | where self-organisation is fragile (kwetsbare wijk, or no resident initiative): laag 0.15, middel 0.08, hoog 0, zeer_hoog -0.10; otherwise 0.10 |
| motivatie: the residents' own words name the option | 0.10 |

The advice holds the options scoring at least 0.55, at least three and at most five. Ties keep catalogue
order, so the ranking is deterministic.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from knowledge.intake import UNKNOWN
from knowledge.matching import PhraseIndex
from knowledge.store import KnowledgeStore, Option, WarningInfo

LADDER = ("meedenken", "toezicht", "zelf_doen", "zelf_beheren")
RUNG = {rol: rung for rung, rol in enumerate(LADDER)}
ROLE_POINTS = {0: 0.35, 1: 0.20, 2: 0.08}
FRAGILE_EFFORT_POINTS = {"laag": 0.15, "middel": 0.08, "hoog": 0.0, "zeer_hoog": -0.10}
RUIMTE_LABELS = {
    "groen": "het groen", "binnentuin": "de binnentuin", "trappenhuis": "het trappenhuis",
    "gemeenschappelijke_ruimte": "de gemeenschappelijke ruimte", "buurthuis": "het buurthuis",
    "speelplek": "de speelplek", "zwembad": "het zwembad",
}
ROL_LABELS = {
    "meedenken": "meedenken en meebeslissen", "toezicht": "toezicht houden",
    "zelf_doen": "zelf de handen uit de mouwen steken", "zelf_beheren": "zelf beheren, met eigen budget of contract",
}
INSPANNING_LABELS = {"laag": "laag", "middel": "gemiddeld", "hoog": "hoog", "zeer_hoog": "zeer hoog"}
SAFETY_SPACES = ("speelplek", "zwembad")
MIN_OPTIONS, MAX_OPTIONS, GOOD_SCORE = 3, 5, 0.55


@dataclass(frozen=True)
class Profile:
    """What the professional told about the neighbourhood and the initiative; None or 'onbekend' = not known."""

    ruimte: Optional[str] = None
    initiatiefnemer: Optional[str] = None
    bewonersrol: Optional[str] = None
    kwetsbare_wijk: Optional[bool] = None
    corporatie_doel: bool = False
    motivatie: str = ""

    def known(self, name: str) -> Optional[object]:
        """The value of a profile field, None when it is missing or 'onbekend'."""
        value = getattr(self, name)
        return None if value in (None, UNKNOWN, "") else value

    @property
    def fragile(self) -> bool:
        """Self-organisation is fragile: a vulnerable neighbourhood or no initiative of residents."""
        return self.known("kwetsbare_wijk") is True or self.known("initiatiefnemer") in ("corporatie", "gemeente")


@dataclass(frozen=True)
class Contribution:
    """One part of an option's score, with its reason."""

    factor: str
    punten: float
    reden: str


@dataclass(frozen=True)
class RankedOption:
    """An option with its score and the parts that make it up."""

    option: Option
    score: float
    bijdragen: Tuple[Contribution, ...]

    @property
    def waarom(self) -> str:
        """The Dutch explanation: the reasons that earned points, strongest first."""
        reasons = [c.reden for c in sorted(self.bijdragen, key=lambda c: -c.punten) if c.punten > 0 and c.reden]
        text = "; ".join(reasons) if reasons else "past in algemene zin bij zelfbeheer"
        return text[0].upper() + text[1:] + "."


@dataclass
class Advice:
    """The ranked options and the warnings for one profile."""

    profile: Profile
    options: List[RankedOption]
    warnings: List[WarningInfo] = field(default_factory=list)


class _Scorer:
    """Scores options for one profile: `points` for ranking many, `explain` for the few that are shown."""

    def __init__(self, profile: Profile, named: Tuple[str, ...] = ()):
        self.ruimte = profile.known("ruimte")
        rol = profile.known("bewonersrol")
        self.rol = rol if rol in LADDER else None
        self.fragile = profile.fragile
        self.named = frozenset(named)

    def parts(self, option: Option, explain: bool = False) -> List[Tuple[str, float, str]]:
        """(factor, points, reason) per part of the score; reasons only when `explain`."""
        ruimte, rol = self.ruimte, self.rol
        if ruimte is None:
            parts = [("ruimte", 0.20, "")]
        elif ruimte in option.ruimtes:
            parts = [("ruimte", 0.40, explain and f"past bij {RUIMTE_LABELS.get(ruimte, ruimte)}" or "")]
        else:
            parts = [("ruimte", 0.0, "")]
        if rol is not None and option.rol in RUNG:
            distance = RUNG[option.rol] - RUNG[rol]
            points = ROLE_POINTS.get(abs(distance), 0.0)
            reason = ""
            if explain and distance == 0:
                reason = f"sluit aan bij wat de bewoners willen: {ROL_LABELS[rol]}"
            elif explain and points:
                step = "een stap verder dan" if distance > 0 else "een lichtere vorm dan"
                reason = f"{step} wat de bewoners nu willen ({ROL_LABELS[rol]})"
            parts.append(("bewonersrol", points, reason))
        else:
            parts.append(("bewonersrol", 0.15, ""))
        if self.fragile:
            points = FRAGILE_EFFORT_POINTS.get(option.inspanning, 0.0)
            label = INSPANNING_LABELS.get(option.inspanning, option.inspanning)
            parts.append(("inspanning", points, explain and points >= 0.08 and f"inspanning {label}: een haalbare, kleine start" or ""))
        else:
            parts.append(("inspanning", 0.10, ""))
        if option.id in self.named:
            parts.append(("motivatie", 0.10, "de bewoners noemen dit zelf"))
        return parts

    def points(self, option: Option) -> float:
        """The option's score, rounded to two decimals."""
        return round(sum(part[1] for part in self.parts(option)), 2)

    def explain(self, option: Option) -> RankedOption:
        """The option with its score and the reasons behind it."""
        parts = tuple(Contribution(*part) for part in self.parts(option, explain=True))
        return RankedOption(option, round(sum(c.punten for c in parts), 2), parts)


def _scorer(profile: Profile, index: Optional[PhraseIndex]) -> _Scorer:
    named = tuple(index.find_options(profile.motivatie)) if index and profile.motivatie else ()
    return _Scorer(profile, named)


def score_option(option: Option, profile: Profile, named: Tuple[str, ...] = ()) -> RankedOption:
    """Score one option for a profile; `named` are option ids the residents' own words mention."""
    return _Scorer(profile, named).explain(option)


def rank(store: KnowledgeStore, profile: Profile, index: Optional[PhraseIndex] = None) -> List[RankedOption]:
    """Every option of the catalogue scored and explained, best first (ties in catalogue order)."""
    scorer = _scorer(profile, index)
    return sorted((scorer.explain(o) for o in store.options.values()), key=lambda r: (-r.score, r.option.positie))


def select(ranked: List[RankedOption]) -> List[RankedOption]:
    """The options to advise: those scoring well, at least MIN_OPTIONS and at most MAX_OPTIONS."""
    good = [r for r in ranked if r.score >= GOOD_SCORE]
    return ranked[: max(MIN_OPTIONS, min(len(good), MAX_OPTIONS))]


def warnings_for(store: KnowledgeStore, profile: Profile, options: List[RankedOption]) -> List[WarningInfo]:
    """The contract warnings that apply, in a fixed order."""
    codes = []
    if profile.corporatie_doel:
        codes.append("eigen_doelen_corporatie")
    if profile.known("initiatiefnemer") in ("corporatie", "gemeente"):
        codes.append("geen_bewonersinitiatief")
    if profile.known("kwetsbare_wijk") is True:
        codes.append("kwetsbare_wijk")
    if profile.known("ruimte") in SAFETY_SPACES or any(r.option.veiligheid for r in options):
        codes.append("veiligheid")
    return [store.warnings[code] for code in codes if code in store.warnings]


def recommend(store: KnowledgeStore, profile: Profile, index: Optional[PhraseIndex] = None) -> Advice:
    """The advice for a profile: selected options best first and the warnings that apply."""
    scorer = _scorer(profile, index)
    best = heapq.nsmallest(MAX_OPTIONS, store.options.values(), key=lambda o: (-scorer.points(o), o.positie))
    options = select([scorer.explain(o) for o in best])
    return Advice(profile, options, warnings_for(store, profile, options))
