"""Benchmark: the whole `graphmodel report` process against `graphmodel gaps --format json` on the same files.

Both are timed as whole processes (start-up and imports included), in the same run, on the
same synthetic corpus (``benchmarks/synthetic.py``), taking turns (each round runs every size,
gaps then report) so that a busy spell of the machine falls on both; each time is the median
of ``--repeat`` rounds. The peak memory of each process is its own maximum resident set size
(``os.wait4``), the largest over the rounds. graphmodel's bytecode is compiled first, as in
``benchmarks.gaps``. On Linux the report draws its views in a second process
(``graphmodel.background``): the ratio is of wall-clock times, what the user waits; the CPU
ratio (both processes' CPU seconds) says what the work costs, and what a one-core machine waits.

    python -m benchmarks.report                        # 300 and 3,000 plans × 60 measures
    python -m benchmarks.report --sizes 300 --repeat 3

Targets (issue 9): report ≤ 5× gaps at 300 plans; 3,000 plans finishes; growth from 300 to
3,000 plans roughly linear. Results are printed and written to ``benchmarks/results/report.json``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import graphmodel.viz  # noqa: F401  (compiled below)

import graphmodel as graphmodel_package

from .synthetic import write_corpus

RESULTS = Path(__file__).parent / "results" / "report.json"


def run_once(command: list[str]) -> tuple[float, float, float]:
    """Wall-clock seconds, peak resident memory (MB) and CPU seconds of one run; fails loudly if it fails.

    Linux counts in the CPU time and the peak memory of a process those of the children it waited
    for: the report's second process (``graphmodel.background``) is included.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}:\n{errors}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # ru_maxrss: kilobytes on Linux


def run(sizes: list[int], measures: int, repeat: int) -> dict:
    compileall.compile_dir(Path(graphmodel_package.__file__).parent, quiet=1)
    compileall.compile_dir(Path(graphmodel_package.viz.__file__).parent, quiet=1)  # viz/ of the repository
    cli = [sys.executable, "-m", "graphmodel.cli"]
    runs: dict[tuple[int, str], list[tuple[float, float, float]]] = {
        (n, k): [] for n in sizes for k in ("gaps", "report")
    }
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {n: Path(tmp) / f"c{n}" for n in sizes}
        for n, corpus in corpora.items():
            write_corpus(corpus, n, measures)
        for _ in range(repeat):
            for n, corpus in corpora.items():
                runs[n, "gaps"].append(
                    run_once([*cli, "gaps", "--format", "json", "--as-of", "2026-01-01", str(corpus)])
                )
                runs[n, "report"].append(
                    run_once([*cli, "report", "--as-of", "2026-01-01", "-o", str(Path(tmp) / f"out{n}"), str(corpus)])
                )
    rows = []
    for n in sizes:
        gaps = statistics.median(t for t, _, _ in runs[n, "gaps"])
        report = statistics.median(t for t, _, _ in runs[n, "report"])
        gaps_cpu = statistics.median(c for _, _, c in runs[n, "gaps"])
        report_cpu = statistics.median(c for _, _, c in runs[n, "report"])
        per_round = [r / g for (r, _, _), (g, _, _) in zip(runs[n, "report"], runs[n, "gaps"])]
        rows.append(
            {
                "plans": n,
                "measures": n * measures,
                "gaps_s": round(gaps, 2),
                "report_s": round(report, 2),
                "ratio": round(report / gaps, 2),
                "ratio_per_round": [round(min(per_round), 2), round(max(per_round), 2)],
                "gaps_cpu_s": round(gaps_cpu, 2),
                "report_cpu_s": round(report_cpu, 2),
                "cpu_ratio": round(report_cpu / gaps_cpu, 2),
                "gaps_peak_mb": round(max(m for _, m, _ in runs[n, "gaps"])),
                "report_peak_mb": round(max(m for _, m, _ in runs[n, "report"])),
            }
        )
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}",
        "repeat": repeat,
        "rows": rows,
    }
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        result["growth"] = {
            "plans_factor": last["plans"] / first["plans"],
            "report_time_factor": round(last["report_s"] / first["report_s"], 2),
            "gaps_time_factor": round(last["gaps_s"] / first["gaps_s"], 2),
            "report_memory_factor": round(last["report_peak_mb"] / first["report_peak_mb"], 2),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--measures", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    result = run(args.sizes, args.measures, args.repeat)
    print(
        f"{'plans':>6} {'measures':>9} {'gaps s':>8} {'report s':>9} {'ratio':>6} {'CPU ratio':>10}"
        f" {'gaps MB':>8} {'report MB':>10}"
    )
    for row in result["rows"]:
        low, high = row["ratio_per_round"]
        print(
            f"{row['plans']:>6} {row['measures']:>9} {row['gaps_s']:>8} {row['report_s']:>9} {row['ratio']:>6}"
            f" {row['cpu_ratio']:>10} {row['gaps_peak_mb']:>8} {row['report_peak_mb']:>10}"
            f"   (rounds: {low}-{high})"
        )
    if "growth" in result:
        g = result["growth"]
        print(
            f"growth: {g['plans_factor']:.0f}x plans -> report {g['report_time_factor']}x time, "
            f"gaps {g['gaps_time_factor']}x time, report {g['report_memory_factor']}x memory"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
