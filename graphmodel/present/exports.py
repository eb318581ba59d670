"""Write the graph and its listings to files: GraphML, GEXF, node-link JSON, XLSX, CSV.

Spreadsheet cells that start like a formula (= + - @) can never run in Excel:
in XLSX they are text cells with the quote prefix (the text itself unchanged),
in CSV they get a leading apostrophe.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .formats import ACTOR_COLUMNS, FORMULA_START, MEASURE_COLUMNS, Column, flat, to_csv

LEDGER_COLUMNS: Sequence[Column] = (
    Column("file", lambda r: r["file"]),
    Column("row", lambda r: r["row"]),
    Column("column", lambda r: r["column"]),
    Column("text", lambda r: r["text"]),
    Column("became", lambda r: r["became"]),
    Column("problem", lambda r: r["problem"] or ""),
    Column("suggestions", lambda r: "; ".join(r["suggestions"])),
)

PROBLEM_TABLE: Sequence[Column] = (
    Column("file", lambda r: Path(r["file"]).name),
    Column("row", lambda r: r["row"]),
    Column("column", lambda r: r["column"]),
    Column("cell", lambda r: r["text"]),
    Column("reading", lambda r: r["became"]),
    Column("problem", lambda r: r["problem"] or ""),
    Column("did you mean", lambda r: "; ".join(r["suggestions"])),
)


def write_graph(graph: nx.MultiDiGraph, out: Path) -> list[Path]:
    """The graph as GraphML (yEd, Gephi), GEXF (Gephi) and node-link JSON (notebooks, D3)."""
    paths = [out / "graph.graphml", out / "graph.gexf", out / "graph.json"]
    nx.write_graphml(graph, paths[0])
    nx.write_gexf(graph, paths[1])
    data = nx.node_link_data(graph, edges="edges")
    paths[2].write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def write_csv(rows: list[dict], columns: Sequence[Column], path: Path) -> Path:
    """A ``;``-separated UTF-8 file with BOM: opens correctly in Swedish Excel by double-click."""
    path.write_text(to_csv(rows, columns, delimiter=";"), encoding="utf-8-sig")
    return path


def write_xlsx(sheets: dict[str, tuple[list[dict], Sequence[Column]]], path: Path) -> Path:
    """One workbook, a sheet per listing, header row frozen and filterable."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for title, (rows, columns) in sheets.items():
        sheet = book.create_sheet(title[:31])
        sheet.append([c.heading for c in columns])
        for values in flat(rows, columns):
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    # Plan text is data: stored as text with Excel's quote prefix, never as a formula.
                    cell.data_type, cell.quotePrefix = "s", True
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for index, column in enumerate(columns, start=1):
            widest = max([len(column.heading)] + [len(str(column.value(r))) for r in rows[:200]])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, widest + 2))
    book.save(path)
    return path


FINDING_SHEET: Sequence[Column] = (
    Column("allvarlighet", lambda r: r["severity"]),
    Column("plan", lambda r: r["plan"] or ""),
    Column("beskrivning", lambda r: r["message"]),
    Column("åtgärder", lambda r: "; ".join(m["text"] for m in r["measures"])),
    Column("åtgärds-id", lambda r: "; ".join(m["id"] for m in r["measures"])),
    Column("aktörer", lambda r: "; ".join(r["actors"])),
)


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


def write_gaps_xlsx(findings: list[dict], path: Path) -> Path:
    """One sheet per finding kind (an empty workbook says so on its only sheet)."""
    from ..analyse.gaps import KINDS

    sheets = {kind: ([f for f in findings if f["kind"] == kind], FINDING_SHEET) for kind in KINDS
              if any(f["kind"] == kind for f in findings)}
    return write_xlsx(sheets or {"inga brister": ([], FINDING_SHEET)}, path)


def write_report_files(data: ReportData, out: Path) -> list[Path]:
    """Everything ``graphmodel report`` writes, in ``out`` (created if missing)."""
    from viz import write_views

    from .report_html import render_report

    out.mkdir(parents=True, exist_ok=True)
    views = write_views(data.graph, data.findings, out, lang=data.lang)
    html = render_report(data.plans, data.measures, data.findings, data.metrics, data.coverage, data.as_of, views)
    (out / "report.html").write_text(html, encoding="utf-8")
    written = [out / "report.html", *(out / name for name in views.values())]
    written.append(write_gaps_xlsx(data.findings, out / "gaps.xlsx"))
    written += write_graph(data.graph, out)
    written.append(write_xlsx({"Åtgärder": (data.measures, MEASURE_COLUMNS), "Aktörer": (data.actors, ACTOR_COLUMNS),
                               "Inläsning": (data.ledger, LEDGER_COLUMNS)}, out / "measures.xlsx"))
    written.append(write_csv(data.measures, MEASURE_COLUMNS, out / "measures.csv"))
    written.append(write_csv(data.actors, ACTOR_COLUMNS, out / "actors.csv"))
    written.append(write_csv(data.ledger, LEDGER_COLUMNS, out / "check.csv"))
    return written
