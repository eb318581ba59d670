"""Benchmark of the network views: HTML generation time, file size, and time to first stable drawing.

    python -m benchmarks.views [--plans 300] [--measures 60] [--runs 3] [--screenshots]

Skärholmen (plan, actor and Polisen ego views) and the actor view of a
synthetic corpus (300 plans × 60 measures by default). The browser part opens
each page in headless Debian chromium (Playwright) and reads, from the page,
the time from navigation start until vis-network has drawn it (physics is off,
so the first drawing is the stable one). Each page is opened ``--runs``
times (in turn, in a fresh tab) and the median is reported, since the
machine may be busy with other work. Prints a table and writes
``benchmarks/results/views.json``; ``--screenshots`` also writes the README's
screenshots to ``docs/screenshots/``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKARHOLMEN = ROOT / "data" / "plans" / "skarholmen-2017.csv"
TARGET_SECONDS = 3.0


def _generate(name, build, path):
    from graphmodel import viz

    start = time.perf_counter()
    view = build()
    built = time.perf_counter() - start
    viz.write_view(view, path)
    total = time.perf_counter() - start
    return {
        "view": name,
        "nodes": len(view.nodes),
        "edges": len(view.edges),
        "build_s": round(built, 3),
        "html_s": round(total, 3),
        "size_mb": round(path.stat().st_size / 1e6, 2),
        "path": path,
    }


def _open_once(browser, row, screenshot: Path | None, viewport=(1500, 1000)):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    start = time.perf_counter()
    page.goto(row["path"].resolve().as_uri(), timeout=120_000)
    while not page.evaluate("!!(window.__view && window.__view.drawn)"):
        if time.perf_counter() - start > 120:
            raise RuntimeError(f"{row['view']}: not drawn after 120 s")
        time.sleep(0.02)
    wall = time.perf_counter() - start
    drawn_at = page.evaluate("window.__view.drawnAt") / 1000
    drawn = page.evaluate(
        "[window.__view.network.body.nodeIndices.length, window.__view.network.body.edgeIndices.length]"
    )
    if drawn != [row["nodes"], row["edges"]]:
        errors.append(f"drew {drawn[0]} nodes and {drawn[1]} edges, expected {row['nodes']} and {row['edges']}")
    if screenshot is not None:
        bottom = page.evaluate("document.querySelector('.layout').getBoundingClientRect().bottom")
        page.set_viewport_size({"width": viewport[0], "height": int(min(max(bottom, 800), 1800))})
        page.evaluate("window.__view.network.redraw()")
        page.screenshot(
            path=str(screenshot),
            clip={"x": 0, "y": 0, "width": viewport[0], "height": int(min(max(bottom, 800), 1800))},
        )
    page.close()
    return drawn_at, wall, errors


def _open(browser, rows, screenshots: list[Path | None], runs: int):
    """Open every page ``runs`` times, in turn, and keep the median (and every run) per page."""
    timings = {id(row): [] for row in rows}
    for run in range(runs):
        for row, shot in zip(rows, screenshots):
            timings[id(row)].append(_open_once(browser, row, shot if run == runs - 1 else None))
    for row in rows:
        done = timings[id(row)]
        row.update(
            drawn_s=round(statistics.median(d for d, _, _ in done), 3),
            wall_s=round(statistics.median(w for _, w, _ in done), 3),
            drawn_runs_s=[round(d, 3) for d, _, _ in done],
            errors=max(len(e) for _, _, e in done),
        )
        for _, _, errors in done:
            for error in errors:
                print(f"{row['view']}: {error}", file=sys.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--measures", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3, help="Open each page this many times; report the median.")
    parser.add_argument("--screenshots", action="store_true", help="Write docs/screenshots/*.png.")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    import graphmodel as gm
    from benchmarks.synthetic import write_corpus
    from graphmodel import viz
    from graphmodel.analyse.gaps import find_gaps

    shots = ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        graph = gm.build_graph(gm.read_plans([SKARHOLMEN]))
        findings = find_gaps(graph)
        rows = [
            _generate("Skärholmen plan", lambda: viz.plan_view(graph, findings), tmp / "plan.html"),
            _generate("Skärholmen actors", lambda: viz.actor_view(graph, findings), tmp / "actors.html"),
            _generate("Skärholmen ego Polisen", lambda: viz.ego_view(graph, "Polisen", findings), tmp / "ego.html"),
        ]
        corpus = tmp / "corpus"
        write_corpus(corpus, plans=args.plans, measures=args.measures)
        start = time.perf_counter()
        big = gm.build_graph(gm.read_plans(sorted(str(p) for p in corpus.glob("*.csv"))))
        read_s = time.perf_counter() - start
        rows.append(_generate(f"{args.plans} plans actors", lambda: viz.actor_view(big), tmp / "actors-big.html"))
        names = [
            "plan-skarholmen.png",
            "actors-skarholmen.png",
            "ego-polisen-skarholmen.png",
            f"actors-{args.plans}-plans.png",
        ]
        if args.screenshots:
            shots.mkdir(parents=True, exist_ok=True)
        load = os.getloadavg()[0]  # other work on the machine slows the browser down
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
            )
            _open(browser, rows, [shots / name if args.screenshots else None for name in names], args.runs)
            browser.close()
    for row in rows:
        del row["path"]
    result = {
        "corpus": {"plans": args.plans, "measures_per_plan": args.measures, "read_and_build_s": round(read_s, 2)},
        "target_drawn_s": TARGET_SECONDS,
        "runs": args.runs,
        "cpus": os.cpu_count(),
        "load_average_1min": round(load, 2),
        "views": rows,
    }
    out = ROOT / "benchmarks" / "results" / "views.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    header = f"{'view':<26}{'nodes':>7}{'edges':>8}{'html s':>8}{'MB':>7}{'drawn s':>9}{'wall s':>8}{'errors':>7}"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['view']:<26}{r['nodes']:>7}{r['edges']:>8}{r['html_s']:>8.2f}{r['size_mb']:>7.2f}"
            f"{r['drawn_s']:>9.2f}{r['wall_s']:>8.2f}{r['errors']:>7}"
        )
    print(
        f"(median of {args.runs} runs; corpus read and built in {read_s:.1f} s; target: the big view drawn within {TARGET_SECONDS} s; wrote {out})"
    )
    return 0 if rows[-1]["drawn_s"] <= TARGET_SECONDS and not any(r["errors"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
