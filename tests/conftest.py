"""Shared fixtures: the real plans and the built-in registry, read once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKARHOLMEN = ROOT / "data" / "plans" / "skarholmen-2017.csv"
NORRTORP = ROOT / "data" / "plans" / "examples" / "norrtorp-2019.csv"


@pytest.fixture(scope="session")
def registry():
    from graphmodel.read.registry_file import read_registry

    return read_registry()


@pytest.fixture(scope="session")
def skarholmen(registry):
    from graphmodel.read.plans import read_plan

    return read_plan(SKARHOLMEN, registry)


@pytest.fixture(scope="session")
def norrtorp(registry):
    from graphmodel.read.plans import read_plan

    return read_plan(NORRTORP, registry)
