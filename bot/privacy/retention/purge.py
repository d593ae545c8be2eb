"""Finding and deleting the conversations whose newest event is older than the cut-off, in batches of one
transaction each (see bot/privacy/retention/__init__.py for the locking)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.privacy.retention import RetentionError
from bot.privacy.retention.settings import safe_url

DEFAULT_BATCH_SIZE = 500
CONNECT_TIMEOUT_SECONDS = 10
WRITE_LOCK = "zelfbeheer_write_lock"  # execution option: this transaction starts with the SQLite write lock

events = sa.table("events", sa.column("id"), sa.column("sender_id"), sa.column("timestamp"))


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


@dataclass
class Result:
    """What a purge found or deleted: conversations, their events, and the transactions it took."""

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
