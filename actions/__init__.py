"""Rasa custom actions: they translate between Rasa's trackers and the knowledge API."""
