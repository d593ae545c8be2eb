"""Rasa input/output channels of the project (configured by class path in credentials.yml)."""
