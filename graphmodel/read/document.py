"""Read the plan tables of a Word document (.docx) into numbered rows of text, as ``workbook`` reads a sheet.

The cells are read from the table XML, not from python-docx's ``row.cells``, which repeats a merged
cell once per grid column: a cell merged across columns (``w:gridSpan``) is read once, at its first
column; a cell merged down (``w:vMerge``) counts on each row it covers, as a merged XLSX cell does.

A table is a plan table when one of its first rows names the measure column (``canonical_column``).
All plan tables of the document form one table, in order:

- rows are numbered through all plan tables, header rows included (the first plan table's first row is
  row 1), and each row's place is kept as "table 2, row 5" (tables counted through the whole document,
  rows within the table) for ``Source.reference``; the document's title is row 0, above the table;
- the heading above a table (a Heading style paragraph, or a short paragraph in bold) is the area of its
  rows, unless text stands between them (more than one paragraph, or one over 200 characters: a section
  such as "Bakgrund"); a level heading ("Universell prevention", "Selektiv nivå" …) is their level; a row
  inside a table with one cell across all columns is an area heading too;
- the header row of each later table, and a header row repeated on each page (``w:tblHeader``, or a row
  equal to the header), are not measures: they are noted in the ledger.
"""

from __future__ import annotations

import itertools
import zipfile
from dataclasses import dataclass, field, replace
from typing import NoReturn

from graphmodel.errors import IngestError, IngestFailed

from .tables import (
    _HEADER_SEARCH_ROWS,
    Limits,
    Table,
    _build,
    _fail,
    _header_key,
    _LimitChecker,
    _quote,
    _unreadable,
    canonical_column,
)

_SAVE_AS_DOCX = "Open it in Word and save it as 'Word Document (.docx)'."
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the legacy .doc (and .xls) container
_SHORT_HEADING = 80  # characters: a bold paragraph longer than this is text, not a heading
_SHORT_TEXT = 200  # characters: one paragraph this short between a heading and its table (a note) is allowed
AREA_HEADER = "(heading above the table)"
LEVEL_HEADER = "(level heading above the table)"


@dataclass
class _Grid:
    """One table of the document as rows of cell texts by grid column, with what is known of each row."""

    number: int  # 1-based, counted through all tables of the document
    rows: list[list[str]] = field(default_factory=list)
    repeated_header: list[bool] = field(default_factory=list)  # w:tblHeader
    full_width: list[bool] = field(default_factory=list)  # one cell across all columns
    pages: list[int] = field(default_factory=list)  # a PDF's: the page each row starts on


def legacy_doc(path: str) -> NoReturn:
    _fail(
        path,
        "legacy-doc",
        "this is a Word 97-2003 document (.doc), which cannot be read. "
        "Open it in Word and save it as 'Word Document (.docx)' (File > Save As), then give the .docx file.",
    )


def read_document(path: str, limits: Limits) -> Table:
    """The plan tables of a .docx file as one Table; raises IngestFailed for anything a user can fix."""
    document = _open(path, limits)
    body = document.element.body
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    grids: list[_Grid] = []
    headings: list[list[tuple[str, str]]] = []  # per table: the headings since the previous table
    above = _HeadingsAbove()
    opening: list[str] = []  # the first lines of text before any heading or table: "Torsviks kommun. Antagen …"
    opened = False
    try:
        title = _title(document)
        for child in _blocks(body, qn):
            if child.tag == qn("w:p"):
                paragraph = Paragraph(child, document)
                text = " ".join(paragraph.text.split())
                if text and text != title and _is_heading(paragraph, text):
                    above.heading(text)
                    opened = True
                elif text:
                    above.text(text)
                    if not opened and text != title and len(opening) < 3 and len(text) <= _SHORT_TEXT:
                        opening.append(text)
            else:
                opened = True
                grids.append(_grid(child, len(grids) + 1, qn, limits.columns))
                headings.append(above.table())
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):  # python-docx on invalid values
        _not_a_docx(path)
    return _plan_table(path, title, grids, headings, limits, _page_header(document) + tuple(opening))


class _HeadingsAbove:
    """The headings met since the last table, for the next one (a Word document's and a PDF's alike).

    A heading with text under it (more than one paragraph, or one over 200 characters) is a section of its
    own ("Bakgrund"), not the area of the table below; a level heading is its level whatever stands under it.
    """

    def __init__(self) -> None:
        self._pending: list[list] = []  # [kind, heading, paragraphs of text after it, the longest's length]

    def __bool__(self) -> bool:
        return bool(self._pending)

    def heading(self, text: str) -> None:
        self._pending.append([*_heading_kind(text), 0, 0])

    def text(self, text: str) -> None:
        for entry in self._pending:
            entry[2], entry[3] = entry[2] + 1, max(entry[3], len(text))

    def table(self) -> list[tuple[str, str]]:
        """(kind, text) of the headings that head the table met now; the next table starts afresh."""
        found = [
            (kind, text)
            for kind, text, paragraphs, longest in self._pending
            if kind == "level" or (paragraphs <= 1 and longest <= _SHORT_TEXT)
        ]
        self._pending = []
        return found


