"""`python -m bot.privacy.retention [--older-than-days N] [--dry-run] [--endpoints PAD] [--batch-size AANTAL]`:
the command line, in Dutch (see bot/privacy/retention/__init__.py).

Exit codes: 0 done, 1 the tracker store cannot be used (no SQL store, database unreachable), 2 a wrong number of
days (or other wrong arguments).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from bot.privacy.retention import RetentionError, UsageError
from bot.privacy.retention.purge import DEFAULT_BATCH_SIZE, make_engine, purge
from bot.privacy.retention.report import summary
from bot.privacy.retention.settings import (
    DEFAULT_DAYS,
    DEFAULT_ENDPOINTS,
    ENV_DAYS,
    retention_days,
    safe_url,
    tracker_store_url,
)

SECONDS_PER_DAY = 86_400
EXIT_OK, EXIT_STORE, EXIT_USAGE = 0, 1, 2


class DutchHelpFormatter(argparse.HelpFormatter):
    """argparse's help with a Dutch "gebruik:" line."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # argparse's signature
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "gebruik: ")


_ARGPARSE_DUTCH = (
    ("unrecognized arguments", "onbekende argumenten"),
    ("expected one argument", "verwacht een waarde"),
    ("invalid int value", "geen geheel getal"),
    ("argument ", "optie "),
)


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse's errors in Dutch, with exit code 2."""

    def error(self, message: str) -> NoReturn:
        for english, dutch in _ARGPARSE_DUTCH:
            message = message.replace(english, dutch)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fout: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The Dutch command line of the retention job."""
    parser = DutchArgumentParser(
        prog="python -m bot.privacy.retention",
        add_help=False,
        formatter_class=DutchHelpFormatter,
        description="Verwijdert uit de trackerstore elk gesprek waarvan het laatste bericht ouder is dan N dagen "
        "(hele gesprekken, nooit een deel).",
        epilog=f"Zonder --older-than-days geldt {ENV_DAYS} (standaard {DEFAULT_DAYS}). Afsluitcodes: 0 klaar, "
        "1 trackerstore niet te gebruiken of niet bereikbaar, 2 verkeerd aantal dagen.",
    )
    parser._optionals.title = "opties"
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument(
        "--older-than-days",
        metavar="N",
        help=f"bewaartermijn in dagen (geheel getal > 0); standaard {ENV_DAYS} of {DEFAULT_DAYS}",
    )
    parser.add_argument("--dry-run", action="store_true", help="alleen tellen wat verwijderd zou worden")
    parser.add_argument(
        "--endpoints",
        metavar="PAD",
        type=Path,
        help="endpoints-bestand met de tracker_store (standaard endpoints.yml van het project; "
        "een relatief SQLite-pad geldt vanaf de projectmap, zoals bij 'make run')",
    )
    parser.add_argument(
        "--batch-size",
        metavar="AANTAL",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        help=f"gesprekken per transactie (standaard {DEFAULT_BATCH_SIZE})",
    )
    return parser


def main(argv: Sequence[str] | None = None, environ: dict[str, str] | None = None, now: float | None = None) -> int:
    """Run the retention job; the exit code (EXIT_OK, EXIT_STORE, EXIT_USAGE)."""
    args = build_parser().parse_args(argv)
    environ = dict(os.environ if environ is None else environ)
    try:
        days = retention_days(args.older_than_days, environ)
        if args.batch_size < 1:
            raise UsageError("--batch-size moet minstens 1 zijn.")
    except UsageError as err:
        print(f"Fout: {err}", file=sys.stderr)
        return EXIT_USAGE
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    endpoints = args.endpoints or DEFAULT_ENDPOINTS
    try:
        url = tracker_store_url(endpoints)
        result = purge(make_engine(url), cutoff, args.dry_run, args.batch_size)
    except RetentionError as err:
        print(f"Fout: {err}", file=sys.stderr)
        return EXIT_STORE
    print(f"Trackerdatabase: {safe_url(url)}")
    print(summary(result, days, cutoff, args.dry_run))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
