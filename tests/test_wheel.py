"""Installed as a user installs it: the built wheel in a fresh virtualenv, run from a folder outside the checkout.

Only an editable install inside a clone used to work: the registry and the Cypher library were found
relative to the checkout, and the wheel put a top-level package named ``viz`` into site-packages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import graphmodel

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = dist.glob("graphmodel-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The ``bin`` folder of a fresh virtualenv with the wheel and its dependencies installed."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=1200,
    )
    return bin_dir


def test_the_wheel_holds_one_package_and_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"graphmodel", f"graphmodel-{graphmodel.__version__}.dist-info"}
    for needed in (
        "graphmodel/viz/page.py",
        "graphmodel/data/actors.csv",
        "graphmodel/data/plans/skarholmen-2017.csv",
        "graphmodel/cypher/queries/depends-on.cypher",
        "graphmodel/cypher/schema/actor-key.cypher",
        "graphmodel/cli/view.py",
    ):
        assert needed in names


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(bin_dir / "graphmodel"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_installed_command_runs_the_main_job_outside_the_checkout(installed, tmp_path):
    shutil.copy(ROOT / "data" / "plans" / "skarholmen-2017.csv", tmp_path / "plan.csv")
    report = _run(installed, tmp_path, "report", "plan.csv", "-o", "out")
    assert report.returncode == 0, report.stderr
    assert len(list((tmp_path / "out").iterdir())) == 13
    assert "Read 1 plan: 17 measures, 23 actors (0 unknown)" in report.stdout

    view = _run(installed, tmp_path, "view", "plan.csv", "--actor", "Polisen", "-o", "polisen.html")
    assert view.returncode == 0, view.stderr
    assert "vis-network" in (tmp_path / "polisen.html").read_text(encoding="utf-8")

    gaps = _run(installed, tmp_path, "gaps", "plan.csv", "--format", "json", "--as-of", "2026-01-01")
    assert gaps.returncode == 0, gaps.stderr
    assert len(json.loads(gaps.stdout)) == 19

    queries = _run(installed, tmp_path, "neo4j", "queries")
    assert queries.returncode == 0, queries.stderr
    assert "depends-on" in queries.stdout


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path):
    code = "import graphmodel, graphmodel.viz; print(graphmodel.__file__); print(graphmodel.viz.__file__)"
    out = subprocess.run(
        [str(installed / "python"), "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    ).stdout
    assert str(ROOT) not in out and out.count("site-packages") == 2
