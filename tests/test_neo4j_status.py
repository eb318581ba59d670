"""`graphmodel neo4j status`: what the store holds, against the real Neo4j of the tests (issue 16, part 5)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import NORRTORP, SKARHOLMEN

import graphmodel as gm
from graphmodel.cli import main
from graphmodel.store.neo4j import plan_rows

pytestmark = pytest.mark.neo4j


def cli(args, server):
    return CliRunner().invoke(main, args, env=server.env, catch_exceptions=False)


def test_what_does_an_empty_store_hold(neo4j_db):
    shown = cli(["neo4j", "status"], neo4j_db)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == (
        f"Neo4j at {neo4j_db.uri} (database 'neo4j'): 0 plan(s), 0 measures, 0 actors, 0 relationships; "
        "never loaded by graphmodel.\n"
    )


def test_which_plans_are_in_the_store_with_their_hash_and_last_load(neo4j_db, registry):
    assert cli(["neo4j", "load", str(SKARHOLMEN), str(NORRTORP)], neo4j_db).exit_code == 0
    shown = cli(["neo4j", "status", "--format", "json"], neo4j_db)
    assert shown.exit_code == 0, shown.output
    held = json.loads(shown.stdout)
    plans = gm.read_plans([SKARHOLMEN, NORRTORP], registry)
    graph = gm.build_graph(plans)
    labels = [d["label"] for _, d in graph.nodes(data=True)]
    assert (held["plans"], held["measures"], held["actors"], held["relationships"]) == (
        2,
        labels.count("Measure"),
        labels.count("Actor"),
        graph.number_of_edges(),
    )
    by_plan = {p["plan"]: p for p in held["plan_list"]}
    for plan in plans:
        row = by_plan[plan.info.id]
        assert row["measures"] == len(plan.measures)
        assert row["load_hash"] == plan_rows(plan, registry).hash
        assert row["year"] == plan.info.year and row["loaded_by"] == gm.__version__
    assert held["last_load"] == max(p["loaded_at"] for p in held["plan_list"])

    table = cli(["neo4j", "status"], neo4j_db)
    assert table.stdout.startswith(f"Neo4j at {neo4j_db.uri} (database 'neo4j'): 2 plan(s), ")
    assert f"last load {held['last_load']}." in table.stdout
    assert "Plans in the store" in table.stdout and "skarholmen" in table.stdout.casefold()


def test_loading_an_unchanged_plan_again_keeps_its_last_load(neo4j_db):
    cli(["neo4j", "load", str(SKARHOLMEN)], neo4j_db)
    before = json.loads(cli(["neo4j", "status", "--format", "json"], neo4j_db).stdout)
    cli(["neo4j", "load", str(SKARHOLMEN)], neo4j_db)
    after = json.loads(cli(["neo4j", "status", "--format", "json"], neo4j_db).stdout)
    assert after == before
