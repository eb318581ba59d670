"""Benchmark: the Neo4j loader against LOAD CSV of the same rows, and a naive row-per-transaction MERGE.

    python -m benchmarks.neo4j_load [--plans 300] [--measures 60] [--runs 3] [--naive-plans 10]

Uses the server at NEO4J_URI if set (LOAD CSV then needs --import-dir, the
server's import folder), else starts the in-process test server
(tests/neo4j_server/). One server; ``--runs`` rounds, each with a clean
database before the loader and before LOAD CSV (the two alternate, so a busy
machine slows both alike); the medians are reported, with every run's
numbers. Writes benchmarks/results/neo4j_load.json and prints it.

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
  ``--naive-plans`` plans, extrapolated to the corpus by row count.
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


def _server(stack: ExitStack, import_dir: str | None):
    sys.path.insert(0, str(ROOT / "tests"))
    from neo4j_server.launcher import Neo4jTestServer

    if os.environ.get("NEO4J_URI"):

        class External:
            uri = os.environ["NEO4J_URI"]
            database = os.environ.get("NEO4J_DATABASE", "neo4j")
            startup_seconds = None

            def __init__(self):
                self.import_dir = Path(import_dir) if import_dir else None
                password = os.environ.get("NEO4J_PASSWORD")
                self.auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), password) if password else None
                self._driver = None

            def driver(self):
                from neo4j import GraphDatabase

                self._driver = self._driver or GraphDatabase.driver(self.uri, auth=self.auth)
                return self._driver

            def reset(self):
                Neo4jTestServer.reset(self)

        return External()
    return stack.enter_context(Neo4jTestServer(heap=os.environ.get("NEO4J_TEST_HEAP", "1g")))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--measures", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3, help="rounds of loader and LOAD CSV; medians reported")
    parser.add_argument("--naive-plans", type=int, default=10)
    parser.add_argument("--import-dir", default=None, help="the server's import folder (with NEO4J_URI)")
    args = parser.parse_args()

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
        paths = write_corpus(Path(tmp) / "corpus", plans=args.plans, measures=args.measures)
        t = time.perf_counter()
        plans = gm.read_plans(paths)
        result["read_seconds"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        items = [plan_rows(p) for p in plans]
        result["prepare_rows_seconds"] = round(time.perf_counter() - t, 2)
        result["rows"] = total_rows(items)

        t = time.perf_counter()
        server = _server(stack, args.import_dir)
        result["server"] = {
            "uri_scheme": server.uri.split(":")[0],
            "start_seconds": server.startup_seconds and round(server.startup_seconds, 1),
            "started_here": round(time.perf_counter() - t, 1),
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
                    run["ratio_loader_to_load_csv"] = round(first.seconds / csv_summary.seconds, 2)
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
                "plans_per_second": round(len(items) / median("loader"), 1),
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
                result["ratio_loader_to_load_csv"] = round(median("loader") / median("load_csv"), 2)
                result["ratio_per_run"] = [r["ratio_loader_to_load_csv"] for r in runs]
                result["ratio_target"] = 1.5
                result["ratio_met"] = result["ratio_loader_to_load_csv"] <= 1.5
            else:
                result["load_csv"] = "skipped: no import folder (pass --import-dir with NEO4J_URI)"
            result["per_run"] = [{k: v["seconds"] if isinstance(v, dict) else v for k, v in r.items()} for r in runs]

            server.reset()
            subset = items[: args.naive_plans]
            seconds, rows = naive(store, subset)
            per_row = seconds / rows
            result["naive_row_per_transaction"] = {
                "plans_measured": len(subset),
                "rows_measured": rows,
                "seconds_measured": round(seconds, 2),
                "extrapolated_seconds_for_corpus": round(per_row * result["rows"], 1),
                "extrapolated": len(subset) < len(items),
                "ratio_to_loader": round(per_row * result["rows"] / result["loader"]["seconds"], 1),
            }
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
