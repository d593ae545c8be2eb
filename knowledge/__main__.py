"""Entry point of `python -m knowledge`."""

import sys

# The command line never uses TensorFlow, but spaCy's thinc imports it when it is installed (Rasa needs it), which
# costs seconds for `--motivatie`. This one-shot process marks it absent, so thinc runs without it.
sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]

from knowledge.cli import main  # noqa: E402  (after the line above on purpose)

sys.exit(main())
