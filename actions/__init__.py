"""Rasa custom actions: they translate between Rasa's trackers and the knowledge API.

The knowledge store and phrase index are built when the action server imports this package, so the first
message is not slowed down and an unusable knowledge database stops the server with a clear message.
"""
from actions.knowledge_access import index

index()
