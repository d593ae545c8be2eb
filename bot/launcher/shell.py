"""`python -m bot.launcher.shell [rasa shell arguments]`: Rasa's shell for testing dialogues, quiet and readable.

Started by `make shell` (`python -m bot.launcher shell`, which also runs the action server). Differences with
`rasa shell` of Rasa 3.6:

- No Python warnings: the libraries' deprecation and user warnings are not shown (Rasa turns its own back on with
  `filterwarnings("once")`, so they are silenced where they are printed, `warnings.showwarning`). To see them,
  set PYTHONWARNINGS (e.g. `PYTHONWARNINGS=default make shell`).
- Readable Dutch only: Rasa's console prints every `custom` payload as "Custom json: {...}"
  (`rasa.core.channels.console._print_bot_output`); here payloads are left out of what the shell receives, and a
  message that was only a payload is skipped. The advice and warnings are also sent as readable text (the
  conversation contract), so nothing is lost. Buttons stay a menu to choose from, showing their titles ("1: Groen")
  without Rasa's appended intent payload (`(/inform{"ruimte": "groen"})`); choosing one still sends the payload.
- No log lines between the dialogue: Rasa's logging goes to the file named by SHELL_LOG (the launcher sets
  RUN_DIR/rasa-shell.log), message text kept out as everywhere (bot/privacy/log_filter.py). Without SHELL_LOG, Rasa's
  usual coloured log on stderr.
- The shell talks to the project's checked REST channel (`bot.channels.rest.RestInput`) instead of Rasa's
  unchecked copy, so an empty message or an unreachable action server gets a Dutch notice, never silence.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections.abc import AsyncIterator, Callable
from typing import Any

READABLE_KEYS = ("text", "buttons", "quick_replies", "image", "attachment", "elements")


def _hide_warning(*_: Any, **__: Any) -> None:
    """`warnings.showwarning` that shows nothing."""


def readable(message: dict[str, Any]) -> dict[str, Any] | None:
    """What the shell prints of a bot message: its readable parts, or None when it was only a payload."""
    shown = {key: message[key] for key in READABLE_KEYS if message.get(key)}
    return shown or None


def readable_stream(
    stream: Callable[..., AsyncIterator[dict[str, Any]]],
) -> Callable[..., AsyncIterator[dict[str, Any]]]:
    """Wrap Rasa's `_send_message_receive_stream` so that the shell only ever sees readable messages (the last
    one with buttons then becomes the shell's menu, as in Rasa)."""

    async def readable_only(*args: Any, **kwargs: Any) -> AsyncIterator[dict[str, Any]]:
        async for message in stream(*args, **kwargs):
            shown = readable(message)
            if shown is not None:
                yield shown

    return readable_only


def readable_block(send: Callable[..., Any]) -> Callable[..., Any]:
    """The same for Rasa's non-streaming `send_message_receive_block`."""

    async def readable_only(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        return [shown for shown in map(readable, await send(*args, **kwargs)) if shown is not None]

    return readable_only


def log_to_file(path: str) -> None:
    """Have Rasa log to `path` instead of the terminal: it installs its coloured stderr handler through
    `rasa.utils.io.configure_colored_logging`, replaced here by a file handler with the privacy filter."""
    from rasa.utils import io as rasa_io

    from bot.privacy import log_filter

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


def button_menu(message: dict[str, Any], is_latest_message: bool = False, color: str | None = None) -> Any:
    """Rasa's `print_buttons` with titles only: a menu whose choices carry the payloads (the latest message), else
    a numbered list."""
    import questionary
    from prompt_toolkit.styles import Style
    from rasa.cli import utils as cli_utils
    from rasa.shared.utils.cli import print_color
    from rasa.shared.utils.io import bcolors

    buttons = [b for b in message.get("buttons") or [] if isinstance(b, dict)]
    titles = [f"{n}: {b.get('title') or b.get('payload', '')}" for n, b in enumerate(buttons, start=1)]
    if not is_latest_message:
        print_color("Buttons:", color=color or bcolors.OKBLUE)
        for title in titles:
            print_color(title, color=color or bcolors.OKBLUE)
        return None
    choices = [
        questionary.Choice(title, value=str(b.get("payload") or b.get("title") or ""))
        for title, b in zip(titles, buttons, strict=True)
    ]
    choices.append(questionary.Choice(cli_utils.FREE_TEXT_INPUT_PROMPT, value=cli_utils.FREE_TEXT_INPUT_PROMPT))
    return questionary.select(
        message.get("text") or "", choices, style=Style([("qmark", "#6d91d3"), ("", "#6d91d3"), ("answer", "#b373d6")])
    )


async def chosen_payload(question: Any) -> str | None:
    """What a `button_menu` answer sends: the chosen button's payload (None when cancelled)."""
    return await question.ask_async()


def install() -> None:
    """Patch Rasa's console and its `cmdline` channel (before `rasa shell` runs)."""
    from rasa.cli import utils as cli_utils
    from rasa.core import channels
    from rasa.core.channels import console

    from bot.channels.rest import RestInput

    class ShellInput(RestInput):
        """The checked REST channel under the name Rasa's shell looks for (`cmdline`), at the REST URL."""

        @classmethod
        def name(cls) -> str:
            return "cmdline"

        def url_prefix(self) -> str:
            return RestInput.name()

    console._send_message_receive_stream = readable_stream(console._send_message_receive_stream)
    console.send_message_receive_block = readable_block(console.send_message_receive_block)
    console.print_buttons = button_menu
    cli_utils.payload_from_button_question = chosen_payload
    channels.BUILTIN_CHANNELS["cmdline"] = ShellInput


def main(argv: list[str] | None = None) -> None:
    """Run `rasa shell` with these arguments, patched as described above."""
    if os.environ.get("PYTHONWARNINGS", "ignore") == "ignore":
        warnings.showwarning = _hide_warning
        warnings.simplefilter("ignore")
    install()
    if os.environ.get("SHELL_LOG"):
        log_to_file(os.environ["SHELL_LOG"])
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", "shell", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
