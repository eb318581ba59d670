"""The workbook ``graphmodel extract`` writes: a plan's table as read, to be corrected in Excel and read again.

The first sheet holds the table as the reader gives it, so that reading the workbook gives the same plan:

- the title and notes above the table (``Table.preamble``), one row each, above the header: without a
  ``.plan.toml`` the reader takes the first as the plan's title, and the organisation and year from them;
- the header as the reader maps it (the plan's own headers; an area or level that came from a heading above
  a table is an ordinary "Område" or "Nivå" column), then the columns it does not know, as written;
- every row read, in order: measures, heading rows and rows continuing the measure above, as they were;
- where each row is in the document ("table 2, row 5"; a PDF's page) in the source column ("Källa"), which
  the reader keeps as the measure's reference. A plan's own reference stays, after the place ("table 2,
  row 5; s. 4", as ``Source`` prints the two). A row of measure text alone that is not a measure of its
  own (a heading, text wrapped from the row above) gets no place: the reader reads such a row by its being
  alone, and a cell beside it would make it a measure.

A row first in a Word table under a heading of its own that the plan read as a heading itself ("Lägesbild"
under "Organisation") is written as two rows, the area from the heading above the table alone on the first,
as a heading row; that reads as the document does.

The second sheet lists the rows the reader did not take as the plan's (``Table.notes`` of rows not on the
first sheet: a later table's header row, a header repeated on each page, text above a table's header), a
line per row with its cells joined by " | ", so that nothing is silently lost. Text that starts like a formula (= + - @) is a text cell with Excel's quote
prefix, as ``xlsx`` writes it; a line break in a cell stays one (the cells wrap).

Written with openpyxl rather than ``xlsx.write_workbook``: that writer puts the header on row 1, and a
title must stand above it. An extract is one plan, a few hundred rows, so openpyxl's speed does not matter.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ..errors import GraphmodelError
from ..read.tables import COLUMNS, Table, canonical_column
from ..text import clean_text
from .formats import FORMULA_START
from .xlsx import CELL_LIMIT, column_letter

PLAN_SHEET = "Plan"
LEFT_OUT_SHEET = "Ej inlästa rader"
LEFT_OUT_HEADINGS = ("Rad", "Plats", "Text", "Varför")
PLACE_HEADER = COLUMNS["source"][0]  # "Källa"
_WIDTHS = {
    "measure": 60,
    "responsible": 28,
    "partners": 36,
    "status": 22,
    "area": 22,
    "level": 14,
    "source": 24,
    "id": 8,
}
_OTHER_WIDTH = 24
_PAGE = re.compile(r"^page \d+, ")  # a PDF's place starts with its page; its tables are counted through the document
_LEFT_OUT_WIDTHS = (8, 24, 60, 44)


@dataclass
class ExtractSheets:
    """What the workbook holds: the plan's sheet (title rows, header, rows) and the rows left out."""

    path: str  # the plan read
    above: list[list[str]]  # title and note rows above the header
    headings: list[str]
    widths: list[float]
    rows: list[list[str]]
    left_out: list[list[object]] = field(default_factory=list)  # a row each, as LEFT_OUT_HEADINGS
    tables: int = 0  # the document's tables the rows come from (a PDF's counted through it); 0 for a sheet
    placed: int = 0  # rows with their place written in the source column


def extract_sheets(table: Table, measure_rows: Collection[int]) -> ExtractSheets:
    """The sheets for ``table``; ``measure_rows`` are the rows the plan made measures of (``Measure.source.row``).

    Raises GraphmodelError for a cell longer than an Excel cell holds (only with ``--limit cell-length``
    raised past it): cutting it would lose text.
    """
    places = _places(table)
    _check_lengths(table, places)
    columns = list(table.headers)
    headings = [_heading(column, written) for column, written in table.headers.items()]
    if places and "source" not in table.headers:
        columns.append("source")
        headings.append(PLACE_HEADER)
    # The columns the reader does not know, as written; a header written twice is two columns.
    extra_headers = list(table.extra_columns)
    widths = [float(_WIDTHS.get(c, _OTHER_WIDTH)) for c in columns] + [float(_OTHER_WIDTH)] * len(extra_headers)
    extra_by_row: dict[int, list[tuple[str, str]]] = {}
    for number, header, text in table.extra_cells:
        extra_by_row.setdefault(number, []).append((header, text))

    above: dict[int, list[str]] = {}
    for number, text in table.preamble:
        above.setdefault(number, []).append(text)

    rows: list[list[str]] = []
    placed = 0
    for row in table.rows:
        values = [row.cells.get(c, "") for c in columns]
        extras = _extra_values(extra_by_row.get(row.number, ()), extra_headers)
        measure_only = bool(row.cells.get("measure")) and not any(extras)
        others = {c for c, v in row.cells.items() if v and c != "measure"}
        if measure_only and others == {"area"} and row.number in table.headed and row.number not in measure_rows:
            # A heading first in a table under a heading of its own: the heading above on a row alone.
            heading_row = [""] * (len(columns) + len(extra_headers))
            heading_row[columns.index("area")] = row.cells["area"]
            rows.append(heading_row)
            values[columns.index("area")] = ""
            others = set()
        alone = measure_only and not others
        place = places.get(row.number)
        if place and not (alone and row.number not in measure_rows):
            i = columns.index("source")
            values[i] = "; ".join(filter(None, (place, values[i])))
            placed += 1
        rows.append(values + extras)

    written = {row.number for row in table.rows} | set(above)
    left: dict[int, tuple[list[str], list[str]]] = {}  # row -> its cells, and why each was left out
    for number, _, text, what, _ in table.notes:
        if number not in written:
            texts, whys = left.setdefault(number, ([], []))
            texts.append(text)
            if what not in whys:
                whys.append(what)
    left_out: list[list[object]] = [
        [number, places.get(number, f"row {number}"), " | ".join(texts), "; ".join(whys)]
        for number, (texts, whys) in left.items()
    ]
    sheets = ExtractSheets(
        table.path,
        list(above.values()),
        headings + extra_headers,
        widths,
        rows,
        left_out,
        len({_PAGE.sub("", place).rpartition(", row ")[0] for place in places.values()} - {""}),
        placed,
    )
    return sheets


