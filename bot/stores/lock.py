"""Rasa's Redis lock store, with its read-modify-write steps made atomic.

Configured as `type: bot.stores.lock.RedisLockStore` (deploy/endpoints.yml); the keys are Rasa's own (url, port, db,
username, password, use_ssl, key_prefix, socket_timeout) and so is the ticket lock stored in Redis.

Rasa Open Source 3.6 issues a ticket by reading the conversation's lock from Redis, adding a ticket and writing it
back, with nothing in between to stop another process doing the same (RasaHQ/rasa#9213; the concurrent variant
moved to Rasa Pro). Two Rasa processes or Sanic workers receiving messages of one conversation at the same moment
then get the same ticket, handle the turns at once, and the SQL tracker store keeps only one of them. Here every
change to a lock runs in a Redis optimistic transaction (WATCH / MULTI / EXEC) and is retried when another
process changed the lock first.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from rasa.core import lock_store as rasa_lock_store
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
Change = Callable[[TicketLock | None], tuple[TicketLock | None, T]]


class RedisLockStore(rasa_lock_store.RedisLockStore):
    """Rasa's `RedisLockStore` whose ticket changes are atomic across processes."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Rasa creates a lock store named by module path with its endpoint config only; tests pass the keys."""
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change_atomically(self, conversation_id: str, change: Change[T]) -> T:
        """Apply `change` to the stored lock in one transaction; a lock changed to None is deleted."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(stored)) if stored else None
                    new_lock, result = change(lock)
                    pipe.multi()
                    if new_lock is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new_lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another process changed this lock between our read and write: read again

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue the next ticket of the conversation's lock (created when missing)."""

        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change_atomically(conversation_id, issue)
        except Exception as error:  # as Rasa does: every failure to get a ticket is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Remove the lock's expired tickets."""

        def expire(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change_atomically(conversation_id, expire)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove a served ticket, keeping the lock."""
        self._finish(conversation_id, ticket_number, delete_when_empty=False)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove a served ticket, and the lock when no one else holds a ticket (in one step, so that a ticket
        issued meanwhile is never deleted with the lock)."""
        self._finish(conversation_id, ticket_number, delete_when_empty=True)

    def _finish(self, conversation_id: str, ticket_number: int, delete_when_empty: bool) -> None:
        def remove(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (None if delete_when_empty and not lock.is_someone_waiting() else lock), None

        self._change_atomically(conversation_id, remove)
