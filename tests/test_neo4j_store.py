"""The Neo4j loader and CLI against a real server (tests/neo4j_server/, or a database named for wiping).

Idempotent loads (the server's counters say nothing was created), edited-plan
reloads that remove what is gone and leave other plans alone, all-or-nothing
per plan, text that only ever travels as parameters, CSV export read back with
LOAD CSV, and one clear line with exit code 2 when the server is down, the
password is wrong or the database does not exist.
"""

from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import NORRTORP, SKARHOLMEN

import graphmodel as gm
from graphmodel.cli import main
from graphmodel.store.neo4j import LoadFailed, Store, export_csv, load, load_csv, resolve_connection
from graphmodel.store.twins import TWINS, answer

pytestmark = pytest.mark.neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent))


def store_for(server) -> Store:
    c = resolve_connection(uri=server.uri, database=server.database, env={})
    if server.auth:
        c = resolve_connection(
            uri=server.uri, username=server.auth[0], password=server.auth[1], database=server.database, env={}
        )
    return Store(c)


def snapshot(server) -> tuple[dict, set]:
    """Every node (label, id) with its properties, every relationship (start, type, end). A plan's
    ``loaded_at`` and ``loaded_by`` (when and by which graphmodel it was last written) are left out."""
    db = server.driver()
    records, _, _ = db.execute_query(
        "MATCH (n) RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props", database_=server.database
    )
    nodes = {
        (r["label"], r["id"]): {k: v for k, v in r["props"].items() if k not in ("loaded_at", "loaded_by")}
        for r in records
    }
    records, _, _ = db.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p", database_=server.database
    )
    edges = {(r["a"], r["t"], r["b"], tuple(sorted(r["p"].items()))) for r in records}
    return nodes, edges


def graph_shape(graph) -> tuple[set, set]:
    labels = {n: d["label"] for n, d in graph.nodes(data=True)}
    nodes = {(d["label"], d["id"]) for _, d in graph.nodes(data=True)}
    edges = {(graph.nodes[u]["id"], k, graph.nodes[v]["id"]) for u, v, k in graph.edges(keys=True)}
    assert all(labels.values())
    return nodes, edges


def assert_same_as_networkx(server, plans):
    nodes, edges = snapshot(server)
    want_nodes, want_edges = graph_shape(gm.build_graph(plans))
    assert set(nodes) == want_nodes
    assert {(a, t, b) for a, t, b, _ in edges} == want_edges


@pytest.fixture(scope="module")
def both(registry):
    return gm.read_plans([SKARHOLMEN, NORRTORP], registry)


def test_load_matches_graph_and_second_load_creates_nothing(neo4j_db, both):
    with store_for(neo4j_db) as store:
        first = load(store, both)
        second = load(store, both)
        forced = load(store, both, force=True)  # every MERGE runs again (no skip by load_hash)
    assert first.new_plans == 2 and first.counters["nodes_created"] > 0 and first.unchanged_plans == 0
    assert second.new_plans == 0 and second.unchanged_plans == 2
    assert second.counters == dict.fromkeys(second.counters, 0)  # unchanged plans are skipped: not one write
    assert forced.new_plans == 0 and forced.unchanged_plans == 0 and forced.counters["properties_set"] > 0
    for again in (second, forced):
        assert again.counters["nodes_created"] == 0 and again.counters["relationships_created"] == 0
        assert again.counters["nodes_deleted"] == 0 and again.counters["relationships_deleted"] == 0
    assert_same_as_networkx(neo4j_db, both)
    nodes, _ = snapshot(neo4j_db)
    graph = gm.build_graph(both)
    for (label, node_id), props in nodes.items():
        key = f"plan:{node_id}" if label == "Plan" else node_id
        data = graph.nodes[key]
        for name in ("name", "text", "kind", "title", "row", "state", "due", "area", "level"):
            assert props.get(name) == data.get(name), (node_id, name)
        if label == "Actor":
            assert props.get("aliases", []) == [a for a in data.get("aliases", "").split("|") if a]
    constraints, _, _ = neo4j_db.driver().execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes RETURN labelsOrTypes")
    assert {r[0][0] for r in constraints} == {"Plan", "Measure", "Actor"}


