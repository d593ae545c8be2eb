"""The Teams app package and every Adaptive Card against Microsoft's official schemas (vendored in
tests/teams/schemas/, see SOURCES.md there).

- The manifest of the built zip against the Teams manifest schema of the `manifestVersion` it declares (v1.22).
- Every card the Teams channel renders, collected from `TeamsOutput` itself: the advice card for every profile
  (every ruimte, initiatiefnemer, bewonersrol, kwetsbare_wijk and corporatie_doel, unknown included), every
  warning card, the question cards with buttons of domain.yml and of the follow-up actions, the image card. Each
  against the official Adaptive Cards schema of the version it declares (1.5), with Teams' own `msteams` card
  property taken off and checked on its own (msteams.schema.json), like the `msteams` data of every submit action.
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
import itertools
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from jsonschema import _validators, validators

from actions.formatting import advice_payload
from bot.launcher.services import ROOT
from bot.teams.cards import ADAPTIVE_CARD, ADAPTIVE_CARD_VERSION
from bot.teams.channel import TeamsOutput
from bot.teams.package.build import build
from knowledge.recommend import Profile, recommend
from knowledge.store import default_store
from tests.teams.card_walk import walk
from tests.teams.chat import APP_ID

SCHEMAS = Path(__file__).resolve().parent / "schemas"
MANIFEST_SCHEMA = SCHEMAS / "MicrosoftTeams.v1.22.schema.json"
CARD_SCHEMA = SCHEMAS / "adaptive-card.1.5.schema.json"
MSTEAMS_SCHEMA = SCHEMAS / "msteams.schema.json"
VENDORED_BLOBS = {
    MANIFEST_SCHEMA.name: "faa9bca931b31bc1101c09107ba30097911a3ee6",
    CARD_SCHEMA.name: "8301d0efef25d6626b52d6e38b20dc81dc59502e",
}

RUIMTES = ["groen", "binnentuin", "trappenhuis", "gemeenschappelijke_ruimte", "buurthuis", "speelplek", "zwembad", None]
INITIATIEFNEMERS = ["bewoners", "corporatie", "gemeente", None]
ROLLEN = ["meedenken", "toezicht", "zelf_doen", "zelf_beheren", None]


def git_blob_id(path: Path) -> str:
    """The id git gives a file's content: proves a vendored schema is Microsoft's file byte for byte."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def schema(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def errors_of(validator: Any, instance: Any) -> list[str]:
    """Every schema error as 'path: message', for readable failures."""
    found = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}" for e in found]


def manifest_validators() -> list[Any]:
    """The manifest schema as it declares itself (draft-04) and as draft-07, because it also uses `const`
    (manifestVersion), a keyword draft-04 validators ignore but Microsoft's tools enforce."""
    official = schema(MANIFEST_SCHEMA)
    jsonschema.Draft4Validator.check_schema(official)
    return [
        jsonschema.Draft4Validator(official, format_checker=jsonschema.FormatChecker()),
        jsonschema.Draft7Validator(official, format_checker=jsonschema.FormatChecker()),
    ]


def card_validator(official: dict[str, Any]) -> Any:
    """A Draft 6 validator of the official card schema whose `anyOf` remembers what it found valid.

    The schema checks every element against an `anyOf` of all element types, which makes one advice card take
    ~50 ms; the same options, facts and buttons recur across profiles. An `anyOf` verdict depends only on its
    subschemas and the instance (all references point into this one document), so remembering the valid ones
    gives exactly the official verdicts, about 40 times faster. Invalid instances are always checked again.
    """
    valid: set[tuple[int, str]] = set()

    def any_of(validator: Any, subschemas: Any, instance: Any, parent: Any) -> Iterator[Any]:
        key = (id(subschemas), json.dumps(instance, sort_keys=True, ensure_ascii=False))
        if key in valid:
            return
        errors = list(_validators.anyOf(validator, subschemas, instance, parent))
        if not errors:
            valid.add(key)
        yield from errors

    validator_class = validators.extend(jsonschema.Draft6Validator, {"anyOf": any_of})
    return validator_class(official)


