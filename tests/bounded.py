"""Tests that must end: a time limit on a block, and a check that work grows linearly with its input.

A regression to quadratic reading or writing then fails instead of hanging CI. Growth is compared
rather than wall-clock time, so a busy machine does not make the tests flaky.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from contextlib import contextmanager

import pytest


@contextmanager
def within(seconds: int):
    """Fail (rather than hang) if the block takes longer than ``seconds``."""

    def expired(*_):
        raise TimeoutError(f"did not finish within {seconds} s: super-linear again?")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def fastest(work: Callable[[], object], repeat: int = 3) -> float:
    """The best of ``repeat`` timings of ``work()``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def grows_linearly(
    make: Callable[[int], object],
    work: Callable[[object], object] | None = None,
    small: int = 1_000,
    factor: int = 10,
    slack: float = 0.3,
    what: str = "",
) -> None:
    """Asserts that ``factor`` × the input takes under 3 × ``factor`` × the time, plus ``slack`` seconds.

    ``make(n)`` gives the input of size ``n`` and ``work(input)`` does the job; without ``work``,
    ``make(n)`` gives the job itself. Measured twice before failing: another process can stall
    one measurement, but quadratic growth fails both.
    """
    work = work or (lambda job: job())
    little_input, big_input = make(small), make(small * factor)
    work(little_input)  # warm up: imports, caches
    with within(60):
        for _attempt in range(2):
            little = fastest(lambda: work(little_input))
            big = fastest(lambda: work(big_input), repeat=2)
            if big < 3 * factor * little + slack:
                return
    pytest.fail(f"{what}: {little:.4f} s at {small}, {big:.4f} s at {small * factor}")
