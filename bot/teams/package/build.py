"""Build the Microsoft Teams app package: `python -m bot.teams.package.build --out dist/teams-app.zip`.

The bot id (the Azure Bot's Microsoft App ID) comes from `--bot-id`, else TEAMS_APP_ID, else the `app_id` of the
`bot.teams.channel.TeamsInput` section in credentials.yml. Optional settings (environment):

| variable | default |
|---|---|
| TEAMS_MANIFEST_ID | the bot id (the Teams app id; any GUID) |
| TEAMS_APP_VERSION | the project version |
| TEAMS_DEVELOPER_NAME | Zelfbeheer-adviseur |
| TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL | https://www.example.org/zelfbeheer-adviseur[/privacy,/terms] |
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from bot.teams.package.icons import color_icon, outline_icon, png_bytes

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
TEMPLATE = HERE / "manifest.template.json"
CHANNEL_KEY = "bot.teams.channel.TeamsInput"
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")
DEFAULT_SITE = "https://www.example.org/zelfbeheer-adviseur"
ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed timestamps: the same input gives the same zip


class PackageError(Exception):
    pass


def bot_id_from_credentials(path: Path) -> str | None:
    """The Teams channel's app_id in a credentials file (with ${VARS} expanded), if it is configured there."""
    if not path.exists():
        return None
    section = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(CHANNEL_KEY) or {}
    value = section.get("app_id") if isinstance(section, dict) else None
    if not value:
        return None
    expanded = os.path.expandvars(str(value))
    return None if "$" in expanded else expanded


def resolve_bot_id(explicit: str | None, credentials: Path) -> str:
    bot_id = explicit or os.environ.get("TEAMS_APP_ID") or bot_id_from_credentials(credentials)
    if not bot_id:
        raise PackageError(
            "Geen bot-id: zet TEAMS_APP_ID (de Microsoft App ID van de Azure Bot), geef --bot-id, "
            f"of configureer app_id onder {CHANNEL_KEY} in credentials.yml."
        )
    bot_id = bot_id.strip()
    if not GUID.match(bot_id):
        raise PackageError(
            f"De bot-id {bot_id!r} is geen GUID (de Microsoft App ID ziet eruit als "
            "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."
        )
    return bot_id


def project_version() -> str:
    try:
        version = metadata.version("zelfbeheer-adviseur")
    except metadata.PackageNotFoundError:
        version = "1.0.0"
    return version if SEMVER.match(version) else "1.0.0"


def _fill(node: Any, values: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {key: _fill(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [_fill(value, values) for value in node]
    if isinstance(node, str):
        return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], node)
    return node


def manifest(bot_id: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """The manifest for this bot id, from the template and the optional settings."""
    env = dict(os.environ if env is None else env)
    values = {
        "BOT_ID": bot_id,
        "MANIFEST_ID": env.get("TEAMS_MANIFEST_ID") or bot_id,
        "VERSION": env.get("TEAMS_APP_VERSION") or project_version(),
        "DEVELOPER_NAME": env.get("TEAMS_DEVELOPER_NAME") or "Zelfbeheer-adviseur",
        "WEBSITE_URL": env.get("TEAMS_WEBSITE_URL") or DEFAULT_SITE,
        "PRIVACY_URL": env.get("TEAMS_PRIVACY_URL") or f"{DEFAULT_SITE}/privacy",
        "TERMS_URL": env.get("TEAMS_TERMS_URL") or f"{DEFAULT_SITE}/terms",
    }
    if not GUID.match(values["MANIFEST_ID"]):
        raise PackageError(f"TEAMS_MANIFEST_ID {values['MANIFEST_ID']!r} is geen GUID.")
    if not SEMVER.match(values["VERSION"]):
        raise PackageError(f"TEAMS_APP_VERSION {values['VERSION']!r} is geen versie als 1.2.3.")
    for key in ("WEBSITE_URL", "PRIVACY_URL", "TERMS_URL"):
        if not values[key].startswith("https://"):
            raise PackageError(f"TEAMS_{key} moet een https-adres zijn, niet {values[key]!r}.")
    if len(values["DEVELOPER_NAME"]) > 32:
        raise PackageError("TEAMS_DEVELOPER_NAME mag hoogstens 32 tekens zijn.")
    return _fill(json.loads(TEMPLATE.read_text(encoding="utf-8")), values)


def build(out: Path, bot_id: str, env: dict[str, str] | None = None) -> Path:
    """Write the zip with manifest.json, color.png and outline.png at its root."""
    files = {
        "manifest.json": json.dumps(manifest(bot_id, env), ensure_ascii=False, indent=2).encode("utf-8"),
        "color.png": png_bytes(color_icon()),
        "outline.png": png_bytes(outline_icon()),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.teams.package.build", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "teams-app.zip")
    parser.add_argument("--bot-id", help="the Microsoft App ID of the Azure Bot (default: TEAMS_APP_ID)")
    parser.add_argument("--credentials", type=Path, default=ROOT / "credentials.yml")
    args = parser.parse_args(argv)
    try:
        bot_id = resolve_bot_id(args.bot_id, args.credentials)
        out = build(args.out, bot_id)
    except PackageError as error:
        print(error, file=sys.stderr)
        return 2
    print(
        f"Teams-app gebouwd: {out} (bot {bot_id}). Upload dit bestand in Teams: Apps > Apps beheren > Een app uploaden."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
