"""Nothing wipes a store it was not told to wipe (issue 16, part 1), against the real Neo4j of the tests.

The Neo4j benchmark deletes every node, constraint and index of the database
it runs on. Pointed at a store through NEO4J_URI (where the README has users
keep their shared store) it refuses and changes nothing; it runs on a named
database only when told to wipe it, and only if that database is empty, which
it leaves empty. The test session guards its own database the same way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from benchmarks import neo4j_load, neo4j_reload
from graphmodel.store.neo4j import Store, load, resolve_connection

sys.path.insert(0, str(Path(__file__).resolve().parent))
from neo4j_server.launcher import NotEmpty, claim_empty, contents  # noqa: E402

pytestmark = pytest.mark.neo4j

SMALL = ["--plans", "2", "--measures", "5", "--runs", "1", "--naive-plans", "0"]


def a_store_with_a_plan_in_it(server, plan) -> dict[str, int]:
    connection = resolve_connection(uri=server.uri, database=server.database, env={})
    with Store(connection) as store:
        load(store, [plan])
    held = contents(server.driver(), server.database)
    assert held["nodes"] > 0 and held["relationships"] > 0 and held["constraints"] > 0
    return held


def run_benchmark(args, capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as done:
        neo4j_load.main(args)
    return done.value.code, capsys.readouterr().err


def test_the_benchmark_refuses_the_store_in_NEO4J_URI_and_leaves_it_untouched(
    neo4j_db, skarholmen, monkeypatch, capsys, tmp_path
):
    before = a_store_with_a_plan_in_it(neo4j_db, skarholmen)
    monkeypatch.setenv("NEO4J_URI", neo4j_db.uri)
    code, said = run_benchmark([*SMALL, "--out", str(tmp_path / "result.json")], capsys)
    assert code == 2
    assert said.startswith(f"benchmarks.neo4j_load: NEO4J_URI is set ({neo4j_db.uri}), but this benchmark deletes")
    assert "Nothing was changed" in said and "--own-server" in said and "--database NAME --confirm-wipe" in said
    assert contents(neo4j_db.driver(), neo4j_db.database) == before
    assert not (tmp_path / "result.json").exists()


def test_the_reload_benchmark_refuses_the_store_in_NEO4J_URI_too(neo4j_db, skarholmen, monkeypatch, capsys):
    before = a_store_with_a_plan_in_it(neo4j_db, skarholmen)
    monkeypatch.setenv("NEO4J_URI", neo4j_db.uri)
    with pytest.raises(SystemExit) as done:
        neo4j_reload.main(["--plans", "2", "--measures", "5", "--runs", "1"])
    assert done.value.code == 2
    assert capsys.readouterr().err.startswith("benchmarks.neo4j_reload: NEO4J_URI is set (")
    assert contents(neo4j_db.driver(), neo4j_db.database) == before


def test_the_benchmark_refuses_a_named_database_that_is_not_empty(neo4j_db, skarholmen, monkeypatch, capsys):
    before = a_store_with_a_plan_in_it(neo4j_db, skarholmen)
    monkeypatch.setenv("NEO4J_URI", neo4j_db.uri)
    code, said = run_benchmark([*SMALL, "--database", neo4j_db.database, "--confirm-wipe"], capsys)
    assert code == 2
    assert f"the benchmark refuses database {neo4j_db.database!r} at {neo4j_db.uri}: it is not empty (" in said
    assert f"{before['nodes']} nodes, {before['relationships']} relationships" in said
    assert contents(neo4j_db.driver(), neo4j_db.database) == before


def test_the_benchmark_wants_the_wipe_confirmed_for_a_named_database(neo4j_db, monkeypatch, capsys):
    monkeypatch.setenv("NEO4J_URI", neo4j_db.uri)
    code, said = run_benchmark([*SMALL, "--database", neo4j_db.database], capsys)
    assert code == 2
    assert "add --confirm-wipe" in said


def test_the_benchmark_runs_on_an_empty_database_named_for_it_and_leaves_it_empty(
    neo4j_db, monkeypatch, capsys, tmp_path
):
    """``--naive-plans 0`` leaves the naive variant out (it ended in ZeroDivisionError before)."""
    monkeypatch.setenv("NEO4J_URI", neo4j_db.uri)
    out = tmp_path / "result.json"
    neo4j_load.main([*SMALL, "--database", neo4j_db.database, "--confirm-wipe", "--out", str(out)])
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["loader"]["counters"]["nodes_created"] > 0
    assert result["second_load"]["wrote_nothing"]
    assert result["naive_row_per_transaction"] == "skipped: --naive-plans 0"
    assert not any(contents(neo4j_db.driver(), neo4j_db.database).values())


def test_the_test_session_refuses_a_database_named_for_wiping_that_holds_data(neo4j_db, skarholmen):
    before = a_store_with_a_plan_in_it(neo4j_db, skarholmen)
    with pytest.raises(NotEmpty, match="the test session refuses database 'neo4j' .* Nothing was changed"):
        claim_empty(neo4j_db.driver(), neo4j_db.database, neo4j_db.uri, "the test session")
    assert contents(neo4j_db.driver(), neo4j_db.database) == before


def test_the_tests_never_see_the_users_store_variables():
    import os

    assert not {"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"} & set(os.environ)
