"""Rasa's SQL tracker store, with two production settings Rasa 3.6 does not expose in endpoints.yml.

Configured as `type: bot.stores.tracker.SQLTrackerStore` (deploy/endpoints.yml); every other key is Rasa's own
(dialect, url, port, db, username, password, login_db, query).

- `pool_pre_ping`: a pooled connection is checked before use, so after PostgreSQL restarts the next message is
  handled on a fresh connection instead of failing on a dead one.
- `hide_parameters`: database errors do not repeat the bound values (the events' JSON, i.e. what professionals
  typed), so message text never reaches the logs through an error.
- A database error during a user's turn stops the turn (`TurnAborted`): the channel apologises and nothing is
  stored. Rasa itself would fall back to an empty in-memory tracker, answer from a blank conversation and keep the
  turn only in memory, lost for good once the database is back. Outside a turn (Rasa's HTTP API) Rasa's own
  fallback applies.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core import tracker_store as rasa_tracker_store
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import SQLAlchemyError

from bot.turn.guard import TurnAborted, turn_in_progress


class SQLTrackerStore(rasa_tracker_store.SQLTrackerStore):
    """Rasa's `SQLTrackerStore` whose engine pings pooled connections and hides bound parameters in errors."""

    engine: sa.engine.Engine

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, pool_pre_ping=True, hide_parameters=True, **rasa_tracker_store.create_engine_kwargs(url)
        )
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        try:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        except SQLAlchemyError as error:
            _abort_turn(error)
            raise

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the tracker's new events (one transaction, as Rasa does)."""
        try:
            await super().save(tracker)
        except SQLAlchemyError as error:
            _abort_turn(error)
            raise


def _abort_turn(error: SQLAlchemyError) -> None:
    """Inside a user's turn, stop it: see the module docstring."""
    if turn_in_progress():
        raise TurnAborted("de gespreksdatabase is niet bereikbaar") from error
