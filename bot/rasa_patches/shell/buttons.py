"""Patch: buttons in Rasa's shell show their titles only (Rasa 3.6.21).

Replaces `rasa.core.channels.console.print_buttons`, which turns a message's buttons into the shell's menu, and
`rasa.cli.utils.payload_from_button_question`, which reads the chosen button's payload back from the menu entry.

Why: Rasa shows each button as its title with the intent payload appended ("1: Groen (/inform{"ruimte":
"groen"})") and cuts the payload out of that text again when one is chosen, which breaks on payloads with
brackets. Here the menu shows "1: Groen" and each choice carries its payload as its value, so choosing one still
sends the payload.
"""

from __future__ import annotations

from typing import Any

import questionary
from prompt_toolkit.styles import Style
from rasa.cli import utils as cli_utils
from rasa.core.channels import console
from rasa.shared.utils.cli import print_color
from rasa.shared.utils.io import bcolors


def button_menu(message: dict[str, Any], is_latest_message: bool = False, color: str | None = None) -> Any:
    """Rasa's `print_buttons` with titles only: a menu whose choices carry the payloads (the latest message), else
    a numbered list."""
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
    """Put the menu and the reading of its answer in place (idempotent)."""
    console.print_buttons = button_menu
    cli_utils.payload_from_button_question = chosen_payload