def _blocks(body, qn):
    """The body's paragraphs and tables in order, including those inside content controls (``w:sdt``)."""
    for child in body.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, qn)


def _open(path: str, limits: Limits):
    """The python-docx Document, after the checks a zip from anywhere needs."""
    from docx import Document

    try:
        with open(path, "rb") as raw:
            start = raw.read(8)
    except OSError as e:
        _fail(path, "unreadable-file", _unreadable(e))
    if start == _OLE_MAGIC:
        legacy_doc(path)
    if not zipfile.is_zipfile(path):
        _not_a_docx(path)
    from .workbook import _check_unpacked_size

    _check_unpacked_size(path, limits)
    try:
        return Document(path)
    except OSError as e:
        _fail(path, "unreadable-file", _unreadable(e))
    except Exception:  # python-docx and lxml fail in many ways on a broken or foreign package
        _not_a_docx(path)


def _not_a_docx(path: str) -> NoReturn:
    _fail(
        path,
        "not-a-docx",
        f"this is not a readable Word document (.docx): the file is damaged or of another kind. {_SAVE_AS_DOCX}",
    )


def _title(document) -> str:
    """The document's title: a Title style paragraph, else the title in its properties, else its first heading."""
    first_heading = ""
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = _style_name(paragraph)
        if style in ("title", "rubrik"):
            return text
        if not first_heading and _is_heading(paragraph, text):
            first_heading = text
    try:
        stated = " ".join((document.core_properties.title or "").split())
    except Exception:  # a broken core.xml costs the title only
        stated = ""
    return stated or first_heading


def _page_header(document) -> tuple[str, ...]:
    """The texts of the page header, which often names the municipality the title does not."""
    texts: list[str] = []
    try:
        for section in document.sections:
            if section.header.is_linked_to_previous and texts:
                continue
            for paragraph in section.header.paragraphs:
                text = " ".join(paragraph.text.split())
                if text and text not in texts:
                    texts.append(text)
    except Exception:  # a broken header part costs the header only
        return ()
    return tuple(texts[:3])


def _style_name(paragraph) -> str:
    try:
        return (paragraph.style.name or "").casefold() if paragraph.style is not None else ""
    except Exception:
        return ""


def _is_heading(paragraph, text: str) -> bool:
    """A Heading style paragraph, or a short one all in bold."""
    style = _style_name(paragraph)
    if style.startswith(("heading", "rubrik ")):
        return True
    if len(text) > _SHORT_HEADING:
        return False
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _heading_kind(text: str) -> tuple[str, str]:
    """("level", its name) for a level heading ("Selektiv prevention" is "Selektivt", as a heading row in a
    table is read), else ("area", the text)."""
    from .plans import level_heading

    level = level_heading(text.casefold().rstrip(":"))
    return ("level", level) if level is not None else ("area", text)


def _cell_text(tc, qn) -> str:
    """A cell's paragraphs joined with line breaks (a line break inside a paragraph is one too)."""
    from docx.text.paragraph import Paragraph

    texts = [Paragraph(p, None).text for p in tc.iter(qn("w:p"))]
    return "\n".join(texts).strip()


def _grid(tbl, number: int, qn, most: int) -> _Grid:
    """The table's rows by grid column: a cell merged across columns once, one merged down on each row.

    Text past ``most`` columns is kept once, in the column after it, for the column limit to report: a
    stated span of a hundred million columns costs nothing.
    """
    grid = _Grid(number)
    columns = len(tbl.tblGrid.gridCol_lst) if tbl.tblGrid is not None else 0
    above: dict[int, str] = {}  # grid column -> the text of the cell a vertical merge continues
    for tr in tbl.tr_lst:
        texts: dict[int, str] = {}
        start = column = _grid_before(tr, qn)
        cells = 0
        for tc in tr.tc_lst:
            span = max(tc.grid_span, 1)
            merge = tc.vMerge
            text = above.get(column, "") if merge == "continue" else _cell_text(tc, qn)
            if merge != "continue":
                above[column] = text if merge == "restart" else ""
            if text:
                texts.setdefault(min(column, most + 1), text)
            column += span
            cells += 1
        row = [""] * (max(texts) + 1 if texts else 0)
        for i, text in texts.items():
            row[i] = text
        width = max(columns, column)
        trPr = tr.trPr
        grid.rows.append(row)
        grid.repeated_header.append(trPr is not None and trPr.find(qn("w:tblHeader")) is not None)
        grid.full_width.append(cells == 1 and width > 1 and column - start >= width)
    return grid


