"""bot/rasa_patches/shell/channel.py: Rasa's shell talks to our checked REST channel, and the shell's patches are
installed together."""

from bot.rasa_patches import shell
from bot.rasa_patches.shell import buttons
from tests.rasa_patches.rasa_source import assert_unchanged

RELIED_ON = {
    # replaced: Rasa's own channel of `rasa shell` (its name, its URL)
    ("rasa.core.channels.console", "CmdlineInput"): "48b12bc4cb098e9f",
    # relied on: `rasa shell` serves the `cmdline` channel, looked up in BUILTIN_CHANNELS when the server starts
    ("rasa.cli.shell", "shell"): "a8b71cf0b1ba5f93",
    ("rasa.core.run", "_create_single_channel"): "d4bd57caf7388c25",
}


def test_the_shell_uses_the_checked_rest_channel_under_rasas_name():
    from rasa.cli import utils as cli_utils
    from rasa.core import channels
    from rasa.core.channels import console

    from bot.channels.rest import RestInput

    saved = (
        dict(channels.BUILTIN_CHANNELS),
        console._send_message_receive_stream,
        console.send_message_receive_block,
        console.print_buttons,
        cli_utils.payload_from_button_question,
    )
    try:
        shell.install()
        channel = channels.BUILTIN_CHANNELS["cmdline"].from_credentials(None)
        assert isinstance(channel, RestInput) and channel.name() == "cmdline" and channel.url_prefix() == "rest"
        assert console.print_buttons is buttons.button_menu
    finally:
        channels.BUILTIN_CHANNELS.clear()
        channels.BUILTIN_CHANNELS.update(saved[0])
        (console._send_message_receive_stream, console.send_message_receive_block, console.print_buttons) = saved[1:4]
        cli_utils.payload_from_button_question = saved[4]


def test_rasa_code_it_relies_on_is_unchanged():
    assert_unchanged(RELIED_ON, "bot/rasa_patches/shell/channel.py")
