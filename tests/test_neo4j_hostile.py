"""Issue 9 in the Neo4j store: no input or timing that corrupts the store, crashes or talks too much.

Against a real Neo4j (tests/neo4j_server/, or a database named for wiping): concurrent loads of different plans keep
every ``Actor.plans`` entry; names and measure texts of 10 KB and 100 KB load; names fold alike in
Python and Cypher (ß, ligatures, Turkish i, combining marks) and sort alike; a plan cannot redefine
a shared actor; a load or query prints nothing on stderr. Without a server: a malformed ``--uri`` and
a full disk during ``neo4j export`` are one clear line and exit code 2.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SKARHOLMEN

import graphmodel as gm
from benchmarks.synthetic import write_corpus
from graphmodel.cli import main
from graphmodel.errors import UnknownActorError
from graphmodel.read.tables import Limits
from graphmodel.store.neo4j import Store, export_csv, load, resolve_connection
from graphmodel.store.twins import answer

pytestmark = pytest.mark.slow

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]


def store_for(server) -> Store:
    user, password = server.auth if server.auth else (None, None)
    return Store(resolve_connection(uri=server.uri, username=user, password=password, database=server.database, env={}))


def actor_plans(server) -> dict[str, set[str]]:
    records, _, _ = server.driver().execute_query(
        "MATCH (a:Actor) RETURN a.id AS id, a.plans AS plans", database_=server.database
    )
    return {r["id"]: set(r["plans"] or []) for r in records}


def expected_plans(plans) -> dict[str, set[str]]:
    want: dict[str, set[str]] = {}
    for plan in plans:
        for actor_id in plan.actors:
            want.setdefault(actor_id, set()).add(plan.info.id)
    return want


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Åtgärd", "Ansvarig", "Övriga aktörer"])
        writer.writerows(rows)
    return path


# -- concurrency -----------------------------------------------------------------------------------


def test_concurrent_loads_of_different_plans_keep_every_actor_plans_entry(neo4j_db, registry, tmp_path):
    """Six plans sharing national actors (Polisen, Säpo ...) loaded by six threads at once, five rounds."""
    plans = gm.read_plans(write_corpus(tmp_path, plans=6, measures=15, seed=3), registry)
    want = expected_plans(plans)
    assert max(len(v) for v in want.values()) == len(plans)  # some actor is in every plan
    lost = []
    for round_ in range(5):
        neo4j_db.reset()
        with store_for(neo4j_db) as store:
            store.ensure_schema()
        start = threading.Barrier(len(plans))
        errors: list[BaseException] = []

        def one(plan):
            try:
                with store_for(neo4j_db) as store:
                    _ = store.driver  # connect before the barrier, so the writes overlap
                    start.wait(timeout=60)  # noqa: B023 - run within this iteration
                    load(store, [plan])
            except BaseException as err:  # noqa: BLE001 - reported below
                errors.append(err)  # noqa: B023 - run within this iteration

        threads = [threading.Thread(target=one, args=(p,)) for p in plans]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert not errors, errors
        got = actor_plans(neo4j_db)
        lost += [(round_, a, sorted(want[a] - got.get(a, set()))) for a in want if want[a] - got.get(a, set())]
    assert not lost, f"{len(lost)} actors lost plans, e.g. {lost[:3]}"


# -- long values -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [10_000, 100_000], ids=["10KB", "100KB"])
def test_a_plan_with_a_very_long_actor_name_and_measure_text_loads(neo4j_db, registry, tmp_path, size):
    long_name = ("Långanamnsförvaltningen" * (size // 23 + 1))[:size]  # one word: the splitter keeps it whole
    long_text = ("Åtgärd med mycket lång text " * (size // 28 + 1))[:size].strip()
    path = write_rows(tmp_path / "lang-2022.csv", [[long_text, long_name, "Polisen"], ["Kort", "Polisen", long_name]])
    # Over the default cell-length limit: read with it raised, as `--limit cell-length=...` does.
    plans = gm.read_plans([path], registry, limits=Limits(cell_length=size))
    assert len(max(plans[0].actors, key=len)) > size  # an unknown actor's id is made from its name
    graph = gm.build_graph(plans)
    with store_for(neo4j_db) as store:
        summary = load(store, plans)
        assert summary.new_plans == 1
        for name in (long_name, "Polisen"):
            assert store.query("depends-on", {"actor": name}) == answer(graph, "depends-on", {"actor": name})
        assert store.query("depends-on", {"actor": long_name})
        assert load(store, plans).unchanged_plans == 1
    records, _, _ = neo4j_db.driver().execute_query(
        "MATCH (a:Actor) WHERE size(a.name) >= $size RETURN a.name AS name", size=size // 2, database_=neo4j_db.database
    )
    assert [r["name"] for r in records] == [long_name]


# -- one folding rule ------------------------------------------------------------------------------


def outcome(ask, *args):
    """The rows, or the "No such actor" message: the same on Neo4j and on files."""
    try:
        return ask(*args)
    except UnknownActorError as error:
        return str(error)


FOLDING = [
    "Großstadt",
    "GROSSSTADT",
    "ﬁnansförvaltningen",
    "Finansförvaltningen",
    "İstanbulgruppen",
    "Istanbulgruppen",
    "ıstanbulgruppen",
    "Cafe\u0301gruppen",
    "Café gruppen",
    "ǅemalgruppen",
    "Straße-ǲ",
]


def test_names_fold_alike_in_python_and_cypher(neo4j_db, registry, tmp_path):
    """ß, the fi ligature, Turkish dotted and dotless i, combining marks and titlecase digraphs."""
    rows = [[f"Åtgärd {i}", name, "Polisen"] for i, name in enumerate(FOLDING)]
    plans = gm.read_plans([write_rows(tmp_path / "vikning-2023.csv", rows)], registry)
    graph = gm.build_graph(plans)
    with store_for(neo4j_db) as store:
        load(store, plans)
        for name in [*FOLDING, "grossstadt", "STRASSE-DZ", "finansforvaltningen", "Straße ǲ"]:
            for query in ("depends-on", "responsible-for", "what-if", "works-with"):
                got = outcome(store.query, query, {"actor": name})
                assert got == outcome(answer, graph, query, {"actor": name}), (query, name)
    assert answer(graph, "depends-on", {"actor": "GROSSSTADT"})  # found by its own spelling locally


def test_works_with_sorts_names_as_python_does(neo4j_db, registry, tmp_path):
    """Partners sharing one measure each: the order is casefolded names (ß as ss), as `works-with` prints it."""
    names = ["Straßbogruppen", "Straszygruppen", "ǅemal", "Dzemalb", "Ärendeteamet", "Zeta", "ärendegruppen"]
    rows = [[f"Åtgärd {i}", "Polisen", name] for i, name in enumerate(names)]
    plans = gm.read_plans([write_rows(tmp_path / "ordning-2023.csv", rows)], registry)
    graph = gm.build_graph(plans)
    embedded = [r["name"] for r in gm.works_with(graph, "Polisen")] if hasattr(gm, "works_with") else None
    with store_for(neo4j_db) as store:
        load(store, plans)
        got = store.query("works-with", {"actor": "Polisen"})
    want = answer(graph, "works-with", {"actor": "Polisen"})
    assert got == want
    from graphmodel.analyse.questions import works_with

    assert [r["name"] for r in got] == [r["name"] for r in works_with(graph, "Polisen")]
    assert embedded in (None, [r["name"] for r in got])


# -- shared actors ---------------------------------------------------------------------------------


def _polisen(server) -> dict:
    records, _, _ = server.driver().execute_query(
        "MATCH (a:Actor {id: 'polisen'}) RETURN properties(a) AS p", database_=server.database
    )
    return records[0]["p"]


def test_a_plan_cannot_redefine_a_shared_actor(neo4j_db, registry, skarholmen):
    """A plan whose organisation claims the id `polisen` (`.plan.toml` organisation_id = "polisen": the
    reader made Polisen "Kapade kommunen" for that plan) is loaded before and after one naming Polisen
    as the registry defines it. Polisen stays the registry's, in either order; both plans are in its list."""
    import dataclasses

    from graphmodel.model import Actor

    kapad = dataclasses.replace(
        skarholmen,
        info=dataclasses.replace(skarholmen.info, id="kapad-2020", organisation="polisen"),
        measures=[],
        actors={"polisen": Actor("polisen", "Kapade kommunen", "municipal-unit", "national")},
    )
    for order in ([skarholmen, kapad], [kapad, skarholmen]):
        neo4j_db.reset()
        with store_for(neo4j_db) as store:
            load(store, order, registry=registry)
        props = _polisen(neo4j_db)
        assert (props["name"], props["kind"]) == ("Polisen", "police"), [p.info.id for p in order]
        assert "Polismyndigheten" in props["aliases"] and "polismyndigheten" in props["names_normalised"]
        assert set(props["plans"]) == {"skarholmen-2017", "kapad-2020"}


