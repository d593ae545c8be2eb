"""Validation of the YAML knowledge content: every error names the file, the entry and the field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

RUIMTES = ("groen", "binnentuin", "trappenhuis", "gemeenschappelijke_ruimte", "buurthuis", "speelplek", "zwembad")
ROLLEN = ("meedenken", "toezicht", "zelf_doen", "zelf_beheren")
INITIATIEFNEMERS = ("bewoners", "corporatie", "gemeente")
INSPANNINGEN = ("laag", "middel", "hoog", "zeer_hoog")
WARNING_CODES = ("eigen_doelen_corporatie", "geen_bewonersinitiatief", "kwetsbare_wijk", "veiligheid")
UNKNOWN = "onbekend"  # the value of an intake slot the professional could not answer
# Next steps (steps.yml): the phases of the plan, in the order they are given, and the situations a step may require
# (`alleen_bij`) or exclude (`niet_bij`); knowledge/steps.py derives the situations from the profile.
STAP_FASEN = ("luisteren", "organisatie", "starten", "steunen", "terugkijken")
STAP_SITUATIES = (
    "geen_initiatief",
    "bewonersinitiatief",
    "initiatief_onbekend",
    "kwetsbaar",
    "fragiel",
    "stevig",
    "corporatie_doel",
    "veiligheid",
)
REQUIRED_ARCHETYPES = (
    "zelfbeheer",
    "bewonersbedrijven",
    "bewonersbudgetten",
    "toewijzing-op-basis-van-inzet",
    "doorstroming-senioren",
    "huisvesting-statushouders",
)
REQUIRED_OPTIONS = (
    "schoon-toezicht",
    "schoon-inkoop",
    "schoon-beheer",
    "schoon-samen",
    "schoon-zelf",
    "groen-meebepalen",
    "groen-eigen-hovenier",
    "groen-zelf-onderhoud",
    "meedenken-inrichting",
    "groen-moestuin",
    "groen-geveltuin",
    "groen-adoptie",
    "schouw-bewonersteam",
    "prikploeg",
    "ruimte-beheer",
    "sleutelbeheer",
    "klussen",
    "speelplek-toezicht",
    "toezicht-aannemer",
    "buurthuis-zelfbeheer",
    "zwembad-zelfbeheer",
    "beheercooperatie",
    "bewonersbudget",
)
VOCABULARY_VALUES: dict[str, tuple[str, ...]] = {
    "ruimte": RUIMTES,
    "initiatiefnemer": INITIATIEFNEMERS,
    "bewonersrol": ROLLEN,
    "kwetsbare_wijk": ("ja", "nee"),
}

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
URL = re.compile(r"^https?://\S+$")
# A statement (finding) inside an archetype: the claim, its source and where in that source it stands.
STATEMENT_KEYS = ("tekst", "bron", "vindplaats")


@dataclass(frozen=True)
class Field:
    """One field of a collection entry: its kind and, where it applies, choices or the collection it refers to."""

    name: str
    kind: str  # slug | text | int | url | bool | enum | ref | enums | refs | texts | statements
    required: bool = True
    choices: tuple[str, ...] = ()
    ref: str | None = None
    min_items: int = 0


@dataclass(frozen=True)
class Collection:
    """A YAML file holding one list of entries under one top-level key."""

    name: str
    file: str
    key: str
    id_field: str
    fields: tuple[Field, ...]
    required_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Wherever a collection cites a source (`bron`), it also says where in that source the claim stands
        # (`vindplaats`), directly after `bron` and just as required. Collections added later get it for free.
        names = [spec.name for spec in self.fields]
        if "bron" in names and "vindplaats" not in names:
            at = names.index("bron") + 1
            bron = self.fields[at - 1]
            extra = Field("vindplaats", "text", required=bron.required)
            object.__setattr__(self, "fields", self.fields[:at] + (extra,) + self.fields[at:])


def _bron() -> Field:
    return Field("bron", "ref", ref="sources")


COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        "sources",
        "sources.yml",
        "bronnen",
        "id",
        (
            Field("id", "slug"),
            Field("titel", "text"),
            Field("uitgever", "text"),
            Field("jaar", "int"),
            Field("url", "url"),
        ),
    ),
    Collection(
        "archetypes",
        "archetypes.yml",
        "archetypen",
        "id",
        (
            Field("id", "slug"),
            Field("naam", "text"),
            Field("samenvatting", "text"),
            Field("bewijskracht", "text", required=False),
            _bron(),
            Field("werkzame_bestanddelen", "statements", min_items=1),
            Field("succesfactoren", "statements", min_items=1),
            Field("valkuilen", "statements", min_items=1),
            Field("randvoorwaarden", "statements", min_items=1),
        ),
        REQUIRED_ARCHETYPES,
    ),
    Collection(
        "options",
        "options.yml",
        "opties",
        "id",
        (
            Field("id", "slug"),
            Field("titel", "text"),
            Field("samenvatting", "text"),
            Field("bewoners_doen", "text"),
            Field("organisatie_biedt", "text"),
            Field("ruimtes", "enums", choices=RUIMTES, min_items=1),
            Field("rol", "enum", choices=ROLLEN),
            Field("inspanning", "enum", choices=INSPANNINGEN),
            Field("archetype", "ref", ref="archetypes"),
            Field("veiligheid", "bool", required=False),
            Field("trefwoorden", "texts", required=False),
            _bron(),
        ),
        REQUIRED_OPTIONS,
    ),
    Collection(
        "examples",
        "examples.yml",
        "voorbeelden",
        "id",
        (
            Field("id", "slug"),
            Field("titel", "text"),
            Field("plaats", "text"),
            Field("organisatie", "text"),
            Field("jaar", "int", required=False),
            Field("beschrijving", "text"),
            Field("archetype", "ref", ref="archetypes"),
            Field("opties", "refs", required=False, ref="options"),
            _bron(),
        ),
    ),
    Collection(
        "figures",
        "figures.yml",
        "cijfers",
        "id",
        (
            Field("id", "slug"),
            Field("waarde", "text"),
            Field("tekst", "text"),
            Field("archetype", "ref", ref="archetypes"),
            Field("opties", "refs", required=False, ref="options"),
            _bron(),
        ),
    ),
    Collection(
        "facilitation",
        "facilitation.yml",
        "facilitering",
        "id",
        (
            Field("id", "slug"),
            Field("titel", "text"),
            Field("tekst", "text"),
            _bron(),
        ),
    ),
    Collection(
        "warnings",
        "warnings.yml",
        "waarschuwingen",
        "code",
        (
            Field("code", "enum", choices=WARNING_CODES),
            Field("tekst", "text"),
            Field("advies", "text"),
            Field("kort", "text"),
            _bron(),
        ),
        WARNING_CODES,
    ),
    Collection(
        "steps",
        "steps.yml",
        "stappen",
        "id",
        (
            Field("id", "slug"),
            Field("fase", "enum", choices=STAP_FASEN),
            Field("tekst", "text"),
            Field("alleen_bij", "enums", required=False, choices=STAP_SITUATIES),
            Field("niet_bij", "enums", required=False, choices=STAP_SITUATIES),
            Field("ruimtes", "enums", required=False, choices=RUIMTES),
            Field("rollen", "enums", required=False, choices=ROLLEN),
            _bron(),
        ),
    ),
)
COLLECTIONS_BY_NAME = {c.name: c for c in COLLECTIONS}
VOCABULARY_FILE = "vocabulary.yml"
VOCABULARY_KEY = "woordenschat"


@dataclass(frozen=True)
class ContentIssue:
    """One problem in the content, located by file, entry and field."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            part for part in (self.file, self.entry, f"veld '{self.field}'" if self.field else "") if part
        )
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Raised when content is invalid; holds every issue found."""

    def __init__(self, issues: list[ContentIssue]):
        self.issues = issues
        super().__init__("Ongeldige kennisinhoud:\n" + "\n".join(f"- {issue}" for issue in issues))


@dataclass
class Content:
    """Validated content: entries per collection (plain dicts, in file order) and the vocabulary."""

    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    vocabulary: dict[str, Any] = field(default_factory=dict)


def read_yaml(path: Path, issues: list[ContentIssue]) -> Any:
    """Parse one YAML file, recording a missing file or a syntax error as an issue."""
    if not path.is_file():
        issues.append(ContentIssue(path.name, "", "", "bestand ontbreekt"))
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"regel {mark.line + 1}" if mark else ""
        issues.append(ContentIssue(path.name, where, "", f"geen geldige YAML ({getattr(err, 'problem', err)})"))
        return None
    except UnicodeDecodeError:
        issues.append(ContentIssue(path.name, "", "", "bestand is geen UTF-8-tekst"))
        return None
    if data is None:
        issues.append(ContentIssue(path.name, "", "", "bestand is leeg"))
    return data


def _entry_label(collection: Collection, index: int, entry: Any) -> str:
    ident = entry.get(collection.id_field) if isinstance(entry, dict) else None
    return f"{collection.key}[{index}]" + (f" '{ident}'" if isinstance(ident, str) else "")


def _check_value(spec: Field, value: Any) -> str | None:
    """Return a Dutch description of what is wrong with a value, or None when it is fine (refs checked later)."""
    kind = spec.kind
    if kind == "slug":
        if not isinstance(value, str) or not SLUG.match(value):
            return f"moet een id van kleine letters, cijfers en streepjes zijn, niet {value!r}"
    elif kind == "text":
        if not isinstance(value, str) or not value.strip():
            return "moet een niet-lege tekst zijn"
    elif kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or not 1950 <= value <= 2100:
            return f"moet een jaartal tussen 1950 en 2100 zijn, niet {value!r}"
    elif kind == "url":
        if not isinstance(value, str) or not URL.match(value):
            return f"moet een url zijn die begint met http:// of https://, niet {value!r}"
        if _is_bare_homepage(value):
            return (
                f"is de voorpagina van een website ({value!r}); verwijs naar de pagina waar de uitspraak staat, "
                "niet naar de homepage"
            )
    elif kind == "bool":
        if not isinstance(value, bool):
            return f"moet true of false zijn, niet {value!r}"
    elif kind == "enum":
        if value not in spec.choices:
            return f"onbekende waarde {value!r}; kies uit {', '.join(spec.choices)}"
    elif kind == "ref":
        if not isinstance(value, str) or not value:
            return "moet een id zijn"
    elif kind in ("enums", "refs", "texts"):
        if not isinstance(value, list) or len(value) < spec.min_items:
            return f"moet een lijst zijn met minstens {max(spec.min_items, 0)} waarde(n)"
        for item in value:
            if not isinstance(item, str) or not item.strip():
                return f"bevat {item!r}, maar elke waarde moet een tekst zijn"
            if kind == "enums" and item not in spec.choices:
                return f"onbekende waarde {item!r}; kies uit {', '.join(spec.choices)}"
        if len(set(value)) != len(value):
            return "bevat een waarde twee keer"
    elif kind == "statements":
        if not isinstance(value, list) or len(value) < spec.min_items:
            return f"moet een lijst zijn met minstens {spec.min_items} uitspraak/uitspraken"
        for position, item in enumerate(value):
            if isinstance(item, dict) and set(item) == {"tekst", "bron"}:
                return (
                    f"item {position}: 'vindplaats' ontbreekt; zeg met een kort citaat of een kop waar in de bron "
                    "de uitspraak staat"
                )
            if not isinstance(item, dict) or set(item) != set(STATEMENT_KEYS):
                return f"item {position}: moet precies de velden 'tekst' en 'bron' hebben, plus de 'vindplaats' ervan"
            if not isinstance(item["tekst"], str) or not item["tekst"].strip():
                return f"item {position}: 'tekst' moet een niet-lege tekst zijn"
            if not isinstance(item["bron"], str):
                return f"item {position}: 'bron' moet een bron-id zijn"
            if not isinstance(item["vindplaats"], str) or not item["vindplaats"].strip():
                return f"item {position}: 'vindplaats' moet een niet-lege tekst zijn (een kort citaat of een kop)"
    return None


def _is_bare_homepage(url: str) -> bool:
    """True for a url that names only a site (no path beyond '/' and no query), not the page holding a claim."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _validate_collection(collection: Collection, data: Any, issues: list[ContentIssue]) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or set(data) != {collection.key}:
        issues.append(ContentIssue(collection.file, "", "", f"moet precies één sleutel '{collection.key}' bevatten"))
        return []
    raw = data[collection.key]
    if not isinstance(raw, list):
        issues.append(ContentIssue(collection.file, collection.key, "", "moet een lijst van items zijn"))
        return []
    specs = {spec.name: spec for spec in collection.fields}
    good: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw):
        label = _entry_label(collection, index, entry)
        if not isinstance(entry, dict):
            issues.append(ContentIssue(collection.file, label, "", "moet een item met velden zijn"))
            continue
        before = len(issues)
        for name in entry:
            if name not in specs:
                issues.append(
                    ContentIssue(collection.file, label, str(name), f"onbekend veld; toegestaan: {', '.join(specs)}")
                )
        for spec in collection.fields:
            if spec.name not in entry or entry[spec.name] is None:
                if spec.required:
                    issues.append(ContentIssue(collection.file, label, spec.name, "verplicht veld ontbreekt"))
                continue
            problem = _check_value(spec, entry[spec.name])
            if problem:
                issues.append(ContentIssue(collection.file, label, spec.name, problem))
        ident = entry.get(collection.id_field)
        if isinstance(ident, str):
            if ident in seen:
                issues.append(
                    ContentIssue(
                        collection.file,
                        label,
                        collection.id_field,
                        f"id komt al voor bij {collection.key}[{seen[ident]}]",
                    )
                )
            seen.setdefault(ident, index)
        if len(issues) == before:
            good.append(entry)
    for required in collection.required_ids:
        if required not in seen:
            issues.append(
                ContentIssue(collection.file, "", collection.id_field, f"verplicht item '{required}' ontbreekt")
            )
    return good


