"""Which menukaart options fit a profile, in which order and why; the warnings and the next steps that go with them.

**Fit.** An option fits when it is made for the space (space unknown: any space) and its rung on the ladder
meedenken < toezicht < zelf_doen < zelf_beheren is not far from what the residents want: at most one rung heavier
(none heavier when the organisation states its own goals: then the advice does not push beyond what residents
want), and at most one rung lighter than the rung the advice starts on. Options the residents name themselves fit
whatever their rung. Only options that fit are advised, at most five; when fewer than three fit, the advice says so.

**Start rung.** Where self-organisation is fragile (a kwetsbare wijk, no resident initiative because the corporatie
or gemeente started it, or the organisation's own goals), the advice starts small, as the warnings say ("begin
klein: meedenken of toezicht"): on toezicht, or on what residents want if that is lighter; on meedenken when the
organisation states its own goals, because the advice then starts from what residents themselves want. Otherwise
it starts on the rung the residents want. Every rung lighter than the start fits, so light options come first.

**Score** (maximum 1.0), each part kept for `python -m knowledge explain`:

| part | points |
|---|---|
| past: the option fits (see above) | 0.50; an option that does not fit scores 0 in total |
| bewonersrol: closeness to the start rung | 0.25 same rung, 0.15 one rung off, 0.05 two, 0 three (role unknown: 0.10) |
| inspanning: effort against the draagkracht | fragile: laag 0.15, middel 0.08, hoog 0.03, zeer_hoog 0; otherwise 0.10 |
| motivatie: the residents' own words name the option | 0.10 |

**Ties** are ordered by reasons a professional accepts: the option closest to what residents want, then the lower
effort, then the option made for this space (fewer other spaces; when the space is unknown, the one that fits the
most spaces), and only then the id, so the order never depends on the catalogue file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from knowledge.labels import INSPANNING_LABELS, ROL_LABELS, RUIMTE_LABELS
from knowledge.schema import RUIMTES, UNKNOWN
from knowledge.steps import plan, situations
from knowledge.store import KnowledgeStore, Option, Step, WarningInfo

if TYPE_CHECKING:  # the phrase index needs spaCy, which the command line only loads for --motivatie
    from knowledge.matching import PhraseIndex

__all__ = [
    "INSPANNING_LABELS",
    "RUIMTE_LABELS",
    "ROL_LABELS",
    "Advice",
    "Contribution",
    "Profile",
    "RankedOption",
    "rank",
    "recommend",
    "score_option",
]

LADDER = ("meedenken", "toezicht", "zelf_doen", "zelf_beheren")
RUNG = {rol: rung for rung, rol in enumerate(LADDER)}
LIGHT_START = RUNG["toezicht"]
FIT_POINTS = 0.50
ROLE_POINTS = {0: 0.25, 1: 0.15, 2: 0.05}
UNKNOWN_ROLE_POINTS = 0.10
FRAGILE_EFFORT_POINTS = {"laag": 0.15, "middel": 0.08, "hoog": 0.03, "zeer_hoog": 0.0}
STEADY_EFFORT_POINTS = 0.10
MOTIVATION_POINTS = 0.10
EFFORT_ORDER = {"laag": 0, "middel": 1, "hoog": 2, "zeer_hoog": 3}
SAFETY_SPACES = ("speelplek", "zwembad")
MIN_OPTIONS, MAX_OPTIONS = 3, 5
FIT_SCORE = FIT_POINTS  # every option that fits scores at least this; one that does not scores 0


@dataclass(frozen=True)
class Profile:
    """What the professional told about the neighbourhood and the initiative; None or 'onbekend' = not known."""

    ruimte: str | None = None
    initiatiefnemer: str | None = None
    bewonersrol: str | None = None
    kwetsbare_wijk: bool | None = None
    corporatie_doel: bool = False
    motivatie: str = ""

    def known(self, name: str) -> object | None:
        """The value of a profile field, None when it is missing or 'onbekend'."""
        value = getattr(self, name)
        return None if value in (None, UNKNOWN, "") else value

    def text(self, name: str) -> str | None:
        """A known text field (ruimte, initiatiefnemer, bewonersrol), None otherwise."""
        value = self.known(name)
        return value if isinstance(value, str) else None

    @property
    def vulnerable(self) -> bool | None:
        """kwetsbare_wijk as true/false, None when not known."""
        value = self.known("kwetsbare_wijk")
        return value if isinstance(value, bool) else None

    @property
    def no_initiative(self) -> bool:
        """The corporation or municipality started it: there is no resident initiative (yet)."""
        return self.known("initiatiefnemer") in ("corporatie", "gemeente")

    @property
    def fragile(self) -> bool:
        """Self-organisation is fragile: a vulnerable neighbourhood, no resident initiative, or the organisation's
        goals."""
        return self.vulnerable is True or self.no_initiative or bool(self.corporatie_doel)


@dataclass(frozen=True)
class Contribution:
    """One part of an option's score; for an option that does not fit, `reden` says why."""

    factor: str
    punten: float
    reden: str = ""