# -- collecting the cards the channel sends --------------------------------------------------------------------------
class RecordingClient:
    """Stands in for the connector client: keeps every activity TeamsOutput would send."""

    def __init__(self) -> None:
        self.activities: list[dict[str, Any]] = []

    async def send_activity(
        self, service_url: str, conversation_id: str, activity: dict[str, Any], attempts: int | None = None
    ) -> None:
        self.activities.append(activity)


def all_profiles() -> list[Profile]:
    return [
        Profile(ruimte=r, initiatiefnemer=i, bewonersrol=b, kwetsbare_wijk=k, corporatie_doel=c)
        for r, i, b, k, c in itertools.product(RUIMTES, INITIATIEFNEMERS, ROLLEN, [True, False, None], [False, True])
    ]


def bot_messages() -> Iterator[dict[str, Any]]:
    """What Rasa hands the Teams channel: every advice, every warning, every question with buttons, an image."""
    store = default_store()
    warnings: dict[str, dict[str, Any]] = {}
    for profile in all_profiles():
        payload = advice_payload(recommend(store, profile))
        yield {"custom": payload}
        titles = [option["titel"] for option in payload["opties"]]
        yield {
            "text": "Over welke optie wil je meer weten?",
            "buttons": [{"title": title, "payload": f"vertel meer over {title}"} for title in titles],
        }
        for warning in payload["waarschuwingen"]:
            warnings.setdefault(warning["code"], warning)
    for warning in warnings.values():
        yield {"custom": {"type": "waarschuwing", "waarschuwingen": [warning]}}
    yield {"custom": {"type": "waarschuwing", "waarschuwingen": list(warnings.values())}}
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for variants in (domain.get("responses") or {}).values():
        for variant in variants:
            if variant.get("buttons"):
                yield {"text": variant.get("text", ""), "buttons": variant["buttons"]}
    yield {
        "text": "Kies:",
        "buttons": [
            {"title": "Bron", "payload": "https://www.platform31.nl/", "type": "web_url"},
            *({"title": f"Keuze {n}", "payload": f'/inform{{"n": {n}}}'} for n in range(7)),
        ],
    }
    yield {"image": "https://www.example.org/plattegrond.png"}


@pytest.fixture(scope="module")
def cards() -> list[dict[str, Any]]:
    client = RecordingClient()
    output = TeamsOutput(
        client,
        {
            "serviceUrl": "https://smba.trafficmanager.net/emea/",  # type: ignore[arg-type]
            "conversation": {"id": "a:schema"},
            "recipient": {"id": f"28:{APP_ID}"},
            "from": {"id": "29:user"},
        },
    )

    async def send_all() -> None:
        for message in bot_messages():
            await output.send_response("user", message)

    asyncio.run(send_all())
    found = [
        attachment["content"]
        for activity in client.activities
        for attachment in activity.get("attachments", [])
        if attachment.get("contentType") == ADAPTIVE_CARD
    ]
    assert found, "the channel rendered no Adaptive Cards"
    return found


# -- tests -----------------------------------------------------------------------------------------------------------
def test_the_vendored_schemas_are_microsofts_files_unchanged():
    for name, blob in VENDORED_BLOBS.items():
        assert git_blob_id(SCHEMAS / name) == blob, f"{name} differs from Microsoft's file (see SOURCES.md)"
    assert schema(MANIFEST_SCHEMA)["properties"]["manifestVersion"]["const"] == "1.22"
    assert schema(CARD_SCHEMA)["id"] == "http://adaptivecards.io/schemas/adaptive-card.json"


def test_the_built_package_passes_the_official_manifest_schema_of_its_version(tmp_path):
    out = build(tmp_path / "teams-app.zip", APP_ID, env={})
    manifest = json.loads(zipfile.ZipFile(out).read("manifest.json"))
    version = manifest["manifestVersion"]
    assert f"/teams/v{version}/" in manifest["$schema"] and f"v{version}" in MANIFEST_SCHEMA.name
    for validator in manifest_validators():
        assert errors_of(validator, manifest) == []
    [bot] = manifest["bots"]
    assert sorted(bot["scopes"]) == sorted(bot["commandLists"][0]["scopes"]) == ["groupChat", "personal", "team"]


