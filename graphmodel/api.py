"""The Python API: read plans, build the graph, list what is in it, write the report.

The CLI is a thin layer over these functions; a notebook uses them directly::

    >>> import graphmodel as gm
    >>> plans = gm.read_plans([gm.EXAMPLE_PLAN])  # the bundled plan; or your files and folders
    >>> graph = gm.build_graph(plans)
    >>> [a["name"] for a in gm.actors(graph)][:2]
    ['Preventionssamordnare', 'Medarbetare']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .analyse.listing import actors, measures
from .analyse.questions import resolve_actor
from .build import build_graph
from .errors import GraphmodelError, IngestError, IngestFailed
from .memory import gc_paused
from .model import Plan
from .outputs import Outputs
from .present.frames import actors_frame, findings_frame, measures_frame  # these import pandas when called
from .read.frames import plan_from_frame  # likewise
from .read.plans import read_plan
from .read.registry_file import read_registry
from .registry import Registry

if TYPE_CHECKING:
    from .analyse.gaps import GapSettings
    from .read.tables import Limits

Progress = Callable[[str, int, int], None]  # (what is being done, how much is done, of how much)

__all__ = [  # graphmodel/__init__.py offers the same names lazily (a test keeps the two equal)
    "read_registry",
    "read_plans",
    "build_graph",
    "measures",
    "actors",
    "resolve_actor",
    "ledger",
    "report",
    "report_data",
    "write_report",
    "Report",
    "EXAMPLE_PLAN",
    "measures_frame",
    "actors_frame",
    "findings_frame",
    "plan_from_frame",
    "extract",
    "Extract",
]

# The bundled Skärholmen plan (2017), wherever graphmodel is installed: for examples and first tries.
EXAMPLE_PLAN = Path(str(resources.files("graphmodel.data").joinpath("plans", "skarholmen-2017.csv")))


PLAN_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".docx")


def plan_files(paths: Iterable[str | os.PathLike]) -> list[str]:
    """The plan files named, with a folder standing for the CSV, XLSX and DOCX files in it."""
    files: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            found = sorted(str(p) for p in Path(path).iterdir() if p.suffix.lower() in PLAN_SUFFIXES)
            if not found:
                raise IngestFailed(
                    [
                        IngestError(
                            str(path),
                            "no-plan-files",
                            "the folder has no .csv, .xlsx or .docx files; name the plan files instead",
                        )
                    ]
                )
            files.extend(found)
        else:
            files.append(str(path))
    return files


def read_plans(
    paths: Iterable[str | os.PathLike],
    registry: Registry | None = None,
    sheet: str | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
    organisation: str | None = None,
) -> list[Plan]:
    """Read every plan file (a folder stands for its plan files); if any fails, raise one
    IngestFailed with every file's errors. ``limits`` raises the reading limits (``Limits``);
    ``progress("Reading plans", done, total)`` is called as files are read. ``organisation``
    names the organisation of the plans whose ``.plan.toml`` does not name one."""
    registry = registry if registry is not None else read_registry()
    plans: list[Plan] = []
    errors: list[IngestError] = []
    first_file: dict[str, str] = {}
    files = plan_files(paths)
    with gc_paused():
        for done, path in enumerate(files):
            if progress:
                progress("Reading plans", done, len(files))
            try:
                # --sheet names a sheet of the workbooks; CSV files given alongside have none.
                plan = read_plan(
                    path,
                    registry,
                    sheet=sheet if path.lower().endswith((".xlsx", ".xlsm")) else None,
                    limits=limits,
                    organisation=organisation,
                )
            except IngestFailed as failed:
                errors.extend(failed.errors)
                continue
            if plan.info.id in first_file:
                errors.append(
                    IngestError(
                        str(path),
                        "duplicate-plan-id",
                        f"plan id {plan.info.id!r} is already used by {first_file[plan.info.id]}; "
                        "give one of them another file name or another id in its .plan.toml",
                    )
                )
                continue
            first_file[plan.info.id] = str(path)
            plans.append(plan)
    if errors:
        raise IngestFailed(errors)
    return plans


def ledger(plans: Iterable[Plan]) -> list[dict]:
    """What every non-empty input cell became, with the problems found (``graphmodel check``).

    A cell naming several actors has a row for each; ``part`` is the phrase of
    the cell the row is about (None for a cell read as one piece). ``rule`` names the
    reading rule(s) that fired (``error_codes.READING_RULES``), None when none did: a
    reading for a person to review even without a problem (``to_review``).
    """
    return [
        {
            "file": item.source.file,
            "row": item.source.row,
            "sheet": item.source.sheet,
            "place": item.source.place,  # a Word document's "table 2, row 7", a PDF's "page 3, table 1, row 7"
            "page": item.source.page,  # a PDF's page, else None
            "column": item.column,
            "text": item.text,
            "part": item.part,
            "became": item.became,
            "problem": item.problem,
            "suggestions": list(item.suggestions),
            "rule": item.rule,
        }
        for plan in plans
        for item in plan.ledger
    ]


def cell_of(row: dict) -> tuple:
    """The cell a ledger row is about, (file, sheet, row, column): a cell naming several actors has a row
    for each, and counts once."""
    return row["file"], row["sheet"], row["row"], row["column"]


def to_review(rows: Iterable[dict]) -> tuple[set[tuple], set[tuple]]:
    """The cells ``check`` lists, in one pass over ledger rows (``cell_of``): those with a problem, and
    the interpretations, cells a reading rule fired for and without a problem (a cell with both is
    listed once, with its problems)."""
    problems: set[tuple] = set()
    readings: set[tuple] = set()
    for row in rows:
        if row["problem"]:
            problems.add(cell_of(row))
        elif row["rule"]:
            readings.add(cell_of(row))
    return problems, readings - problems


@dataclass
class Report:
    """What ``report`` wrote and counted."""

    written: list[Path]
    plans: int
    measures: int
    actors: int
    unknown_actors: int
    problems: int
    findings: int
    high_findings: int
    replaced: list[str] = field(default_factory=list)
    interpretations: int = 0  # cells read by a reading rule, without a problem: check.csv lists them


def report(
    paths: Iterable[str | os.PathLike],
    out: str | os.PathLike,
    registry: Registry | None = None,
    sheet: str | None = None,
    settings: GapSettings | None = None,
    limits: Limits | None = None,
    inputs: Iterable[str | os.PathLike] = (),
    fork: bool = False,
    progress: Progress | None = None,
    organisation: str | None = None,
) -> Report:
    """The main job: read plans, build the graph, analyse it, write graph files, listings and the report.

    The files are written as one set (``outputs.Outputs``): all of them
    or, when anything fails, none; never over an input file or through a
    symbolic link (``inputs`` names further files read, such as registry files).
    ``Report.replaced`` lists the existing files it replaced. With ``fork``
    (the command line, on Linux: see ``graphmodel.background``) the graph
    files and network views are drawn in a second process while this one
    computes the metrics and writes the rest.
    ``progress(step, done, total)`` is told how far the work has come. ``organisation`` as for ``read_plans``.
    """
    from .analyse.gaps import GapSettings

    with gc_paused():  # hundreds of thousands of objects made and kept to the end: nothing for the collector
        return _report(
            list(paths), out, registry, sheet, settings or GapSettings(), limits, inputs, fork, progress, organisation
        )


def _report(paths, out, registry, sheet, settings, limits, inputs, fork, progress, organisation=None) -> Report:
    from .analyse.gaps import find_gaps
    from .analyse.metrics import collaboration_network, measure_actors

    plans = read_plans(paths, registry, sheet, limits, progress, organisation)
    if progress:
        progress("Analysing", 0, 1)
    graph = build_graph(plans)
    roles = measure_actors(graph)
    network = collaboration_network(graph, roles)
    findings = find_gaps(graph, settings)
    with Outputs(out, inputs=[*input_files(paths), *map(Path, inputs)]) as files:
        data, written = _write_report(
            files,
            lambda: report_data(plans, graph, settings, roles=roles, network=network, findings=findings),
            graph,
            findings,
            settings.lang,
            roles,
            network,
            fork,
            progress,
        )
    return Report(
        written,
        len(plans),
        len(data.measures),
        len(data.actors),
        sum(a["unknown"] for a in data.actors),
        data.problem_cells,
        len(data.findings),
        sum(f["severity"] == "high" for f in data.findings),
        files.replaced,
        data.interpretations,
    )


def write_report(
    data,
    out: str | os.PathLike,
    *,
    fork: bool = False,
    progress: Progress | None = None,
    inputs: Iterable[str | os.PathLike] = (),
) -> list[Path]:
    """Write the report's files from ``report_data(...)`` into the folder ``out``, as one set
    (never over one of ``inputs``); ``fork`` and ``progress`` as for ``report``."""
    with Outputs(out, inputs=[Path(p) for p in inputs]) as files:
        _, written = _write_report(
            files, lambda: data, data.graph, data.findings, data.lang, data.roles, data.network, fork, progress
        )
    return written


def _write_report(files, make_data, graph, findings, lang, roles, network, fork, progress):
    """Start the views and the XML graph files (in a second process with ``fork``), make the data
    meanwhile, write the rest; the JSON graph file is written here while the other process finishes,
    which on two cores evens out the two processes' work."""
    from .background import in_background
    from .present.exports import GRAPH_FILES, write_graph_files, write_report_files

    graph_paths = {name: files.reserve(name) for name in GRAPH_FILES}
    here = {"graph.json": graph_paths.pop("graph.json")}
    drawing = in_background(_draw, graph, findings, lang, roles, network, graph_paths, fork=fork)

    def drawn():
        write_graph_files(graph, here)
        return drawing.result()

    try:
        data = make_data()
        return data, write_report_files(data, files, drawn, progress)
    except BaseException:  # the other process stops before the set's files are removed, or it would write them again
        drawing.cancel()
        raise


def _draw(graph, findings, lang, roles, network, graph_paths):
    """The report's work for a second process: the graph files at ``graph_paths``, and the views."""
    from graphmodel.viz import render_views

    from .present.exports import write_graph_files

    write_graph_files(graph, graph_paths)
    return render_views(graph, findings, lang, roles=roles, network=network)


def report_data(
    plans: list[Plan],
    graph,
    settings: GapSettings | None = None,
    *,
    roles: dict | None = None,
    network=None,
    findings: list[dict] | None = None,
):
    """Everything the report's files are written from (``ReportData``), each piece computed once
    (``roles``, ``network`` and ``findings`` when the caller has them already)."""
    from .analyse.gaps import GapSettings, coverage_table, find_gaps
    from .analyse.metrics import actor_metrics, collaboration_network, measure_actors
    from .present.exports import ReportData

    settings = settings or GapSettings()
    roles = roles if roles is not None else measure_actors(graph)
    network = network if network is not None else collaboration_network(graph, roles)
    findings = findings if findings is not None else find_gaps(graph, settings)
    rows = ledger(plans)
    problems, readings = to_review(rows)
    return ReportData(
        graph=graph,
        plans=[_plan_summary(p) for p in plans],
        measures=measures(graph),
        actors=actors(graph),
        ledger=rows,
        findings=findings,
        metrics=actor_metrics(graph, network, roles),
        coverage=coverage_table(graph, roles),
        as_of=settings.as_of,
        lang=settings.lang,
        roles=roles,
        network=network,
        problem_cells=len(problems),
        interpretations=len(readings),
    )


