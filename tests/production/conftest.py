"""The production topology as local processes (tests/topology.py): PostgreSQL (tracker store and knowledge store),
Redis (lock store), one action server and two Rasa processes with two Sanic workers each, configured by
deploy/endpoints.yml. Started once for the session, when a production test first asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.topology import Topology

SANIC_WORKERS = 2


@pytest.fixture(scope="session")
def topology(tmp_path_factory) -> Iterator[Topology]:
    """Start the whole topology once for the production tests; remove it afterwards."""
    with Topology(tmp_path_factory.mktemp("production")) as system:
        system.start_rasa(processes=2, workers=SANIC_WORKERS)
        yield system