def _grid_before(tr, qn) -> int:
    """The grid columns left empty before a row's first cell (``w:gridBefore``; read here, as python-docx 1.1
    has no property for it)."""
    found = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    try:
        return max(int(found.get(qn("w:val"))), 0) if found is not None else 0
    except (TypeError, ValueError):
        return 0


def _header_index(grid: _Grid) -> int | None:
    """The row naming the measure column, among the table's first rows."""
    for i, row in enumerate(grid.rows[:_HEADER_SEARCH_ROWS]):
        if "measure" in map(canonical_column, row):
            return i
    return None


def _plan_table(
    path: str,
    title: str,
    grids: list[_Grid],
    headings: list[list[tuple[str, str]]],
    limits: Limits,
    page_header: tuple[str, ...] = (),
) -> Table:
    """The plan tables as one table. The title, and the page header's text ("Sjövalla kommun –
    Kommunledningskontoret"), stand above it as its first row, where the plan's organisation and year are
    looked for when it has no .plan.toml."""
    plan_grids = [(g, h, _header_index(g)) for g, h in zip(grids, headings)]
    found = [(g, h, i) for g, h, i in plan_grids if i is not None]
    if not found:
        _no_plan_table(path, grids)
    as_written: dict[int, list[list[str]]] = {}  # a table's header rows before a second row was read into it
    for grid, _, index in found:
        below = _header_below(grid, index)  # type: ignore[arg-type]
        if below is not None:
            as_written[grid.number] = [_trimmed(grid.rows[index]), _trimmed(below)]  # type: ignore[index]
            grid.rows[index] = [  # type: ignore[index]
                under or over
                for over, under in itertools.zip_longest(grid.rows[index], below, fillvalue="")  # type: ignore[index]
            ]
    # The columns: the first plan table's header, then any header a later table adds.
    first_grid, _, first_index = found[0]
    assert first_index is not None
    header = list(first_grid.rows[first_index])
    keys = {_column_key(h): i for i, h in enumerate(header) if h.strip()}
    first_keys = set(keys)
    uses_headings = any(h for _, h, _ in found) or any(g.full_width[i] for g, _, _ in found for i in range(len(g.rows)))
    area_column = keys.get(("area",)) if uses_headings else None
    if uses_headings and area_column is None:
        header.append("Område")
        area_column = keys[("area",)] = len(header) - 1
    level_column = keys.get(("level",))
    if level_column is None and any(kind == "level" for _, h, _ in found for kind, _ in h):
        header.append("Nivå")
        level_column = keys[("level",)] = len(header) - 1

    records: list[tuple[int, list[str]]] = []
    places: dict[int, str] = {}
    pages: dict[int, int] = {}
    skipped: list[tuple[int, str, str, str, str | None]] = []  # notes for rows not read as measures
    headed: set[int] = set()  # rows whose area is the heading above their table
    if title or page_header:
        records.append((0, [title, *page_header]))
    checker = _LimitChecker(path, limits, lambda: sum(len(g.rows) for g, _, _ in found))
    number = 0
    area = level = ""
    new_area = False  # the area is written on the next row only: a level in a column carries down under it
    header_emitted = False
    mappings = []  # per plan table: its column -> the plan's column (a later table may add columns)
    for grid, _, index in found:
        mapping = {}
        for i, written in enumerate(grid.rows[index]):  # type: ignore[index]
            if not written.strip():
                continue
            key = _column_key(written)
            if key not in keys:
                header.append(written)
                keys[key] = len(header) - 1
            mapping[i] = keys[key]
        mappings.append(mapping)
    for (grid, above, index), mapping in zip(found, mappings):
        assert index is not None
        for kind, text in above:
            if kind == "level":
                level = text
            else:
                area, new_area = text, True
        own = grid.rows[index]
        own_texts = [_trimmed(own), *as_written.get(grid.number, [])]
        for i, cells in enumerate(grid.rows):
            number += 1
            place = f"table {grid.number}, row {i + 1}"
            if grid.pages:
                pages[number] = grid.pages[i]
                place = f"page {grid.pages[i]}, {place}"
            places[number] = place
            texts = checker.check(number, cells)
            if not any(c.strip() for c in texts):
                continue
            if i == index and not header_emitted:
                records.append((number, list(header)))
                header_emitted = True
                continue
            if i < index and grid.full_width[i]:  # a title row across the table: its area
                area, new_area = next(c for c in texts if c.strip()), True
                skipped.append((number, f"({place})", area, f"area heading: {area}", None))
                continue
            if i <= index or (i == index + 1 and grid.number in as_written):
                what = (
                    "header row"
                    if i == index
                    else "header row (its second line)"
                    if i > index
                    else "above the table's header: not read as a measure"
                )
                skipped.extend((number, f"({place})", c, what, None) for c in texts if c.strip())
                continue
            if i > index and (grid.repeated_header[i] or _trimmed(cells) in own_texts):
                skipped.extend(
                    (number, f"({place})", c, "header row repeated: not a measure", None) for c in texts if c.strip()
                )
                continue
            row = [""] * len(header)
            if grid.full_width[i]:  # one cell across the table: the area of the rows below
                area, new_area = next(c for c in texts if c.strip()), False
                row[area_column] = area  # type: ignore[index]
                records.append((number, row))
                continue
            orphans = []
            for j, text in enumerate(texts):
                if text.strip():
                    if j in mapping:
                        row[mapping[j]] = text
                    else:  # no header above it in this table: the table reader reports it, so it is not lost
                        orphans.append(text)
            row.extend(orphans)
            if new_area and area_column is not None and not row[area_column]:
                row[area_column] = area
                headed.add(number)
            new_area = False
            if level_column is not None and not row[level_column] and level and row[keys[("measure",)]].strip():
                row[level_column] = level  # a row without a measure continues the one above: no level of its own
            records.append((number, row))
    checker.done()
    table = _build(path, None, records)
    headers = dict(table.headers)
    for column, shown in (("area", AREA_HEADER), ("level", LEVEL_HEADER)):
        if column in headers and header[keys[(column,)]] in ("Område", "Nivå") and (column,) not in first_keys:
            headers[column] = shown
    return replace(
        table,
        headers=headers,
        notes=sorted(table.notes + skipped),
        places=places,
        headed=frozenset(headed),
        pages=pages,
    )