def test_a_plan_view_with_another_scope_never_overwrites_a_national_actor(neo4j_db, skarholmen):
    """The statement's own guard, for rows made without the registry: an existing national actor is
    not overwritten by a plan's row that gives the same id another scope."""
    import dataclasses

    from graphmodel.store.neo4j import plan_rows

    good = plan_rows(skarholmen)
    entry = next(a for a in good.actors if a["id"] == "polisen")["props"]
    hijacked = dataclasses.replace(
        good,
        plan="kapad-2020",
        props={**good.props, "id": "kapad-2020", "key": "kapad-2020"},
        measures=[],
        measure_rows=[],
        responsible=[],
        partners=[],
        part_of=[],
        hash="x",
        actors=[
            {
                "id": "polisen",
                "props": {
                    **entry,
                    "name": "Kapade kommunen",
                    "kind": "municipality",
                    "scope": "organisation",
                    "organisation": "polisen",
                    "names_normalised": ["kapadekommunen"],
                    "aliases": [],
                },
            }
        ],
    )
    with store_for(neo4j_db) as store:
        load(store, [good, hijacked])
    props = _polisen(neo4j_db)
    assert {k: props.get(k) for k in entry} == entry
    assert set(props["plans"]) == {"skarholmen-2017", "kapad-2020"}


