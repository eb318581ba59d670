"""A streaming XLSX writer for listings: text and numbers, header frozen and filterable, column widths,
set up to be printed.

openpyxl (write-only mode, with or without lxml) and XlsxWriter both spend
40-70 µs per cell on the development machine; ``graphmodel report`` on 300
plans writes 1.4 million cells, which took a minute in the writers alone.
This writes the part of SpreadsheetML those listings need, row by row into the
zip entry, at about 2 µs per cell: inline strings (no shared-string table to
hold), one extra cell style (Excel's quote prefix, so text that looks like a
formula stays text), a frozen header row, an autofilter and column widths.
Every cell wraps its text at the top of its row and the header row is bold;
each sheet prints on A4 landscape, fitted to the page's width, with the header
row repeated on every page, grid lines, and the sheet's name and page number
in the footer. A row whose text wraps says how tall it is (LibreOffice would
leave it one line high and cut the text), reckoned generously from the text's
length and the column's width. Tests read every file back
with openpyxl, and LibreOffice prints one to PDF.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..text import clean_text
from .formats import FORMULA_START

CELL_LIMIT = 32_767  # characters Excel holds in one cell; longer text is cut there (the CSV files keep it whole)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    # 0 plain, 1 quote prefix (kept for files read by index), 2 a cell, 3 a cell with the quote prefix, 4 a heading
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_ROWS_PER_WRITE = 500


@dataclass
class Sheet:
    """One sheet: its title (at most 31 characters), headings, widths in characters, and rows of values."""

    title: str
    headings: Sequence[str]
    widths: Sequence[float]
    rows: Iterable[Sequence[object]]


def column_letter(index: int) -> str:
    """Excel's name of the column at 0-based ``index``.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    """Cell text as XML; cleaning (``clean_text``) is done on the written rows, a few hundred at a time."""
    if len(value) > CELL_LIMIT:
        value = clean_text(value)[: CELL_LIMIT - 1] + "…"
    return escape(value)


LINE_HEIGHT = 15.0  # points: one line of Calibri 11


def per_line(width: float) -> float:
    """Characters a line of a column ``width`` characters wide holds, reckoned generously: ``width - 1`` of
    a font 5 % wider than the digit a width counts (LibreOffice's fallback fonts are wider than Calibri)."""
    return max(1.0, (width - 1) / 1.05)


