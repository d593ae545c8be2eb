"""Every change this project makes to Rasa's own code (Rasa Open Source 3.6.21), in one place.

Each module here replaces one piece of Rasa and says at its top what it replaces and why. tests/rasa_patches/ has a
test per patch that fails when the Rasa code the patch replaces or relies on changes: on a Rasa upgrade, check the
patch against the new code, then update the test.

Nothing is patched on import. `install()` puts the patches in place. It is called at start-up by each of our input
channels' `from_credentials` (bot/channels/rest.py, bot/channels/socketio.py, bot/teams/channel.py): that is code
Rasa runs in every `rasa run` of ours, because credentials.yml names our REST and socket.io channels, and in `rasa
shell`, whose `cmdline` channel is our REST channel too (bot/rasa_patches/shell/channel.py). Rasa builds the
channels in its main process before it starts the Sanic workers, which are forked from it and so inherit the
patches. Rasa's shell has patches of its own (bot/rasa_patches/shell), which bot/launcher/shell.py installs with
these.
"""

from bot.rasa_patches import action_failures, action_response_check, form_activation


def install() -> None:
    """Put every patch of Rasa in place (idempotent)."""
    action_response_check.install()
    action_failures.install()
    form_activation.install()