def test_unchanged_plan_is_skipped_by_its_statement_too(neo4j_db, both, monkeypatch):
    """The loader reads the stored hashes first; if the plan was written in between, its statement skips it."""
    from graphmodel.store import neo4j as store_module

    with store_for(neo4j_db) as store:
        load(store, both)
        monkeypatch.setattr(store_module, "_stored_hashes", lambda store, plans: {})
        again = load(store, both)
    assert again.unchanged_plans == 2 and again.new_plans == 0
    assert again.counters == dict.fromkeys(again.counters, 0)


def _edit_norrtorp(tmp_path: Path) -> Path:
    """Norrtorp with its first measure row gone and the rows naming its unknown actors gone."""
    raw = NORRTORP.read_bytes().decode("cp1252").split("\r\n")
    header, rows = raw[0], [r for r in raw[1:] if r]
    kept = [r for r in rows[1:] if "Polisn" not in r and "Bostads" not in r]
    edited = tmp_path / "norrtorp-2019.csv"
    edited.write_bytes(("\r\n".join([header, *kept]) + "\r\n").encode("cp1252"))
    shutil.copy(NORRTORP.with_name("norrtorp-2019.plan.toml"), tmp_path / "norrtorp-2019.plan.toml")
    return edited


RELOADS = {
    "one-statement-per-plan": {},
    "large-plans-in-chunks": {"batch_size": 7},  # several statements per plan, still one transaction
    "plans-from-an-older-loader": {"legacy": True},  # plan nodes without load_hash and actors: prune by scan
}


@pytest.mark.parametrize("how", list(RELOADS))
def test_reload_of_edited_plan_removes_what_is_gone_and_keeps_other_plans(neo4j_db, both, registry, tmp_path, how):
    options = dict(RELOADS[how])
    legacy = options.pop("legacy", False)
    edited = gm.read_plans([SKARHOLMEN, _edit_norrtorp(tmp_path)], registry)
    assert len(edited[1].measures) < len(both[1].measures)
    with store_for(neo4j_db) as store:
        load(store, both, **options)
        if legacy:
            neo4j_db.driver().execute_query("MATCH (p:Plan) REMOVE p.load_hash, p.actors")
        before = {
            name: store.query(
                name,
                {"actor": "Polisen"}
                if "actor" in name or name in ("depends-on", "responsible-for", "works-with", "what-if")
                else {},
            )
            for name in ("unassigned", "coverage")
        }
        summary = load(store, [edited[1]], **options)
        assert summary.counters["nodes_deleted"] > 0
        assert summary.counters["nodes_created"] == 0
        assert summary.unchanged_plans == 0
        assert_same_as_networkx(neo4j_db, edited)
        after = {name: store.query(name) for name in ("unassigned", "coverage")}
        again = load(store, edited, **options)  # Skärholmen unchanged (or re-written if legacy), Norrtorp unchanged
        assert again.created == 0 and again.counters["nodes_deleted"] == 0
        assert again.counters["relationships_deleted"] == 0
        assert again.unchanged_plans == (1 if legacy else 2)
    for name in before:  # Skärholmen's rows are untouched
        assert [r for r in after[name] if r["plan"] == "skarholmen-2017"] == [
            r for r in before[name] if r["plan"] == "skarholmen-2017"
        ]
    nodes, _ = snapshot(neo4j_db)
    unknown_gone = [a for a in both[1].actors.values() if a.unknown and a.id not in edited[1].actors]
    assert unknown_gone and all(("Actor", a.id) not in nodes for a in unknown_gone)
    assert ("Actor", "polisen") in nodes  # shared national actor still used
    assert all(
        "norrtorp-2019" not in props.get("plans", [])
        for (label, i), props in nodes.items()
        if label == "Actor" and i not in edited[1].actors
    )
    assert nodes[("Plan", "norrtorp-2019")]["actors"] == sorted(edited[1].actors)  # keys (= ids when short), sorted


def test_chunked_load_gives_the_same_graph(neo4j_db, both):
    with store_for(neo4j_db) as store:
        load(store, both)
        whole = snapshot(neo4j_db)
        neo4j_db.reset()
        assert load(store, both, batch_size=5).new_plans == 2
        assert snapshot(neo4j_db) == whole
        assert load(store, both, batch_size=5, force=True).created == 0


