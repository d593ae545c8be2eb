"""Validation of broken YAML: one test per kind of error; every message names the file, the entry and the field."""

from __future__ import annotations

import copy

import pytest

from knowledge.loader import CONTENT_DIR
from knowledge.schema import ContentError, ContentIssue, content_files, read_content, validate_data


def assert_issue(error: ContentError, file: str, entry: str = "", field: str = "", says: str = "") -> ContentIssue:
    """The error holds an issue at exactly this place, and the printed message names file, entry and field."""
    hits = [i for i in error.issues if (i.file, i.entry, i.field) == (file, entry, field) and says in i.message]
    assert hits, f"no issue at {(file, entry, field)} saying {says!r}; got:\n{error}"
    message = str(error)
    line = next(part for part in message.splitlines() if str(hits[0]) in part)
    assert file in line
    if entry:
        assert entry in line
    if field:
        assert f"veld '{field}'" in line
    assert message.startswith("Ongeldige kennisinhoud:")
    return hits[0]


def option_index(document, option_id: str) -> int:
    return next(i for i, o in enumerate(document["opties"]) if o["id"] == option_id)


def test_real_content_is_valid():
    content = read_content(CONTENT_DIR)
    assert set(content.entries) == {
        "sources",
        "archetypes",
        "options",
        "examples",
        "figures",
        "facilitation",
        "warnings",
        "steps",
    }
    categories = {"ruimte", "initiatiefnemer", "bewonersrol", "kwetsbare_wijk", "onbekend", "gewone_woorden"}
    assert set(content.vocabulary) == categories


# --- file-level errors ----------------------------------------------------------------------------------------


def test_yaml_syntax_error_names_file_and_line(content_dir, content_error):
    path = content_dir / "options.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if line.strip() == 'titel: "Sleutelbeheer"')
    lines[number - 1] = "    titel: Sleutelbeheer: de sleutels"  # a second ': ' on one line is a YAML error
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    issue = assert_issue(content_error(), "options.yml", f"regel {number}", says="geen geldige YAML")
    assert f"options.yml, regel {number}:" in str(issue)


def test_empty_file(content_dir, content_error):
    (content_dir / "facilitation.yml").write_text("# alles weg\n", encoding="utf-8")
    assert_issue(content_error(), "facilitation.yml", says="bestand is leeg")


def test_missing_file(content_dir, content_error):
    (content_dir / "warnings.yml").unlink()
    assert_issue(content_error(), "warnings.yml", says="bestand ontbreekt")


def test_file_that_is_not_utf8(content_dir, content_error):
    (content_dir / "figures.yml").write_bytes("cijfers: []\n# caf\u00e9\n".encode("latin-1"))
    assert_issue(content_error(), "figures.yml", says="geen UTF-8")


def test_wrong_top_level_key(edit_yaml, content_error):
    edit_yaml("figures.yml", lambda doc: doc.__setitem__("figuren", doc.pop("cijfers")))
    assert_issue(content_error(), "figures.yml", says="moet precies één sleutel 'cijfers' bevatten")


def test_collection_that_is_not_a_list(edit_yaml, content_error):
    edit_yaml("facilitation.yml", lambda doc: doc.update(facilitering={"id": "los-item"}))
    assert_issue(content_error(), "facilitation.yml", "facilitering", says="moet een lijst van items zijn")


# --- entry-level errors ---------------------------------------------------------------------------------------


def test_entry_that_is_not_a_mapping(edit_yaml, content_error):
    holder = {}

    def change(doc):
        holder["n"] = len(doc["facilitering"])
        doc["facilitering"].append("gewoon een zin in plaats van een item")

    edit_yaml("facilitation.yml", change)
    assert_issue(
        content_error(), "facilitation.yml", f"facilitering[{holder['n']}]", says="moet een item met velden zijn"
    )


def test_unknown_field(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "schoon-inkoop")
    edit_yaml("options.yml", lambda doc: doc["opties"][i].update(titell="typfout in de veldnaam"))
    issue = assert_issue(content_error(), "options.yml", f"opties[{i}] 'schoon-inkoop'", "titell", says="onbekend veld")
    assert "titel" in issue.message  # lists the allowed fields


