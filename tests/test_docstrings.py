"""The examples in the package's docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import graphmodel.viz
import pytest

import graphmodel
from tests.conftest import ROOT

# Every module of the package, the views (graphmodel.viz, viz/ of the repository) included; those with
# examples are run.
MODULES = sorted(
    {
        m.name
        for package in (graphmodel, graphmodel.viz)
        for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        if not m.name.endswith("__main__")
    }
    | {"graphmodel.viz"}
)
WITH_EXAMPLES = [
    name
    for name in MODULES
    if doctest.DocTestFinder().find(importlib.import_module(name))
    and any(t.examples for t in doctest.DocTestFinder().find(importlib.import_module(name)))
]


def test_the_examples_are_found_in_the_modules_that_have_them():
    assert {
        "graphmodel.api",
        "graphmodel.viz",
        "graphmodel.catalogue",
        "graphmodel.text",
        "graphmodel.outputs",
        "graphmodel.read.frames",
        "graphmodel.present.frames",
        "graphmodel.present.xlsx",
    } <= set(WITH_EXAMPLES)


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_run(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_the_package_offers_the_api_s_names_and_nothing_else():
    import graphmodel.api

    assert list(graphmodel._API) == graphmodel.api.__all__
    assert all(getattr(graphmodel, name) is getattr(graphmodel.api, name) for name in graphmodel.api.__all__)
