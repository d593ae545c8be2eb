"""The action server's single knowledge store and phrase index, built once per process."""

from __future__ import annotations

from functools import lru_cache

from knowledge.matching import PhraseIndex
from knowledge.store import KnowledgeStore, default_store


def store() -> KnowledgeStore:
    """The knowledge store (built from the YAML on first use when stale)."""
    return default_store()


@lru_cache(maxsize=1)
def index() -> PhraseIndex:
    """The phrase index over the store's vocabulary."""
    return PhraseIndex(store())
