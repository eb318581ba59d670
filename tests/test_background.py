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
