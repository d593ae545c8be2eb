"""What our NLU components that read the knowledge vocabulary share."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

from knowledge.normalise import Normaliser, vocabulary_normaliser


class NormalisingComponent(GraphComponent):
    """A non-trainable component with the normaliser over the knowledge vocabulary shipped with the code."""

    def __init__(self, normaliser: Normaliser) -> None:
        self.normaliser = normaliser

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NormalisingComponent:
        """The component with the process-wide vocabulary normaliser."""
        return cls(vocabulary_normaliser())