def input_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The plan files named and their ``.plan.toml`` files: what an output must never replace."""
    files = [Path(p) for p in plan_files(paths)]
    return files + [p.with_name(p.stem + ".plan.toml") for p in files]


def _plan_summary(plan: Plan) -> dict:
    info = plan.info
    return {
        "id": info.id,
        "title": info.title,
        "organisation_name": info.organisation_name,
        "year": info.year,
        "source": info.source,
        "file": info.file,
        "measures": len(plan.measures),
    }


@dataclass
class Extract:
    """What ``extract`` wrote and counted."""

    written: Path  # the workbook
    rows: int  # the table's rows read (measures, heading rows, rows continuing the measure above)
    measures: int  # the measures the plan reads from them
    tables: int  # the document's tables the rows come from (0 for a CSV or XLSX plan)
    left_out: int  # rows on the sheet "Ej inlästa rader": rows not taken as the plan's
    metadata: Path | None = None  # the .plan.toml read with the workbook, if any
    metadata_copied: bool = False  # whether it was copied there from beside the plan
    replaced: list[str] = field(default_factory=list)


def extract(
    path: str | os.PathLike,
    out: str | os.PathLike,
    limits: Limits | None = None,
    registry: Registry | None = None,
) -> Extract:
    """Write the table of a plan (a Word document or PDF; a CSV or XLSX plan too) as read into the workbook
    ``out`` (.xlsx), to be corrected in Excel and read as the plan: the same measures, actors and statuses.

    The first sheet holds the title above the header, the plan's columns as the reader maps them (an area or
    level from a heading above a table as an ordinary "Område" or "Nivå" column), every row read and, in the
    column "Källa", where each row is in the document ("table 2, row 5"); the sheet "Ej inlästa rader" the rows
    not taken as the plan's (see ``graphmodel.present.extract``). The plan's ``.plan.toml`` is copied beside
    the workbook (or, when the workbook has the plan's name in its folder, is already there). The workbook
    and the copy are written as one set, replacing files of those names (``Extract.replaced``) but never the
    plan itself. ``registry`` only matters for a cell naming more actors than ``limits`` allow.
    """
    import shutil

    from .present.extract import extract_sheets, write_extract
    from .read.plan_metadata import metadata_path, read_plan_info
    from .read.plans import parse_plan
    from .read.tables import DEFAULT_LIMITS, read_table

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise GraphmodelError(
            f"cannot write {str(out)!r}: the extract is an Excel workbook, so its name must end in .xlsx "
            f"(for example -o {out.with_suffix('.xlsx')})."
        )
    limits = limits or DEFAULT_LIMITS
    table = read_table(path, limits=limits)
    plan = parse_plan(table, read_plan_info(path), registry if registry is not None else read_registry(), limits)
    sheets = extract_sheets(table, {m.source.row for m in plan.measures})
    side, beside = metadata_path(path), metadata_path(out)
    copied = side.is_file() and not _same_file(side, beside)
    with Outputs(out.parent, inputs=input_files([path])) as files:
        files.write(out.name, lambda temporary: write_extract(temporary, sheets))
        if copied:
            files.write(beside.name, lambda temporary: shutil.copyfile(side, temporary))
    return Extract(
        out,
        len(table.rows),
        len(plan.measures),
        sheets.tables,
        len(sheets.left_out),
        beside if beside.is_file() else None,
        copied,
        files.replaced,
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.abspath(a) == os.path.abspath(b) or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False