def test_missing_required_field(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "schoon-inkoop")
    edit_yaml("options.yml", lambda doc: doc["opties"][i].pop("samenvatting"))
    assert_issue(
        content_error(), "options.yml", f"opties[{i}] 'schoon-inkoop'", "samenvatting", says="verplicht veld ontbreekt"
    )


def test_required_field_left_empty_counts_as_missing(edit_yaml, content_error):
    edit_yaml("archetypes.yml", lambda doc: doc["archetypen"][0].update(bron=None))
    assert_issue(
        content_error(), "archetypes.yml", "archetypen[0] 'zelfbeheer'", "bron", says="verplicht veld ontbreekt"
    )


def test_wrong_type_year_as_text(edit_yaml, content_error, original_yaml):
    first = original_yaml["sources.yml"]["bronnen"][0]
    edit_yaml("sources.yml", lambda doc: doc["bronnen"][0].update(jaar=str(first["jaar"])))
    assert_issue(content_error(), "sources.yml", f"bronnen[0] '{first['id']}'", "jaar", says="jaartal")


def test_wrong_type_text_field_as_number(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "klussen")
    edit_yaml("options.yml", lambda doc: doc["opties"][i].update(titel=12))
    assert_issue(content_error(), "options.yml", f"opties[{i}] 'klussen'", "titel", says="niet-lege tekst")


def test_wrong_type_bool(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "zwembad-zelfbeheer")
    edit_yaml("options.yml", lambda doc: doc["opties"][i].update(veiligheid="ja"))
    assert_issue(
        content_error(), "options.yml", f"opties[{i}] 'zwembad-zelfbeheer'", "veiligheid", says="true of false"
    )


def test_bad_slug_id(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "schoon-inkoop")
    edit_yaml("options.yml", lambda doc: doc["opties"][i].update(id="Schoon_Inkoop"))
    error = content_error()
    assert_issue(
        error, "options.yml", f"opties[{i}] 'Schoon_Inkoop'", "id", says="kleine letters, cijfers en streepjes"
    )
    # the real id is now gone from the catalogue, which is reported too
    assert_issue(error, "options.yml", "", "id", says="verplicht item 'schoon-inkoop' ontbreekt")


def test_bad_url(edit_yaml, content_error, original_yaml):
    first = original_yaml["sources.yml"]["bronnen"][0]
    edit_yaml("sources.yml", lambda doc: doc["bronnen"][0].update(url="www.platform31.nl"))
    assert_issue(content_error(), "sources.yml", f"bronnen[0] '{first['id']}'", "url", says="http:// of https://")


def test_unknown_enum_value_rol(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "schoon-inkoop")
    edit_yaml("options.yml", lambda doc: doc["opties"][i].update(rol="alles_zelf"))
    issue = assert_issue(
        content_error(), "options.yml", f"opties[{i}] 'schoon-inkoop'", "rol", says="onbekende waarde 'alles_zelf'"
    )
    assert "zelf_beheren" in issue.message  # the choices are listed


def test_unknown_enum_value_in_ruimtes(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "sleutelbeheer")
    edit_yaml("options.yml", lambda doc: doc["opties"][i]["ruimtes"].append("tuin"))
    assert_issue(
        content_error(), "options.yml", f"opties[{i}] 'sleutelbeheer'", "ruimtes", says="onbekende waarde 'tuin'"
    )


def test_empty_ruimtes_list(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "sleutelbeheer")
    edit_yaml("options.yml", lambda doc: doc["opties"][i].update(ruimtes=[]))
    assert_issue(content_error(), "options.yml", f"opties[{i}] 'sleutelbeheer'", "ruimtes", says="minstens 1")


def test_duplicate_id(edit_yaml, content_error, original_yaml):
    items = original_yaml["facilitation.yml"]["facilitering"]
    edit_yaml("facilitation.yml", lambda doc: doc["facilitering"].append(dict(doc["facilitering"][0])))
    assert_issue(
        content_error(),
        "facilitation.yml",
        f"facilitering[{len(items)}] '{items[0]['id']}'",
        "id",
        says="id komt al voor bij facilitering[0]",
    )


def test_duplicate_value_in_a_list(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "prikploeg")
    edit_yaml("options.yml", lambda doc: doc["opties"][i]["trefwoorden"].append(doc["opties"][i]["trefwoorden"][0]))
    assert_issue(content_error(), "options.yml", f"opties[{i}] 'prikploeg'", "trefwoorden", says="twee keer")


