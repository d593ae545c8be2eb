"""Patch: Rasa's shell talks to our checked REST channel (Rasa 3.6.21).

Replaces the `cmdline` entry of `rasa.core.channels.BUILTIN_CHANNELS`, Rasa's `CmdlineInput` (an unchecked copy of
its REST channel, which `rasa shell` serves and its console posts to), by `ShellInput`: our REST channel
(bot/channels/rest.py) under that name, at the same URL.

Why: so that an empty message or an unreachable action server gets a Dutch notice in the shell too, never silence.
"""

from __future__ import annotations

from rasa.core import channels

from bot.channels.rest import RestInput


class ShellInput(RestInput):
    """The checked REST channel under the name Rasa's shell looks for (`cmdline`), at the REST URL."""

    @classmethod
    def name(cls) -> str:
        return "cmdline"

    def url_prefix(self) -> str:
        return RestInput.name()


def install() -> None:
    """Register `ShellInput` as Rasa's `cmdline` channel (idempotent)."""
    channels.BUILTIN_CHANNELS["cmdline"] = ShellInput
