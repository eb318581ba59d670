"""The in-process Neo4j Community test server (tests/neo4j_server/) works end to end.

One JVM per module; a clean database per test via ``server.reset()``. If Java, Maven or the
server itself is missing or broken, these tests fail (never skip): the fixture raises with the
JVM's last output lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from neo4j_server.launcher import Neo4jTestServer, ensure_driver  # noqa: E402

ensure_driver()

import neo4j  # noqa: E402
from neo4j import GraphDatabase  # noqa: E402
from neo4j.exceptions import AuthError, ConstraintError  # noqa: E402

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def started():
    """One server for the module. A start failure is handed to the tests, which then FAIL
    with the JVM's output (an exception here would show as an ERROR at setup instead)."""
    try:
        srv = Neo4jTestServer().start()
    except Exception as e:  # noqa: BLE001 - reported by every test below
        yield e
        return
    try:
        yield srv
    finally:
        srv.stop()


def up(started) -> Neo4jTestServer:
    if isinstance(started, Exception):
        pytest.fail(f"Neo4j test server could not start:\n{started}", pytrace=False)
    return started


def fresh(started):
    """The server with a clean database, and its driver."""
    server = up(started)
    server.reset()
    return server, server.driver()


def count(driver, query: str) -> int:
    records, _, _ = driver.execute_query(query, database_="neo4j")
    return records[0][0]


def test_return_1_over_bolt_without_auth(started):
    server = up(started)
    with GraphDatabase.driver(server.uri, auth=None) as driver:
        driver.verify_connectivity()
        records, _, _ = driver.execute_query("RETURN 1 AS one", database_="neo4j")
        assert records[0]["one"] == 1
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS v, edition"
        )
        assert records[0]["v"].startswith("5.26.")
        assert records[0]["edition"] == "community"
    assert server.uri.startswith("bolt://127.0.0.1:")


def test_unique_constraint_rejects_duplicate(started):
    _, db = fresh(started)
    db.execute_query("CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE")
    # IF NOT EXISTS: a second time is a no-op, not an error.
    db.execute_query("CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE")
    db.execute_query("CREATE (:Actor {id: 'a1', name: 'Stadsdelsförvaltningen'})")
    with pytest.raises(ConstraintError):
        db.execute_query("CREATE (:Actor {id: 'a1', name: 'Polisen'})")
    # MERGE on the key is the safe way to load.
    db.execute_query("MERGE (a:Actor {id: 'a1'}) SET a.name = 'Polisen'")
    assert count(db, "MATCH (a:Actor) RETURN count(a)") == 1


def test_reset_leaves_nothing(started):
    server, db = fresh(started)
    db.execute_query("CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE")
    db.execute_query("CREATE INDEX plan_year IF NOT EXISTS FOR (p:Plan) ON (p.year)")
    db.execute_query(
        "UNWIND range(1, 500) AS i "
        "MERGE (a:Actor {id: 'a' + i}) "
        "MERGE (p:Plan {id: 'p' + (i % 7), year: 2017}) "
        "MERGE (a)-[:RESPONSIBLE_FOR]->(p)"
    )
    assert count(db, "MATCH (n) RETURN count(n)") == 507

    server.reset()

    assert count(db, "MATCH (n) RETURN count(n)") == 0
    assert count(db, "MATCH ()-[r]->() RETURN count(r)") == 0
    assert count(db, "SHOW CONSTRAINTS YIELD name RETURN count(*)") == 0
    assert count(db, "SHOW INDEXES YIELD type WHERE type <> 'LOOKUP' RETURN count(*)") == 0
    # The database is usable again at once, constraint name included.
    db.execute_query("CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE")
    db.execute_query("CREATE (:Actor {id: 'a1'})")


def test_load_csv_from_import_dir(started):
    server, db = fresh(started)
    (server.import_dir / "x.csv").write_text(
        "id,name\na1,Stadsdelsförvaltningen\na2,Polisen\na3,Skärholmens bibliotek\n",
        encoding="utf-8",
    )
    records, _, _ = db.execute_query(
        "LOAD CSV WITH HEADERS FROM 'file:///x.csv' AS row "
        "MERGE (a:Actor {id: row.id}) SET a.name = row.name "
        "RETURN a.id AS id, a.name AS name ORDER BY id"
    )
    assert [(r["id"], r["name"]) for r in records] == [
        ("a1", "Stadsdelsförvaltningen"),
        ("a2", "Polisen"),
        ("a3", "Skärholmens bibliotek"),
    ]


def test_call_in_transactions_runs_in_auto_commit_session(started):
    server, db = fresh(started)
    (server.import_dir / "many.csv").write_text("id\n" + "".join(f"a{i}\n" for i in range(2500)), encoding="utf-8")
    with db.session(database="neo4j") as session:
        session.run(
            "LOAD CSV WITH HEADERS FROM 'file:///many.csv' AS row "
            "CALL (row) { MERGE (:Actor {id: row.id}) } IN TRANSACTIONS OF 1000 ROWS"
        ).consume()
    assert count(db, "MATCH (a:Actor) RETURN count(a)") == 2500


def test_password_flag_turns_auth_on():
    with Neo4jTestServer(password="test-password-1") as srv:
        with GraphDatabase.driver(srv.uri, auth=None) as anon:
            with pytest.raises((AuthError, neo4j.exceptions.ClientError)):
                anon.verify_connectivity()
        with GraphDatabase.driver(srv.uri, auth=("neo4j", "test-password-1")) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            assert records[0]["one"] == 1


def test_start_failure_raises_with_jvm_output(monkeypatch):
    # A JVM that cannot start (heap limit below the initial heap) exits at once.
    monkeypatch.setenv("NEO4J_TEST_JVM_OPTS", "-Xmx1m")
    with pytest.raises(RuntimeError, match="exited with code .*\\n(.|\\n)*heap size"):
        Neo4jTestServer().start()


def test_start_timeout_raises_and_kills():
    srv = Neo4jTestServer(startup_timeout=0.5)
    with pytest.raises(RuntimeError, match="did not print READY within"):
        srv.start()
    assert not srv.running


def test_the_password_is_not_on_the_command_line_nor_in_the_server_log():
    """Passed on stdin: not in /proc/PID/cmdline (what ps shows), the launcher's command, the JVM's output or its logs."""
    secret = "Hemligt-l0senord-9271"
    with Neo4jTestServer(password=secret) as srv:
        cmdline = Path(f"/proc/{srv._proc.pid}/cmdline").read_bytes().decode("utf-8", "replace")
        with GraphDatabase.driver(srv.uri, auth=("neo4j", secret)) as driver:
            assert driver.execute_query("RETURN 1 AS one")[0][0]["one"] == 1
        logs = "".join(p.read_text(errors="replace") for p in (srv.home_dir / "logs").rglob("*.log"))
        assert logs, "the server wrote no log to check"
        assert secret not in cmdline and "--auth" in cmdline
        assert secret not in " ".join(srv.command or [])
        assert secret not in logs and secret not in srv.output_tail(500)