def _check_references(content: Content, issues: list[ContentIssue]) -> None:
    ids = {
        name: {entry[COLLECTIONS_BY_NAME[name].id_field] for entry in entries}
        for name, entries in content.entries.items()
    }
    for collection in COLLECTIONS:
        for index, entry in enumerate(content.entries.get(collection.name, [])):
            label = _entry_label(collection, index, entry)
            for spec in collection.fields:
                value = entry.get(spec.name)
                if value is None:
                    continue
                if spec.kind == "ref":
                    targets = [value]
                elif spec.kind == "refs":
                    targets = value
                elif spec.kind == "statements":
                    targets = [item["bron"] for item in value]
                else:
                    continue
                target = spec.ref or "sources"
                for ref in targets:
                    if ref not in ids.get(target, set()):
                        what = COLLECTIONS_BY_NAME[target].file
                        issues.append(
                            ContentIssue(
                                collection.file,
                                label,
                                spec.name,
                                f"verwijst naar '{ref}', maar dat staat niet in {what}",
                            )
                        )


# Optional: everyday words that the lemma table lacks and that the normaliser must never "correct" into a
# vocabulary word ("binnenkort" is not a typo of "binnenkoer").
ORDINARY_WORDS = "gewone_woorden"
FLAT_VOCABULARY = ("onbekend", ORDINARY_WORDS)  # categories that are a plain list of phrases, not value -> phrases


