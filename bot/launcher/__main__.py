"""`python -m bot.launcher serve|shell`: see bot/launcher/run.py."""

import sys

from bot.launcher.run import main

sys.exit(main())
