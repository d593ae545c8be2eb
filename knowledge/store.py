"""Read-only query API over the knowledge database, held in memory as immutable records."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from knowledge import models as m
from knowledge.loader import database_url, ensure_database, unusable_database
from knowledge.schema import REQUIRED_ARCHETYPES, REQUIRED_OPTIONS


@dataclass(frozen=True)
class SourceRef:
    """A source as cited to users."""

    id: str
    titel: str
    uitgever: str
    jaar: int
    url: str

    @property
    def label(self) -> str:
        """Short citation: publisher, title, year and url."""
        return f"{self.uitgever}, '{self.titel}' ({self.jaar}), {self.url}"


@dataclass(frozen=True)
class Statement:
    """A sourced sentence: a finding, figure text or facilitation item."""

    tekst: str
    bron: SourceRef
    vindplaats: str = ""  # where in the source it stands: a short quote or a heading


@dataclass(frozen=True)
class Option:
    """A menukaart option."""

    id: str
    positie: int
    titel: str
    samenvatting: str
    bewoners_doen: str
    organisatie_biedt: str
    ruimtes: tuple[str, ...]
    rol: str
    inspanning: str
    veiligheid: bool
    archetype_id: str
    trefwoorden: tuple[str, ...]
    bron: SourceRef
    vindplaats: str = ""


@dataclass(frozen=True)
class ArchetypeInfo:
    """An archetype with its findings grouped by kind."""

    id: str
    naam: str
    samenvatting: str
    bewijskracht: str | None
    bron: SourceRef
    findings: dict[str, tuple[Statement, ...]]
    vindplaats: str = ""


@dataclass(frozen=True)
class PracticeExample:
    """A practice example."""

    id: str
    titel: str
    plaats: str
    organisatie: str
    jaar: int | None
    beschrijving: str
    archetype_id: str
    option_ids: tuple[str, ...]
    bron: SourceRef
    vindplaats: str = ""


@dataclass(frozen=True)
class FigureInfo:
    """A figure from a study."""

    id: str
    waarde: str
    tekst: str
    archetype_id: str
    option_ids: tuple[str, ...]
    bron: SourceRef
    vindplaats: str = ""


@dataclass(frozen=True)
class WarningInfo:
    """The text of a contract warning."""

    code: str
    tekst: str
    advies: str
    bron: SourceRef
    vindplaats: str = ""
    kort: str = ""


@dataclass(frozen=True)
class Step:
    """A concrete next step for the professional and when it applies (see steps.yml in SCHEMA.md)."""

    id: str
    positie: int
    fase: str
    tekst: str
    bron: SourceRef
    vindplaats: str
    alleen_bij: tuple[str, ...] = ()
    niet_bij: tuple[str, ...] = ()
    ruimtes: tuple[str, ...] = ()
    rollen: tuple[str, ...] = ()


def _step(row: m.NextStep, source: SourceRef) -> Step:
    """A stored next step as an immutable record."""
    values = {veld: tuple(c.waarde for c in row.conditions if c.veld == veld) for veld in m.STEP_CONDITION_FIELDS}
    return Step(row.id, row.positie, row.fase, row.tekst, source, row.vindplaats, **values)


class KnowledgeStore:
    """All knowledge content, read once from the database; every query answers from memory."""

    def __init__(self, engine: Engine):
        with Session(engine, future=True) as session:
            self.sources = {s.id: SourceRef(s.id, s.titel, s.uitgever, s.jaar, s.url) for s in session.query(m.Source)}
            src = self.sources.__getitem__
            self.archetypes: dict[str, ArchetypeInfo] = {}
            for a in (
                session.query(m.Archetype).options(selectinload(m.Archetype.findings)).order_by(m.Archetype.positie)
            ):
                findings = {
                    kind: tuple(Statement(f.tekst, src(f.bron_id), f.vindplaats) for f in a.findings if f.soort == kind)
                    for kind in m.FINDING_KINDS
                }
                self.archetypes[a.id] = ArchetypeInfo(
                    a.id, a.naam, a.samenvatting, a.bewijskracht, src(a.bron_id), findings, vindplaats=a.vindplaats
                )
            self.options: dict[str, Option] = {
                o.id: Option(
                    o.id,
                    o.positie,
                    o.titel,
                    o.samenvatting,
                    o.bewoners_doen,
                    o.organisatie_biedt,
                    tuple(s.ruimte for s in o.spaces),
                    o.rol,
                    o.inspanning,
                    bool(o.veiligheid),
                    o.archetype_id,
                    tuple(k.phrase for k in o.keywords),
                    src(o.bron_id),
                    vindplaats=o.vindplaats,
                )
                for o in session.query(m.MenuOption)
                .options(selectinload(m.MenuOption.spaces), selectinload(m.MenuOption.keywords))
                .order_by(m.MenuOption.positie)
            }
            self.examples = tuple(
                PracticeExample(
                    x.id,
                    x.titel,
                    x.plaats,
                    x.organisatie,
                    x.jaar,
                    x.beschrijving,
                    x.archetype_id,
                    tuple(o.id for o in x.options),
                    src(x.bron_id),
                    vindplaats=x.vindplaats,
                )
                for x in session.query(m.Example).options(selectinload(m.Example.options)).order_by(m.Example.positie)
            )
            self.figures = tuple(
                FigureInfo(
                    f.id,
                    f.waarde,
                    f.tekst,
                    f.archetype_id,
                    tuple(o.id for o in f.options),
                    src(f.bron_id),
                    vindplaats=f.vindplaats,
                )
                for f in session.query(m.Figure).options(selectinload(m.Figure.options)).order_by(m.Figure.positie)
            )
            self.facilitation = tuple(
                Statement(f"{f.titel}: {f.tekst}", src(f.bron_id), f.vindplaats)
                for f in session.query(m.Facilitation).order_by(m.Facilitation.positie)
            )
            self.warnings = {
                w.code: WarningInfo(w.code, w.tekst, w.advies, src(w.bron_id), vindplaats=w.vindplaats, kort=w.kort)
                for w in session.query(m.WarningText).order_by(m.WarningText.positie)
            }
            self.steps = tuple(
                _step(row, src(row.bron_id))
                for row in session.query(m.NextStep)
                .options(selectinload(m.NextStep.conditions))
                .order_by(m.NextStep.positie)
            )
            vocabulary: dict[str, dict[str, list[str]]] = {}
            for term in session.query(m.VocabularyTerm).order_by(m.VocabularyTerm.id):
                vocabulary.setdefault(term.categorie, {}).setdefault(term.waarde, []).append(term.phrase)
            self.vocabulary = {cat: {v: tuple(ps) for v, ps in values.items()} for cat, values in vocabulary.items()}

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return self.options.get(option_id)

    def archetype(self, archetype_id: str) -> ArchetypeInfo | None:
        """The archetype with this id, or None."""
        return self.archetypes.get(archetype_id)

    def examples_for(self, option_ids: tuple[str, ...] = (), archetype_id: str | None = None) -> list[PracticeExample]:
        """Examples illustrating any of the options, else those of the archetype."""
        hits = [x for x in self.examples if set(x.option_ids) & set(option_ids)]
        if not hits and archetype_id:
            hits = [x for x in self.examples if x.archetype_id == archetype_id]
        return hits

    def figures_for(self, option_ids: tuple[str, ...] = (), archetype_id: str | None = None) -> list[FigureInfo]:
        """Figures bearing on any of the options, else those of the archetype."""
        hits = [f for f in self.figures if set(f.option_ids) & set(option_ids)]
        if not hits and archetype_id:
            hits = [f for f in self.figures if f.archetype_id == archetype_id]
        return hits


_default_store: KnowledgeStore | None = None


def default_store() -> KnowledgeStore:
    """The process-wide store on KNOWLEDGE_DB_URL (or the embedded SQLite), built from YAML if stale.

    Raises KnowledgeDatabaseError (Dutch) when the database cannot be read or lacks required content.
    """
    global _default_store
    if _default_store is None:
        url = database_url()
        engine = ensure_database(url)
        try:
            store = KnowledgeStore(engine)
        except (SQLAlchemyError, KeyError) as err:
            raise unusable_database(url, err) from err
        missing = sorted(set(REQUIRED_OPTIONS) - set(store.options)) + sorted(
            set(REQUIRED_ARCHETYPES) - set(store.archetypes)
        )
        if missing:
            raise unusable_database(url, LookupError(f"verplichte inhoud ontbreekt: {', '.join(missing)}"))
        _default_store = store
    return _default_store