def _validate_vocabulary(data: Any, issues: list[ContentIssue]) -> dict[str, Any]:
    if not isinstance(data, dict) or set(data) != {VOCABULARY_KEY} or not isinstance(data[VOCABULARY_KEY], dict):
        issues.append(
            ContentIssue(
                VOCABULARY_FILE, "", "", f"moet precies één sleutel '{VOCABULARY_KEY}' met een mapping bevatten"
            )
        )
        return {}
    vocabulary = data[VOCABULARY_KEY]
    before = len(issues)
    expected = set(VOCABULARY_VALUES) | {"onbekend"}
    for name in vocabulary:
        if name not in expected | {ORDINARY_WORDS}:
            issues.append(
                ContentIssue(
                    VOCABULARY_FILE,
                    VOCABULARY_KEY,
                    str(name),
                    f"onbekende categorie; toegestaan: {', '.join(sorted(expected | {ORDINARY_WORDS}))}",
                )
            )
    for name in expected - set(vocabulary):
        issues.append(ContentIssue(VOCABULARY_FILE, VOCABULARY_KEY, name, "verplichte categorie ontbreekt"))

    def check_phrases(label: str, phrases: Any, owner: dict[str, str]) -> None:
        if not isinstance(phrases, list) or not phrases:
            issues.append(ContentIssue(VOCABULARY_FILE, label, "", "moet een niet-lege lijst van woorden zijn"))
            return
        for phrase in phrases:
            if not isinstance(phrase, str) or not phrase.strip() or phrase != phrase.lower():
                issues.append(
                    ContentIssue(VOCABULARY_FILE, label, "", f"{phrase!r} moet een tekst in kleine letters zijn")
                )
            elif phrase in owner:
                issues.append(ContentIssue(VOCABULARY_FILE, label, "", f"'{phrase}' staat ook al bij {owner[phrase]}"))
            else:
                owner[phrase] = label

    for name, allowed in VOCABULARY_VALUES.items():
        if name not in vocabulary:
            continue
        mapping = vocabulary[name]
        if not isinstance(mapping, dict) or not mapping:
            issues.append(ContentIssue(VOCABULARY_FILE, name, "", "moet per waarde een lijst van woorden geven"))
            continue
        owner: dict[str, str] = {}
        for value, phrases in mapping.items():
            if value not in allowed:
                issues.append(
                    ContentIssue(VOCABULARY_FILE, name, str(value), f"onbekende waarde; kies uit {', '.join(allowed)}")
                )
                continue
            check_phrases(f"{name}.{value}", phrases, owner)
    if "onbekend" in vocabulary:
        check_phrases("onbekend", vocabulary["onbekend"], {})
    if ORDINARY_WORDS in vocabulary:
        check_phrases(ORDINARY_WORDS, vocabulary[ORDINARY_WORDS], {})
        for word in vocabulary[ORDINARY_WORDS] if isinstance(vocabulary[ORDINARY_WORDS], list) else []:
            if isinstance(word, str) and not word.isalpha():
                issues.append(ContentIssue(VOCABULARY_FILE, ORDINARY_WORDS, "", f"'{word}' moet één woord zijn"))
    return vocabulary if len(issues) == before else {}


