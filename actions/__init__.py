"""Rasa custom actions: they translate between Rasa's trackers and the knowledge API.

The knowledge store and phrase index are built when the action server imports this package, so the first
message is not slowed down and an unusable knowledge database stops the server with a clear message (exit 3).
"""

import sys

from actions.knowledge_access import index
from knowledge.loader import KnowledgeDatabaseError

try:
    index()
except KnowledgeDatabaseError as error:
    print(f"De actieserver start niet. {error}", file=sys.stderr, flush=True)
    raise SystemExit(3) from None
