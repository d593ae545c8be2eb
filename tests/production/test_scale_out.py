"""Two Rasa processes (two Sanic workers each) sharing the PostgreSQL tracker store and the Redis lock store."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conversation import ADVICE, Conversation, customs
from tests.production.conftest import SANIC_WORKERS

pytestmark = pytest.mark.slow

INTAKE = [
    "ik wil graag advies over zelfbeheer",
    "het gaat om de binnentuin achter ons complex",
    "de bewoners zelf kwamen met het idee",
    "ze willen zelf schoffelen, maaien en snoeien",
    "nee, het is geen kwetsbare wijk",
]


def test_every_rasa_process_runs_several_sanic_workers(topology):
    assert len(topology.rasa) == 2
    for rasa in topology.rasa:
        pid = rasa.process.pid
        workers = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        assert len(workers) == SANIC_WORKERS, workers
    for rasa in topology.rasa:  # every worker loaded the model and serves
        log = rasa.log.read_text(errors="replace")
        assert log.count("Rasa server is up and running") == SANIC_WORKERS


def test_a_conversation_alternating_between_processes_reaches_the_advice(topology):
    professional = Conversation(topology.urls, "prod")  # message 1 to process 1, message 2 to process 2, ...
    for text in INTAKE[:-1]:
        professional.say(text)
    [advice] = customs(professional.say(INTAKE[-1]), ADVICE)
    assert advice["profiel"] == {
        "ruimte": "binnentuin",
        "initiatiefnemer": "bewoners",
        "bewonersrol": "zelf_doen",
        "kwetsbare_wijk": False,
        "corporatie_doel": False,
    }
    assert topology.stored_user_texts(professional.sender) == INTAKE
    first, second = (professional.tracker(url) for url in topology.urls)
    assert first["events"] == second["events"]  # both processes read the same conversation


def test_simultaneous_messages_of_one_conversation_are_handled_one_at_a_time(topology):
    professional = Conversation(topology.urls, "prod")
    professional.say("ik wil graag advies over zelfbeheer")
    questions = [f"wat betekent zelfbeheer precies? (vraag {n})" for n in range(6)]
    with ThreadPoolExecutor(len(questions)) as pool:
        responses = list(
            pool.map(
                lambda pair: professional.post(*pair),
                [(text, topology.urls[n % 2]) for n, text in enumerate(questions)],
            )
        )
    assert [r.status_code for r in responses] == [200] * len(questions)
    assert all(r.json() for r in responses), "een bericht bleef zonder antwoord"
    events = topology.stored_events(professional.sender)
    stored = [e["text"] for e in events if e["event"] == "user"]
    assert sorted(stored[1:]) == sorted(questions) and len(stored) == 1 + len(questions)
    # The lock store serialises the turns: every user message is answered before the next one is read.
    kinds = [e["event"] if e["event"] != "action" else e["name"] for e in events]
    turns = [kinds[i] for i in range(len(kinds)) if kinds[i] == "user" or kinds[i] == "action_listen"]
    assert turns[-2 * len(questions) :] == ["user", "action_listen"] * len(questions)


def test_the_lock_store_is_redis(topology):
    professional = Conversation(topology.urls, "prod")
    before = topology.redis.client().info("commandstats")
    professional.say("hallo")
    after = topology.redis.client().info("commandstats")
    calls = lambda stats: sum(v["calls"] for k, v in stats.items() if k != "cmdstat_info")  # noqa: E731
    assert calls(after) > calls(before)