# --- references -----------------------------------------------------------------------------------------------


def test_dangling_bron_reference(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "schoon-inkoop")
    edit_yaml("options.yml", lambda doc: doc["opties"][i].update(bron="bestaat-niet"))
    assert_issue(
        content_error(),
        "options.yml",
        f"opties[{i}] 'schoon-inkoop'",
        "bron",
        says="verwijst naar 'bestaat-niet', maar dat staat niet in sources.yml",
    )


def test_dangling_bron_reference_inside_statements(edit_yaml, content_error):
    edit_yaml("archetypes.yml", lambda doc: doc["archetypen"][0]["valkuilen"][1].update(bron="verzonnen-bron"))
    assert_issue(
        content_error(),
        "archetypes.yml",
        "archetypen[0] 'zelfbeheer'",
        "valkuilen",
        says="verwijst naar 'verzonnen-bron', maar dat staat niet in sources.yml",
    )


def test_dangling_archetype_reference(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "bewonersbudget")
    edit_yaml("options.yml", lambda doc: doc["opties"][i].update(archetype="bewonersbudget"))
    assert_issue(
        content_error(),
        "options.yml",
        f"opties[{i}] 'bewonersbudget'",
        "archetype",
        says="verwijst naar 'bewonersbudget', maar dat staat niet in archetypes.yml",
    )


def test_dangling_option_reference_in_examples(edit_yaml, content_error, original_yaml):
    first = original_yaml["examples.yml"]["voorbeelden"][0]
    edit_yaml("examples.yml", lambda doc: doc["voorbeelden"][0]["opties"].append("schoon-onbekend"))
    assert_issue(
        content_error(),
        "examples.yml",
        f"voorbeelden[0] '{first['id']}'",
        "opties",
        says="verwijst naar 'schoon-onbekend', maar dat staat niet in options.yml",
    )


def test_missing_required_catalogue_id(edit_yaml, content_error):
    edit_yaml("options.yml", lambda doc: doc.update(opties=[o for o in doc["opties"] if o["id"] != "sleutelbeheer"]))
    assert_issue(content_error(), "options.yml", "", "id", says="verplicht item 'sleutelbeheer' ontbreekt")


def test_missing_required_archetype(edit_yaml, content_error):
    def drop(doc):
        doc["archetypen"] = [a for a in doc["archetypen"] if a["id"] != "doorstroming-senioren"]

    edit_yaml("archetypes.yml", drop)
    assert_issue(content_error(), "archetypes.yml", "", "id", says="verplicht item 'doorstroming-senioren' ontbreekt")


def test_missing_required_warning_code(edit_yaml, content_error):
    edit_yaml(
        "warnings.yml",
        lambda doc: doc.update(waarschuwingen=[w for w in doc["waarschuwingen"] if w["code"] != "veiligheid"]),
    )
    assert_issue(content_error(), "warnings.yml", "", "code", says="verplicht item 'veiligheid' ontbreekt")


def test_statement_missing_bron(edit_yaml, content_error):
    edit_yaml("archetypes.yml", lambda doc: doc["archetypen"][0]["werkzame_bestanddelen"][0].pop("bron"))
    assert_issue(
        content_error(),
        "archetypes.yml",
        "archetypen[0] 'zelfbeheer'",
        "werkzame_bestanddelen",
        says="item 0: moet precies de velden 'tekst' en 'bron' hebben",
    )


def test_statements_list_empty(edit_yaml, content_error):
    edit_yaml("archetypes.yml", lambda doc: doc["archetypen"][0].update(randvoorwaarden=[]))
    assert_issue(content_error(), "archetypes.yml", "archetypen[0] 'zelfbeheer'", "randvoorwaarden", says="minstens 1")


# --- vocabulary -----------------------------------------------------------------------------------------------


def test_vocabulary_phrase_in_upper_case(edit_yaml, content_error):
    edit_yaml("vocabulary.yml", lambda doc: doc["woordenschat"]["ruimte"]["trappenhuis"].append("Portiekje Boven"))
    assert_issue(
        content_error(),
        "vocabulary.yml",
        "ruimte.trappenhuis",
        says="'Portiekje Boven' moet een tekst in kleine letters zijn",
    )


