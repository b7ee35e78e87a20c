"""Run functions at the same moment, each in its own thread with its own database
connection (so each has its own transaction, as two requests in two server processes do).
Used by the concurrency tests on PostgreSQL."""

import threading
from dataclasses import dataclass

from django.db import connections


@dataclass
class Outcome:
    value: object = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def race(*calls, timeout: float = 30) -> list[Outcome]:
    """Start every call together (a barrier) and wait for all; one Outcome per call."""
    barrier = threading.Barrier(len(calls))
    outcomes = [Outcome() for _ in calls]

    def run(index, call):
        try:
            barrier.wait(timeout)
            outcomes[index].value = call()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            outcomes[index].error = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a racing call did not finish (deadlock?)"
    return outcomes