def _header_below(grid: _Grid, index: int) -> list[str] | None:
    """The second row of a header written on two rows, or None: the row under the header names columns
    (at least one that graphmodel knows), under a cell merged across them ("Ansvar" over "Ansvarig" and
    "Samverkan"), and holds no measure.

    Its names replace the merged cell's, which is kept in the ledger with the header.
    """
    if index + 1 >= len(grid.rows) or grid.full_width[index + 1]:
        return None
    header, below = grid.rows[index], grid.rows[index + 1]
    # a header cell merged down over both rows ("Nr", "Åtgärd") stands in both: it names no new column
    named = [(j, text) for j, text in enumerate(below) if text.strip() and (j >= len(header) or text != header[j])]
    if not named or any(len(text) > 40 or "\n" in text for _, text in named):
        return None
    if any(canonical_column(header[j]) == "measure" for j, _ in named if j < len(header)):
        return None
    known = [canonical_column(text) is not None for _, text in named]
    under_merged = [j >= len(header) or not header[j].strip() for j, _ in named]
    return below if any(known) and any(under_merged) and sum(known) * 2 >= len(known) else None


def _trimmed(cells: list[str]) -> list[str]:
    """A row's texts without their spacing and the empty cells at its end left out: to compare rows (a PDF
    gives the same header as "Pågående/ planer" on one page and "Pågående/planer" on another)."""
    texts = ["".join(c.split()) for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _column_key(written: str) -> tuple[str, ...]:
    column = canonical_column(written)
    return (column,) if column is not None else ("", _header_key(written))


def _no_plan_table(path: str, grids: list[_Grid]) -> NoReturn:
    if not grids:
        _fail(
            path,
            "no-plan-table",
            "the document has no table. Write the plan as a table with a header row "
            "(such as 'Åtgärd', 'Ansvarig') and one row per measure.",
        )
    shown = []
    for grid in grids[:5]:
        first = next((r for r in grid.rows if any(c.strip() for c in r)), [])
        cells = ", ".join(_quote(c, 30) for c in first if c.strip()) or "empty"
        shown.append(f"table {grid.number}: {cells}")
    more = f"; and {len(grids) - 5:,} more" if len(grids) > 5 else ""
    raise IngestFailed(
        [
            IngestError(
                path,
                "no-plan-table",
                f"no table has a header row naming the measure column. Tables found (first row): "
                f"{'; '.join(shown)}{more}. Name the column of measures 'Åtgärd' (or Aktivitet, Insats).",
            )
        ]
    )