@lru_cache(maxsize=1 << 16)  # a ledger repeats its readings ("measure text", "area: …") thousands of times
def _lines(text: str, fits: float) -> int:
    """Lines ``text`` takes wrapped word by word where a line holds ``fits`` characters (``per_line``): a
    word that does not fit starts a line, and a word longer than a line takes as many as it needs."""
    lines = 0
    for part in text.split("\n"):
        lines += 1
        used = -1.0
        for word in part.split():
            if used >= 0 and used + 1 + len(word) <= fits:
                used += 1 + len(word)
                continue
            if used >= 0:
                lines += 1
            extra = int(len(word) // fits) if len(word) > fits else 0
            lines += extra
            used = len(word) - extra * fits
    return lines


def _row(
    number: int, letters: list[str], values: Sequence[object], fits: Sequence[float] = (), heading: bool = False
) -> str:
    """One row's XML: every cell wrapped at the top (style 2), text that starts like a formula with the quote
    prefix (style 3), a heading row bold (style 4). A row whose text wraps is as tall as its tallest cell
    (``_lines``, ``fits`` the characters a line of each column holds): Excel keeps a stated height, and
    LibreOffice sets none of its own, so a wrapped row without one hides its text."""
    cells = []
    plain = ' s="4"' if heading else ' s="2"'
    lines = 1
    for letter, value, fit in zip(letters, values, fits or repeat(math.inf)):
        if value is None or value == "":
            continue
        if isinstance(value, str):
            if len(value) > fit or "\n" in value:
                lines = max(lines, _lines(value, fit))
            # Plan text is data: text that starts like a formula gets Excel's quote prefix (style 3).
            style = ' s="3"' if value.startswith(FORMULA_START) and not heading else plain
            if len(value) > CELL_LIMIT or "&" in value or "<" in value or ">" in value:
                value = _text(value)
            cells.append(
                f'<c r="{letter}{number}"{style} t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>'
            )
        elif isinstance(value, bool):
            cells.append(f'<c r="{letter}{number}"{plain} t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, (int, float)):
            cells.append(f'<c r="{letter}{number}"{plain}><v>{value!r}</v></c>')
        else:
            text = _text(str(value))
            if len(text) > fit or "\n" in text:
                lines = max(lines, _lines(text, fit))
            cells.append(
                f'<c r="{letter}{number}"{plain} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
            )
    height = f' ht="{min(409.0, lines * LINE_HEIGHT)}" customHeight="1"' if lines > 1 else ""
    return f'<row r="{number}"{height}>' + "".join(cells) + "</row>"


# How a sheet prints: A4 (paper size 9) landscape, as wide as the page and as many pages long as it takes,
# narrow margins (inches), grid lines, the sheet's name and "page n of m" in the footer.
_PRINT = (
    '<printOptions gridLines="1"/>'
    '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.2" footer="0.25"/>'
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    "<headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P / &amp;N</oddFooter></headerFooter>"
)


def _write_sheet(book: zipfile.ZipFile, name: str, sheet: Sheet) -> str:
    """Stream one worksheet into the zip; returns the range of its table (header and rows)."""
    count = max(1, len(sheet.headings))
    letters = [column_letter(i) for i in range(count)]
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(sheet.widths, start=1)
    )
    rows = 1
    fits = [per_line(width) for width in sheet.widths[:count]] + [math.inf] * (count - len(sheet.widths))
    with book.open(_entry(name), "w", force_zip64=True) as handle:
        handle.write(
            (
                f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
                '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0">'
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                '<sheetFormatPr defaultRowHeight="15"/>'
                + (f"<cols>{cols}</cols>" if cols else "")
                + "<sheetData>"
                + clean_text(_row(1, letters, sheet.headings, fits, heading=True))
            ).encode()
        )
        batch: list[str] = []
        for values in sheet.rows:
            rows += 1
            batch.append(_row(rows, letters, values, fits))
            if len(batch) == _ROWS_PER_WRITE:
                # SpreadsheetML markup holds no control character: cleaning the rows' text cleans every cell.
                handle.write(clean_text("".join(batch)).encode())
                batch = []
        table = f"A1:{letters[-1]}{rows}"
        handle.write(
            (clean_text("".join(batch)) + f'</sheetData><autoFilter ref="{table}"/>{_PRINT}</worksheet>').encode()
        )
    return table


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry dated 1980-01-01, zip's first day: the same plans give the same bytes, run after run."""
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry._compresslevel = 1  # public as compress_level from Python 3.13 on; the ZipFile's level is not used
    return entry


def write_workbook(path: str | Path, sheets: Sequence[Sheet]) -> Path:
    """Write ``sheets`` as one XLSX file at ``path``; each sheet's rows are read once, as they come."""
    titles = [clean_text(s.title).translate(str.maketrans("[]:*?/\\", "()-----"))[:31] or "Blad" for s in sheets]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        book.writestr(
            _entry("[Content_Types].xml"),
            (
                f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/styles.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                f"{overrides}</Types>"
            ),
        )
        book.writestr(
            _entry("_rels/.rels"),
            (
                f'{_HEAD}<Relationships xmlns="{_PACKAGE_REL}"><Relationship Id="rId1" '
                f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
        )
        tables = [_write_sheet(book, f"xl/worksheets/sheet{i}.xml", sheet) for i, sheet in enumerate(sheets, start=1)]
        book.writestr(_entry("xl/styles.xml"), _STYLES)
        book.writestr(
            _entry("xl/_rels/workbook.xml.rels"),
            (
                f'{_HEAD}<Relationships xmlns="{_PACKAGE_REL}">'
                + "".join(
                    f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                    for i in range(1, len(sheets) + 1)
                )
                + f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
                "</Relationships>"
            ),
        )
        names = "".join(
            '<definedName name="_xlnm._FilterDatabase" localSheetId="{0}" hidden="1">{1}!{2}</definedName>'
            '<definedName name="_xlnm.Print_Titles" localSheetId="{0}">{1}!$1:$1</definedName>'.format(
                i, escape("'" + title.replace("'", "''") + "'"), _absolute(table)
            )
            for i, (title, table) in enumerate(zip(titles, tables))
        )
        book.writestr(
            _entry("xl/workbook.xml"),
            (
                f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews><sheets>'
                + "".join(
                    f'<sheet name={quoteattr(title)} sheetId="{i}" r:id="rId{i}"/>'
                    for i, title in enumerate(titles, start=1)
                )
                + f"</sheets><definedNames>{names}</definedNames></workbook>"
            ),
        )
    return Path(path)


def _absolute(table: str) -> str:
    """``A1:G10`` as ``$A$1:$G$10``."""

    def fixed(corner: str) -> str:
        letters = corner.rstrip("0123456789")
        return f"${letters}${corner[len(letters) :]}"

    start, end = table.split(":")
    return f"{fixed(start)}:{fixed(end)}"
