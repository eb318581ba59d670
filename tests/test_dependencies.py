"""The dependencies pyproject.toml declares are the ones the code imports: no more, no fewer, and the
lowest bounds are the versions of constraints/lowest.txt, which CI runs the fast tests against."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_top_level_names() -> set[str]:
    names = set()
    for folder in ("graphmodel", "viz"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"graphmodel", "__future__"}


def test_every_declared_dependency_is_imported_and_every_imported_one_declared():
    distributions = packages_distributions()
    imported = {distributions[name][0].lower().replace("_", "-") for name in _imported_top_level_names()}
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    assert imported == declared


def test_the_lowest_versions_tested_are_the_declared_lower_bounds():
    bounds = {_name(r): Version(r.split(">=")[1].split(",")[0]) for r in PYPROJECT["project"]["dependencies"]}
    lines = (ROOT / "constraints" / "lowest.txt").read_text(encoding="utf-8").splitlines()
    pinned = {
        name: Version(version)
        for name, version in (line.split("==") for line in lines if line and not line.startswith("#"))
    }
    assert pinned == bounds
