"""Read a worksheet of an XLSX plan into numbered rows of text, safely.

The workbook is checked before openpyxl opens it (unpacked size, parts that hold
more than they state); the sheet is then parsed by openpyxl's own sheet parser,
visiting only the cells present in the file. ``tables`` maps the rows to columns.
"""

from __future__ import annotations

import functools
import re
import zipfile
import zlib
from datetime import date, datetime, time
from typing import NoReturn

from graphmodel.errors import IngestError

from .tables import _SAVE_AS, Limits, _column_letter, _fail, _LimitChecker, _quote, _unreadable

# How openpyxl and zipfile fail on a file that is not a workbook (or a broken one).
_NOT_A_WORKBOOK = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    SyntaxError,
    EOFError,
    NotImplementedError,
    zlib.error,
)


def read_sheet(
    path: str, sheet: str | None, limits: Limits
) -> tuple[str, list[tuple[int, list[str]]], dict[tuple[int, int], list[tuple[str, str | None]]]]:
    """The sheet's title, its rows with text by Excel row number, and readings for the notes.

    ``sheet`` None is the first worksheet. Raises IngestFailed for anything a user can fix.
    """
    from openpyxl import load_workbook

    _check_unpacked_size(path, limits)
    # Read-only: openpyxl reads names, styles and shared strings; the sheet is parsed below.
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as e:
        _fail(path, "unreadable-file", _unreadable(e))
    except _NOT_A_WORKBOOK:
        _not_a_workbook(path)
    try:
        sheets = {ws.title: ws for ws in workbook.worksheets}  # chart sheets hold no table
        if sheet is not None and sheet not in sheets:
            names = ", ".join(_quote(n) for n in sheets) or "no worksheets"
            _fail(
                path,
                "sheet-not-found",
                f"no sheet named {_quote(sheet)}. The workbook has: {names}. Pass one of these names.",
            )
        if not sheets:
            _fail(path, "not-a-table", f"the workbook has no worksheets. {_SAVE_AS}")
        worksheet = sheets[sheet] if sheet is not None else workbook.worksheets[0]
        records, readings = _sheet_records(path, workbook, worksheet, limits)
    except _NOT_A_WORKBOOK:
        _not_a_workbook(path)
    finally:
        workbook.close()
    return worksheet.title, records, readings


def _not_a_workbook(path: str) -> NoReturn:
    _fail(
        path,
        "not-a-table",
        "this is not a readable Excel workbook. "
        "Open it in Excel and save it as 'Excel Workbook (.xlsx)' or as 'CSV UTF-8'.",
    )


