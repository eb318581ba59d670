"""The same plans give the same files, byte for byte, on every run: a coordinator can diff this year's
report against last year's, and a file under version control changes only when the plan does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synthetic import write_corpus

pytestmark = pytest.mark.slow


def _report(plans: Path, out: Path, hash_seed: str) -> dict[str, bytes]:
    # Python salts string hashes per process: a set of names is walked in another order in each run.
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run(
        [sys.executable, "-m", "graphmodel.cli", "report", "--as-of", "2026-01-01", "-o", str(out), str(plans)],
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_two_runs_of_the_report_on_the_same_plans_write_the_same_bytes(tmp_path):
    plans = tmp_path / "plans"
    write_corpus(plans, 12, 40)  # twelve organisations, each with roles of the same names
    first = _report(plans, tmp_path / "first", "1")
    second = _report(plans, tmp_path / "second", "2")
    assert len(first) == 13
    assert [name for name in first if first[name] != second.get(name)] == []
