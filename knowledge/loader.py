"""Loading validated YAML content into a SQL database in one transaction, and exporting it back."""

from __future__ import annotations

import hashlib
import os
from itertools import groupby
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from knowledge import models as m
from knowledge.schema import (
    COLLECTIONS_BY_NAME,
    FLAT_VOCABULARY,
    VOCABULARY_FILE,
    VOCABULARY_KEY,
    Content,
    content_files,
    read_content,
)

PACKAGE_DIR = Path(__file__).resolve().parent
CONTENT_DIR = PACKAGE_DIR / "content"
DEFAULT_DB_PATH = PACKAGE_DIR.parent / "var" / "knowledge.sqlite"
SCHEMA_VERSION = "2"  # 2: every cited item carries its vindplaats


class KnowledgeDatabaseError(RuntimeError):
    """The knowledge database cannot be opened or does not hold valid content."""


def database_url() -> str:
    """The SQLAlchemy URL of the knowledge database: KNOWLEDGE_DB_URL or the embedded SQLite file."""
    return os.environ.get("KNOWLEDGE_DB_URL") or f"sqlite:///{DEFAULT_DB_PATH}"


def make_engine(url: str | None = None) -> Engine:
    """Create an engine; for SQLite the parent folder is created first."""
    url = url or database_url()
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, future=True)


def fingerprint(directory: Path = CONTENT_DIR) -> str:
    """A hash of the content files and the schema version: it changes whenever the YAML changes."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for name in content_files():
        path = directory / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def _statements(archetype_id: str, entry: dict[str, Any]) -> list[m.Finding]:
    return [
        m.Finding(
            archetype_id=archetype_id,
            soort=kind,
            positie=pos,
            tekst=item["tekst"],
            bron_id=item["bron"],
            vindplaats=item["vindplaats"],
        )
        for kind in m.FINDING_KINDS
        for pos, item in enumerate(entry[kind])
    ]


def _rows(content: Content) -> list[Any]:
    """Turn validated content into ORM rows, in an order that satisfies the foreign keys."""
    e = content.entries
    rows: list[Any] = [m.Source(**s) for s in e["sources"]]
    for pos, a in enumerate(e["archetypes"]):
        rows.append(
            m.Archetype(
                id=a["id"],
                positie=pos,
                naam=a["naam"],
                samenvatting=a["samenvatting"],
                bewijskracht=a.get("bewijskracht"),
                bron_id=a["bron"],
                vindplaats=a["vindplaats"],
                findings=_statements(a["id"], a),
            )
        )
    options: dict[str, m.MenuOption] = {}
    for pos, o in enumerate(e["options"]):
        option = m.MenuOption(
            id=o["id"],
            positie=pos,
            titel=o["titel"],
            samenvatting=o["samenvatting"],
            bewoners_doen=o["bewoners_doen"],
            organisatie_biedt=o["organisatie_biedt"],
            rol=o["rol"],
            inspanning=o["inspanning"],
            veiligheid=bool(o.get("veiligheid", False)),
            archetype_id=o["archetype"],
            bron_id=o["bron"],
            vindplaats=o["vindplaats"],
            spaces=[m.OptionSpace(ruimte=r, positie=i) for i, r in enumerate(o["ruimtes"])],
            keywords=[m.OptionKeyword(phrase=k, positie=i) for i, k in enumerate(o.get("trefwoorden") or [])],
        )
        options[o["id"]] = option
        rows.append(option)
    for pos, x in enumerate(e["examples"]):
        rows.append(
            m.Example(
                id=x["id"],
                positie=pos,
                titel=x["titel"],
                plaats=x["plaats"],
                organisatie=x["organisatie"],
                jaar=x.get("jaar"),
                beschrijving=x["beschrijving"],
                archetype_id=x["archetype"],
                bron_id=x["bron"],
                vindplaats=x["vindplaats"],
                options=[options[i] for i in x.get("opties") or []],
            )
        )
    for pos, f in enumerate(e["figures"]):
        rows.append(
            m.Figure(
                id=f["id"],
                positie=pos,
                waarde=f["waarde"],
                tekst=f["tekst"],
                archetype_id=f["archetype"],
                bron_id=f["bron"],
                vindplaats=f["vindplaats"],
                options=[options[i] for i in f.get("opties") or []],
            )
        )
    rows += [
        m.Facilitation(
            id=f["id"], positie=pos, titel=f["titel"], tekst=f["tekst"], bron_id=f["bron"], vindplaats=f["vindplaats"]
        )
        for pos, f in enumerate(e["facilitation"])
    ]
    rows += [
        m.WarningText(
            code=w["code"],
            positie=pos,
            tekst=w["tekst"],
            advies=w["advies"],
            kort=w["kort"],
            bron_id=w["bron"],
            vindplaats=w["vindplaats"],
        )
        for pos, w in enumerate(e["warnings"])
    ]
    rows += [_step_row(pos, step) for pos, step in enumerate(e["steps"])]
    for category, mapping in content.vocabulary.items():
        if category in FLAT_VOCABULARY:
            rows += [m.VocabularyTerm(categorie=category, waarde=category, phrase=p) for p in mapping]
        else:
            rows += [m.VocabularyTerm(categorie=category, waarde=v, phrase=p) for v, ps in mapping.items() for p in ps]
    return rows


def _step_row(pos: int, step: dict[str, Any]) -> m.NextStep:
    """A next step as an ORM row, its condition lists as StepCondition rows."""
    conditions = [
        m.StepCondition(veld=veld, waarde=value, positie=i)
        for veld in m.STEP_CONDITION_FIELDS
        for i, value in enumerate(step.get(veld) or [])
    ]
    return m.NextStep(
        id=step["id"],
        positie=pos,
        fase=step["fase"],
        tekst=step["tekst"],
        bron_id=step["bron"],
        vindplaats=step["vindplaats"],
        conditions=conditions,
    )


def _step_document(step: m.NextStep) -> dict[str, Any]:
    """A next step as it is written in steps.yml."""
    entry: dict[str, Any] = {"id": step.id, "fase": step.fase, "tekst": step.tekst}
    for veld in m.STEP_CONDITION_FIELDS:
        entry[veld] = [c.waarde for c in step.conditions if c.veld == veld]
    entry.update({"bron": step.bron_id, "vindplaats": step.vindplaats})
    return _drop_none(entry)


def load(content: Content, engine: Engine, content_fingerprint: str) -> None:
    """Replace the database's content with `content` in a single transaction (all or nothing)."""
    if not _tables_match_models(engine):
        # An older schema (e.g. without vindplaats): the database only mirrors the YAML, so rebuild its tables.
        m.Base.metadata.drop_all(engine)
    m.Base.metadata.create_all(engine)
    with Session(engine, future=True) as session, session.begin():
        for table in reversed(m.Base.metadata.sorted_tables):
            session.execute(table.delete())
        # Flushed kind by kind in the order of _rows: the unit of work alone does not order tables linked only by
        # foreign keys, and PostgreSQL checks every key at once.
        for _, group in groupby(_rows(content), key=type):
            session.add_all(list(group))
            session.flush()
        session.add(m.Meta(key="fingerprint", value=content_fingerprint))


