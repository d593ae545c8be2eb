"""The patches of Rasa's shell (`rasa shell` as `python -m bot.launcher.shell` runs it), on top of bot.rasa_patches:
readable Dutch only (output.py), buttons by their titles (buttons.py), our checked REST channel (channel.py) and
Rasa's log in a file instead of between the dialogue (log_file.py).

Installed by bot/launcher/shell.py, explicitly, before it starts Rasa's command line.
"""

from __future__ import annotations

from bot.rasa_patches.shell import buttons, channel, log_file, output


def install(log_path: str | None = None) -> None:
    """Put the shell's patches in place; with `log_path`, Rasa logs to that file instead of the terminal."""
    output.install()
    buttons.install()
    channel.install()
    if log_path:
        log_file.install(log_path)
