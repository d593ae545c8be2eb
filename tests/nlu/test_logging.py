"""Loading the trained model keeps Rasa's logging as configured (see bot/nlu/__init__.py)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.launcher.services import MODEL

pytestmark = pytest.mark.slow


def test_loading_the_model_leaves_the_root_logger_level_alone():
    from rasa.core.agent import load_agent

    root = logging.getLogger()
    before = root.level
    root.setLevel(logging.INFO)
    try:
        asyncio.run(load_agent(model_path=str(MODEL)))
        assert root.level == logging.INFO
    finally:
        root.setLevel(before)
