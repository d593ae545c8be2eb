"""Session-wide settings: quiet TensorFlow, no telemetry, a knowledge database of the test session's own."""
import os
import tempfile
from pathlib import Path

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="zelfbeheer-tests-"))
os.environ.setdefault("KNOWLEDGE_DB_URL", f"sqlite:///{_SESSION_DIR / 'knowledge.sqlite'}")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent
