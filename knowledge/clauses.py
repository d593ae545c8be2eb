"""Where clauses and sentences of professionals' Dutch break, for the readers that look at one clause at a time."""

from __future__ import annotations

import re

CLAUSE_BREAK = re.compile(r"[,;.!?]|\b(maar|en|of|want)\b")
SENTENCE_BREAK = re.compile(r"[;!?]|\.(?!\d)")  # "150.000 euro" is one sentence


def before(text: str, start: int, breaks: re.Pattern[str]) -> str:
    """The part of the text from the last break before `start` up to `start`."""
    begin = max((m.end() for m in breaks.finditer(text, 0, start)), default=0)
    return text[begin:start]