@dataclass(frozen=True)
class RankedOption:
    """An option with its score, the parts that make it up and the one-sentence Dutch reason it is advised."""

    option: Option
    score: float
    bijdragen: tuple[Contribution, ...]
    waarom: str
    past: bool


@dataclass
class Advice:
    """The options that fit (best first, at most five), how many fit in all, the warnings and the next steps."""

    profile: Profile
    options: list[RankedOption]
    warnings: list[WarningInfo] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    fitting: int = 0


class _Scorer:
    """Fit, score, order and reason of options for one profile."""

    def __init__(self, profile: Profile, named: tuple[str, ...] = ()):
        ruimte = profile.text("ruimte")
        self.ruimte: str | None = ruimte if ruimte in RUIMTES else None
        rol = profile.text("bewonersrol")
        self.wanted: int | None = RUNG.get(rol) if rol else None
        self.fragile = profile.fragile
        self.start = self._start_rung(profile)
        self.push = 0 if profile.corporatie_doel else 1  # how many rungs above what residents want still fit
        self.named: frozenset[str] = frozenset(named)

    def _start_rung(self, profile: Profile) -> int | None:
        """The rung the advice starts on (see the module docstring); None when nothing says where to start."""
        if profile.corporatie_doel:
            return RUNG["meedenken"]
        if self.fragile:
            return LIGHT_START if self.wanted is None else min(self.wanted, LIGHT_START)
        return self.wanted

    def misfit(self, option: Option) -> str:
        """Why the option does not fit this profile; '' when it fits."""
        if self.ruimte is not None and self.ruimte not in option.ruimtes:
            return f"is niet bedoeld voor {RUIMTE_LABELS[self.ruimte]}"
        if option.id in self.named:
            return ""
        rung = RUNG[option.rol]
        if self.wanted is not None and rung > self.wanted + self.push:
            return (
                "vraagt meer dan de bewoners nu willen"
                if self.push == 0
                else "vraagt veel meer dan de bewoners nu willen"
            )
        if self.start is not None and rung < self.start - 1:
            return "blijft ver onder wat de bewoners willen"
        return ""

    def parts(self, option: Option) -> tuple[Contribution, ...]:
        """The parts of the option's score (a single 0 part with the reason when it does not fit)."""
        misfit = self.misfit(option)
        if misfit:
            return (Contribution("past", 0.0, misfit),)
        rung = RUNG[option.rol]
        role = UNKNOWN_ROLE_POINTS if self.start is None else ROLE_POINTS.get(abs(rung - self.start), 0.0)
        effort = FRAGILE_EFFORT_POINTS[option.inspanning] if self.fragile else STEADY_EFFORT_POINTS
        parts = [
            Contribution("past", FIT_POINTS),
            Contribution("bewonersrol", role),
            Contribution("inspanning", effort),
        ]
        if option.id in self.named:
            parts.append(Contribution("motivatie", MOTIVATION_POINTS))
        return tuple(parts)

    def order(self, ranked: RankedOption) -> tuple[float, int, int, int, str]:
        """The sort key: score, then closeness to what residents want, lower effort, made for this space, id."""
        option = ranked.option
        distance = 0 if self.wanted is None else abs(RUNG[option.rol] - self.wanted)
        spaces = len(option.ruimtes) if self.ruimte is not None else -len(option.ruimtes)
        return -ranked.score, distance, EFFORT_ORDER[option.inspanning], spaces, option.id

    def rank(self, option: Option) -> RankedOption:
        """The option scored, with its parts and its reason."""
        parts = self.parts(option)
        fits = parts[0].punten > 0
        return RankedOption(
            option, round(sum(p.punten for p in parts), 2), parts, self.waarom(option) if fits else "", fits
        )

    def waarom(self, option: Option) -> str:
        """Why the option is advised, as one Dutch sentence."""
        clauses = []
        if option.id in self.named:
            clauses.append("wordt door de bewoners zelf genoemd")
        clauses.append(self._space_clause(option))
        role = self._role_clause(option)
        if role:
            clauses.append(role)
        effort = self._effort_clause(option)
        if effort:
            clauses.append(effort)
        body = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " en " + clauses[-1]
        return f"Dit {body}."

    def _space_clause(self, option: Option) -> str:
        if self.ruimte is not None:
            return f"past bij {RUIMTE_LABELS[self.ruimte]}"
        names = [RUIMTE_LABELS[r] for r in option.ruimtes]
        return "is bedoeld voor " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1])

    def _role_clause(self, option: Option) -> str:
        if self.wanted is None:
            return ""
        rung, wanted = RUNG[option.rol], f"({ROL_LABELS[LADDER[self.wanted]]})"
        if rung > self.wanted:
            return f"gaat een stap verder dan wat de bewoners nu willen {wanted}"
        if rung == self.wanted:
            if self.start is not None and self.start < self.wanted:
                return f"is de vervolgstap naar wat de bewoners willen {wanted}"
            return f"sluit aan bij wat de bewoners willen {wanted}"
        if self.start is not None and rung == self.start:
            return f"is een lichte eerste stap ({ROL_LABELS[option.rol]}) op weg naar wat de bewoners willen {wanted}"
        return f"is een lichtere vorm ({ROL_LABELS[option.rol]}) dan wat de bewoners willen {wanted}"

    def _effort_clause(self, option: Option) -> str:
        if option.inspanning == "zeer_hoog":
            return "vraagt zeer veel tijd en inzet"
        if not self.fragile:
            return ""
        return {
            "laag": "vraagt weinig inspanning",
            "middel": "vraagt een gemiddelde inspanning",
            "hoog": "vraagt veel inspanning",
        }[option.inspanning]