def _check_unpacked_size(path: str, limits: Limits) -> None:
    """Refuse a workbook whose parts unpack past the limit (a 'zip bomb') before openpyxl opens it.

    The sizes come from the zip's directory, and each part is then inflated in
    small steps to see that it holds no more than it states: zipfile stops at the
    stated size, but only after inflating, in one piece, all a part holds (up to
    2 GB) when a whole part is read, as openpyxl reads most of them.
    """
    try:
        count = _stated_part_count(path)
        if count > _MOST_PARTS:
            _fail(
                path,
                "not-a-table",
                f"this is not a readable Excel workbook: it holds {count:,}{'+' if count == 0xFFFF else ''} parts where a workbook has "
                "a few dozen. Check where the file comes from; open it in Excel and save it again.",
            )
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            unpacked = sum(info.file_size for info in parts)
            if unpacked > limits.xlsx_unpacked_mb * 1_000_000:
                megabytes = -(-unpacked // 1_000_000)
                _fail(
                    path,
                    "unpacked-too-large",
                    f"the workbook unpacks to {megabytes:,} MB, over the limit of "
                    f"{limits.xlsx_unpacked_mb:,} MB (a plan unpacks to a few MB; a small file that "
                    "unpacks to this much may be a 'zip bomb'). Check where the file comes from, or "
                    f"raise the limit with {limits.flag('xlsx_unpacked_mb', megabytes)}.",
                )
            with open(path, "rb") as raw:
                for info in parts:
                    if not _holds_what_it_states(raw, info):
                        _fail(
                            path,
                            "not-a-table",
                            f"this is not a readable Excel workbook: its part {_quote(info.filename)} "
                            "holds more than its stated size, a sign of a tampered file. Check where "
                            "the file comes from; open it in Excel and save it again.",
                        )
    except OSError as e:
        _fail(path, "unreadable-file", _unreadable(e))
    except _NOT_A_WORKBOOK:
        _not_a_workbook(path)


def _stated_part_count(path: str) -> int:
    """The number of parts the zip's end record states, read before zipfile lists them all.

    zipfile builds an object per part: a 50 MB file of empty parts takes seconds and
    half a gigabyte before anything is known. 65,535 stands for 'more' (zip64).
    """
    with open(path, "rb") as raw:
        raw.seek(0, 2)
        size = raw.tell()
        raw.seek(max(0, size - 65_557))  # the end record: 22 bytes and a comment of up to 64 KB
        tail = raw.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        raise zipfile.BadZipFile("no end record")
    return int.from_bytes(tail[end + 10 : end + 12], "little")


_MOST_PARTS = 10_000  # a workbook has a part per sheet, drawing and image: a few dozen


def _holds_what_it_states(raw, info: zipfile.ZipInfo) -> bool:
    """Whether a zip part inflates to no more than its stated size, found in 1 MB steps."""
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size == info.file_size
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return False  # Excel only deflates; other methods would be inflated whole by zipfile
    raw.seek(info.header_offset)
    header = raw.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    name_length, extra_length = int.from_bytes(header[26:28], "little"), int.from_bytes(header[28:30], "little")
    raw.seek(info.header_offset + 30 + name_length + extra_length)
    inflater, left, inflated = zlib.decompressobj(-15), info.compress_size, 0
    while left > 0 and not inflater.eof:
        data = raw.read(min(left, 1 << 16))
        if not data:
            break
        left -= len(data)
        while data and inflated <= info.file_size:
            inflated += len(inflater.decompress(data, 1 << 20))
            data = inflater.unconsumed_tail
        if inflated > info.file_size:
            return False
    return True


def _sheet_records(
    path: str, workbook, worksheet, limits: Limits
) -> tuple[list[tuple[int, list[str]]], dict[tuple[int, int], list[tuple[str, str | None]]]]:
    """The sheet's rows with text, by Excel row number, with merged cells filled down.

    Only cells present in the file are visited, so a lone cell at XFD1048576 costs
    one cell, not a billion. Formulas without a stored value are errors, except a
    plain quoted text (="...") which is read as that text and noted.
    """
    from openpyxl.utils.cell import range_boundaries

    parser = _sheet_parser_class()(
        worksheet._get_source(),
        worksheet._shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    checker = _LimitChecker(path, limits, lambda: worksheet.max_row)
    rows: dict[int, list[str]] = {}
    readings: dict[tuple[int, int], list[tuple[str, str | None]]] = {}
    try:
        for number, cells in parser.parse():
            texts: dict[int, str] = {}
            for cell in cells:
                column = cell["column"] - 1
                if "formula" in cell:
                    text = _formula_text(path, number, column, cell["formula"], checker, readings)
                elif isinstance(cell["value"], str):
                    text = _unescape(cell["value"])
                else:
                    text = _cell_text(cell["value"])
                if text:
                    texts[column] = text
            if not texts:
                continue
            if max(texts) >= limits.columns:
                last = max(texts)
                checker.check(number, [""] * last + [texts[last]])
                texts = {c: t for c, t in texts.items() if c < limits.columns}
                if not texts:
                    continue
            row = [""] * (max(texts) + 1)
            for column, text in texts.items():
                row[column] = text
            rows[number] = checker.check(number, row)
    finally:
        parser.source.close()
    checker.done()
    merged = parser.merged_cells.mergeCell if parser.merged_cells is not None else []
    boundaries = []
    for cell_range in merged:
        try:
            boundaries.append(range_boundaries(cell_range.ref))
        except (TypeError, ValueError):
            continue  # a broken merge is not worth refusing the plan for
    _fill_merged_down(rows, boundaries)
    return sorted(rows.items()), readings


def _formula_text(path: str, number: int, column: int, formula: object, checker: _LimitChecker, readings: dict) -> str:
    """A formula cell's text when the file stores no computed value: a quoted text, or an error."""
    shown = str(getattr(formula, "text", formula))
    literal = _TEXT_FORMULA.fullmatch(shown)
    if literal:
        text = literal.group(1).replace('""', '"')
        readings.setdefault((number, column), []).append(
            (f"formula {_quote(shown)} without a stored value read as its text", None)
        )
        return text
    where = f"{_column_letter(column)}{number}"
    checker.errors.append(
        IngestError(
            path,
            "formula-without-value",
            f"cell {where} holds the formula {_quote(shown) if shown != '=' else 'shared with a cell above'} "
            "but no computed value, so its text is unknown: open the file in Excel (or LibreOffice) and "
            "save it, so the value is stored.",
            number,
            value=shown[:200],
        )
    )
    return ""


def _unescape(text: str) -> str:
    """Undo the workbook's escapes of characters XML cannot hold: '_x000B_' is U+000B.

    Excel writes Word's line break and the like so; openpyxl leaves them as text.
    '_x005F_' is an escaped underscore, so '_x005F_x000B_' stays '_x000B_'.
    """
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


_OOXML_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
_TEXT_FORMULA = re.compile(r'="((?:[^"]|"")*)"')


@functools.cache
def _sheet_parser_class():
    """openpyxl's own sheet parser, also keeping formulas that have no stored value.

    With data_only, openpyxl reads such a formula as an empty cell; here it is kept
    under "formula" so that it is reported rather than lost. Looked at only for
    cells without a value, so workbooks without formulas pay nothing.
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class SheetParser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["formula"] = self.parse_formula(element)
            return cell

    return SheetParser


def _fill_merged_down(rows: dict[int, list[str]], merged: list[tuple[int, int, int, int]]) -> None:
    """A cell merged over several rows (one owner for a group of measures) counts on each of them.

    Only downwards: a title merged across columns is not repeated into every column.
    ``merged`` holds (min_col, min_row, max_col, max_row), 1-based. Each cell is
    filled at most once, so overlapping ranges (which Excel never writes) stay linear.
    """
    if not rows:
        return
    last = max(rows)
    filled_to: dict[int, int] = {}  # column -> last row filled
    for min_col, min_row, _, max_row in sorted(merged, key=lambda m: (m[0], m[1])):
        column = min_col - 1
        top = rows.get(min_row)
        if max_row == min_row or top is None or column >= len(top) or not top[column]:
            continue
        first = max(min_row + 1, filled_to.get(column, 0) + 1)
        for number in range(first, min(max_row, last) + 1):
            row = rows.setdefault(number, [])
            if len(row) <= column:
                row.extend([""] * (column + 1 - len(row)))
            row[column] = top[column]
        filled_to[column] = max(filled_to.get(column, 0), min(max_row, last))


def _cell_text(value: object) -> str:
    """Show a cell value as Excel would: 12 not 12.0, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)
