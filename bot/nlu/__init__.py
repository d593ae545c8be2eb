"""Rasa NLU components of the advisor (listed in config.yml by their module path)."""