@pytest.mark.parametrize("batch_size", [1, 5000], ids=["several-statements", "one-statement"])
def test_a_plan_loads_whole_or_not_at_all(neo4j_db, both, registry, tmp_path, batch_size):
    bad = tmp_path / "trasig-2020.csv"
    bad.write_text(
        "Område;Åtgärd;Ansvarig;Övriga aktörer;Källa\nA;Första;Socialtjänsten;Polisen;s. 9\n"
        "B;Andra;Rektor;Fryshuset;s. 10\nC;Tredje;Fältgruppen;Säpo;s. 9\n",
        encoding="utf-8",
    )
    broken = gm.read_plans([bad], registry)
    with store_for(neo4j_db) as store:
        load(store, [both[0]])
        before = snapshot(neo4j_db)
        # A constraint the third row violates (same reference as the first): mid-statement, or with
        # batch size 1 in one of the plan's later statements (actors come first).
        neo4j_db.driver().execute_query("CREATE CONSTRAINT t FOR (m:Measure) REQUIRE m.reference IS UNIQUE")
        with pytest.raises(LoadFailed, match="trasig-2020"):
            load(store, broken, batch_size=batch_size)
    assert [m.source.reference for m in broken[0].measures] == ["s. 9", "s. 10", "s. 9"]
    assert snapshot(neo4j_db) == before  # nothing of the failing plan, the other plan as it was


NASTY = [
    'O\'Brien "citat" \\ bakåt',
    "Kostar $100 ${x} $actor",
    "Kommentar // inte kod",
    "Slut } { ]",
    "MATCH (n) DETACH DELETE n",
    "'}) RETURN 1 //",
    "Rad\nbrytning\ttab",
]


def test_text_travels_only_as_parameters(neo4j_db, registry, tmp_path):
    import csv

    path = tmp_path / "farlig-2021.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Åtgärd", "Ansvarig", "Övriga aktörer"])
        for i, text in enumerate(NASTY):
            w.writerow([text, text.replace("\n", " ").replace("/", " ") if i % 2 else "Polisen", NASTY[-1 - i]])
    plans = gm.read_plans([path], registry)
    graph = gm.build_graph(plans)
    with store_for(neo4j_db) as store:
        load(store, plans)
        nodes, edges = snapshot(neo4j_db)
        texts = sorted(p["text"] for (label, _), p in nodes.items() if label == "Measure")
        assert texts == sorted(d["text"] for _, d in graph.nodes(data=True) if d["label"] == "Measure")
        assert set(NASTY[:-1]) <= set(texts)  # byte for byte (the reader folds the last one's line break)
        names = sorted(p["name"] for (label, _), p in nodes.items() if label == "Actor")
        assert names == sorted(d["name"] for _, d in graph.nodes(data=True) if d["label"] == "Actor")
        assert {p["text"] for *_, props in edges for k, p in [("x", dict(props))] if "text" in p} == {
            d["text"] for *_, d in graph.edges(data=True) if "text" in d
        }
        unknown = [d["name"] for _, d in graph.nodes(data=True) if d.get("unknown")]
        assert any("$" in n or "'" in n or "}" in n for n in unknown)
        for name in unknown:
            assert store.query("depends-on", {"actor": name}) == answer(graph, "depends-on", {"actor": name})
        assert sum(1 for (label, _) in nodes if label == "Measure") == len(NASTY)  # nothing was executed


def test_export_then_load_csv_gives_the_loaders_graph(neo4j_db, both, tmp_path):
    if neo4j_db.import_dir is None:
        pytest.skip("LOAD CSV needs the in-process server's import folder")  # only with NEO4J_TEST_URI
    written = export_csv(both, neo4j_db.import_dir)
    assert (neo4j_db.import_dir / "import.txt") in written
    with store_for(neo4j_db) as store:
        load(store, both)
        loaded = snapshot(neo4j_db)
        neo4j_db.reset()
        summary = load_csv(store)
        assert summary.counters["nodes_created"] == len(loaded[0])
        assert snapshot(neo4j_db) == loaded
        again = load(store, both)  # the loader on top of a CSV load creates nothing
        assert again.created == 0


# -- CLI ------------------------------------------------------------------------------------------


def run_cli(args, env=None, input=None):
    return CliRunner().invoke(main, args, env=env, input=input, catch_exceptions=False)


