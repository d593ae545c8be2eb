"""Loading the YAML content into SQLite: counts, required ids, sources, fingerprint rebuilds, atomicity."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from knowledge import loader
from knowledge import models as m
from knowledge.loader import (
    CONTENT_DIR,
    DEFAULT_DB_PATH,
    database_url,
    ensure_database,
    fingerprint,
    stored_fingerprint,
)
from knowledge.schema import REQUIRED_ARCHETYPES, REQUIRED_OPTIONS, WARNING_CODES, ContentError, read_content

FINDING_KINDS = ("werkzame_bestanddelen", "succesfactoren", "valkuilen", "randvoorwaarden")


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def snapshot(engine) -> dict:
    """Every row of every table, in a stable order: to prove a failed load changed nothing."""
    with engine.connect() as conn:
        return {
            table.name: sorted(tuple(map(repr, row)) for row in conn.execute(table.select()))
            for table in m.Base.metadata.sorted_tables
        }


# --- loading the real content -------------------------------------------------------------------------------


def test_row_counts_match_the_yaml(engine, original_yaml):
    y = original_yaml
    options = y["options.yml"]["opties"]
    examples = y["examples.yml"]["voorbeelden"]
    figures = y["figures.yml"]["cijfers"]
    archetypes = y["archetypes.yml"]["archetypen"]
    vocabulary = y["vocabulary.yml"]["woordenschat"]
    expected = {
        m.Source.__table__: len(y["sources.yml"]["bronnen"]),
        m.Archetype.__table__: len(archetypes),
        m.Finding.__table__: sum(len(a[kind]) for a in archetypes for kind in FINDING_KINDS),
        m.MenuOption.__table__: len(options),
        m.OptionSpace.__table__: sum(len(o["ruimtes"]) for o in options),
        m.OptionKeyword.__table__: sum(len(o.get("trefwoorden") or []) for o in options),
        m.Example.__table__: len(examples),
        m.example_options: sum(len(x.get("opties") or []) for x in examples),
        m.Figure.__table__: len(figures),
        m.figure_options: sum(len(f.get("opties") or []) for f in figures),
        m.Facilitation.__table__: len(y["facilitation.yml"]["facilitering"]),
        m.WarningText.__table__: len(y["warnings.yml"]["waarschuwingen"]),
        m.VocabularyTerm.__table__: sum(
            len(values) if isinstance(values, list) else sum(len(p) for p in values.values())
            for category, values in vocabulary.items()
        ),
    }
    actual = {table: count(engine, table) for table in expected}
    assert {t.name: n for t, n in actual.items()} == {t.name: n for t, n in expected.items()}
    assert all(n > 0 for n in actual.values())


def test_meta_holds_the_fingerprint_of_the_content(engine):
    assert stored_fingerprint(engine) == fingerprint(CONTENT_DIR)


def test_every_required_catalogue_id_and_archetype_is_present(store):
    assert set(REQUIRED_OPTIONS) <= set(store.options)
    assert set(REQUIRED_ARCHETYPES) <= set(store.archetypes)
    assert set(store.warnings) == set(WARNING_CODES)


def test_store_keeps_catalogue_order_and_fields(store, original_yaml):
    options = original_yaml["options.yml"]["opties"]
    assert list(store.options) == [o["id"] for o in options]
    for position, entry in enumerate(options):
        option = store.options[entry["id"]]
        assert option.positie == position
        assert option.ruimtes == tuple(entry["ruimtes"])
        assert option.rol == entry["rol"] and option.inspanning == entry["inspanning"]
        assert option.veiligheid is bool(entry.get("veiligheid", False))
        assert option.trefwoorden == tuple(entry.get("trefwoorden") or ())
        assert option.archetype_id == entry["archetype"]
        assert option.bron.id == entry["bron"]


@pytest.mark.parametrize(
    "model", [m.Archetype, m.Finding, m.MenuOption, m.Example, m.Figure, m.Facilitation, m.WarningText]
)
def test_every_fact_has_a_source_that_resolves(engine, model):
    # SQLite does not enforce foreign keys by default, so check the join explicitly.
    with engine.connect() as conn:
        rows = conn.execute(select(model.__table__.c.bron_id)).scalars().all()
        sources = set(conn.execute(select(m.Source.id)).scalars())
    assert rows, f"no rows in {model.__tablename__}"
    dangling = [bron for bron in rows if bron not in sources]
    assert dangling == []


def test_every_store_record_cites_a_complete_source(store):
    cited = [o.bron for o in store.options.values()]
    cited += [a.bron for a in store.archetypes.values()]
    cited += [s.bron for a in store.archetypes.values() for items in a.findings.values() for s in items]
    cited += [x.bron for x in store.examples] + [f.bron for f in store.figures]
    cited += [s.bron for s in store.facilitation] + [w.bron for w in store.warnings.values()]
    for source in cited:
        assert source is store.sources[source.id]
        assert source.titel and source.uitgever and 1950 <= source.jaar <= 2100
        assert source.url.startswith(("http://", "https://"))
        assert source.url in source.label and str(source.jaar) in source.label


def test_every_archetype_has_findings_of_every_kind(store):
    for archetype in store.archetypes.values():
        assert set(archetype.findings) == set(FINDING_KINDS)
        assert all(archetype.findings[kind] for kind in FINDING_KINDS), archetype.id


def test_examples_and_figures_refer_to_known_options(store):
    for item in (*store.examples, *store.figures):
        assert set(item.option_ids) <= set(store.options), item.id
        assert item.archetype_id in store.archetypes


def test_examples_for_and_figures_for(store):
    hits = store.examples_for(("schoon-zelf",))
    assert hits and all("schoon-zelf" in x.option_ids for x in hits)
    # no example names this option id, so the archetype's examples are the fallback
    fallback = store.examples_for(("bestaat-niet",), archetype_id="bewonersbedrijven")
    assert fallback and all(x.archetype_id == "bewonersbedrijven" for x in fallback)
    assert store.figures_for(("bestaat-niet",)) == []


# --- fingerprint: rebuild when the YAML changes, nothing when it does not -------------------------------------


def test_ensure_database_rebuilds_only_when_the_yaml_changes(tmp_path, content_dir, edit_yaml):
    url = f"sqlite:///{tmp_path / 'fp.sqlite'}"
    engine = ensure_database(url, content_dir)
    first = stored_fingerprint(engine)
    assert first == fingerprint(content_dir)
    facilitation = count(engine, m.Facilitation.__table__)

    # A marker row that a reload would wipe: it must survive an ensure_database on unchanged content.
    with engine.begin() as conn:
        conn.execute(
            m.VocabularyTerm.__table__.insert().values(categorie="ruimte", waarde="groen", phrase="marker-xyz")
        )
    engine = ensure_database(url, content_dir)
    assert stored_fingerprint(engine) == first
    assert count(engine, m.Facilitation.__table__) == facilitation
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM vocabulary_term WHERE phrase = 'marker-xyz'")).scalar_one() == 1

    def add_item(doc):
        doc["facilitering"].append(
            {
                "id": "nieuw-item",
                "titel": "Nieuw",
                "tekst": "Een nieuw item.",
                "bron": "p31-wat-werkt-zelfbeheer",
                "vindplaats": "Kop ‘De voordelen zijn evident’",
            }
        )

    edit_yaml("facilitation.yml", add_item)
    assert fingerprint(content_dir) != first
    engine = ensure_database(url, content_dir)
    assert stored_fingerprint(engine) == fingerprint(content_dir)
    assert count(engine, m.Facilitation.__table__) == facilitation + 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM vocabulary_term WHERE phrase = 'marker-xyz'")).scalar_one() == 0


def test_fingerprint_changes_with_any_byte_of_any_file(content_dir):
    base = fingerprint(content_dir)
    path = content_dir / "vocabulary.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# alleen een opmerking\n", encoding="utf-8")
    assert fingerprint(content_dir) != base


def test_knowledge_db_url_env_var_is_honoured(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'from-env.sqlite'}"
    monkeypatch.setenv("KNOWLEDGE_DB_URL", url)
    assert database_url() == url
    engine = ensure_database(directory=CONTENT_DIR)
    assert (tmp_path / "from-env.sqlite").is_file()
    assert str(engine.url) == url
    assert stored_fingerprint(engine) == fingerprint(CONTENT_DIR)
    monkeypatch.delenv("KNOWLEDGE_DB_URL")
    assert database_url() == f"sqlite:///{DEFAULT_DB_PATH}"
    monkeypatch.setenv("KNOWLEDGE_DB_URL", "")
    assert database_url() == f"sqlite:///{DEFAULT_DB_PATH}"


def test_unusable_database_gives_a_dutch_knowledge_database_error(tmp_path):
    # A directory where the SQLite file should be: SQLite cannot open it.
    (tmp_path / "is-a-dir.sqlite").mkdir()
    with pytest.raises(loader.KnowledgeDatabaseError) as info:
        ensure_database(f"sqlite:///{tmp_path / 'is-a-dir.sqlite'}", CONTENT_DIR)
    assert "kennisdatabase" in str(info.value) and "KNOWLEDGE_DB_URL" in str(info.value)


def test_database_error_message_hides_the_password():
    with pytest.raises(loader.KnowledgeDatabaseError) as info:
        ensure_database("postgresql+nosuchdriver://gebruiker:geheim@localhost/kennis", CONTENT_DIR)
    assert "geheim" not in str(info.value)


def test_uncreatable_sqlite_folder_gives_knowledge_database_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(loader.KnowledgeDatabaseError):
        ensure_database(f"sqlite:///{blocker / 'knowledge.sqlite'}", CONTENT_DIR)


# --- a failing load leaves the database exactly as it was -----------------------------------------------------


@pytest.mark.parametrize("collection", ["options", "sources", "warnings"])
def test_failed_load_rolls_back_completely(tmp_path, collection):
    engine = loader.make_engine(f"sqlite:///{tmp_path / 'atomic.sqlite'}")
    content = read_content(CONTENT_DIR)
    loader.load(content, engine, "goede-inhoud")
    before = snapshot(engine)
    assert before["menu_option"] and before["meta"]

    # Bypass validation: two entries sharing an id only fail at INSERT time (UNIQUE constraint).
    broken = copy.deepcopy(content)
    broken.entries[collection].append(dict(broken.entries[collection][0]))
    with pytest.raises(SQLAlchemyError):
        loader.load(broken, engine, "kapotte-inhoud")

    assert snapshot(engine) == before
    assert stored_fingerprint(engine) == "goede-inhoud"


def test_ensure_database_with_invalid_yaml_leaves_the_database_untouched(tmp_path, content_dir, edit_yaml):
    url = f"sqlite:///{tmp_path / 'untouched.sqlite'}"
    engine = ensure_database(url, content_dir)
    before = snapshot(engine)

    def break_it(doc):
        doc["opties"][1]["rol"] = "alles_zelf"

    edit_yaml("options.yml", break_it)
    with pytest.raises(ContentError) as info:
        ensure_database(url, content_dir)
    assert "options.yml" in str(info.value)
    assert snapshot(engine) == before
    assert stored_fingerprint(engine) != fingerprint(content_dir)


def test_load_into_a_fresh_file_creates_every_table(tmp_path):
    path = tmp_path / "sub" / "dir" / "fresh.sqlite"  # make_engine creates missing folders
    engine = ensure_database(f"sqlite:///{path}", CONTENT_DIR)
    assert path.is_file()
    with Session(engine) as session:
        assert session.query(m.MenuOption).count() == len(read_content(CONTENT_DIR).entries["options"])
    names = set(m.Base.metadata.tables)
    with engine.connect() as conn:
        present = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
    assert names <= present


def test_knowledge_package_does_not_import_rasa():
    code = (
        "import sys\n"
        "import knowledge, knowledge.models, knowledge.schema, knowledge.loader, knowledge.store\n"
        "import knowledge.matching, knowledge.intake, knowledge.recommend, knowledge.cli\n"
        "bad = sorted(n for n in sys.modules if n == 'rasa' or n.startswith(('rasa.', 'rasa_sdk')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stdout + result.stderr
