"""`python -m bot.retention`: delete conversations whose last event is older than the retention period.

The tracker store is read from an endpoints file with Rasa's own reader (so `${VAR}` is substituted exactly as
`rasa run` does) and opened with SQLAlchemy on the URL Rasa itself would build; Rasa's tracker store class is not
instantiated (it creates tables and retries for ever when the database is down).

A conversation (sender_id) is deleted whole, never in part: only when its newest event is older than the cut-off.
The stale conversations are found with one scan; they are then deleted in batches, one transaction per batch. In
that transaction the batch is checked again under a write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a lock that
holds back inserts into `events` for the few milliseconds of the batch), so a conversation that received a message
after the scan is kept whole. Nothing of the conversations themselves (no text, no sender ids) is printed.

Exit codes: 0 done, 1 the tracker store cannot be used (no SQL store, database unreachable), 2 a wrong number of
days (or other wrong arguments).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import NoReturn

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ENDPOINTS = ROOT / "endpoints.yml"
DEFAULT_DAYS = 365
MAX_DAYS = 36_500  # a hundred years; more cannot be written as a date before 1970 and means "keep everything"
DEFAULT_BATCH_SIZE = 500
SECONDS_PER_DAY = 86_400
CONNECT_TIMEOUT_SECONDS = 10
ENV_DAYS = "RETENTION_DAYS"
WRITE_LOCK = "zelfbeheer_write_lock"  # execution option: this transaction starts with the SQLite write lock

EXIT_OK, EXIT_STORE, EXIT_USAGE = 0, 1, 2

events = sa.table("events", sa.column("id"), sa.column("sender_id"), sa.column("timestamp"))


class RetentionError(Exception):
    """A problem with the tracker store: the message is Dutch and printed as is (exit code 1)."""


class UsageError(Exception):
    """A wrong argument or RETENTION_DAYS: the message is Dutch (exit code 2)."""


# ---------------------------------------------------------------------------------------------------------- days


def parse_days(value: str, source: str) -> int:
    """A whole, positive number of days (at most MAX_DAYS); a Dutch UsageError otherwise."""
    text = str(value).strip()
    try:
        days = int(text)
    except ValueError:
        raise UsageError(f"{source} moet een geheel aantal dagen zijn (bijvoorbeeld 365), niet {text!r}.") from None
    if days <= 0:
        raise UsageError(
            f"{source} moet groter zijn dan 0 dagen, niet {days}: "
            "0 of minder zou ook de gesprekken van vandaag verwijderen."
        )
    if days > MAX_DAYS:
        raise UsageError(f"{source} mag hoogstens {MAX_DAYS} dagen (100 jaar) zijn, niet {days}.")
    return days


def retention_days(option: str | None, environ: dict[str, str]) -> int:
    """--older-than-days, else RETENTION_DAYS, else 365."""
    if option is not None:
        return parse_days(option, "--older-than-days")
    if environ.get(ENV_DAYS, "").strip():
        return parse_days(environ[ENV_DAYS], f"{ENV_DAYS} (omgevingsvariabele)")
    return DEFAULT_DAYS


# -------------------------------------------------------------------------------------------- the tracker store


def _rasa_sql_store_class():
    with warnings.catch_warnings():  # Rasa's declarative_base() warns about SQLAlchemy 2.0 on import
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import SQLTrackerStore
    return SQLTrackerStore


def _is_sql_store(store_type: str | None) -> bool:
    """`type: SQL`, or a module path to a subclass of Rasa's SQLTrackerStore (bot.stores.tracker.SQLTrackerStore)."""
    if not store_type:
        return False
    if store_type.lower() == "sql":
        return True
    if "." not in store_type:
        return False
    import importlib

    module_name, _, class_name = store_type.rpartition(".")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            store_class = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as err:
        raise RetentionError(
            f"De tracker store {store_type!r} uit het endpoints-bestand is niet te laden: {err}."
        ) from err
    return isinstance(store_class, type) and issubclass(store_class, _rasa_sql_store_class())


def _unexpanded(values: dict[str, object]) -> list[str]:
    return [f"{key}: {value}" for key, value in values.items() if isinstance(value, str) and "${" in value]


