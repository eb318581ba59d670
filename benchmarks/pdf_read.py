"""Benchmark: reading a plan from PDF against reading the same plan from XLSX.

One synthetic plan (``benchmarks/synthetic.py``, the real phrasings; half of the measures carry a
purpose clause, so that 300 measures fill about 30 pages) is written as .xlsx (openpyxl) and as a
Word document laid out as municipalities lay them out (``benchmarks/documents.py``: title,
introduction, a heading and a table per area, A4 landscape), ruled ("Table Grid") and unruled,
which LibreOffice turns into PDF once: the PDFs are kept in ``--cache`` (a folder in the system's
temporary folder), keyed by a hash of the plan and of the code that lays it out, so a second run
converts nothing. Timed in the same process, in the same run, taking turns (each round reads every
file once) after one untimed round that imports the readers:

- ``read_plan`` (what every command does, with the bundled registry) of each PDF and of the XLSX;
- ``read_table`` alone (the table as read, before the measures and actors are made) of each;
- opening the PDF and reading every page's words, edges and ruled tables (``graphmodel.read.pdf_page``,
  on PDFium), the floor of the reader (how much of the time is graphmodel's own table logic).

Each time is the median (and the minimum) of ``--repeat`` rounds; the ratio PDF/XLSX is of the
medians, with the spread of the rounds' own ratios. The measures read from each PDF are compared
with those read from the XLSX (the same texts, areas and levels). The machine's load average before
and after the rounds is recorded: on a shared machine the seconds swing with it, the ratios less.
``--profile`` profiles one ``read_plan`` of the ruled PDF (cProfile) and prints the top 15
functions by cumulative time.

    python -m benchmarks.pdf_read                       # 300 measures, --repeat 5
    python -m benchmarks.pdf_read --measures 12 --repeat 1 --profile

Target (issue 12): a 30-page PDF plan of 300 measures reads in ≤ 5 s. Progress is shown on a
terminal (stderr) and not when piped. Results are printed and written to
``benchmarks/results/pdf_read.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import functools
import hashlib
import io
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from graphmodel import api
from graphmodel.read.plans import read_plan
from graphmodel.read.tables import read_table

from . import documents
from .synthetic import write_plan

RESULTS = Path(__file__).parent / "results" / "pdf_read.json"
CACHE = Path(tempfile.gettempdir()) / "graphmodel-benchmark-pdf"
TARGET_S = 5.0
LAYOUTS = {"ruled": True, "unruled": False}
PURPOSES = [  # what plans write after a measure, saying why or how
    "för att förebygga radikalisering",
    "så att fler får stöd i tid",
    "enligt kommunens rutiner",
    "och redovisa resultatet till kommunstyrelsen",
    "utifrån den lokala lägesbilden",
    "i syfte att öka tryggheten",
    "så att personalen vet hur de ska agera vid oro",
]
ORGANISATION = "Exempelby kommun"


def plan_rows(measures: int, seed: int = 1) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a synthetic plan; half of the measures end in a purpose clause."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.csv"
        write_plan(path, ORGANISATION, measures, random.Random(seed))
        with path.open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle, delimiter=";"))
    rng = random.Random(seed + 1)
    for row in rows:
        if rng.random() < 0.5:
            row[2] = f"{row[2]} {rng.choice(PURPOSES)}"
    return header, rows


def write_info(path: Path) -> None:
    """The ``.plan.toml`` beside a plan file, naming its organisation."""
    path.with_name(path.stem + ".plan.toml").write_text(
        f'id = "{path.stem}"\ntitle = "Handlingsplan {ORGANISATION}"\norganisation = "{ORGANISATION}"\n'
        'year = 2019\nsource = "synthetic"\n',
        encoding="utf-8",
    )


def write_xlsx(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    write_info(path)
    return path


def grouped_csv(header: list[str], rows: list[list[str]]) -> str:
    """The plan as a CSV with each area written on its first row only, as plans group their rows: the
    Word document then has one heading and one table per area (``documents.plan_as_docx``)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    previous = None
    for row in rows:
        writer.writerow(["" if row[0] == previous else row[0], *row[1:]])
        previous = row[0]
    return out.getvalue()


