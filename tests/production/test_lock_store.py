"""bot.stores.lock.RedisLockStore against a real Redis: tickets stay unique and turns one at a time when many
processes lock the same conversation at once."""

import asyncio
import multiprocessing
import time

import pytest

from bot.stores.lock import RedisLockStore
from tests.infra import RedisServer

PROCESSES, TURNS = 6, 15


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis-locks")).start()
    yield server
    server.remove()


def store(server: RedisServer) -> RedisLockStore:
    return RedisLockStore(host="127.0.0.1", port=server.port, password=server.password, db=0, key_prefix="test")


def _issue(port: int, password: str, conversation: str, queue) -> None:
    lock_store = RedisLockStore(host="127.0.0.1", port=port, password=password, db=0, key_prefix="test")
    queue.put([lock_store.issue_ticket(conversation) for _ in range(TURNS)])


def _take_turns(port: int, password: str, conversation: str, log_key: str) -> None:
    lock_store = RedisLockStore(host="127.0.0.1", port=port, password=password, db=0, key_prefix="test")

    async def turns() -> None:
        for _ in range(TURNS):
            async with lock_store.lock(conversation, wait_time_in_seconds=0.01):
                lock_store.red.rpush(log_key, "in")  # a turn: nobody else may be inside now
                await asyncio.sleep(0.002)
                lock_store.red.rpush(log_key, "out")

    asyncio.run(turns())


def _run(target, args_per_process) -> None:
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=target, args=args) for args in args_per_process]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0


def test_tickets_issued_at_once_by_many_processes_are_unique(redis_server):
    conversation = f"tickets-{time.time_ns()}"
    queue = multiprocessing.get_context("spawn").Queue()
    _run(_issue, [(redis_server.port, redis_server.password, conversation, queue)] * PROCESSES)
    tickets = [ticket for _ in range(PROCESSES) for ticket in queue.get(timeout=10)]
    assert len(tickets) == PROCESSES * TURNS
    assert len(set(tickets)) == len(tickets), "two processes got the same ticket"
    assert len(store(redis_server).get_lock(conversation).tickets) == PROCESSES * TURNS


def test_turns_of_one_conversation_never_overlap_and_the_lock_is_removed(redis_server):
    conversation, log_key = f"turns-{time.time_ns()}", f"log-{time.time_ns()}"
    _run(_take_turns, [(redis_server.port, redis_server.password, conversation, log_key)] * PROCESSES)
    log = [entry.decode() for entry in redis_server.client().lrange(log_key, 0, -1)]
    assert log == ["in", "out"] * (PROCESSES * TURNS)
    assert store(redis_server).get_lock(conversation) is None  # cleaned up after the last turn


def test_rasa_creates_it_from_the_production_endpoints(redis_server, monkeypatch):
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import read_endpoint_config

    from bot.launcher.services import ROOT

    for name, value in {
        "ACTION_SERVER_URL": "http://127.0.0.1:1/webhook",
        "DB_HOST": "127.0.0.1",
        "DB_PORT": "1",
        "DB_NAME": "x",
        "DB_USER": "x",
        "DB_PASSWORD": "x",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(redis_server.port),
        "REDIS_PASSWORD": redis_server.password,
        "REDIS_DB": "0",
    }.items():
        monkeypatch.setenv(name, value)
    lock_store = LockStore.create(read_endpoint_config(str(ROOT / "deploy" / "endpoints.yml"), "lock_store"))
    assert isinstance(lock_store, RedisLockStore) and lock_store.key_prefix == "zelfbeheer:lock:"
    ticket = lock_store.issue_ticket("from-endpoints")
    assert redis_server.client().exists("zelfbeheer:lock:from-endpoints")
    lock_store.cleanup("from-endpoints", ticket)
    assert not redis_server.client().exists("zelfbeheer:lock:from-endpoints")