def test_the_manifest_check_would_catch_what_teams_refuses(tmp_path):
    """The old lower-case `groupchat` scope, a missing field, an unknown one: the official schema says no."""
    manifest = json.loads(zipfile.ZipFile(build(tmp_path / "app.zip", APP_ID, env={})).read("manifest.json"))
    old_scope = copy.deepcopy(manifest)
    old_scope["bots"][0]["scopes"][2] = "groupchat"
    no_icons = {key: value for key, value in manifest.items() if key != "icons"}
    for validator in manifest_validators():
        assert any(error.startswith("bots/0/scopes/2:") for error in errors_of(validator, old_scope))
        assert errors_of(validator, no_icons)
        assert errors_of(validator, {**manifest, "unknownField": True})
    assert any(
        "manifestVersion" in error
        for error in errors_of(manifest_validators()[1], {**manifest, "manifestVersion": "1.17"})
    )


def test_every_card_passes_the_official_adaptive_card_schema_and_teams_msteams_property(cards):
    validator = card_validator(schema(CARD_SCHEMA))
    msteams_schema = schema(MSTEAMS_SCHEMA)
    card_properties = jsonschema.Draft6Validator(msteams_schema)
    submit_data = jsonschema.Draft6Validator({**msteams_schema, "$ref": "#/definitions/SubmitActionTeamsData"})
    failures: list[str] = []
    for number, card in enumerate(cards):
        assert card["version"] == ADAPTIVE_CARD_VERSION == "1.5"
        assert card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json"
        official_part = {key: value for key, value in card.items() if key != "msteams"}
        failures += [f"card {number}: {error}" for error in errors_of(validator, official_part)]
        if "msteams" in card:
            failures += [f"card {number} msteams: {e}" for e in errors_of(card_properties, card["msteams"])]
        for node in walk(card):
            if node.get("type") == "Action.Submit" and isinstance(node.get("data"), dict) and "msteams" in node["data"]:
                failures += [
                    f"card {number} action {node.get('title')!r}: {e}"
                    for e in errors_of(submit_data, node["data"]["msteams"])
                ]
    assert failures == [], "\n".join(failures[:20])
    advice_cards = [c for c in cards if any(str(n.get("id", "")).startswith("optie-") for n in walk(c))]
    assert len(advice_cards) == len(all_profiles()) == 960
    kinds = {"warning": "attention", "buttons": "Action.Submit", "image": "Image"}
    for kind, marker in kinds.items():  # the other cards were there too
        assert any(marker in json.dumps(c) for c in cards if c not in advice_cards), kind


def test_the_fast_validator_gives_the_official_verdicts(cards):
    """The remembering validator agrees with jsonschema's own on good cards and on broken ones."""
    fast = card_validator(schema(CARD_SCHEMA))
    plain = jsonschema.Draft6Validator(schema(CARD_SCHEMA))
    sample = {key: value for key, value in cards[0].items() if key != "msteams"}
    broken = []
    for change in ("unknown element", "bad enum", "unknown property", "text not a string", "msteams kept"):
        card = copy.deepcopy(sample)
        if change == "unknown element":
            card["body"].append({"type": "Carousel", "pages": []})
        elif change == "bad enum":
            card["body"][0]["weight"] = "extra-bold"
        elif change == "unknown property":
            card["body"][0]["kleur"] = "groen"
        elif change == "text not a string":
            card["body"][0]["text"] = 5
        else:
            card["msteams"] = {"width": "Full"}
        broken.append(card)
    for card in [sample, *broken, sample, *broken]:  # twice: remembered verdicts too
        assert fast.is_valid(card) == plain.is_valid(card)
    assert plain.is_valid(sample) and not any(plain.is_valid(card) for card in broken)
    teams_properties = jsonschema.Draft6Validator(schema(MSTEAMS_SCHEMA))
    assert teams_properties.is_valid({"width": "Full"}) and teams_properties.is_valid({"width": "full"})
    assert not teams_properties.is_valid({"width": "wide"}) and not teams_properties.is_valid({"breedte": "Full"})
