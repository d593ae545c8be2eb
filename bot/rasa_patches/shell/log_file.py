"""Patch: in the shell, Rasa logs to a file instead of between the dialogue (Rasa 3.6.21).

Replaces `rasa.utils.io.configure_colored_logging`, through which Rasa's command line (`rasa.__main__.main`)
installs its coloured log handler on stderr, by one that logs to a file instead, with the privacy filter
(bot/privacy/log_filter.py), as everywhere.

Why: log lines between the bot's answers make the shell unreadable. The launcher names the file in SHELL_LOG
(RUN_DIR/rasa-shell.log).
"""

from __future__ import annotations

import logging
import sys

from rasa.utils import io as rasa_io

from bot.privacy import log_filter


def install(path: str) -> None:
    """Have Rasa log to `path` (replacing the terminal handlers) when it configures its logging."""

    def to_file(_loglevel: str | None = None) -> None:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "stream", None) in (sys.stderr, sys.stdout):
                root.removeHandler(handler)
        handler = logging.FileHandler(path, mode="w", encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-8s %(name)s  - %(message)s"))
        root.addHandler(handler)
        log_filter.install()

    rasa_io.configure_colored_logging = to_file
