"""Write the graph and its listings to files: GraphML, GEXF, node-link and graphology JSON, XLSX, CSV.

Spreadsheet cells that start like a formula (= + - @) can never run in Excel:
in XLSX they are text cells with the quote prefix (the text itself unchanged),
in CSV they get a leading apostrophe. Every writer streams its rows and makes
its text valid for its format (``formats.clean_text``), so a control
character from a plan, a registry or a file name can neither crash a writer
nor make a file that no program reads.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from ..catalogue import BECAME, HEADINGS, KIND_NAMES, SCOPE_NAMES, SEVERITY_NAMES, SHEETS, STATE_NAMES
from ..outputs import Outputs, cannot_write
from ..text import clean_data
from . import graph_files
from .file_graph import Look, file_graph, node_looks
from .formats import ACTOR_COLUMNS, MEASURE_COLUMNS, Column, csv_chunks
from .xlsx import Sheet, write_workbook

# check.csv and ``check --format csv``: the contract. ``rule`` names the reading rule(s) that fired
# (``error_codes.READING_RULES``); ``interpretation`` is "true" when the row's cell is an interpretation
# to review (a rule fired in it and it has no problem: ``mark_interpretations``), last so that the
# columns before it stay where they were.
LEDGER_COLUMNS: Sequence[Column] = (
    Column("file", lambda r: r["file"]),
    Column("row", lambda r: r["row"]),
    Column("column", lambda r: r["column"]),
    Column("text", lambda r: r["text"]),
    Column("part", lambda r: r.get("part") or ""),
    Column("became", lambda r: r["became"]),
    Column("problem", lambda r: r["problem"] or ""),
    Column("rule", lambda r: r.get("rule") or ""),
    Column("suggestions", lambda r: "; ".join(r["suggestions"])),
    Column("interpretation", lambda r: "true" if r.get("interpretation") else "false"),
    # where a person finds the row in a Word document or PDF ("page 3, table 2, row 5") and its page
    Column("place", lambda r: r.get("place") or ""),
    Column("page", lambda r: r.get("page") if r.get("page") is not None else ""),
)
# The sheet for people and ``check --all``: the rule says it, the true/false column is for programs; the
# row says its place there ("11 (table 2, row 7)").
LEDGER_SHEET: Sequence[Column] = tuple(
    c for c in LEDGER_COLUMNS if c.heading not in ("interpretation", "place", "page")
)


def _row_and_place(r: dict) -> object:
    """The row as ``check`` shows it: "11 (table 2, row 7)" in a Word document."""
    return f"{r['row']} ({r['place']})" if r.get("place") else r["row"]


PROBLEM_TABLE: Sequence[Column] = (
    Column("file", lambda r: Path(r["file"]).name),
    Column("row", _row_and_place),
    Column("column", lambda r: r["column"]),
    Column("cell", lambda r: r["text"]),
    Column("reading", lambda r: r["became"]),
    Column("problem", lambda r: r["problem"] or ""),
    Column("rule", lambda r: r.get("rule") or ""),
    Column("did you mean", lambda r: "; ".join(r["suggestions"])),
)

INTERPRETATION_TABLE: Sequence[Column] = (
    Column("file", lambda r: Path(r["file"]).name),
    Column("row", _row_and_place),
    Column("column", lambda r: r["column"]),
    Column("cell", lambda r: r["text"]),
    Column("part", lambda r: r.get("part") or ""),
    Column("rule", lambda r: r.get("rule") or ""),
    Column("reading", lambda r: r["became"]),
)


def mark_interpretations(rows: list[dict]) -> list[dict]:
    """``rows`` (ledger rows) each with ``interpretation``: whether its cell is an interpretation to
    review, as ``check`` counts them: a reading rule fired in the cell and no row of it has a problem.
    Marked in place, in two passes over the ledger."""
    bad = {_cell_of(r) for r in rows if r["problem"]}
    for r in rows:
        r["interpretation"] = bool(r["rule"]) and _cell_of(r) not in bad
    return rows


def cells_to_review(rows: list[dict]) -> list[dict]:
    """The rows (marked by ``mark_interpretations``) of the cells to review: every row of a cell one of whose
    rows has a problem or is an interpretation. The workbook's sheet lists these, a worklist that prints on a
    page or two; check.csv has every cell."""
    flagged = {_cell_of(r) for r in rows if r["problem"] or r["interpretation"]}
    return [r for r in rows if _cell_of(r) in flagged]


def _cell_of(row: dict) -> tuple:
    """The cell a ledger row is about (a cell naming several actors has a row for each)."""
    return row["file"], row["sheet"], row["row"], row["column"]


def ledger_rows(rows: Iterable[dict]) -> Iterator[dict]:
    """The ledger as files show it: a cell's text on the first of its consecutive rows only.

    A cell naming several actors has a row per actor; repeating the whole
    cell on each made one cell naming 9,000 actors a 793 MB check.csv. The
    ``part`` column says which phrase of the cell each row is about.
    """
    last = None
    for row in rows:
        cell = (
            row["file"],
            row.get("sheet"),
            row["row"],
            row["column"],
            row["text"],
        )  # texts above a table share a row
        if cell == last and row["text"]:
            yield {**row, "text": ""}
        else:
            last = cell
            yield row


def clean_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the graph with every string clean (``clean_text``), node ids and edge keys included."""
    ids = {node: clean_data(node) for node in graph}
    copy = nx.MultiDiGraph(**clean_data(graph.graph))
    copy.add_nodes_from((ids[node], clean_data(data)) for node, data in graph.nodes(data=True))
    copy.add_edges_from(
        (ids[a], ids[b], clean_data(key), clean_data(data)) for a, b, key, data in graph.edges(keys=True, data=True)
    )
    return copy


# What a character no XML file may hold looks like in the UTF-8 networkx writes: a C0 control but tab, line
# feed and carriage return; DEL or a C1 control; U+FFFE/U+FFFF; a lone surrogate (ElementTree writes it as a
# character reference).
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]|&#5[5-7][0-9]{3};")


def _needs_cleaning(path: Path) -> bool:
    """Whether a written XML file holds what ``_NOT_XML`` matches (read in pieces, one regex pass)."""
    with path.open("rb") as handle:
        tail = b""
        while piece := handle.read(1 << 20):
            if _NOT_XML.search(tail + piece):
                return True
            tail = piece[-8:]
    return False


def _write_xml(write: Callable[[nx.MultiDiGraph, Path], object], graph: nx.MultiDiGraph, path: Path) -> Path:
    """Write with networkx, then look at the file: only a graph with text no XML may hold is written again,
    cleaned (a scan of the file instead of every attribute of the graph: 0.2 s instead of 9 s at 300 plans)."""
    try:
        write(graph, path)
        clean = not _needs_cleaning(path)
    except ValueError:  # lxml, when installed, refuses such text instead of writing it
        clean = False
    if not clean:
        write(clean_graph(graph), path)
    return path


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> Path:
    """GraphML (yEd, Gephi): what networkx writes, streamed (``graph_files``), always parseable."""
    if not graph_files.write_graphml(graph, path):  # a graph the streaming writer leaves to networkx
        # networkx's ElementTree writer, as the streamed one: nx.write_graphml is lxml's whenever lxml is
        # installed (python-docx brings it), which writes line breaks and the file's end differently.
        _write_xml(nx.write_graphml_xml, graph, path)
    return path


def write_gexf(graph: nx.MultiDiGraph, path: Path, looks: Mapping[Any, Look] | None = None) -> Path:
    """GEXF (Gephi, Gephi Lite): streamed (``graph_files.write_gexf``), with ``looks`` as viz, always parseable.

    A graph the streaming writer does not cover (never a ``file_graph``) is written by networkx, without
    the looks."""
    if not graph_files.write_gexf(graph, path, looks):
        _write_xml(nx.write_gexf, graph, path)
    return path


def graph_json(graph: nx.MultiDiGraph) -> str:
    """Node-link JSON (notebooks, D3), one attribute per line as before; strings cleaned where needed."""
    return "".join(graph_files.graph_json_chunks(graph))


# graph.graphology.json: graphology's own serialisation, what Gephi Lite and sigma.js load.
GRAPH_FILES = ("graph.graphml", "graph.gexf", "graph.json", "graph.graphology.json")


def write_graph(graph: nx.MultiDiGraph, out: Path | Outputs) -> list[Path]:
    """The graph as GraphML (yEd, Gephi), GEXF (Gephi, Gephi Lite), node-link JSON (notebooks, D3) and
    graphology JSON (Gephi Lite, sigma.js)."""
    with _outputs(out) as files:
        write_graph_files(graph, {name: files.reserve(name) for name in GRAPH_FILES})
    return [files.folder / name for name in GRAPH_FILES]


def write_graph_files(graph: nx.MultiDiGraph, paths: dict[str, Path]) -> None:
    """Write the graph files (of ``GRAPH_FILES``) named in ``paths`` at the temporary paths given for them
    (``Outputs.reserve``), each from ``file_graph(graph)``: the names, edge ids and looks that Gephi,
    graphology, igraph and networkx read as meant (README, "Graph files")."""
    shown = file_graph(graph)
    looks = node_looks(graph) if {"graph.gexf", "graph.graphology.json"} & paths.keys() else None
    writers: dict[str, Callable[[Path], object]] = {
        "graph.graphml": lambda path: write_graphml(shown, path),
        "graph.gexf": lambda path: write_gexf(shown, path, looks),
        "graph.json": lambda path: graph_files.write_graph_json(shown, path),
        "graph.graphology.json": lambda path: graph_files.write_graphology_json(shown, path, looks),
    }
    for name, write in writers.items():
        if name not in paths:
            continue
        try:
            write(paths[name])
        except OSError as err:
            raise cannot_write(paths[name].parent / name, err) from err


class _outputs:
    """An ``Outputs`` given by the caller (who commits it), or a folder to make a set of its own for."""

    def __init__(self, out: Path | Outputs):
        self.own = not isinstance(out, Outputs)
        self.files = Outputs(out) if self.own else out

    def __enter__(self) -> Outputs:
        return self.files.__enter__() if self.own else self.files

    def __exit__(self, *exc) -> None:
        if self.own:
            self.files.__exit__(*exc)


def write_csv(rows: Iterable[dict], columns: Sequence[Column], path: Path) -> Path:
    """A ``;``-separated UTF-8 file with BOM: opens correctly in Swedish Excel by double-click."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        for piece in csv_chunks(rows, columns, delimiter=";"):
            handle.write(piece)
    return path


def write_xlsx(sheets: dict[str, tuple[Iterable[dict], Sequence[Column]]], path: Path) -> Path:
    """One workbook, a sheet per listing, header row frozen and filterable, columns as wide as the
    first 200 rows need (``column_widths``), text wrapped, printed on A4 landscape as wide as the page.
    Rows stream to the file (``xlsx.write_workbook``)."""
    return write_workbook(path, [_sheet(title, rows, columns) for title, (rows, columns) in sheets.items()])


PAGE_WIDTH = 220  # characters: A4 landscape holds about 150 of Calibri 11; fitted to the page, 220 print at about 70 %
NARROWEST_WRAPPED = 16  # characters: a wrapped column is never narrower than this


def column_widths(natural: Sequence[float], page: float = PAGE_WIDTH, words: Sequence[float] = ()) -> list[float]:
    """The widths of columns whose content is ``natural`` characters wide (8 to 60), the widest made narrower,
    all to one width, until the sheet fits ``page``: their text wraps. A column stays as wide as its longest
    word (``words``, at most its natural width), so that no word is broken or runs into the next column, and
    never narrower than ``NARROWEST_WRAPPED``.

    >>> column_widths([10, 60, 60, 20], page=100)
    [10, 35.0, 35.0, 20]
    >>> column_widths([10, 60, 60, 20], page=100, words=[10, 45, 12, 8])
    [10, 45, 25.0, 20]
    >>> column_widths([10, 20], page=100)
    [10, 20]
    """
    floors = [min(n, max(NARROWEST_WRAPPED, w)) for n, w in zip(natural, list(words) + [0] * len(natural))]

    def fitted(cap: float) -> list[float]:
        return [n if n <= cap else max(cap, floor) for n, floor in zip(natural, floors)]

    if sum(natural) <= page:
        return list(natural)
    low, high = float(NARROWEST_WRAPPED), float(max(natural))
    for _ in range(40):  # bisection on the widest width allowed: the total grows with it
        middle = (low + high) / 2
        low, high = (middle, high) if sum(fitted(middle)) <= page else (low, middle)
    cap = round(low, 1)
    return fitted(cap if sum(fitted(cap)) <= page else math.floor(low * 10) / 10)


def _sheet(title: str, rows: Iterable[dict], columns: Sequence[Column]) -> Sheet:
    """A sheet of ``rows``, its columns as wide as the first 200 rows need (``column_widths``: at least their
    longest word). A longer word further down is broken across lines, and its row made tall enough
    (``xlsx._lines``)."""
    rows = iter(rows)
    first = list(islice(rows, 200))
    cells = [[str(c.value(r)) for r in first] for c in columns]
    words = [min(60, max([len(w) for text in texts for w in text.split()], default=0) + 2) for texts in cells]
    natural = [
        min(60, max(8, max([max(map(len, c.heading.split()), default=0)] + list(map(len, texts))) + 2))
        for c, texts in zip(columns, cells)
    ]
    return Sheet(
        title,
        [c.heading for c in columns],
        column_widths(natural, words=words),
        ([c.value(r) for c in columns] for r in chain(first, rows)),
    )


FINDING_SHEET: Sequence[Column] = (
    Column("severity", lambda r: r["severity"]),
    Column("plan", lambda r: r["plan"] or ""),
    Column("message", lambda r: r["message"]),
    Column("measures", lambda r: "; ".join(m["text"] for m in r["measures"])),
    Column("measure ids", lambda r: "; ".join(m["id"] for m in r["measures"])),
    Column("actors", lambda r: "; ".join(r["actors"])),
)

# The columns of each sheet whose values are the tool's own words, and where their names are.
_NAMED_VALUES = {
    ("measures", "state"): STATE_NAMES,
    ("actors", "kind"): KIND_NAMES,
    ("actors", "scope"): SCOPE_NAMES,
    ("findings", "severity"): SEVERITY_NAMES,
}


def workbook_columns(columns: Sequence[Column], sheet: str, lang: str) -> list[Column]:
    """The columns as a workbook sheet for people shows them, in ``lang``: headings from the
    catalogue (``HEADINGS``) and the tool's own words (state, kind, severity) by their names there.

    The CSV files keep the contract (English headings, ``ongoing``, ``police``): programs read
    them. The order of the columns is the same in both.
    """
    headings = HEADINGS[lang][sheet]
    named = []
    for column in columns:
        names = _NAMED_VALUES.get((sheet, column.heading))
        value = column.value
        if names is not None:
            value = _named(value, names[lang])
        elif (sheet, column.heading) == ("ledger", "became"):
            value = _became(value, lang)
        named.append(Column(headings[column.heading], value))
    return named


def _became(value: Callable[[dict], object], lang: str) -> Callable[[dict], object]:
    """What a cell became, said in ``lang`` as far as ``catalogue.BECAME`` knows the words."""
    whole, starts, within = BECAME[lang]["whole"], BECAME[lang]["starts"], BECAME[lang]["within"]

    def said(row: dict) -> object:
        text = value(row)
        if not isinstance(text, str):
            return text
        if text in whole:
            return whole[text]
        for start, translated in starts.items():
            if text.startswith(start):
                text = translated + text[len(start) :]
                break
        for words, translated in within.items():
            text = text.replace(words, translated)
        return text

    return said


def _named(value: Callable[[dict], object], names: dict[str, str]) -> Callable[[dict], object]:
    def name(row: dict) -> object:
        code = value(row)
        return names.get(code, code) if isinstance(code, str) else code

    return name


@dataclass
class ReportData:
    """Everything the report's files are written from, computed once."""

    graph: nx.MultiDiGraph
    plans: list[dict]
    measures: list[dict]
    actors: list[dict]
    ledger: list[dict]
    findings: list[dict]
    metrics: list[dict]
    coverage: list[dict]
    as_of: dt.date
    lang: str = "sv"
    roles: dict | None = None  # measure_actors(graph), computed once for every view and table
    network: nx.Graph | None = None  # collaboration_network(graph, roles), likewise
    problem_cells: int = 0  # cells with a problem (``api.to_review``), as report.html counts them
    interpretations: int = 0  # cells a reading rule fired for, without a problem


def write_gaps_xlsx(findings: list[dict], path: Path, lang: str = "sv") -> Path:
    """One sheet per finding kind, named and headed in ``lang`` (an empty workbook says so on its
    only sheet)."""
    from ..analyse.gaps import KINDS

    columns = workbook_columns(FINDING_SHEET, "findings", lang)
    names = SHEETS[lang]
    sheets = {
        names[kind]: ([f for f in findings if f["kind"] == kind], columns)
        for kind in KINDS
        if any(f["kind"] == kind for f in findings)
    }
    return write_xlsx(sheets or {names["no-findings"]: ([], columns)}, path)


