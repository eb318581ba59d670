"""Issue 9, part C: inputs that used to hang, crash or quietly corrupt the way from table to plan.

Each test is a reproduction from the issue. Timing tests compare growth (ten times the input
must not take thirty times as long), with a generous absolute floor and an alarm, so that a
busy machine does not make them flaky and a regression to quadratic time fails quickly.
"""

from __future__ import annotations

import re
import signal
import time
from contextlib import contextmanager

import pytest

import graphmodel.read.phrases as phrases
import graphmodel.read.status as status
import graphmodel.registry as registry_module
from graphmodel.read.phrases import split_actor_cell
from graphmodel.read.registry_file import read_registry
from graphmodel.read.status import parse_status


@pytest.fixture(scope="module")
def registry():
    return read_registry()


@contextmanager
def alarm(seconds: int):
    """Fail instead of hanging when something regresses to quadratic time."""
    def stop(*_):
        raise TimeoutError(f"took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def fastest(work, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def grows_linearly(make, work, small: int, factor: int = 10, slack: float = 0.3, what: str = "") -> None:
    """Asserts that ``factor`` × the input takes under 3 × ``factor`` × the time, plus ``slack`` seconds.

    Measured twice before failing: another process can stall one measurement, but
    quadratic growth fails both.
    """
    little_input, big_input = make(small), make(small * factor)
    with alarm(30):
        for _attempt in range(2):
            little = fastest(lambda: work(little_input))
            big = fastest(lambda: work(big_input), repeat=2)
            if big < 3 * factor * little + slack:
                return
    pytest.fail(f"{what}: {little:.4f} s at {small}, {big:.4f} s at {small * factor}")


# --- 1. the splitter on runs of whitespace and separators ---------------------------------

REPEATED = [" ", "\t", "\n", " \n\t ", "\u00a0", ", ", ", , , ,", "och ", "och och och ", "/ / /", "(((((", ")",
            "()", "(a) ", "- - -", "a- ", "a-, ", "a-,", "vid behov ", "i vissa fall ", "m.fl. ",
            "representanter från ", "Socialtjänsten ", "Övriga ", "chef a och b ", "\x00", "\x000\x00"]


@pytest.mark.parametrize("unit", REPEATED)
@pytest.mark.parametrize("with_registry", [False, True])
def test_a_run_of_spaces_or_separators_in_an_actor_cell_is_read_in_linear_time(unit, with_registry, registry):
    reg = registry if with_registry else None
    grows_linearly(lambda n: "Polisen" + unit * max(1, n // len(unit)) + "Säpo",
                   lambda cell: split_actor_cell(cell, reg), 1_000, what=repr(unit))


@pytest.mark.parametrize("space", [" ", "\t", "\u3000"])
def test_a_cell_of_fifty_thousand_spaces_between_two_names_is_two_actors_at_once(space, registry):
    with alarm(10):
        found = split_actor_cell("Polisen," + space * 50_000 + "Säpo", registry)
    assert [p.name for p in found] == ["Polisen", "Säpo"]


def test_line_breaks_still_separate_actors_after_whitespace_is_folded(registry):
    assert [p.name for p in split_actor_cell("Polisen \r\n\r\n  Säpo\rFryshuset", registry)] == [
        "Polisen", "Säpo", "Fryshuset"]


def test_a_nul_and_digits_in_a_cell_do_not_crash_the_splitter(registry):
    assert [p.name for p in split_actor_cell("Polisen \x000\x00 Säpo, \x0012\x00", registry)] == [
        "Polisen 0 Säpo", "12"]


PATTERN_MODULES = (phrases, status, registry_module)
UNITS = [" ", "\t", "\n", ", ", "a", "a-", "a- ", "a-,", "a-, ", "-", "(", "\x00", "\x000", "0", "2017 ", "och ",
         "chef ", "vt ", "kvartal ", ".", " .", "m.fl. ", "ej ", "fr.o.m ", "i vissa fall ", "vid behov "]


def module_patterns():
    return [pytest.param(value, id=f"{module.__name__.rsplit('.', 1)[-1]}.{name}")
            for module in PATTERN_MODULES for name, value in vars(module).items() if isinstance(value, re.Pattern)]


@pytest.mark.parametrize("pattern", module_patterns())
def test_no_pattern_of_the_reading_path_backtracks_badly_on_a_repeated_unit(pattern):
    for unit in UNITS:
        for work in (pattern.search, pattern.findall, lambda s: pattern.sub("x", s)):
            grows_linearly(lambda n: unit * max(1, n // len(unit)), work, 2_000, slack=0.1, what=f"{unit!r} {work}")