def pdfs(header: list[str], rows: list[list[str]], cache: Path, layouts: list[str]) -> tuple[dict[str, Path], bool]:
    """The plan's PDF in each layout, made by LibreOffice unless the cache has it; and whether any was made."""
    text = grouped_csv(header, rows)
    code = Path(documents.__file__).read_bytes()
    made: dict[str, Path] = {}
    missing: list[tuple[str, Path]] = []
    for layout in layouts:
        key = hashlib.sha256(b"\0".join([text.encode(), code, layout.encode(), b"landscape"])).hexdigest()[:16]
        folder = cache / key
        made[layout] = folder / f"plan-{layout}.pdf"
        if not made[layout].is_file():
            folder.mkdir(parents=True, exist_ok=True)
            plan = folder / "plan.csv"
            plan.write_text(text, encoding="utf-8")
            docx = documents.plan_as_docx(plan, folder / f"plan-{layout}.docx", ruled=LAYOUTS[layout], landscape=True)
            missing.append((layout, docx))
    if missing:
        with tempfile.TemporaryDirectory() as tmp:
            for (layout, _), pdf in zip(missing, documents.to_pdf([d for _, d in missing], Path(tmp))):
                shutil.copyfile(pdf, made[layout].with_suffix(".part"))
                os.replace(made[layout].with_suffix(".part"), made[layout])  # never a half-written PDF in the cache
    return made, bool(missing)


def page_count(path: Path) -> int:
    from graphmodel.read.pdf_page import open_document

    with open_document(str(path)) as pdf:
        return pdf.pages


def page_words(path: Path) -> int:
    """What the PDF reader pays before its own logic: open the PDF and read every page's words (with the
    font name and size), edges and ruled tables' boxes."""
    from graphmodel.read.pdf_page import open_document, page_content

    with open_document(str(path)) as pdf:
        return sum(len(page_content(pdf, i).words) for i in range(pdf.pages))


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


@contextmanager
def progress_bar(total: int):
    """An ``advance(description)`` callback drawing a bar on stderr, or doing nothing when stderr is not a
    terminal (piped or redirected output stays quiet)."""
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda description: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("", total=total)
    with bar:
        yield lambda description: bar.update(task, description=description, advance=1)


def same_measures(pdf_plan, xlsx_plan) -> int:
    """How many of the PDF's measures the XLSX has too (the same text, area and level), each counted once."""

    def keys(plan) -> Counter:
        return Counter((" ".join(m.text.split()), m.area, m.level) for m in plan.measures)

    return sum((keys(pdf_plan) & keys(xlsx_plan)).values())


def run(measures: int, repeat: int, layouts: list[str], cache: Path) -> dict:
    registry = api.read_registry()
    header, rows = plan_rows(measures)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        xlsx = write_xlsx(work / "plan.xlsx", header, rows)
        started = time.perf_counter()
        cached, converted = pdfs(header, rows, cache, layouts)
        conversion = time.perf_counter() - started
        files = {}
        for layout, pdf in cached.items():
            files[layout] = work / pdf.name
            shutil.copyfile(pdf, files[layout])
            write_info(files[layout])
        kinds = [("xlsx", "plan"), ("xlsx", "table")] + [
            (layout, kind) for layout in layouts for kind in ("plan", "table", "pages")
        ]
        paths = {"xlsx": xlsx, **files}
        work_of = {
            "plan": lambda path: read_plan(path, registry),
            "table": read_table,
            "pages": page_words,
        }
        times: dict[tuple[str, str], list[float]] = {k: [] for k in kinds}
        read = {name: read_plan(path, registry) for name, path in paths.items()}  # untimed: imports the readers
        load_before = os.getloadavg()[0]  # a shared machine: how busy it was, for reading the seconds
        with progress_bar(repeat * len(kinds)) as advance:
            for round_ in range(repeat):
                for name, kind in kinds:
                    advance(f"round {round_ + 1}/{repeat}: {name} {kind}")
                    times[name, kind].append(seconds(functools.partial(work_of[kind], paths[name])))
        load_after = os.getloadavg()[0]
        pages = {layout: page_count(path) for layout, path in files.items()}

    def median(name: str, kind: str) -> float:
        return statistics.median(times[name, kind])

    def spread(name: str, kind: str) -> list[float]:
        per_round = [p / x for p, x in zip(times[name, kind], times["xlsx", kind])]
        return [round(min(per_round), 1), round(max(per_round), 1)]

    rows_out = []
    for layout in layouts:
        plan_s, table_s, floor_s = (median(layout, k) for k in ("plan", "table", "pages"))
        rows_out.append(
            {
                "layout": layout,
                "pages": pages[layout],
                "measures_read": len(read[layout].measures),
                "measures_as_xlsx": same_measures(read[layout], read["xlsx"]),
                "read_plan_s": round(plan_s, 3),
                "read_plan_min_s": round(min(times[layout, "plan"]), 3),
                "read_plan_s_per_page": round(plan_s / pages[layout], 3),
                "read_plan_ratio": round(plan_s / median("xlsx", "plan"), 1),
                "read_plan_ratio_per_round": spread(layout, "plan"),
                "read_table_s": round(table_s, 3),
                "read_table_min_s": round(min(times[layout, "table"]), 3),
                "read_table_s_per_page": round(table_s / pages[layout], 3),
                "read_table_ratio": round(table_s / median("xlsx", "table"), 1),
                "read_table_ratio_per_round": spread(layout, "table"),
                "page_words_s": round(floor_s, 3),
                "page_words_share": round(floor_s / table_s, 2),
                "target_met": plan_s <= TARGET_S,
            }
        )
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}",
        "load_average": [round(load_before, 1), round(load_after, 1)],  # 1-minute, before and after the rounds
        "repeat": repeat,
        "measures": measures,
        "target_s": TARGET_S,
        "xlsx": {
            "measures_read": len(read["xlsx"].measures),
            "read_plan_s": round(median("xlsx", "plan"), 3),
            "read_plan_min_s": round(min(times["xlsx", "plan"]), 3),
            "read_table_s": round(median("xlsx", "table"), 3),
            "read_table_min_s": round(min(times["xlsx", "table"]), 3),
        },
        "rows": rows_out,
        "pdf_made_s": round(conversion, 1) if converted else None,  # None: the PDFs came from the cache
    }