def _tables_match_models(engine: Engine) -> bool:
    """False when an existing table lacks a column the models now define."""
    found = inspect(engine)
    for table in m.Base.metadata.sorted_tables:
        if found.has_table(table.name):
            columns = {column["name"] for column in found.get_columns(table.name)}
            if not {column.name for column in table.columns} <= columns:
                return False
    return True


def stored_fingerprint(engine: Engine) -> str | None:
    """The fingerprint of the content in the database, or None when it holds none."""
    if not inspect(engine).has_table("meta"):
        return None
    with Session(engine, future=True) as session:
        row = session.get(m.Meta, "fingerprint")
        return row.value if row else None


# Any fixed number: the PostgreSQL advisory lock under which one process at a time checks and (re)loads the content.
_LOAD_LOCK_KEY = 7_320_515


def ensure_database(url: str | None = None, directory: Path = CONTENT_DIR) -> Engine:
    """Open the knowledge database, (re)building it from the YAML when the content changed.

    On PostgreSQL several action servers may start at once: an advisory lock lets one load while the others wait
    and then find the content current. Raises KnowledgeDatabaseError (Dutch) when the database cannot be used.
    """
    url = url or database_url()
    try:
        engine = make_engine(url)
        current = fingerprint(directory)
        with engine.connect() as lock_connection:
            if engine.dialect.name == "postgresql":
                lock_connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _LOAD_LOCK_KEY})
            try:
                if stored_fingerprint(engine) != current:
                    load(read_content(directory), engine, current)
            finally:
                if engine.dialect.name == "postgresql":
                    lock_connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _LOAD_LOCK_KEY})
        return engine
    except (SQLAlchemyError, OSError) as err:
        raise unusable_database(url, err) from err


