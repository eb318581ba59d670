"""Benchmark: reload one edited plan into a Neo4j store that holds 300 plans (issue 16: target ≤ 1 s).

    python -m benchmarks.neo4j_reload [--plans 300] [--measures 60] [--runs 3] [--own-server]
    python -m benchmarks.neo4j_reload --database scratch --confirm-wipe     # NEO4J_URI's server

The server rules of ``benchmarks.neo4j_load``: a server the benchmark starts
itself, or an empty database named with ``--database NAME --confirm-wipe``;
with NEO4J_URI set and neither, it refuses and changes nothing. It loads the
synthetic corpus once, then in each of ``--runs`` rounds edits another plan's
file (one measure's text changed, its partners changed, the last measure
removed, a new one added) and times

* ``single``: ``load(store, [edited plan])``, what ``graphmodel neo4j load
  edited.csv`` does once the file is read;
* ``corpus``: ``load(store, every plan)`` with that plan edited (the others
  skipped by their load_hash), what ``graphmodel neo4j load plans/*.csv``
  does after one file changed; the single reload is undone first, so this
  load writes the edit too;

reading and preparing the edited plan timed apart, and the schema statements
every load runs first (``schema_seconds``, included in both). Each round checks that the
store then holds the edited plan's measures. Medians reported; writes
benchmarks/results/neo4j_reload.json (or ``--out``) and prints it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from benchmarks.neo4j_load import ROOT, Refused, _server

RESULT = ROOT / "benchmarks" / "results" / "neo4j_reload.json"
TARGET_SECONDS = 1.0


def edit(path: Path, out: Path) -> Path:
    """A copy of the plan file (and its .plan.toml) with the edits an analyst makes: a text reworded,
    partners changed, the last measure removed and a new one added."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, body = rows[0], rows[1:]
    text, partners = header.index("Åtgärd"), header.index("Övriga aktörer")
    body[0][text] += " (reviderad)"
    body[0][partners] = "Polisen"
    new = list(body[1])
    new[text] = "Ny åtgärd: samverkan kring trygghetsvandringar"
    body = [*body[:-1], new]
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\n").writerows([header, *body])
    metadata = path.with_name(path.stem + ".plan.toml")  # the plan's organisation and title: the same plan
    if metadata.is_file():
        shutil.copyfile(metadata, out.with_name(out.stem + ".plan.toml"))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--measures", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3, help="rounds, each editing another plan; medians reported")
    parser.add_argument("--own-server", action="store_true", help="start a server even when NEO4J_URI is set")
    parser.add_argument(
        "--database", default=None, help="an EMPTY database of the server at NEO4J_URI to run on (it is wiped)"
    )
    parser.add_argument("--confirm-wipe", action="store_true", help="with --database: yes, wipe that database")
    parser.add_argument("--out", type=Path, default=RESULT, help=f"the JSON written (default {RESULT})")
    args = parser.parse_args(argv)
    args.import_dir = None

    import graphmodel as gm
    from benchmarks.synthetic import write_corpus
    from graphmodel.read.registry_file import read_registry
    from graphmodel.store.neo4j import Store, load, plan_rows, resolve_connection, status

    result: dict = {
        "plans": args.plans,
        "measures_per_plan": args.measures,
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        try:
            server = _server(stack, args)
        except Refused as err:
            print(f"benchmarks.neo4j_reload: {err}", file=sys.stderr)
            sys.exit(2)
        registry = read_registry()
        paths = write_corpus(Path(tmp) / "corpus", plans=args.plans, measures=args.measures)
        items = [plan_rows(p, registry) for p in gm.read_plans(paths, registry)]
        auth = server.auth
        connection = resolve_connection(
            uri=server.uri,
            database=server.database,
            env={},
            username=auth[0] if auth else None,
            password=auth[1] if auth else None,
        )
        with Store(connection) as store:
            server.reset()
            first = load(store, items)
            result["first_load_seconds"] = round(first.seconds, 2)
            runs = []
            for run_index in range(args.runs):
                index = (run_index * 97 + len(items) // 2) % len(items)
                t = time.perf_counter()
                [edited_plan] = gm.read_plans([edit(paths[index], Path(tmp) / "edited" / paths[index].name)], registry)
                edited = plan_rows(edited_plan, registry)
                read_seconds = time.perf_counter() - t
                t = time.perf_counter()
                store.ensure_schema()  # what every load runs first, on its own: the part of a reload not the plan's
                schema_seconds = time.perf_counter() - t
                single = load(store, [edited])
                load(store, [items[index]])  # undone, so the corpus load below writes the edit again
                corpus = load(store, [*items[:index], edited, *items[index + 1 :]])
                held = {p["plan"]: p["measures"] for p in status(store).plans}
                runs.append(
                    {
                        "plan": edited.plan,
                        "read_and_prepare_seconds": round(read_seconds, 3),
                        "single_seconds": round(single.seconds, 3),
                        "schema_seconds": round(schema_seconds, 3),
                        "single_counters": single.counters,
                        "corpus_seconds": round(corpus.seconds, 3),
                        "corpus_unchanged_plans": corpus.unchanged_plans,
                        "store_holds_the_edit": held.get(edited.plan) == len(edited.measures),
                    }
                )
                print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
                items[index] = edited

    def median(key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 3)

    result.update(
        runs=args.runs,
        single_reload_seconds=median("single_seconds"),
        corpus_reload_seconds=median("corpus_seconds"),
        read_and_prepare_seconds=median("read_and_prepare_seconds"),
        schema_seconds=median("schema_seconds"),
        target_seconds=TARGET_SECONDS,
        target_met=median("single_seconds") <= TARGET_SECONDS and median("corpus_seconds") <= TARGET_SECONDS,
        store_holds_every_edit=all(r["store_holds_the_edit"] for r in runs),
        per_run=runs,
        load_average_after=[round(x, 2) for x in os.getloadavg()],
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