def _scorer(profile: Profile, index: PhraseIndex | None) -> _Scorer:
    named = tuple(index.find_options(profile.motivatie)) if index and profile.motivatie else ()
    return _Scorer(profile, named)


def score_option(option: Option, profile: Profile, named: tuple[str, ...] = ()) -> RankedOption:
    """Score one option for a profile; `named` are option ids the residents' own words mention."""
    return _Scorer(profile, named).rank(option)


def _ranked(scorer: _Scorer, store: KnowledgeStore) -> list[RankedOption]:
    return sorted((scorer.rank(o) for o in store.options.values()), key=scorer.order)


def rank(store: KnowledgeStore, profile: Profile, index: PhraseIndex | None = None) -> list[RankedOption]:
    """Every option of the catalogue scored and explained: those that fit first, in advice order."""
    return _ranked(_scorer(profile, index), store)


def warnings_for(store: KnowledgeStore, profile: Profile, options: list[RankedOption]) -> list[WarningInfo]:
    """The contract warnings that apply, in a fixed order."""
    codes = []
    if profile.corporatie_doel:
        codes.append("eigen_doelen_corporatie")
    if profile.no_initiative:
        codes.append("geen_bewonersinitiatief")
    if profile.vulnerable is True:
        codes.append("kwetsbare_wijk")
    if _safety(profile, options):
        codes.append("veiligheid")
    return [store.warnings[code] for code in codes if code in store.warnings]


def _safety(profile: Profile, options: list[RankedOption]) -> bool:
    """Safety-critical items are involved: a playground or pool, or an advised option with trees or play equipment."""
    return profile.known("ruimte") in SAFETY_SPACES or any(r.option.veiligheid for r in options)


def steps_for(store: KnowledgeStore, profile: Profile, options: list[RankedOption]) -> list[Step]:
    """The next steps for this profile (knowledge/steps.py)."""
    found = situations(
        profile.text("initiatiefnemer"), profile.vulnerable, bool(profile.corporatie_doel), _safety(profile, options)
    )
    return plan(store.steps, found, profile.text("ruimte"), profile.text("bewonersrol"))


def recommend(store: KnowledgeStore, profile: Profile, index: PhraseIndex | None = None) -> Advice:
    """The advice for a profile: the options that fit (best first, at most five), the warnings and the next steps."""
    fitting = [r for r in rank(store, profile, index) if r.past]
    options = fitting[:MAX_OPTIONS]
    return Advice(
        profile, options, warnings_for(store, profile, options), steps_for(store, profile, options), len(fitting)
    )