def unusable_database(url: str, err: Exception) -> KnowledgeDatabaseError:
    """The Dutch start-up error for a knowledge database that cannot be opened or read."""
    detail = err.orig if hasattr(err, "orig") else err
    return KnowledgeDatabaseError(
        f"De kennisdatabase ({_safe_url(url)}) is niet te gebruiken: {err.__class__.__name__}: {detail}. "
        "Controleer KNOWLEDGE_DB_URL, of verwijder het SQLite-bestand zodat het opnieuw wordt opgebouwd."
    )


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as given
        return url


def export(engine: Engine, directory: Path) -> list[Path]:
    """Write the database's content as YAML files in the content format; return the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    with Session(engine, future=True) as session:
        documents = _export_documents(session)
    written = []
    for name, document in documents.items():
        path = directory / name
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
        written.append(path)
    return written


def _drop_none(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v is not None and v != []}


def _export_documents(session: Session) -> dict[str, Any]:
    by_pos = lambda model: session.query(model).order_by(model.positie).all()  # noqa: E731
    sources = session.query(m.Source).order_by(m.Source.id).all()
    archetypes = []
    for a in by_pos(m.Archetype):
        entry: dict[str, Any] = {
            "id": a.id,
            "naam": a.naam,
            "samenvatting": a.samenvatting,
            "bewijskracht": a.bewijskracht,
            "bron": a.bron_id,
            "vindplaats": a.vindplaats,
        }
        for kind in m.FINDING_KINDS:
            entry[kind] = [
                {"tekst": f.tekst, "bron": f.bron_id, "vindplaats": f.vindplaats} for f in a.findings if f.soort == kind
            ]
        archetypes.append(_drop_none(entry))
    options = [
        _drop_none(
            {
                "id": o.id,
                "titel": o.titel,
                "samenvatting": o.samenvatting,
                "bewoners_doen": o.bewoners_doen,
                "organisatie_biedt": o.organisatie_biedt,
                "ruimtes": [s.ruimte for s in o.spaces],
                "rol": o.rol,
                "inspanning": o.inspanning,
                "archetype": o.archetype_id,
                "veiligheid": o.veiligheid,
                "trefwoorden": [k.phrase for k in o.keywords],
                "bron": o.bron_id,
                "vindplaats": o.vindplaats,
            }
        )
        for o in by_pos(m.MenuOption)
    ]
    examples = [
        _drop_none(
            {
                "id": x.id,
                "titel": x.titel,
                "plaats": x.plaats,
                "organisatie": x.organisatie,
                "jaar": x.jaar,
                "beschrijving": x.beschrijving,
                "archetype": x.archetype_id,
                "opties": [o.id for o in x.options],
                "bron": x.bron_id,
                "vindplaats": x.vindplaats,
            }
        )
        for x in by_pos(m.Example)
    ]
    figures = [
        _drop_none(
            {
                "id": f.id,
                "waarde": f.waarde,
                "tekst": f.tekst,
                "archetype": f.archetype_id,
                "opties": [o.id for o in f.options],
                "bron": f.bron_id,
                "vindplaats": f.vindplaats,
            }
        )
        for f in by_pos(m.Figure)
    ]
    vocabulary: dict[str, Any] = {}
    for term in session.query(m.VocabularyTerm).order_by(m.VocabularyTerm.id):
        if term.categorie in FLAT_VOCABULARY:
            vocabulary.setdefault(term.categorie, []).append(term.phrase)
        else:
            vocabulary.setdefault(term.categorie, {}).setdefault(term.waarde, []).append(term.phrase)
    c = COLLECTIONS_BY_NAME
    return {
        c["sources"].file: {
            c["sources"].key: [
                {"id": s.id, "titel": s.titel, "uitgever": s.uitgever, "jaar": s.jaar, "url": s.url} for s in sources
            ]
        },
        c["archetypes"].file: {c["archetypes"].key: archetypes},
        c["options"].file: {c["options"].key: options},
        c["examples"].file: {c["examples"].key: examples},
        c["figures"].file: {c["figures"].key: figures},
        c["facilitation"].file: {
            c["facilitation"].key: [
                {"id": f.id, "titel": f.titel, "tekst": f.tekst, "bron": f.bron_id, "vindplaats": f.vindplaats}
                for f in by_pos(m.Facilitation)
            ]
        },
        c["warnings"].file: {
            c["warnings"].key: [
                {
                    "code": w.code,
                    "tekst": w.tekst,
                    "advies": w.advies,
                    "kort": w.kort,
                    "bron": w.bron_id,
                    "vindplaats": w.vindplaats,
                }
                for w in by_pos(m.WarningText)
            ]
        },
        c["steps"].file: {c["steps"].key: [_step_document(step) for step in by_pos(m.NextStep)]},
        VOCABULARY_FILE: {VOCABULARY_KEY: vocabulary},
    }