def test_cli_load_query_queries_export(neo4j_db, tmp_path):
    env = {**neo4j_db.env}
    result = run_cli(["neo4j", "load", str(SKARHOLMEN)], env)
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output
    again = run_cli(["neo4j", "load", str(SKARHOLMEN)], env)
    assert "0 nodes and 0 relationships created" in again.output and "1 unchanged" in again.output
    forced = run_cli(["neo4j", "load", "--force", str(SKARHOLMEN)], env)
    assert "1 unchanged" not in forced.output and "0 nodes and 0 relationships created" in forced.output
    result = run_cli(["neo4j", "query", "depends-on", "--param", "actor=Polisen", "--format", "json"], env)
    assert result.exit_code == 0, result.output
    import json

    rows = json.loads(result.output)
    graph = gm.build_graph(gm.read_plans([SKARHOLMEN]))
    assert rows == answer(graph, "depends-on", {"actor": "Polisen"}) and rows
    csv_out = run_cli(["neo4j", "query", "overloaded", "--param", "minCount=2", "--format", "csv"], env)
    assert csv_out.output.splitlines()[0] == "plan,actor_id,name,count,total,share"
    table = run_cli(["neo4j", "query", "unassigned"], env)
    assert table.exit_code == 0
    listing = run_cli(["neo4j", "queries", "--format", "json"], env)
    assert {q["name"] for q in json.loads(listing.output)} == set(TWINS)
    bad = run_cli(["neo4j", "query", "depends-on"], env)
    assert bad.exit_code == 2 and "--param actor=" in bad.output
    bad = run_cli(["neo4j", "query", "nope"], env)
    assert bad.exit_code == 2 and "depends-on" in bad.output
    exported = run_cli(["neo4j", "export", str(tmp_path / "csv"), str(SKARHOLMEN)])
    assert exported.exit_code == 0 and (tmp_path / "csv" / "actors.csv").is_file()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _one_clear_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("graphmodel: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_server_down_is_one_line_exit_2():
    line = _one_clear_line(
        run_cli(
            ["neo4j", "query", "unassigned", "--uri", f"bolt://127.0.0.1:{_free_port()}"],
            env={"NEO4J_URI": None, "NEO4J_PASSWORD": None},
        )
    )
    assert "cannot reach" in line


def test_unknown_database_is_one_line_exit_2(neo4j_db):
    env = {**neo4j_db.env, "NEO4J_DATABASE": "nosuchdb"}
    line = _one_clear_line(run_cli(["neo4j", "query", "unassigned"], env))
    assert "nosuchdb" in line


def test_wrong_password_is_one_line_and_never_printed():
    from neo4j_server.launcher import Neo4jTestServer

    secret = "Wr0ng-PaSS-$ecret"
    with Neo4jTestServer(password="right-password-1") as srv:
        env = {"NEO4J_URI": srv.uri, "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": None, "NEO4J_DATABASE": None}
        stdin = run_cli(["neo4j", "load", str(SKARHOLMEN), "--password-stdin"], env, input=secret + "\n")
        line = _one_clear_line(stdin)
        assert "credentials" in line and secret not in stdin.output
        from_env = run_cli(["neo4j", "query", "unassigned"], {**env, "NEO4J_PASSWORD": secret})
        assert secret not in _one_clear_line(from_env)
        ok = run_cli(["neo4j", "query", "unassigned", "--password-stdin"], env, input="right-password-1\n")
        assert ok.exit_code == 0, ok.output
        assert "right-password-1" not in ok.output


def test_connection_flag_beats_environment_beats_default():
    env = {
        "NEO4J_URI": "neo4j+s://x.databases.neo4j.io",
        "NEO4J_USERNAME": "u",
        "NEO4J_DATABASE": "d",
        "NEO4J_PASSWORD": "p4ssw0rd",
    }
    c = resolve_connection(uri="bolt://h:1", env=env)
    assert (c.uri, c.username, c.database, c.password) == ("bolt://h:1", "u", "d", "p4ssw0rd")
    assert "p4ssw0rd" not in repr(c)
    d = resolve_connection(env={})
    assert (d.uri, d.username, d.database, d.password) == ("bolt://localhost:7687", "neo4j", "neo4j", None)
    assert resolve_connection(uri="bolt://me:pw@h:7687", env={}).safe_uri == "bolt://h:7687"
