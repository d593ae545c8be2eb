"""bot/rasa_patches/shell/buttons.py: the shell's button menu shows titles and answers with payloads."""

from typing import Any

from bot.rasa_patches.shell import buttons
from tests.rasa_patches.rasa_source import assert_unchanged

RELIED_ON = {
    # replaced: the menu, and reading the chosen payload back from it
    ("rasa.core.channels.console", "print_buttons"): "5160e15fe66fee93",
    ("rasa.cli.utils", "payload_from_button_question"): "de1e670de8b2b138",
    # relied on: the console calls both through their modules, with these arguments
    ("rasa.core.channels.console", "_print_bot_output"): "9cfbce7c68cc9bd2",
    ("rasa.core.channels.console", "_get_user_input"): "14458cd40bbffbd2",
}


def test_the_button_menu_shows_titles_and_answers_with_payloads(monkeypatch):
    import questionary
    from rasa.cli.utils import FREE_TEXT_INPUT_PROMPT

    asked: dict[str, Any] = {}
    monkeypatch.setattr(questionary, "select", lambda text, choices, **_: asked.update(text=text, choices=choices))
    message = {
        "text": "Om welke ruimte gaat het?",
        "buttons": [
            {"title": "Groen", "payload": '/inform{"ruimte": "groen"}'},
            {"title": "Binnentuin", "payload": '/inform{"ruimte": "binnentuin"}'},
        ],
    }
    buttons.button_menu(message, is_latest_message=True)
    assert asked["text"] == "Om welke ruimte gaat het?"
    assert [(c.title, c.value) for c in asked["choices"]] == [
        ("1: Groen", '/inform{"ruimte": "groen"}'),
        ("2: Binnentuin", '/inform{"ruimte": "binnentuin"}'),
        (FREE_TEXT_INPUT_PROMPT, FREE_TEXT_INPUT_PROMPT),
    ]


def test_an_earlier_button_list_prints_titles_only(capsys):
    assert buttons.button_menu({"text": "x", "buttons": [{"title": "Groen", "payload": "/inform{}"}]}) is None
    printed = capsys.readouterr().out
    assert "1: Groen" in printed and "/inform" not in printed


def test_a_chosen_button_sends_its_payload_as_it_is():
    import asyncio

    class Question:
        async def ask_async(self) -> str:
            return '/inform{"ruimte": "groen"}'

    assert asyncio.run(buttons.chosen_payload(Question())) == '/inform{"ruimte": "groen"}'


def test_rasa_code_it_relies_on_is_unchanged():
    assert_unchanged(RELIED_ON, "bot/rasa_patches/shell/buttons.py")
