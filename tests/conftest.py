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


STORE_VARIABLES = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")


def pytest_configure(config):
    """The tests never see the user's store: NEO4J_URI and its companions (the variables the README has
    users export for their shared store) are removed from this process's environment, so neither a test
    nor a command it runs can reach that store. A test that wants a server says which, by its fixture."""
    import os

    for name in STORE_VARIABLES:
        os.environ.pop(name, None)


@pytest.fixture(scope="session")
def neo4j_server():
    """The Neo4j the store tests use, and wipe before every test: the in-process test server
    (tests/neo4j_server/) started once, or a database named for wiping on a server of your own:
    NEO4J_TEST_URI with NEO4J_TEST_WIPE_DATABASE=NAME (NEO4J_TEST_USERNAME, NEO4J_TEST_PASSWORD), used
    only if it is empty when the session starts. Never the server in NEO4J_URI. If the server cannot
    start or the named database is not empty, every test using it FAILS (never skips)."""
    import os
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from neo4j_server.launcher import Neo4jTestServer, NotEmpty, claim_empty, ensure_driver

    ensure_driver()
    if os.environ.get("NEO4J_TEST_URI"):
        try:
            server = _ExternalNeo4j(os.environ)
            claim_empty(server.driver(), server.database, server.uri, "the test session")
        except (NotEmpty, _NoDatabaseNamed) as error:
            yield error
            return
        yield server
        server.reset()  # it was empty: leave it empty
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


class _NoDatabaseNamed(RuntimeError):
    pass


class _ExternalNeo4j:
    """A database the tests were told they may wipe: NEO4J_TEST_URI, NEO4J_TEST_WIPE_DATABASE,
    NEO4J_TEST_USERNAME, NEO4J_TEST_PASSWORD. Its data is wiped per test."""

    def __init__(self, environ):
        self.uri = environ["NEO4J_TEST_URI"]
        self.database = environ.get("NEO4J_TEST_WIPE_DATABASE")
        if not self.database:
            raise _NoDatabaseNamed(
                "NEO4J_TEST_URI is set without NEO4J_TEST_WIPE_DATABASE: name the (empty) database the tests "
                "may wipe before every test, or unset NEO4J_TEST_URI to let them start a server of their own."
            )
        password = environ.get("NEO4J_TEST_PASSWORD")
        self.auth = (environ.get("NEO4J_TEST_USERNAME", "neo4j"), password) if password else None
        self.import_dir = None
        self._driver = None

    @property
    def env(self) -> dict[str, str]:
        """NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE for child processes (the CLI)."""
        env = {"NEO4J_URI": self.uri, "NEO4J_DATABASE": self.database}
        if self.auth:
            env.update(NEO4J_USERNAME=self.auth[0], NEO4J_PASSWORD=self.auth[1])
        return env

    def driver(self):
        if self._driver is None:
            from neo4j import GraphDatabase

            self._driver = GraphDatabase.driver(self.uri, auth=self.auth)
        return self._driver

    def reset(self):
        from neo4j_server.launcher import Neo4jTestServer

        Neo4jTestServer.reset(self)  # the same Cypher reset, on this database


@pytest.fixture()
def neo4j_db(neo4j_server):
    """A clean database (no nodes, constraints or indexes) on the session's server."""
    if isinstance(neo4j_server, Exception):
        pytest.fail(f"Neo4j test server could not be used:\n{neo4j_server}", pytrace=False)
    neo4j_server.reset()
    return neo4j_server


def pytest_collection_modifyitems(items):
    """A test that uses the Neo4j server is marked ``neo4j``, wherever it is (``-m "not neo4j"`` leaves it out)."""
    for item in items:
        if {"neo4j_db", "neo4j_server"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)