# -- quiet on success ------------------------------------------------------------------------------


def _cli(args, env, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "graphmodel.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **env},
        input=stdin,
        cwd=ROOT,
    )


@pytest.mark.neo4j
def test_neo4j_load_and_query_print_nothing_on_stderr():
    """On a new server (no label or property known yet, so the server has notices for every query) and
    after a load: `graphmodel neo4j load/query` print their result and nothing on stderr."""
    from neo4j_server.launcher import Neo4jTestServer

    with Neo4jTestServer() as server:
        done = _cli(["neo4j", "query", "depends-on", "--param", "actor=Polisen"], server.env)
        assert done.returncode == 2, done.stderr  # nothing loaded yet: no such actor, and no server notice
        assert done.stderr == "graphmodel: No such actor: 'Polisen'.\n", done.stderr[:2000]
        for args in (
            ["neo4j", "query", "overdue"],
            ["neo4j", "load", SKARHOLMEN],
            ["neo4j", "load", SKARHOLMEN],
            ["neo4j", "query", "depends-on", "--param", "actor=Polisen"],
        ):
            done = _cli(args, server.env)
            assert done.returncode == 0, done.stderr
            assert done.stderr == "", (args, done.stderr[:2000])
        done = _cli(["neo4j", "query", "works-with", "--param", "actor=Ingen sådan"], server.env)
        assert done.returncode == 2 and done.stderr.startswith("graphmodel: No such actor: 'Ingen sådan'.")
        assert len(done.stderr.splitlines()) == 1


# -- connection and files: no server needed --------------------------------------------------------

BAD_URIS = [
    "bolt://",
    "neo4j://:abc",
    "http//x",
    "bolt://host:99999",
    "bolt://my host:7687",
    "bolt://host\x07:7687",
    "bolt://host:7687/\n",
    "ftp://host:7687",
    "bolt://user:s3cret-pw@:99999",
    "neo4j+s://user:s3cret-pw@ho st",
    "",
    " ",
]


@pytest.mark.parametrize("uri", BAD_URIS, ids=repr)
def test_a_malformed_uri_is_one_line_exit_2_without_credentials(uri):
    result = CliRunner().invoke(
        main,
        ["neo4j", "query", "overview", "--uri", uri],
        env={"NEO4J_URI": None, "NEO4J_PASSWORD": "s3cret-pw"},
        catch_exceptions=True,
    )
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("graphmodel: "), result.output
    assert "s3cret-pw" not in result.output and "user:" not in result.output
    assert "URI" in lines[0]


@pytest.mark.parametrize("uri", BAD_URIS[:5], ids=repr)
def test_a_malformed_uri_from_the_environment_is_one_line_exit_2(uri):
    done = _cli(["neo4j", "query", "overview"], {"NEO4J_URI": uri, "NEO4J_PASSWORD": "s3cret-pw"})
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "s3cret-pw" not in done.stderr + done.stdout


class _FullDisk(io.StringIO):
    """A file on a disk that fills up after a few hundred characters."""

    def __init__(self, room: int):
        super().__init__()
        self.room = room

    def write(self, text):
        self.room -= len(text)
        if self.room < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(text)


