"""`python -m bot.launcher.shell [rasa shell arguments]`: Rasa's shell for testing dialogues, quiet and readable.

Started by `make shell` (`python -m bot.launcher shell`, which also runs the action server). Differences with
`rasa shell` of Rasa 3.6:

- No Python warnings: the libraries' deprecation and user warnings are not shown (Rasa turns its own back on with
  `filterwarnings("once")`, so they are silenced where they are printed, `warnings.showwarning`). To see them,
  set PYTHONWARNINGS (e.g. `PYTHONWARNINGS=default make shell`).
- Readable Dutch only, buttons shown by their titles, our checked REST channel (a Dutch notice, never silence),
  and no log lines between the dialogue: Rasa's logging goes to the file named by SHELL_LOG (the launcher sets
  RUN_DIR/rasa-shell.log; without it, Rasa's usual coloured log on stderr). These are the shell's patches of
  Rasa, bot/rasa_patches/shell, installed here with the patches of every Rasa process (bot/rasa_patches).
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Any


def _hide_warning(*_: Any, **__: Any) -> None:
    """`warnings.showwarning` that shows nothing."""


def main(argv: list[str] | None = None) -> None:
    """Run `rasa shell` with these arguments, patched as described above."""
    if os.environ.get("PYTHONWARNINGS", "ignore") == "ignore":
        warnings.showwarning = _hide_warning
        warnings.simplefilter("ignore")
    # Rasa is imported only now, with the warnings silenced.
    from rasa.__main__ import main as rasa_main

    from bot import rasa_patches
    from bot.rasa_patches import shell as shell_patches

    rasa_patches.install()
    shell_patches.install(os.environ.get("SHELL_LOG"))

    sys.argv = ["rasa", "shell", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
