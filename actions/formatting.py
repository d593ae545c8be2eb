"""Dutch text and contract payloads for the actions.

They are built in the knowledge layer (knowledge/presentation.py), so that the bot and the maintainers' command line
(`python -m knowledge advise --json`) send exactly the same advice; the actions import them from here.
"""

from knowledge.presentation import (
    Citations,
    advice_payload,
    advice_text,
    statements_text,
    summary_markdown,
    warning_payload,
)

__all__ = ["Citations", "advice_payload", "advice_text", "statements_text", "summary_markdown", "warning_payload"]
