"""Benchmark: the Neo4j loader against LOAD CSV of the same rows, and a naive row-per-transaction MERGE.

    python -m benchmarks.neo4j_load [--plans 300] [--measures 60] [--runs 3] [--naive-plans 10] [--own-server]
    python -m benchmarks.neo4j_load --database scratch --confirm-wipe [--import-dir DIR]   # NEO4J_URI's server

Every round starts on an empty database, so the benchmark deletes every node,
constraint and index of the database it uses. It therefore runs on a server
it starts itself (the in-process test server, tests/neo4j_server/), and on
the server at NEO4J_URI only when told the database by name and told to wipe
it (``--database NAME --confirm-wipe``; LOAD CSV then needs ``--import-dir``,
the server's import folder), and only if that database is empty (it is left
empty). With NEO4J_URI set and neither ``--database`` nor ``--own-server`` it
refuses (exit code 2) and changes nothing: NEO4J_URI is where users keep
their shared store. ``--runs`` rounds, each with a clean database before the
loader and before LOAD CSV (the two alternate, so a busy machine slows both
alike); the medians are reported, with every run's numbers. Writes
benchmarks/results/neo4j_load.json (or ``--out``) and prints it.

* loader: ``graphmodel.store.neo4j.load`` (schema, one transaction and
  normally one statement per plan: cypher/load/write-plan.cypher), rows
  prepared beforehand (preparation, with the plans' hashes, timed apart);
* second load of the same plans: unchanged plans are skipped after one read
  (their load_hash); the server's counters must say nothing was written;
* second load with ``force=True``: every plan's statement runs again, the
  counters must say nothing was created or deleted;
* LOAD CSV: ``export_csv`` into the import folder (timed apart, once), then
  ``load_csv`` (cypher/load/csv-*.cypher, MERGE, CALL IN TRANSACTIONS);
* naive: the old per-kind MERGE statements (plan, actors, part-of, measures,
  responsible, partners) with one row per transaction, on the first
  ``--naive-plans`` plans, extrapolated to the corpus by row count
  (``--naive-plans 0``: not measured).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULT = ROOT / "benchmarks" / "results" / "neo4j_load.json"


class Refused(Exception):
    """The benchmark will not run on the store it was pointed at; nothing was changed there."""


def _server(stack: ExitStack, args):
    """The server to benchmark on: one the benchmark starts itself (its own throw-away database), or,
    only when told so by ``--database NAME --confirm-wipe``, that database of the server at NEO4J_URI,
    and only if it is empty. A NEO4J_URI alone (the shared store the README has users export) is refused:
    the benchmark deletes every node, constraint and index of the database it uses."""
    sys.path.insert(0, str(ROOT / "tests"))
    from neo4j_server.launcher import Neo4jTestServer, NotEmpty, claim_empty

    uri = os.environ.get("NEO4J_URI")
    if args.database is None:
        if uri and not args.own_server:
            raise Refused(
                f"NEO4J_URI is set ({_shown(uri)}), but this benchmark deletes every node, constraint and index "
                "of the database it runs on, so it does not use a server from the environment. Nothing was "
                "changed. Run it on a server it starts itself (--own-server, or unset NEO4J_URI), or on an "
                "empty scratch database of that server: --database NAME --confirm-wipe."
            )
        return stack.enter_context(Neo4jTestServer(heap=os.environ.get("NEO4J_TEST_HEAP", "1g")))
    if not args.confirm_wipe:
        raise Refused(
            f"--database {args.database!r} would be wiped (every node, constraint and index, after every "
            "round); add --confirm-wipe to say that is meant. Nothing was changed."
        )
    if not uri:
        raise Refused("--database names a database of the server at NEO4J_URI, and NEO4J_URI is not set.")

    class External:
        database = args.database
        startup_seconds = None

        def __init__(self):
            self.uri = uri
            self.import_dir = Path(args.import_dir) if args.import_dir else None
            password = os.environ.get("NEO4J_PASSWORD")
            self.auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), password) if password else None
            self._driver = None

        def driver(self):
            from neo4j import GraphDatabase

            self._driver = self._driver or GraphDatabase.driver(self.uri, auth=self.auth)
            return self._driver

        def reset(self):
            Neo4jTestServer.reset(self)

    server = External()
    stack.callback(lambda: server._driver and server._driver.close())
    try:
        claim_empty(server.driver(), server.database, _shown(uri), "the benchmark")
    except NotEmpty as err:
        raise Refused(str(err)) from None
    stack.callback(server.reset)  # it was empty: leave it empty
    return server


def _shown(uri: str) -> str:
    """The URI for a message: never a user:password@ part."""
    from graphmodel.store.neo4j import Connection

    return Connection(uri=uri, username="", database="").safe_uri


def naive(store, items) -> tuple[float, int]:
    """One row per transaction: every node and edge its own MERGE, its own commit."""
    from graphmodel.store import cypher

    load = cypher.library()["load"]
    store.ensure_schema()
    run = store.driver.execute_query
    db = store.connection.database
    rows = 0
    started = time.perf_counter()
    for r in items:
        run(load["plan"].body, {"plan": r.plan, "props": r.props}, database_=db)
        rows += 1
        for name, batch, extra in (
            ("actors", r.actors, {"plan": r.plan}),
            ("part-of", r.part_of, {}),
            ("measures", r.measures, {"planKey": r.key}),
            ("responsible", r.responsible, {}),
            ("partners", r.partners, {}),
        ):
            for row in batch:
                run(load[name].body, {"rows": [row], **extra}, database_=db)
                rows += 1
    return time.perf_counter() - started, rows


def total_rows(items) -> int:
    return sum(
        1 + len(r.actors) + len(r.part_of) + len(r.measures) + len(r.responsible) + len(r.partners) for r in items
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--measures", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3, help="rounds of loader and LOAD CSV; medians reported")
    parser.add_argument("--naive-plans", type=int, default=10, help="0: leave the naive variant out")
    parser.add_argument("--own-server", action="store_true", help="start a server even when NEO4J_URI is set")
    parser.add_argument(
        "--database", default=None, help="an EMPTY database of the server at NEO4J_URI to run on (it is wiped)"
    )
    parser.add_argument("--confirm-wipe", action="store_true", help="with --database: yes, wipe that database")
    parser.add_argument("--import-dir", default=None, help="the server's import folder (with --database)")
    parser.add_argument("--out", type=Path, default=RESULT, help=f"the JSON written (default {RESULT})")
    args = parser.parse_args(argv)

    from neo4j._codec.packstream import v1 as packstream

    import graphmodel as gm
    from benchmarks.synthetic import write_corpus
    from graphmodel.store.neo4j import (
        BATCH_SIZE,
        Store,
        _chunks,
        export_csv,
        load,
        load_csv,
        plan_rows,
        resolve_connection,
    )

    result: dict = {
        "plans": args.plans,
        "measures_per_plan": args.measures,
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "driver_rust_extension": packstream._rust_pack is not None,
    }
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        t = time.perf_counter()
        try:
            server = _server(stack, args)
        except Refused as err:
            print(f"benchmarks.neo4j_load: {err}", file=sys.stderr)
            sys.exit(2)
        started_here = round(time.perf_counter() - t, 1)
        paths = write_corpus(Path(tmp) / "corpus", plans=args.plans, measures=args.measures)
        t = time.perf_counter()
        plans = gm.read_plans(paths)
        result["read_seconds"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        items = [plan_rows(p) for p in plans]
        result["prepare_rows_seconds"] = round(time.perf_counter() - t, 2)
        result["rows"] = total_rows(items)

        result["server"] = {
            "uri_scheme": server.uri.split(":")[0],
            "start_seconds": server.startup_seconds and round(server.startup_seconds, 1),
            "started_here": started_here,
        }
        auth = server.auth
        connection = resolve_connection(
            uri=server.uri,
            database=server.database,
            env={},
            username=auth[0] if auth else None,
            password=auth[1] if auth else None,
        )
        with Store(connection) as store:
            # warm-up: the first queries of a fresh JVM compile Cypher; not part of any method's time
            server.reset()
            load(store, items[:2])
            load(store, items[:2], force=True)
            server.reset()
            if server.import_dir is not None:
                t = time.perf_counter()
                export_csv(items, server.import_dir)
                result["export_csv_seconds"] = round(time.perf_counter() - t, 2)
                load_csv(store)

            runs = []
            for _ in range(args.runs):
                run: dict = {}
                server.reset()
                first = load(store, items)
                run["loader"] = {"seconds": round(first.seconds, 2), "counters": first.counters}
                second = load(store, items)
                run["second_load"] = {
                    "seconds": round(second.seconds, 2),
                    "counters": second.counters,
                    "unchanged_plans": second.unchanged_plans,
                    "wrote_nothing": not any(second.counters.values()),
                }
                forced = load(store, items, force=True)
                run["second_load_forced"] = {
                    "seconds": round(forced.seconds, 2),
                    "counters": forced.counters,
                    "created_nothing": forced.created == 0
                    and forced.counters["nodes_deleted"] == 0
                    and forced.counters["relationships_deleted"] == 0,
                }
                if server.import_dir is not None:
                    server.reset()
                    csv_summary = load_csv(store)
                    run["load_csv"] = {"seconds": round(csv_summary.seconds, 2), "counters": csv_summary.counters}
                    run["ratio_loader_to_load_csv"] = round(first.seconds / max(csv_summary.seconds, 1e-3), 2)
                runs.append(run)
                print(
                    json.dumps({k: v["seconds"] if isinstance(v, dict) else v for k, v in run.items()}),
                    file=sys.stderr,
                    flush=True,
                )

            def median(method: str) -> float:
                return round(statistics.median(r[method]["seconds"] for r in runs), 2)

            last = runs[-1]
            result["runs"] = args.runs
            result["loader"] = {
                "seconds": median("loader"),
                "counters": last["loader"]["counters"],
                "plans_per_second": round(len(items) / max(median("loader"), 0.01), 1),
                "statements_per_plan": max(len(_chunks(r, BATCH_SIZE)) for r in items),
            }
            result["second_load"] = {
                "seconds": median("second_load"),
                "counters": last["second_load"]["counters"],
                "unchanged_plans": last["second_load"]["unchanged_plans"],
                "wrote_nothing": all(r["second_load"]["wrote_nothing"] for r in runs),
            }
            result["second_load_forced"] = {
                "seconds": median("second_load_forced"),
                "counters": last["second_load_forced"]["counters"],
                "created_nothing": all(r["second_load_forced"]["created_nothing"] for r in runs),
            }
            if server.import_dir is not None:
                result["load_csv"] = {"seconds": median("load_csv"), "counters": last["load_csv"]["counters"]}
                result["ratio_loader_to_load_csv"] = round(median("loader") / max(median("load_csv"), 0.01), 2)
                result["ratio_per_run"] = [r["ratio_loader_to_load_csv"] for r in runs]
                result["ratio_target"] = 1.5
                result["ratio_met"] = result["ratio_loader_to_load_csv"] <= 1.5
            else:
                result["load_csv"] = "skipped: no import folder (pass --import-dir with --database)"
            result["per_run"] = [{k: v["seconds"] if isinstance(v, dict) else v for k, v in r.items()} for r in runs]

            subset = items[: max(args.naive_plans, 0)]
            if subset:
                server.reset()
                seconds, rows = naive(store, subset)
                per_row = seconds / rows
                result["naive_row_per_transaction"] = {
                    "plans_measured": len(subset),
                    "rows_measured": rows,
                    "seconds_measured": round(seconds, 2),
                    "extrapolated_seconds_for_corpus": round(per_row * result["rows"], 1),
                    "extrapolated": len(subset) < len(items),
                    "ratio_to_loader": round(per_row * result["rows"] / max(result["loader"]["seconds"], 0.01), 1),
                }
            else:
                result["naive_row_per_transaction"] = "skipped: --naive-plans 0"
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
