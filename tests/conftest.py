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


# -- Neo4j (issue 5): one real server per session, a clean database per test ------------------


@pytest.fixture(scope="session")
def neo4j_server():
    """The Neo4j the store tests use: the server at NEO4J_URI if set, else the in-process test server
    (tests/neo4j_server/) started once. If it cannot start, every test using it FAILS (never skips)."""
    import os
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from neo4j_server.launcher import Neo4jTestServer, ensure_driver

    ensure_driver()
    if os.environ.get("NEO4J_URI"):
        yield _ExternalNeo4j(os.environ)
        return
    try:
        server = Neo4jTestServer().start()
    except Exception as error:  # noqa: BLE001 - reported as a failure by neo4j_db
        yield error
        return
    try:
        yield server
    finally:
        server.stop()


class _ExternalNeo4j:
    """A server given by NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE: its data is wiped per test."""

    def __init__(self, environ):
        self.uri = environ["NEO4J_URI"]
        self.database = environ.get("NEO4J_DATABASE", "neo4j")
        password = environ.get("NEO4J_PASSWORD")
        self.auth = (environ.get("NEO4J_USERNAME", "neo4j"), password) if password else None
        self.env = {k: v for k, v in environ.items() if k.startswith("NEO4J_")}
        self.import_dir = None
        self._driver = None

    def driver(self):
        if self._driver is None:
            from neo4j import GraphDatabase

            self._driver = GraphDatabase.driver(self.uri, auth=self.auth)
        return self._driver

    def reset(self):
        from neo4j_server.launcher import Neo4jTestServer

        Neo4jTestServer.reset(self)  # the same Cypher reset, on this server


@pytest.fixture()
def neo4j_db(neo4j_server):
    """A clean database (no nodes, constraints or indexes) on the session's server."""
    if isinstance(neo4j_server, Exception):
        pytest.fail(f"Neo4j test server could not start:\n{neo4j_server}", pytrace=False)
    neo4j_server.reset()
    return neo4j_server


def pytest_collection_modifyitems(items):
    """A test that uses the Neo4j server is marked ``neo4j``, wherever it is (``-m "not neo4j"`` leaves it out)."""
    for item in items:
        if {"neo4j_db", "neo4j_server"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)