def validate_data(raw: Mapping[str, Any], issues: list[ContentIssue] | None = None) -> Content:
    """Validate parsed YAML documents keyed by file name; raise ContentError listing every issue."""
    issues = [] if issues is None else issues
    content = Content()
    for collection in COLLECTIONS:
        data = raw.get(collection.file)
        if data is not None:
            content.entries[collection.name] = _validate_collection(collection, data, issues)
    if raw.get(VOCABULARY_FILE) is not None:
        content.vocabulary = _validate_vocabulary(raw[VOCABULARY_FILE], issues)
    _check_references(content, issues)
    if issues:
        raise ContentError(issues)
    return content


def content_files() -> list[str]:
    """The file names that make up the content, in load order."""
    return [c.file for c in COLLECTIONS] + [VOCABULARY_FILE]


def read_content(directory: Path) -> Content:
    """Read and validate every content file in a directory; raise ContentError on any problem."""
    issues: list[ContentIssue] = []
    raw = {name: read_yaml(directory / name, issues) for name in content_files()}
    return validate_data(raw, issues)


def read_vocabulary(directory: Path | None = None) -> dict[str, Any]:
    """The validated vocabulary alone (for readers that need no database, such as the NLU component)."""
    issues: list[ContentIssue] = []
    path = (directory or Path(__file__).resolve().parent / "content") / VOCABULARY_FILE
    vocabulary = _validate_vocabulary(read_yaml(path, issues), issues)
    if issues:
        raise ContentError(issues)
    return vocabulary
