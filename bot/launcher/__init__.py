"""Starting the advisor on this machine: `python -m bot.launcher serve|shell` (`make run`, `make shell`)."""
