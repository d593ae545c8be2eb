"""The Dutch summary the retention job prints: what was (or, in a dry run, would be) deleted."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.privacy.retention.purge import Result


def _dutch_number(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


def summary(result: Result, days: int, cutoff: float, dry_run: bool) -> str:
    """Two Dutch lines: the cut-off, then what was deleted (or, in a dry run, would be)."""
    moment = datetime.fromtimestamp(cutoff, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    what = (
        f"{_dutch_number(result.conversations, 'gesprek', 'gesprekken')} "
        f"({_dutch_number(result.events, 'gebeurtenis', 'gebeurtenissen')})"
    )
    lines = [f"Bewaartermijn {days} dagen: gesprekken waarvan het laatste bericht van voor {moment} is."]
    if dry_run:
        lines.append(
            f"Proefdraai: {what} zou{'den' if result.conversations != 1 else ''} worden verwijderd. "
            "Er is niets veranderd."
        )
    else:
        transactions = _dutch_number(result.batches, "transactie", "transacties")
        lines.append(f"Verwijderd: {what}" + (f", in {transactions}." if result.batches else "."))
    return "\n".join(lines)