def test_vocabulary_phrase_under_two_values(edit_yaml, content_error):
    edit_yaml("vocabulary.yml", lambda doc: doc["woordenschat"]["ruimte"]["binnentuin"].append("portiek"))
    assert_issue(
        content_error(), "vocabulary.yml", "ruimte.binnentuin", says="'portiek' staat ook al bij ruimte.trappenhuis"
    )


def test_vocabulary_unknown_category(edit_yaml, content_error):
    edit_yaml("vocabulary.yml", lambda doc: doc["woordenschat"].update(doelgroep={"ouderen": ["senioren"]}))
    assert_issue(content_error(), "vocabulary.yml", "woordenschat", "doelgroep", says="onbekende categorie")


def test_vocabulary_ordinary_word_must_be_one_word(edit_yaml, content_error):
    edit_yaml("vocabulary.yml", lambda doc: doc["woordenschat"]["gewone_woorden"].append("zo meteen"))
    assert_issue(content_error(), "vocabulary.yml", "gewone_woorden", says="'zo meteen' moet één woord zijn")


def test_vocabulary_unknown_value(edit_yaml, content_error):
    edit_yaml("vocabulary.yml", lambda doc: doc["woordenschat"]["ruimte"].update(tuin=["tuintje"]))
    assert_issue(content_error(), "vocabulary.yml", "ruimte", "tuin", says="onbekende waarde")


def test_vocabulary_missing_category(edit_yaml, content_error):
    edit_yaml("vocabulary.yml", lambda doc: doc["woordenschat"].pop("onbekend"))
    assert_issue(content_error(), "vocabulary.yml", "woordenschat", "onbekend", says="verplichte categorie ontbreekt")


def test_vocabulary_empty_phrase_list(edit_yaml, content_error):
    edit_yaml("vocabulary.yml", lambda doc: doc["woordenschat"]["kwetsbare_wijk"].update(nee=[]))
    assert_issue(content_error(), "vocabulary.yml", "kwetsbare_wijk.nee", says="niet-lege lijst")


def test_vocabulary_category_left_empty(edit_yaml, content_dir):
    edit_yaml("vocabulary.yml", lambda doc: doc["woordenschat"].update(ruimte=None))
    with pytest.raises(ContentError) as info:
        read_content(content_dir)
    assert_issue(info.value, "vocabulary.yml", "ruimte")


# --- all issues at once, and validate_data directly -----------------------------------------------------------


def test_every_issue_is_reported_in_one_go(edit_yaml, content_error, original_yaml):
    i = option_index(original_yaml["options.yml"], "schoon-inkoop")
    edit_yaml("options.yml", lambda doc: doc["opties"][i].update(rol="alles_zelf", inspanning="enorm"))
    edit_yaml("sources.yml", lambda doc: doc["bronnen"][0].update(url="geen-url"))
    error = content_error()
    assert_issue(error, "options.yml", f"opties[{i}] 'schoon-inkoop'", "rol")
    assert_issue(error, "options.yml", f"opties[{i}] 'schoon-inkoop'", "inspanning")
    assert_issue(error, "sources.yml", f"bronnen[0] '{original_yaml['sources.yml']['bronnen'][0]['id']}'", "url")
    assert len(str(error).splitlines()) == len(error.issues) + 1


def test_validate_data_on_parsed_documents(original_yaml):
    raw = {name: copy.deepcopy(original_yaml[name]) for name in content_files()}
    content = validate_data(raw)
    assert [o["id"] for o in content.entries["options"]] == [o["id"] for o in original_yaml["options.yml"]["opties"]]
    raw["warnings.yml"]["waarschuwingen"][0]["code"] = "te_duur"
    with pytest.raises(ContentError) as info:
        validate_data(raw)
    assert_issue(info.value, "warnings.yml", "waarschuwingen[0] 'te_duur'", "code", says="onbekende waarde 'te_duur'")


def test_content_issue_str_formats():
    assert str(ContentIssue("a.yml", "", "", "bestand ontbreekt")) == "a.yml: bestand ontbreekt"
    assert str(ContentIssue("a.yml", "opties[0] 'x'", "rol", "fout")) == "a.yml, opties[0] 'x', veld 'rol': fout"
