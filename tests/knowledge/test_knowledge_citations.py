"""Citations that a reviewer can check: a source url must be the page that holds the claim (not a site's homepage),
and every cited item says where in its source the claim stands (`vindplaats`). One test per kind of error; every
message names the file, the entry and the field, like the other validation errors."""

from __future__ import annotations

import pytest
import yaml
from sqlalchemy import select

from knowledge import models as m
from knowledge.loader import export
from knowledge.schema import COLLECTIONS, ContentError, ContentIssue, read_content


def assert_issue(error: ContentError, file: str, entry: str = "", field: str = "", says: str = "") -> ContentIssue:
    """The error holds an issue at exactly this place, and the printed message names file, entry and field."""
    hits = [i for i in error.issues if (i.file, i.entry, i.field) == (file, entry, field) and says in i.message]
    assert hits, f"no issue at {(file, entry, field)} saying {says!r}; got:\n{error}"
    line = next(part for part in str(error).splitlines() if str(hits[0]) in part)
    assert file in line and (not entry or entry in line) and (not field or f"veld '{field}'" in line)
    return hits[0]


def first(original_yaml, name: str, key: str) -> dict:
    return original_yaml[name][key][0]


# --- bare homepages as source urls ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["https://www.woonbond.nl", "https://www.woonbond.nl/", "http://nu.nl/#top"])
def test_bare_homepage_url_is_rejected(edit_yaml, content_error, original_yaml, url):
    source = first(original_yaml, "sources.yml", "bronnen")
    edit_yaml("sources.yml", lambda doc: doc["bronnen"][0].update(url=url))
    issue = assert_issue(content_error(), "sources.yml", f"bronnen[0] '{source['id']}'", "url", says="voorpagina")
    assert url in issue.message


@pytest.mark.parametrize(
    "url",
    [
        "https://www.woonbond.nl/beleid-belangen/zelfbeheer",
        "http://www.watwerktindewijk.nl/index.cfm/interventie/details?id=303",
        "https://www.example.nl/?p=123",
    ],
)
def test_page_urls_are_accepted(edit_yaml, content_dir, url):
    edit_yaml("sources.yml", lambda doc: doc["bronnen"][0].update(url=url))
    read_content(content_dir)  # no ContentError


def test_no_source_in_the_real_content_is_a_homepage(original_yaml):
    from urllib.parse import urlsplit

    for source in original_yaml["sources.yml"]["bronnen"]:
        parts = urlsplit(source["url"])
        assert parts.path not in ("", "/") or parts.query, source["id"]


# --- vindplaats: where in the source the claim stands --------------------------------------------------------

CITED = [(c.file, c.key, c.id_field) for c in COLLECTIONS if any(f.name == "bron" for f in c.fields)]


@pytest.mark.parametrize("name,key,ident", CITED)
def test_missing_vindplaats_is_rejected(edit_yaml, content_error, original_yaml, name, key, ident):
    entry = first(original_yaml, name, key)
    edit_yaml(name, lambda doc: doc[key][0].pop("vindplaats"))
    assert_issue(content_error(), name, f"{key}[0] '{entry[ident]}'", "vindplaats", says="verplicht veld ontbreekt")


def test_empty_vindplaats_is_rejected(edit_yaml, content_error, original_yaml):
    entry = first(original_yaml, "figures.yml", "cijfers")
    edit_yaml("figures.yml", lambda doc: doc["cijfers"][0].update(vindplaats="  "))
    assert_issue(content_error(), "figures.yml", f"cijfers[0] '{entry['id']}'", "vindplaats", says="niet-lege tekst")


def test_statement_without_vindplaats_is_rejected(edit_yaml, content_error):
    edit_yaml("archetypes.yml", lambda doc: doc["archetypen"][0]["succesfactoren"][1].pop("vindplaats"))
    assert_issue(
        content_error(),
        "archetypes.yml",
        "archetypen[0] 'zelfbeheer'",
        "succesfactoren",
        says="item 1: 'vindplaats' ontbreekt",
    )


def test_statement_with_empty_vindplaats_is_rejected(edit_yaml, content_error):
    edit_yaml("archetypes.yml", lambda doc: doc["archetypen"][0]["valkuilen"][0].update(vindplaats=""))
    assert_issue(
        content_error(),
        "archetypes.yml",
        "archetypen[0] 'zelfbeheer'",
        "valkuilen",
        says="item 0: 'vindplaats' moet een niet-lege tekst zijn",
    )


def test_every_cited_collection_requires_vindplaats():
    for collection in COLLECTIONS:
        names = [f.name for f in collection.fields]
        if "bron" in names:
            assert "vindplaats" in names, collection.name
            spec = next(f for f in collection.fields if f.name == "vindplaats")
            assert spec.kind == "text" and spec.required, collection.name


# --- vindplaats is stored in the database and exported -------------------------------------------------------


def test_vindplaats_is_stored(engine, original_yaml):
    with engine.connect() as conn:
        stored = set(conn.execute(select(m.Facilitation.__table__.c.vindplaats)).scalars())
        findings = list(conn.execute(select(m.Finding.__table__.c.vindplaats)).scalars())
    assert stored == {f["vindplaats"] for f in original_yaml["facilitation.yml"]["facilitering"]}
    assert findings and all(v.strip() for v in findings)


def test_store_exposes_vindplaats(store, original_yaml):
    warning = original_yaml["warnings.yml"]["waarschuwingen"][0]
    assert store.warnings[warning["code"]].vindplaats == warning["vindplaats"]
    zelfbeheer = store.archetype("zelfbeheer")
    assert zelfbeheer.vindplaats and all(s.vindplaats for items in zelfbeheer.findings.values() for s in items)


def test_export_keeps_vindplaats(engine, tmp_path, original_yaml):
    export(engine, tmp_path)
    exported = yaml.safe_load((tmp_path / "examples.yml").read_text(encoding="utf-8"))["voorbeelden"]
    assert [x["vindplaats"] for x in exported] == [
        x["vindplaats"] for x in original_yaml["examples.yml"]["voorbeelden"]
    ]
    archetypes = yaml.safe_load((tmp_path / "archetypes.yml").read_text(encoding="utf-8"))["archetypen"]
    assert all("vindplaats" in item for a in archetypes for item in a["werkzame_bestanddelen"])