def profile(measures: int, cache: Path, top: int = 15) -> str:
    """One ``read_plan`` of the ruled PDF under cProfile: the ``top`` functions by cumulative time."""
    registry = api.read_registry()
    header, rows = plan_rows(measures)
    cached, _ = pdfs(header, rows, cache, ["ruled"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / cached["ruled"].name
        shutil.copyfile(cached["ruled"], path)
        write_info(path)
        read_plan(path, registry)  # imports first, as in the timed rounds
        profiler = cProfile.Profile()
        profiler.runcall(read_plan, path, registry)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--layouts", nargs="+", choices=list(LAYOUTS), default=list(LAYOUTS))
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the PDFs LibreOffice made are kept")
    parser.add_argument("--profile", action="store_true", help="print where one read of the ruled PDF spends its time")
    parser.add_argument("--out", type=Path, default=RESULTS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    result = run(args.measures, args.repeat, args.layouts, args.cache)
    x = result["xlsx"]
    print(
        f"XLSX, {x['measures_read']} measures: read_plan {x['read_plan_s']} s (min {x['read_plan_min_s']}), "
        f"read_table {x['read_table_s']} s (min {x['read_table_min_s']})"
    )
    print(
        f"{'layout':>8} {'pages':>6} {'read_plan s':>12} {'min':>7} {'s/page':>7} {'/XLSX':>6}"
        f" {'read_table s':>13} {'/XLSX':>6} {'pages s':>8} {'target':>7}"
    )
    for row in result["rows"]:
        low, high = row["read_plan_ratio_per_round"]
        print(
            f"{row['layout']:>8} {row['pages']:>6} {row['read_plan_s']:>12} {row['read_plan_min_s']:>7}"
            f" {row['read_plan_s_per_page']:>7} {row['read_plan_ratio']:>6} {row['read_table_s']:>13}"
            f" {row['read_table_ratio']:>6} {row['page_words_s']:>8}"
            f" {'met' if row['target_met'] else 'NOT met':>7}   (rounds: {low}-{high};"
            f" {row['measures_as_xlsx']}/{row['measures_read']} measures as in the XLSX)"
        )
    print(f"load average (1 min) before and after the rounds: {result['load_average']} on {os.cpu_count()} cores")
    made = result["pdf_made_s"]
    print(f"PDFs: {'made by LibreOffice in ' + str(made) + ' s' if made is not None else 'from the cache'}")
    if args.profile:
        print(profile(args.measures, args.cache))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
