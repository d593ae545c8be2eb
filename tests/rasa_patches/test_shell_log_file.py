"""bot/rasa_patches/shell/log_file.py: when Rasa's command line configures its logging, the shell's log goes to a
file, cleaned by the privacy filter, and nothing to the terminal."""

import subprocess
import sys

from bot.launcher.services import ROOT, child_env
from tests.rasa_patches.rasa_source import assert_unchanged

RELIED_ON = {
    # replaced: the coloured handler on stderr
    ("rasa.utils.io", "configure_colored_logging"): "c597cdbbb7015507",
    # relied on: Rasa's command line calls it through rasa.utils.io once the arguments are read
    ("rasa.__main__", "main"): "403bf08bf4dc191b",
}
SHELL_LOGGING = """
import logging, sys
from bot.rasa_patches.shell import log_file
log_file.install(sys.argv[1])
import rasa.utils.io
rasa.utils.io.configure_colored_logging("INFO")
logging.getLogger("rasa.core.channels.rest").error("rest.message.received.failure text='geheim1234'")
print([type(handler).__name__ for handler in logging.getLogger().handlers])
"""


def test_rasa_logs_to_the_file_through_the_privacy_filter(tmp_path):
    log = tmp_path / "rasa-shell.log"
    done = subprocess.run(
        [sys.executable, "-c", SHELL_LOGGING, str(log)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "['FileHandler']"
    assert "geheim1234" not in done.stderr
    written = log.read_text(encoding="utf-8")
    assert "rest.message.received.failure" in written and "[weggelaten]" in written and "geheim1234" not in written


def test_rasa_code_it_relies_on_is_unchanged():
    assert_unchanged(RELIED_ON, "bot/rasa_patches/shell/log_file.py")