def test_a_full_disk_during_export_names_the_file_and_leaves_no_half_written_file(tmp_path, monkeypatch, skarholmen):
    out = tmp_path / "csv"
    export_csv([skarholmen], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_open = open

    def full_open(file, mode="r", *args, **kwargs):
        if "w" in mode and Path(file).parent == out and "measures.csv" in Path(file).name:
            real_open(file, mode, *args, **kwargs).close()  # the file exists, as on a real disk
            return _FullDisk(300)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_open)
    result = CliRunner().invoke(main, ["neo4j", "export", str(out), str(SKARHOLMEN)], catch_exceptions=True)
    monkeypatch.undo()
    assert result.exit_code == 2, (result.output, result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "measures.csv" in lines[0] and "No space left" in lines[0], result.output
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # the earlier complete export is intact; no temporary file left


def test_a_store_written_before_keys_is_updated_in_place(neo4j_db, registry, skarholmen, norrtorp):
    """Nodes without `key`, the old constraints on `id` and the old indexes (as the loader before keys
    left them): the next load gives the nodes their keys, creates no second node, drops the old schema."""
    from test_neo4j_store import assert_same_as_networkx

    with store_for(neo4j_db) as store:
        load(store, [skarholmen, norrtorp])
    db = neo4j_db.driver()
    for statement in (
        "DROP CONSTRAINT actor_key",
        "DROP CONSTRAINT measure_key",
        "DROP CONSTRAINT plan_key",
        "MATCH (n) REMOVE n.key, n.sort_name SET n.load_hash = null",
        "CREATE CONSTRAINT actor_id FOR (a:Actor) REQUIRE a.id IS UNIQUE",
        "CREATE CONSTRAINT measure_id FOR (m:Measure) REQUIRE m.id IS UNIQUE",
        "CREATE CONSTRAINT plan_id FOR (p:Plan) REQUIRE p.id IS UNIQUE",
        "CREATE INDEX actor_name FOR (a:Actor) ON (a.name)",
        "CREATE INDEX measure_plan FOR (m:Measure) ON (m.plan)",
    ):
        db.execute_query(statement, database_=neo4j_db.database)
    with store_for(neo4j_db) as store:
        summary = load(store, [skarholmen, norrtorp])
    assert summary.counters["nodes_created"] == 0 and summary.counters["relationships_created"] == 0
    assert_same_as_networkx(neo4j_db, [skarholmen, norrtorp])
    records, _, _ = db.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name ORDER BY name", database_=neo4j_db.database
    )
    assert [r["name"] for r in records] == ["actor_key", "measure_key", "plan_key"]
    records, _, _ = db.execute_query(
        "MATCH (n) WHERE n.key IS NULL OR n.key <> n.id RETURN count(n) AS n", database_=neo4j_db.database
    )
    assert records[0]["n"] == 0


def test_limit_applies_to_neo4j_export(tmp_path):
    """A cell over the default cell-length limit: refused with the flag to raise it; with --limit, exported."""
    plan = write_rows(tmp_path / "lang-2024.csv", [["Åtgärd " + "x" * 40_000, "Polisen", ""]])
    refused = CliRunner().invoke(main, ["neo4j", "export", str(tmp_path / "ut"), str(plan)])
    assert refused.exit_code == 2 and "--limit cell-length=" in refused.output, refused.output
    assert not (tmp_path / "ut" / "measures.csv").exists()
    done = CliRunner().invoke(
        main, ["neo4j", "export", str(tmp_path / "ut"), str(plan), "--limit", "cell-length=50000"]
    )
    assert done.exit_code == 0, done.output
    assert "x" * 40_000 in (tmp_path / "ut" / "measures.csv").read_text(encoding="utf-8")


def test_neo4j_export_never_overwrites_the_plan_it_reads(tmp_path):
    out = tmp_path / "csv"
    out.mkdir()
    plan = out / "measures.csv"  # a plan named like one of the export's files, in the export folder
    plan.write_bytes(SKARHOLMEN.read_bytes())
    result = CliRunner().invoke(main, ["neo4j", "export", str(out), str(plan)])
    assert result.exit_code == 2 and "measures.csv" in result.output and "input" in result.output
    assert plan.read_bytes() == SKARHOLMEN.read_bytes()
    assert sorted(p.name for p in out.iterdir()) == ["measures.csv"]  # nothing else written, no temporary file
