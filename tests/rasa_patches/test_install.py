"""bot/rasa_patches is installed explicitly, at start-up, by each of our channels as Rasa builds it from
credentials.yml, and never merely by importing our code."""

import subprocess
import sys

import pytest
import yaml
from rasa.core.actions.action import RemoteAction
from rasa.shared.utils.common import class_from_module_path

from bot.launcher.services import CREDENTIALS, ROOT, child_env
from bot.rasa_patches import action_failures, action_response_check

TEAMS = {"app_id": "00000000-0000-0000-0000-000000000001", "app_password": "geheim"}
CHANNELS = [
    *yaml.safe_load(CREDENTIALS.read_text(encoding="utf-8")),
    "bot.teams.channel.TeamsInput",
    "bot.rasa_patches.shell.channel.ShellInput",  # `rasa shell`'s channel
]


def patched() -> bool:
    """Whether every patch of bot/rasa_patches is in place."""
    return (
        RemoteAction._validate_action_result is action_response_check.validate_action_result
        and RemoteAction.run is action_failures.run
    )


@pytest.mark.parametrize("channel", CHANNELS)
def test_building_a_channel_installs_the_patches(monkeypatch, channel):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", lambda self, result: True)  # Rasa's own, as it were
    monkeypatch.setattr(RemoteAction, "run", action_failures.RASA_RUN)
    assert not patched()
    class_from_module_path(channel).from_credentials(TEAMS if "teams" in channel else {})
    assert patched()


def test_importing_our_code_patches_nothing():
    code = (
        "import bot.channels.rest, bot.channels.socketio, bot.teams.channel, bot.stores.tracker, bot.stores.lock, "
        "bot.rasa_patches, bot.launcher.run; "
        "from rasa.core.actions.action import RemoteAction; "
        "print(RemoteAction._validate_action_result.__module__, RemoteAction.run.__module__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=child_env(), capture_output=True, text=True, check=True
    )
    assert done.stdout.split()[-2:] == ["rasa.core.actions.action", "rasa.core.actions.action"]