def _heading(column: str, written: str) -> str:
    """The header as written, or, when the reader named the column itself (an area or level from a heading
    above a table: "(heading above the table)"), the column's first Swedish name ("Område", "Nivå")."""
    return written if canonical_column(written) == column else COLUMNS[column][0]


def _places(table: Table) -> dict[int, str]:
    """Row -> where it is in the document: the reader's place, with the PDF page first when it does not say it."""
    places = dict(table.places)
    for number, page in table.pages.items():
        place = places.get(number, "")
        if "page" not in place:
            places[number] = ", ".join(filter(None, (f"page {page}", place)))
    return places


def _extra_values(cells: Sequence[tuple[str, str]], headers: list[str]) -> list[str]:
    """A row's cells in the columns the reader does not know, the n-th cell under a header in its n-th column."""
    values = [""] * len(headers)
    used: set[int] = set()
    for header, text in cells:
        for i, name in enumerate(headers):
            if name == header and i not in used:
                values[i] = text
                used.add(i)
                break
    return values


def _check_lengths(table: Table, places: dict[int, str]) -> None:
    """Refuse a cell longer than an Excel cell holds, naming where it is."""
    cells = [
        *((number, "(above the table)", text) for number, text in table.preamble),
        *((row.number, table.headers[column], text) for row in table.rows for column, text in row.cells.items()),
        *table.extra_cells,
    ]
    for number, header, text in cells:
        if len(text) > CELL_LIMIT:
            place = f" ({places[number]})" if number in places else ""
            raise GraphmodelError(
                f"{table.path}, row {number}{place}, column {header!r}: the cell has {len(text):,} characters, more "
                f"than an Excel cell holds ({CELL_LIMIT:,}), so it cannot be written to a workbook whole. "
                "Shorten it in the document."
            )


def write_extract(path: str | os.PathLike, sheets: ExtractSheets) -> None:
    """Write the workbook: the plan's sheet (header frozen, filterable, cells wrapped) and the rows left out."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=True)
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    bold = Font(bold=True)

    def cells(sheet, values: Sequence[object], *, heading: bool = False, wrapped: bool = True) -> list:
        out = []
        for value in values:
            if isinstance(value, str):
                value = clean_text(value)
            cell = WriteOnlyCell(sheet, value=value if value != "" else None)
            if isinstance(value, str) and value:
                cell.data_type = "s"  # never a formula, whatever the text starts with
                if value.startswith(FORMULA_START):
                    cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
            cell.alignment = wrap if wrapped else top
            if heading:
                cell.font = bold
            out.append(cell)
        return out

    def sheet_of(title: str, above: list[list[str]], headings: Sequence[str], widths: Sequence[float], rows) -> None:
        sheet = book.create_sheet(title)
        header_row = len(above) + 1
        sheet.freeze_panes = f"A{header_row + 1}"
        for i, width in enumerate(widths):
            sheet.column_dimensions[column_letter(i)].width = width
        last = column_letter(max(len(headings), 1) - 1)
        sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(rows), 1)}"
        for values in above:
            sheet.append(cells(sheet, values, heading=True, wrapped=False))
        sheet.append(cells(sheet, headings, heading=True))
        for values in rows:
            sheet.append(cells(sheet, values))

    sheet_of(PLAN_SHEET, sheets.above, sheets.headings, sheets.widths, sheets.rows)
    sheet_of(LEFT_OUT_SHEET, [], LEFT_OUT_HEADINGS, _LEFT_OUT_WIDTHS, sheets.left_out)
    book.save(os.fspath(path))
