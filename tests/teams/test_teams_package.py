"""The Teams app package: zip layout, manifest on a current schema, bot id from configuration, icons."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile

import pytest
from PIL import Image

from bot.launcher.services import ROOT
from bot.teams.package.build import PackageError, bot_id_from_credentials, build, manifest, resolve_bot_id
from tests.teams.chat import APP_ID

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("teams") / "teams-app.zip"
    build(out, APP_ID, env={})
    with zipfile.ZipFile(out) as archive:
        yield {name: archive.read(name) for name in archive.namelist()}


def test_the_zip_holds_exactly_the_manifest_and_two_icons_at_its_root(package):
    assert sorted(package) == ["color.png", "manifest.json", "outline.png"]


def test_manifest_is_on_a_current_schema_with_the_configured_bot(package):
    data = json.loads(package["manifest.json"])
    version = data["manifestVersion"]
    assert tuple(int(p) for p in version.split(".")) >= (1, 17)
    assert (
        data["$schema"] == f"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json"
    )
    assert GUID.match(data["id"]) and re.match(r"^\d+\.\d+\.\d+$", data["version"])
    [bot] = data["bots"]
    assert bot["botId"] == APP_ID
    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    assert data["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert re.match(r"^#[0-9A-Fa-f]{6}$", data["accentColor"])
    for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert data["developer"][key].startswith("https://")
    # the schema's length limits
    assert len(data["developer"]["name"]) <= 32 and len(data["name"]["short"]) <= 30
    assert len(data["name"]["full"]) <= 100
    assert len(data["description"]["short"]) <= 80 and len(data["description"]["full"]) <= 4000
    assert "{{" not in package["manifest.json"].decode()


def test_dutch_command_list_for_every_scope(package):
    [bot] = json.loads(package["manifest.json"])["bots"]
    [commands] = bot["commandLists"]
    assert sorted(commands["scopes"]) == ["groupChat", "personal", "team"]
    titles = [c["title"] for c in commands["commands"]]
    assert 1 <= len(titles) <= 10 and len(set(titles)) == len(titles)
    assert {"advies graag", "help", "samenvatting"} <= set(titles)
    for command in commands["commands"]:
        assert len(command["title"]) <= 32 and 0 < len(command["description"]) <= 128


def test_colour_icon_is_192_square_and_coloured(package):
    image = Image.open(io.BytesIO(package["color.png"]))
    assert image.format == "PNG" and image.size == (192, 192)
    colours = image.convert("RGB").getcolors(maxcolors=192 * 192)
    assert len(colours) > 2  # not a blank square


def test_outline_icon_is_32_square_white_on_transparent(package):
    image = Image.open(io.BytesIO(package["outline.png"]))
    assert image.format == "PNG" and image.size == (32, 32) and image.mode == "RGBA"
    pixels = list(image.getdata())
    assert all((r, g, b) == (255, 255, 255) for r, g, b, a in pixels if a > 0)
    transparent = sum(1 for *_, a in pixels if a == 0)
    assert 0.3 * len(pixels) < transparent < len(pixels)  # a drawing, with a transparent background


def test_bot_id_comes_from_environment_or_credentials(tmp_path, monkeypatch):
    credentials = tmp_path / "credentials.yml"
    credentials.write_text('rest:\nbot.teams.channel.TeamsInput:\n  app_id: "${MY_BOT_ID}"\n  app_password: "x"\n')
    monkeypatch.delenv("TEAMS_APP_ID", raising=False)
    monkeypatch.setenv("MY_BOT_ID", APP_ID)
    assert bot_id_from_credentials(credentials) == APP_ID
    assert resolve_bot_id(None, credentials) == APP_ID
    monkeypatch.delenv("MY_BOT_ID")
    with pytest.raises(PackageError):
        resolve_bot_id(None, credentials)
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID.upper())
    assert resolve_bot_id(None, credentials) == APP_ID.upper()
    with pytest.raises(PackageError):
        resolve_bot_id("not-a-guid", credentials)


def test_settings_are_validated():
    with pytest.raises(PackageError):
        manifest(APP_ID, {"TEAMS_PRIVACY_URL": "http://insecure.example.org"})
    assert manifest(APP_ID, {"TEAMS_APP_VERSION": "2.3.4"})["version"] == "2.3.4"


def test_command_line_builds_the_zip(tmp_path):
    out = tmp_path / "dist" / "teams-app.zip"
    env = {"TEAMS_APP_ID": APP_ID, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "bot.teams.package.build", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert zipfile.ZipFile(out).namelist() == ["manifest.json", "color.png", "outline.png"]
    failed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.teams.package.build",
            "--out",
            str(out),
            "--credentials",
            str(tmp_path / "none.yml"),
        ],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == 2 and "TEAMS_APP_ID" in failed.stderr
