"""Benchmark: the whole `graphmodel gaps` process against a process that only reads the same files with pandas.

Both are timed as whole processes (start-up and imports included), in the same run, on the
same synthetic corpus (``benchmarks/synthetic.py``), taking turns (each round runs every size,
read-only then gaps) so that a busy spell of the machine falls on all of them; each time is the
median of ``--repeat`` rounds. graphmodel's bytecode is
compiled first, as pip does for an installed package: with PYTHONDONTWRITEBYTECODE set (as on
the development machine) every run would otherwise compile graphmodel from source, while pandas
comes precompiled.

    python -m benchmarks.gaps                 # 300 and 3,000 plans × 60 measures
    python -m benchmarks.gaps --sizes 300     # only 300

Targets (issue 3): gaps ≤ 3× the read-only process at 300 plans, and growth from 300 to
3,000 plans no worse than linear (time ratio ≤ 10 for 10× the plans). Results are printed
and written to ``benchmarks/results/gaps.json``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import graphmodel as graphmodel_package

from .synthetic import write_corpus

RESULTS = Path(__file__).parent / "results" / "gaps.json"
READ_ONLY = (
    "import sys, pathlib, pandas as pd\n"
    "for f in sorted(pathlib.Path(sys.argv[1]).glob('*.csv')):\n"
    "    pd.read_csv(f, sep=';', dtype=str, keep_default_na=False)\n"
)


def seconds(command: list[str]) -> float:
    """Wall-clock seconds of one run; fails loudly if the command fails."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def run(sizes: list[int], measures: int, repeat: int) -> dict:
    """Each round runs, for every size, the read-only process and then gaps: a slow spell of a shared
    machine then falls on every number, not on one size or one command."""
    compileall.compile_dir(Path(graphmodel_package.__file__).parent, quiet=1)
    graphmodel = [sys.executable, "-m", "graphmodel.cli", "gaps", "--format", "json", "--as-of", "2026-01-01"]
    times: dict[tuple[int, str], list[float]] = {(n, kind): [] for n in sizes for kind in ("read_only", "gaps")}
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {n: Path(tmp) / f"c{n}" for n in sizes}
        for n, corpus in corpora.items():
            write_corpus(corpus, n, measures)
        for _ in range(repeat):
            for n, corpus in corpora.items():
                times[n, "read_only"].append(seconds([sys.executable, "-c", READ_ONLY, str(corpus)]))
                times[n, "gaps"].append(seconds([*graphmodel, str(corpus)]))
    rows = []
    for n in sizes:
        read_only, gaps = statistics.median(times[n, "read_only"]), statistics.median(times[n, "gaps"])
        per_round = [g / r for g, r in zip(times[n, "gaps"], times[n, "read_only"])]
        rows.append(
            {
                "plans": n,
                "measures": n * measures,
                "read_only_s": round(read_only, 3),
                "gaps_s": round(gaps, 3),
                "ratio": round(gaps / read_only, 2),
                "ratio_per_round": [round(min(per_round), 2), round(max(per_round), 2)],
            }
        )
    result = {
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        "repeat": repeat,
        "rows": rows,
    }
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        per_round = [b / a for a, b in zip(times[first["plans"], "gaps"], times[last["plans"], "gaps"])]
        result["growth"] = {
            "plans_factor": last["plans"] / first["plans"],
            "time_factor": round(last["gaps_s"] / first["gaps_s"], 2),
            "time_factor_per_round": [round(min(per_round), 2), round(max(per_round), 2)],
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--measures", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    result = run(args.sizes, args.measures, args.repeat)
    print(f"{'plans':>6} {'measures':>9} {'read-only s':>12} {'gaps s':>8} {'ratio':>6}")
    for row in result["rows"]:
        low, high = row["ratio_per_round"]
        print(
            f"{row['plans']:>6} {row['measures']:>9} {row['read_only_s']:>12} {row['gaps_s']:>8} {row['ratio']:>6}"
            f"   (rounds: {low}-{high})"
        )
    if "growth" in result:
        g = result["growth"]
        low, high = g["time_factor_per_round"]
        print(f"growth: {g['plans_factor']:.0f}x plans -> {g['time_factor']}x time (rounds: {low}-{high})")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