def tracker_store_url(endpoints: Path) -> URL:
    """The SQLAlchemy URL of the SQL tracker store in the endpoints file, as Rasa builds it.

    A relative SQLite path is taken relative to the project root (where `make run` starts Rasa).
    """
    if not endpoints.is_file():
        raise RetentionError(f"Het endpoints-bestand {endpoints} bestaat niet.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rasa.utils.endpoints import read_endpoint_config

        warnings.simplefilter("ignore")  # importing Rasa put "once" filters in front; its YAML checks warn
        try:
            config = read_endpoint_config(str(endpoints), "tracker_store")
        except Exception as err:  # noqa: BLE001 - Rasa raises its own errors for unset ${VAR}s and invalid YAML
            raise RetentionError(f"Het endpoints-bestand {endpoints} is niet te lezen: {err}") from None
    if config is None:
        raise RetentionError(
            f"{endpoints} heeft geen tracker_store: Rasa houdt de gesprekken dan alleen in het "
            "geheugen en er valt niets te verwijderen."
        )
    if not _is_sql_store(config.type):
        raise RetentionError(
            f"De tracker store in {endpoints} is van het type {config.type!r}; dit commando "
            "werkt alleen met een SQL-trackerstore (type: SQL of bot.stores.tracker.SQLTrackerStore)."
        )
    kwargs = dict(config.kwargs)
    left = _unexpanded({"url": config.url, **kwargs})
    if left:
        raise RetentionError(
            f"In {endpoints} is niet elke ${{VAR}} vervangen ({'; '.join(left)}). Rasa vervangt "
            "alleen waarden zonder aanhalingstekens; zet de variabelen en haal de "
            "aanhalingstekens weg."
        )
    dialect = kwargs.get("dialect", "sqlite")
    db = kwargs.get("db", "rasa.db")
    port = kwargs.get("port")
    try:
        port = int(port) if port not in (None, "") else None
    except (TypeError, ValueError):
        raise RetentionError(f"De poort van de tracker store in {endpoints} is geen getal: {port!r}.") from None
    # login_db is only where Rasa first connects to create `db`; the events live in `db`, so it is left out here.
    url = make_url(
        _rasa_sql_store_class().get_db_url(
            dialect, config.url, port, db, kwargs.get("username"), kwargs.get("password"), None, kwargs.get("query")
        )
    )
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        if not path.is_absolute():
            url = url.set(database=str(ROOT / path))
    return url


def safe_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def make_engine(url: URL) -> Engine:
    """An engine on the tracker database that never repeats bound values in errors; writes take a lock first."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import create_engine_kwargs  # PostgreSQL schema (POSTGRESQL_SCHEMA) as Rasa

    kwargs = create_engine_kwargs(url)
    kwargs.pop("pool_size", None)
    kwargs.pop("max_overflow", None)
    backend = url.get_backend_name()
    if backend == "sqlite":
        if url.database in (None, "", ":memory:") or not Path(url.database).is_file():
            raise RetentionError(
                f"De trackerdatabase {url.database} bestaat niet. Controleer de tracker_store in "
                "het endpoints-bestand (of er zijn hier nog nooit gesprekken opgeslagen)."
            )
        # Let SQLAlchemy decide when a transaction starts, so it can be BEGIN IMMEDIATE (SQLAlchemy's recipe).
        kwargs["connect_args"] = {**kwargs.get("connect_args", {}), "isolation_level": None, "timeout": 30}
    elif backend == "postgresql":
        kwargs["connect_args"] = {**kwargs.get("connect_args", {}), "connect_timeout": CONNECT_TIMEOUT_SECONDS}
    engine = sa.create_engine(url, hide_parameters=True, future=True, **kwargs)
    if backend == "sqlite":

        @sa.event.listens_for(engine, "begin")
        def _begin(connection) -> None:  # a batch takes the write lock before it reads its conversations again
            if connection.get_execution_options().get(WRITE_LOCK):
                connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _reason(err: BaseException) -> str:
    detail = getattr(err, "orig", None) or err
    text = " ".join(str(detail).split())
    return f"{detail.__class__.__name__}: {text}" if text else detail.__class__.__name__


# ------------------------------------------------------------------------------------------------------ purging


@dataclass
class Result:
    conversations: int = 0
    events: int = 0
    batches: int = 0


def stale_conversations(engine: Engine, cutoff: float) -> list[tuple[str, int]]:
    """(sender_id, number of events) of every conversation whose newest event is older than the cut-off."""
    query = (
        sa.select(events.c.sender_id, sa.func.count())
        .group_by(events.c.sender_id)
        .having(sa.func.max(events.c.timestamp) < cutoff)
        .order_by(events.c.sender_id)
    )
    with engine.connect() as connection:
        return [(sender, count) for sender, count in connection.execute(query)]


def _batches(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def delete_batch(engine: Engine, senders: Sequence[str], cutoff: float) -> tuple[int, int]:
    """Delete these conversations if they are still stale, in one transaction; (conversations, events) deleted."""
    with engine.connect() as connection, connection.execution_options(**{WRITE_LOCK: True}).begin():
        if engine.dialect.name == "postgresql":
            # Holds back inserts (Rasa saving a new message) until this batch commits; reads go on.
            connection.exec_driver_sql("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE")
        still_stale = [
            sender
            for (sender,) in connection.execute(
                sa.select(events.c.sender_id)
                .where(events.c.sender_id.in_(list(senders)))
                .group_by(events.c.sender_id)
                .having(sa.func.max(events.c.timestamp) < cutoff)
            )
        ]
        if not still_stale:
            return 0, 0
        deleted = connection.execute(sa.delete(events).where(events.c.sender_id.in_(still_stale))).rowcount
        return len(still_stale), deleted


def purge(engine: Engine, cutoff: float, dry_run: bool, batch_size: int = DEFAULT_BATCH_SIZE) -> Result:
    """Count (dry run) or delete the stale conversations; raise RetentionError when the database fails."""
    try:
        if not sa.inspect(engine).has_table("events"):
            return Result()
        stale = stale_conversations(engine, cutoff)
        if dry_run:
            return Result(conversations=len(stale), events=sum(count for _, count in stale))
        result = Result()
        for batch in _batches([sender for sender, _ in stale], batch_size):
            conversations, deleted = delete_batch(engine, batch, cutoff)
            result.conversations += conversations
            result.events += deleted
            result.batches += 1
        return result
    except SQLAlchemyError as err:
        raise RetentionError(
            f"De trackerdatabase ({safe_url(engine.url)}) is niet bereikbaar of niet te gebruiken: {_reason(err)}"
        ) from None
    finally:
        engine.dispose()


# --------------------------------------------------------------------------------------------- command line


def _dutch_number(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


def summary(result: Result, days: int, cutoff: float, dry_run: bool) -> str:
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


class DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # argparse's signature
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "gebruik: ")


_ARGPARSE_DUTCH = (
    ("unrecognized arguments", "onbekende argumenten"),
    ("expected one argument", "verwacht een waarde"),
    ("invalid int value", "geen geheel getal"),
    ("argument ", "optie "),
)


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for english, dutch in _ARGPARSE_DUTCH:
            message = message.replace(english, dutch)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fout: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="python -m bot.retention",
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