def _file_names(columns: Sequence[Column]) -> list[Column]:
    """The ledger's columns with the plan file by its name (as report.html's tables show it): on every row of
    the sheet, a folder's path made each row two lines high when printed. check.csv keeps the path."""
    return [Column(c.heading, _name_of(c.value)) if c.heading == "file" else c for c in columns]


def _name_of(value: Callable[[object], object]) -> Callable[[object], object]:
    def name(row: object) -> object:
        path = value(row)
        return Path(path).name if isinstance(path, str) and path else path

    return name


def _cells(rows: Iterable[dict], columns: Sequence[Column]) -> tuple[list[list], list[Column]]:
    """The rows' cells as lists, and columns that read them back by position: for writing twice."""
    return (
        [[c.value(r) for c in columns] for r in rows],
        [Column(c.heading, itemgetter(i)) for i, c in enumerate(columns)],
    )


def write_report_files(
    data: ReportData,
    out: Path | Outputs,
    drawn: Callable[[], tuple[dict[str, str], dict[str, str]]],
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Path]:
    """Everything ``graphmodel report`` writes, as one set: every file in place, or none changed.

    ``out`` is a folder (created if missing) or an ``Outputs`` the caller commits. ``drawn()``
    gives the network views as ``viz.render_views`` does, after writing the graph files
    (``GRAPH_FILES``) into ``out``: the report asks for it last, so that it may be done in a
    second process meanwhile (``graphmodel.api.write_report``). ``progress(step, done, total)``
    is called before each piece.

    The workbooks are for people and use the report's language (``data.lang``) for sheet names,
    headings and the tool's own words; measures.csv, actors.csv and check.csv are the
    machine-readable contract and stay the same in every language: English column names and
    values (``ongoing``, ``police``).
    """
    from .report_html import render_report

    def told(step: int, what: str) -> None:
        if progress:
            progress(f"Writing {what}", step, 7)

    # measures.csv and check.csv hold the same cells as two sheets of measures.xlsx: computed once
    measures, measure_columns = _cells(data.measures, MEASURE_COLUMNS)
    marked = mark_interpretations(data.ledger)
    ledger, ledger_columns = _cells(ledger_rows(marked), LEDGER_COLUMNS)
    to_review, _ = _cells(ledger_rows(cells_to_review(marked)), LEDGER_COLUMNS)
    sheets = SHEETS[data.lang]
    with _outputs(out) as files:
        told(0, "gaps.xlsx")
        files.write("gaps.xlsx", lambda path: write_gaps_xlsx(data.findings, path, data.lang))
        told(1, "measures.xlsx")
        files.write(
            "measures.xlsx",
            lambda path: write_xlsx(
                {
                    sheets["measures"]: (measures, workbook_columns(measure_columns, "measures", data.lang)),
                    sheets["actors"]: (data.actors, workbook_columns(ACTOR_COLUMNS, "actors", data.lang)),
                    sheets["ledger"]: (
                        to_review,
                        workbook_columns(_file_names(ledger_columns[: len(LEDGER_SHEET)]), "ledger", data.lang),
                    ),
                },
                path,
            ),
        )
        told(2, "measures.csv")
        files.write("measures.csv", lambda path: write_csv(measures, measure_columns, path))
        told(3, "actors.csv")
        files.write("actors.csv", lambda path: write_csv(data.actors, ACTOR_COLUMNS, path))
        told(4, "check.csv")
        files.write("check.csv", lambda path: write_csv(ledger, ledger_columns, path))
        told(5, "the graph files and network views")
        listed, pages = drawn()
        for file_name, html in pages.items():
            files.write_text(file_name, html)
        told(6, "report.html")
        files.write_text(
            "report.html",
            render_report(
                data.plans,
                data.measures,
                data.findings,
                data.metrics,
                data.coverage,
                data.as_of,
                listed,
                data.lang,
                to_review=(data.problem_cells, data.interpretations),
            ),
        )
        names = [
            "report.html",
            *listed.values(),
            "gaps.xlsx",
            *GRAPH_FILES,
            "measures.xlsx",
            "measures.csv",
            "actors.csv",
            "check.csv",
        ]
    return [files.folder / name for name in names]
