"""Rasa's SQL tracker store, with two production settings Rasa 3.6 does not expose in endpoints.yml.

Configured as `type: bot.tracker_store.SQLTrackerStore` (deploy/endpoints.yml); every other key is Rasa's own
(dialect, url, port, db, username, password, login_db, query).

- `pool_pre_ping`: a pooled connection is checked before use, so after PostgreSQL restarts the next message is
  handled on a fresh connection instead of failing on a dead one.
- `hide_parameters`: database errors do not repeat the bound values (the events' JSON, i.e. what professionals
  typed), so message text never reaches the logs through an error.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core import tracker_store as rasa_tracker_store

from bot import rasa_speedups

rasa_speedups.install()


class SQLTrackerStore(rasa_tracker_store.SQLTrackerStore):
    """Rasa's `SQLTrackerStore` whose engine pings pooled connections and hides bound parameters in errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, hide_parameters=True,
                                       **rasa_tracker_store.create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
