"""The report draws its views in a second process on Linux: the same files, and no failure lost."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import graphmodel.api as api
from graphmodel.analyse.gaps import GapSettings
from graphmodel.background import can_fork, in_background
from graphmodel.errors import GraphmodelError

ROOT = Path(__file__).resolve().parents[1]
SKARHOLMEN = ROOT / "data" / "plans" / "skarholmen-2017.csv"

needs_fork = pytest.mark.skipif(not can_fork(), reason="forking is only used on Linux with two or more cores")


def _pid_and_square(x):
    return os.getpid(), x * x


@needs_fork
def test_work_in_the_background_runs_in_another_process_and_gives_its_result():
    pid, value = in_background(_pid_and_square, 7).result()
    assert (value, pid != os.getpid()) == (49, True)


def _dies_in_the_child(parent: int):
    if os.getpid() != parent:
        os._exit(9)  # as if killed, or out of memory
    return "done here"


@needs_fork
def test_a_background_process_that_dies_leaves_the_work_to_this_one():
    assert in_background(_dies_in_the_child, os.getpid()).result() == "done here"


def _fails():
    raise GraphmodelError("the plan says no")


@pytest.mark.parametrize("fork", [True, False] if can_fork() else [False])
def test_an_error_in_the_background_work_reaches_the_caller_as_itself(fork):
    with pytest.raises(GraphmodelError, match="the plan says no"):
        in_background(_fails, fork=fork).result()


@needs_fork
def test_the_report_is_the_same_file_for_file_with_the_views_drawn_in_a_second_process(tmp_path):
    settings = GapSettings(as_of=dt.date(2026, 1, 1))
    alone = api.report([SKARHOLMEN], tmp_path / "alone", settings=settings, fork=False)
    forked = api.report([SKARHOLMEN], tmp_path / "forked", settings=settings, fork=True)
    assert [p.name for p in forked.written] == [p.name for p in alone.written]
    assert {p.name: p.read_bytes() for p in forked.written} == {p.name: p.read_bytes() for p in alone.written}


@needs_fork
def test_the_report_s_views_and_graph_files_are_really_drawn_by_the_second_process(tmp_path, monkeypatch):
    drawn_by = tmp_path / "drawn-by"
    draw = api._draw

    def recording(*args):
        drawn_by.write_text(str(os.getpid()))
        return draw(*args)

    monkeypatch.setattr(api, "_draw", recording)
    api.report([SKARHOLMEN], tmp_path / "out", settings=GapSettings(as_of=dt.date(2026, 1, 1)), fork=True)
    assert int(drawn_by.read_text()) != os.getpid()


@needs_fork
def test_no_process_to_fork_means_the_work_is_done_here(monkeypatch):
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert in_background(_pid_and_square, 3, fork=True).result() == (os.getpid(), 9)


@needs_fork
def test_a_failing_report_stops_the_second_process_before_it_removes_the_files(tmp_path, monkeypatch):
    import errno
    import multiprocessing

    import graphmodel.present.exports as exports

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exports, "write_gaps_xlsx", full)
    data = api.report_data(api.read_plans([SKARHOLMEN]), api.build_graph(api.read_plans([SKARHOLMEN])))
    with pytest.raises(GraphmodelError, match="No space left"):
        api.write_report(data, tmp_path / "out", fork=True)
    assert multiprocessing.active_children() == []
    assert list((tmp_path / "out").iterdir()) == []


INTERRUPTED = """
import os, signal, sys, time
from graphmodel.background import in_background

def slow_and_big():
    time.sleep(2)
    return "x" * 20_000_000  # more than a pipe holds: the child blocks on sending it

def stop(number, frame):
    sys.exit(143)

signal.signal(signal.SIGALRM, stop)
signal.alarm(1)
job = in_background(slow_and_big, fork=True)
try:
    job.result()
finally:
    print("children left:", len(__import__("multiprocessing").active_children()), flush=True)
"""


@needs_fork
def test_an_interrupted_wait_ends_both_processes_instead_of_hanging():
    import subprocess
    import sys
    import time

    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", INTERRUPTED], capture_output=True, text=True, timeout=60)
    assert done.returncode == 143 and "children left: 0" in done.stdout
    assert time.monotonic() - start < 20
