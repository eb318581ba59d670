"""Read a plan's table (CSV, XLSX or DOCX) into rows keyed by canonical column.

This module, ``workbook`` (XLSX) and ``document`` (DOCX) are the only ones that know about file
formats, encodings, delimiters and the many ways plans spell their headers. Every problem a user can fix is
collected as an ``IngestError`` and raised together as ``IngestFailed``; row
numbers are the ones a person sees in Excel (one row per record).
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import itertools
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import NoReturn

from graphmodel.errors import GraphmodelError, IngestError, IngestFailed
from graphmodel.text import LINE_BREAKS, NOT_TEXT

# Canonical column -> accepted header spellings (compared with _header_key).
COLUMNS: dict[str, tuple[str, ...]] = {
    "measure": (
        "Åtgärd",
        "Åtgärder",
        "Aktivitet",
        "Aktiviteter",
        "Insats",
        "Insatser",
        "Åtgärd/aktivitet",
        "Åtgärder/aktiviteter",
        "Aktivitet/åtgärd",
        "Measure",
        "Action",
    ),
    "responsible": (
        "Ansvarig",
        "Ansvariga",
        "Ansvar",
        "Huvudansvarig",
        "Huvudansvar",
        "Ansvarig förvaltning",
        "Ansvarig nämnd",
        "Ansvarig enhet",
        "Ansvarig verksamhet",
        "Ansvarig aktör",
        "Ansvarig part",
        "Responsible",
        "Owner",
    ),
    "partners": (
        "Övriga aktörer",
        "Övriga",
        "Samverkanspartner",
        "Samverkanspartners",
        "Samverkansparter",
        "Samverkanspart",
        "Samverkansaktörer",
        "Samarbetspartner",
        "Samarbetspartners",
        "Samarbetsparter",
        "Samverkan",
        "Samverkan med",
        "I samverkan med",
        "Medverkande",
        "Medverkande aktörer",
        "Involverade aktörer",
        "Övriga involverade",
        "Partners",
        "Other actors",
    ),
    "status": (
        "Pågående/planer",
        "Pågående / planer",
        "Status",
        "Tidplan",
        "Tidsplan",
        "Tidpunkt",
        "Tidsram",
        "Tidsperiod",
        "Status/tidplan",
        "Tidplan/status",
        "När",
        "Tid",
        "Status/Timing",
        "Timing",
        "Start/Klart",  # a Start and a Klart column read as one status, as the table reader writes them
    ),
    # A timing given in two columns: read with the status as one ("start 2023, klart 2025")
    "start": ("Start", "Startår", "Startdatum", "Påbörjas", "Påbörjad", "Start år"),
    "due": ("Klart", "Klart senast", "Klart år", "Slutår", "Slutdatum", "Avslutas", "Deadline"),
    "area": ("Område", "Insatsområde", "Fokusområde", "Area"),
    "level": ("Nivå", "Preventionsnivå", "Level"),
    "source": ("Källa", "Referens", "Sida", "Source", "Reference"),
    "id": ("Id", "ID", "Nr", "Nummer"),
}

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
_HEADER_SEARCH_ROWS = 10
_ERRORS_PER_CODE = 20  # a broken 100,000-row file should not print 100,000 lines
_DELIMITERS = ";,\t"
_SAVE_AS = "Save the plan from Excel as 'CSV UTF-8' or as an Excel workbook (.xlsx)."


@dataclass(frozen=True)
class Limits:
    """Reading limits no real plan reaches; each raised with --limit NAME=VALUE.

    A real plan has under 1,000 rows, under 30 columns, cells under 5,000
    characters and a file of a few hundred kilobytes. The defaults leave a
    hundredfold margin while keeping a hostile or broken file from taking the
    machine's memory: cell-length is Excel's own maximum (32,767 characters),
    xlsx-unpacked allows the usual 5-10x compression of a file at file-size.
    actors-per-cell bounds the collaboration analyses, which pair every two
    actors of a measure (9,000 actors in one cell are 40 million pairs); a real
    cell names at most a few dozen.
    """

    file_size_mb: int = 50  # CLI name "file-size"
    rows: int = 100_000  # "rows"
    columns: int = 1_000  # "columns"
    cell_length: int = 32_767  # "cell-length" (characters)
    xlsx_unpacked_mb: int = 500  # "xlsx-unpacked"
    actors_per_cell: int = 200  # "actors-per-cell"

    @classmethod
    def parse(cls, settings: Iterable[str]) -> Limits:
        """Limits from ["rows=200000", "cell-length=100000", ...]; unnamed limits keep their default."""
        names = {name.replace("_", "-").removesuffix("-mb"): name for name in cls.__dataclass_fields__}
        valid = ", ".join(names)
        values: dict[str, int] = {}
        for setting in settings:
            name, equals, value = setting.partition("=")
            key = name.strip().lower().replace("_", "-")
            if not equals or key not in names:
                raise GraphmodelError(
                    f"--limit {setting!r}: expected NAME=VALUE with NAME one of {valid} "
                    "(for example --limit rows=200000)."
                )
            try:
                number = int(value.strip().replace("_", ""))
            except ValueError:
                number = 0
            if number <= 0:
                raise GraphmodelError(
                    f"--limit {setting!r}: the value must be a whole number above 0 "
                    f"(for example --limit {key}={getattr(DEFAULT_LIMITS, names[key]) * 2})."
                )
            values[names[key]] = number
        return cls(**values)

    def flag(self, field_name: str, needed: int) -> str:
        """How a user raises one limit, e.g. "--limit rows=200000"."""
        return f"--limit {field_name.replace('_', '-').removesuffix('-mb')}={needed}"


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Row:
    """One data row: its Excel row number and its cells by canonical column."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    """A whole sheet or CSV file, with everything not understood kept aside."""

    path: str
    sheet: str | None
    headers: dict[str, str]
    rows: list[Row]
    extra_columns: list[str]
    extra_cells: list[tuple[int, str, str]]
    encoding: str | None
    preamble: list[tuple[int, str]] = field(default_factory=list)  # (row, text) above the header: titles
    # (row, header as written, cell text after cleaning, what was done, problem code or None):
    # non-fatal readings, such as control characters removed, for the plan's ledger.
    notes: list[tuple[int, str, str, str, str | None]] = field(default_factory=list)
    # row -> where a person finds it when the row number alone does not say (a Word document: "table 2, row 5")
    places: dict[int, str] = field(default_factory=dict)
    # rows whose area cell is the heading above their table (a Word document), not a cell of the row
    headed: frozenset[int] = frozenset()
    # row -> the PDF page it is on (its first page)
    pages: dict[int, int] = field(default_factory=dict)


def _header_key(header: str) -> str:
    """Fold a header so that case, spacing, '/' and a trailing ':' don't matter."""
    text = unicodedata.normalize("NFC", header).replace("\ufeff", "").strip()
    text = text.rstrip(":").replace("/", " ")
    return "".join(text.casefold().split())


_CANONICAL = {_header_key(s): col for col, spellings in COLUMNS.items() for s in spellings}


@functools.lru_cache(maxsize=4096)  # the same few headers in every plan of a city's folder
def canonical_column(header: str) -> str | None:
    """The canonical column a header means, or None if it is not recognised."""
    return _CANONICAL.get(_header_key(header))


def read_table(path: str | os.PathLike, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    """Read a .csv/.txt/.tsv, .xlsx/.xlsm, .docx or .pdf plan; raise IngestFailed on any problem.

    ``limits`` bounds what is read (file size, rows, columns, cell length,
    unpacked workbook size); a file beyond one is an error naming the flag.
    """
    shown = os.fspath(path)
    suffix = os.path.splitext(shown)[1].lower()
    if not os.path.exists(shown):
        _fail(shown, "file-not-found", "no such file. Check the path and the file name.")
    if os.path.isdir(shown):
        _fail(shown, "file-not-found", "this is a folder, not a file. Give the path of a .csv or .xlsx file.")
    if suffix == ".doc":
        from .document import legacy_doc

        legacy_doc(shown)
    if suffix not in XLSX_SUFFIXES + CSV_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES:
        kind = f"'{suffix}' files" if suffix else "files without an extension"
        _fail(shown, "unsupported-file-type", f"cannot read {kind}: expected .csv, .xlsx, .docx or .pdf. {_SAVE_AS}")
    _check_file_size(shown, limits)
    if suffix in DOCX_SUFFIXES + PDF_SUFFIXES:
        if sheet is not None:
            what = "a Word document" if suffix in DOCX_SUFFIXES else "a PDF"
            _fail(
                shown,
                "sheet-not-found",
                f"{what} has no sheets, so sheet {_quote(sheet)} cannot be read. Leave out the sheet.",
            )
        if suffix in PDF_SUFFIXES:
            from .pdf import read_pdf  # imports pypdfium2: only needed for PDFs

            return read_pdf(shown, limits)
        from .document import read_document  # imports python-docx: only needed for Word documents

        return read_document(shown, limits)
    if suffix in XLSX_SUFFIXES:
        from .workbook import read_sheet  # imports openpyxl: slow, and only needed for workbooks

        title, records, readings = read_sheet(shown, sheet, limits)
        return _build(shown, title, records, readings)
    if sheet is not None:
        _fail(
            shown,
            "sheet-not-found",
            f"a CSV file has no sheets, so sheet {_quote(sheet)} cannot be read. "
            "Leave out the sheet, or give the .xlsx workbook.",
        )
    most = limits.file_size_mb * 1_000_000
    try:
        with open(shown, "rb") as f:
            # Bounded by the limit (the file may have grown since it was measured), but never a
            # buffer of the limit's size: a raised limit must not allocate gigabytes for a small file.
            data = f.read(min(most, os.fstat(f.fileno()).st_size + 1_000_000) + 1)
    except OSError as e:
        _fail(shown, "unreadable-file", _unreadable(e))
    if len(data) > most:
        _too_large(shown, len(data), limits)
    text, encoding = _decode(data, shown)
    return replace(parse_csv_text(text, shown, limits), encoding=encoding)


def _check_file_size(path: str, limits: Limits) -> None:
    """Refuse a file over the size limit, or one that is not a regular file, before reading it."""
    try:
        status = os.stat(path)
    except OSError as e:
        _fail(path, "unreadable-file", _unreadable(e))
    if not stat.S_ISREG(status.st_mode):
        _fail(
            path,
            "unreadable-file",
            "this is not an ordinary file (a device, a pipe or a socket). Give the path of a .csv or .xlsx file.",
        )
    if status.st_size > limits.file_size_mb * 1_000_000:
        _too_large(path, status.st_size, limits)


def _too_large(path: str, size: int, limits: Limits) -> NoReturn:
    megabytes = -(-size // 1_000_000)
    _fail(
        path,
        "file-too-large",
        f"the file is {megabytes:,} MB, over the limit of {limits.file_size_mb:,} MB for one plan "
        "(a plan is rarely over 1 MB). Check that this is the plan, or raise the limit with "
        f"{limits.flag('file_size_mb', megabytes)}.",
    )


def parse_csv_text(text: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> Table:
    """Parse already-decoded CSV text; the delimiter is detected, not assumed."""
    text = text.removeprefix("\ufeff")
    if not text.strip(' \t\r\n;,"'):  # only separators: how Excel exports a blank sheet
        _fail(path, "empty-file", _empty_message("the file"))
    delimiter = _choose_delimiter(text)
    records = _csv_records(text, path, delimiter, limits)
    header = _first_nonblank(cells for _, cells in records)
    if all(len(r) <= 1 for _, r in records) and header and canonical_column(header[0]) is None:
        _fail(
            path,
            "not-a-table",
            f"no columns found: no row has a ';', ',' or tab between cells, and the first row "
            f"({_quote(header[0])}) is not a known header. {_SAVE_AS}",
        )
    return _build(path, None, records, scrub=NOT_TEXT.search(text) is not None)


def table_from_rows(
    path: str, rows: Iterable[list[str]], limits: Limits = DEFAULT_LIMITS, row_count: int | None = None
) -> Table:
    """A Table from rows of cell texts, numbered from 1, as a CSV file's records are read.

    For a table that is not a file (a pandas DataFrame): the same limits, header
    recognition and errors, with ``path`` naming it. ``row_count`` tells how many
    rows there are, for the limit's hint.
    """
    checker = _LimitChecker(path, limits, lambda: row_count)
    records = [(number, checker.check(number, cells)) for number, cells in enumerate(rows, start=1)]
    checker.done()
    if not any(c.strip() for _, cells in records for c in cells):
        _fail(path, "empty-file", _empty_message("the table"))
    return _build(path, None, records)


def _csv_records(text: str, path: str, delimiter: str, limits: Limits) -> list[tuple[int, list[str]]]:
    """Split CSV text into numbered records, within the limits and with every quote closed.

    A quote that opens a cell and is never closed makes the csv module read every
    following line into that cell; such a cell is recognised by the records inside it.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    checker = _LimitChecker(path, limits, lambda: text.count("\n") + 1)
    records: list[tuple[int, list[str]]] = []
    width = None  # cells in the last record on one line with more than one cell (the header, say)
    line = 1  # the line the next record starts on
    previous = csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # cell-length decides
    try:
        for number, cells in enumerate(reader, start=1):
            if reader.line_num > line:
                if width is not None:
                    checker.errors.extend(_runaway_quote(path, number, cells, line, reader.line_num, delimiter, width))
            elif len(cells) > 1:
                width = len(cells)
            line = reader.line_num + 1
            records.append((number, checker.check(number, cells)))
    except csv.Error as e:
        _fail(path, "not-a-table", f"line {reader.line_num} cannot be split into cells ({e}). {_SAVE_AS}")
    finally:
        csv.field_size_limit(previous)
    checker.done()
    return records


def _runaway_quote(
    path: str, number: int, cells: list[str], first_line: int, last_line: int, delimiter: str, width: int
) -> list[IngestError]:
    """An error if a cell spanning lines holds what look like further records.

    Excel quotes cells with line breaks, so a cell over several lines is normal; it
    is a runaway quote when a later line in it holds the delimiter and either the
    record no longer has the header's number of cells or that line has as many
    cells as the header (width 3 or more, or two such lines with two columns, so
    that one 'Polisen; skolan' stays text).
    """
    opens = first_line
    for cell in cells:
        cell = cell.replace("\r\n", "\n").replace("\r", "\n")  # old Mac files end lines with CR alone
        if "\n" in cell:
            inner_lines = cell.split("\n")[1:]
            # With two columns, one 'Polisen; skolan' line may be text; two lines shaped like records are not.
            records = sum(inner.count(delimiter) + 1 == width for inner in inner_lines)
            for inner in inner_lines:
                parts = inner.count(delimiter) + 1
                if parts > 1 and (
                    len(cells) != width or (width >= 3 and parts == width) or (width == 2 and records >= 2)
                ):
                    return [
                        IngestError(
                            path,
                            "unbalanced-quote",
                            f'the quote (") that opens a cell on line {opens} is never closed, so '
                            f"lines {opens}–{last_line} are read as one cell ({_quote(cell)}). Delete "
                            'that quote, or double it ("") if it is part of the text.',
                            number,
                            value=cell[:200],
                        )
                    ]
        opens += cell.count("\n")
    return []


class _LimitChecker:
    """Checks rows, columns and cell lengths as records are read; stops at the row limit."""

    def __init__(self, path: str, limits: Limits, rows_hint=lambda: None):
        self.path, self.limits, self.rows_hint = path, limits, rows_hint
        self.errors: list[IngestError] = []

    def check(self, number: int, cells: list[str]) -> list[str]:
        """The record's cells, cut after the last column with text; errors kept aside."""
        limits = self.limits
        if len(cells) > limits.columns:
            last = max((i for i, c in enumerate(cells) if c.strip()), default=-1)
            if last >= limits.columns:
                self.errors.append(
                    IngestError(
                        self.path,
                        "too-many-columns",
                        f"the row has text in column {_column_letter(last)} (column {last + 1:,}), past "
                        f"the limit of {limits.columns:,} columns. Delete the cells far to the right, "
                        f"or raise the limit with {limits.flag('columns', last + 1)}.",
                        number,
                        value=cells[last][:200],
                    )
                )
            cells = cells[: max(last + 1, limits.columns)]
        if number > limits.rows and any(c.strip() for c in cells):
            hint = self.rows_hint()
            needed = hint if hint and hint > limits.rows else 2 * limits.rows
            self.errors.append(
                IngestError(
                    self.path,
                    "too-many-rows",
                    f"the table goes on past row {limits.rows:,}, the limit for one plan (a plan has a "
                    "row per measure, rarely a thousand). Check that this is the plan, or raise the "
                    f"limit with {limits.flag('rows', needed)}.",
                    number,
                )
            )
            raise IngestFailed(_capped(self.errors))
        if max(map(len, cells), default=0) <= limits.cell_length:
            return cells
        for i, cell in enumerate(cells):
            if len(cell) > limits.cell_length and len(cell.strip()) > limits.cell_length:
                length = len(cell.strip())
                self.errors.append(
                    IngestError(
                        self.path,
                        "cell-too-long",
                        f"the cell in column {_column_letter(i)} holds {length:,} characters, over the "
                        f"limit of {limits.cell_length:,} (Excel's own maximum is 32,767). Shorten it, "
                        f"or raise the limit with {limits.flag('cell_length', length)}.",
                        number,
                        value=cell[:200],
                    )
                )
        return cells

    def done(self) -> None:
        if self.errors:
            raise IngestFailed(_capped(self.errors))


def _capped(errors: list[IngestError]) -> list[IngestError]:
    """At most _ERRORS_PER_CODE errors of each code, then one line counting the rest."""
    kept, seen = [], Counter()
    for error in errors:
        seen[error.code] += 1
        if seen[error.code] <= _ERRORS_PER_CODE:
            kept.append(error)
    for code, count in seen.items():
        if count > _ERRORS_PER_CODE:
            kept.append(
                IngestError(
                    errors[0].path, code, f"and {count - _ERRORS_PER_CODE:,} more problems like the ones above."
                )
            )
    return kept


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode as Excel writes CSV: UTF-8 with BOM, plain UTF-8, or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _fail(
            path,
            "not-a-table",
            "the file is UTF-16 text (Excel's 'Unicode Text'), not CSV. Save the file as 'CSV UTF-8' from Excel.",
        )
    if data.startswith(b"PK\x03\x04"):
        _fail(
            path,
            "not-a-table",
            "the file is a zip archive (probably an Excel workbook), not CSV text. "
            "Rename it to .xlsx, or save it from Excel as 'CSV UTF-8'.",
        )
    nuls = data.count(b"\x00")
    if nuls > 8 and nuls * 100 > len(data):  # a stray NUL in text is cleaned out like any control
        _fail(path, "not-a-table", f"the file holds binary data, not text. {_SAVE_AS}")
    candidates = ["utf-8-sig"] if data.startswith(codecs.BOM_UTF8) else ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as e:
            error = e
            if encoding != "cp1252":
                _check_one_encoding(data.removeprefix(codecs.BOM_UTF8), path)
    offset = error.start + (
        len(codecs.BOM_UTF8) if candidates == ["utf-8-sig"] else 0
    )  # utf-8-sig counts after the BOM
    line = data.count(b"\n", 0, offset) + 1
    tried = "UTF-8" if len(candidates) == 1 else "UTF-8 or Windows-1252"
    _fail(
        path,
        "undecodable-bytes",
        f"byte 0x{data[offset]:02X} at offset {offset} (line {line}) is not {tried} text. "
        "Save the file as 'CSV UTF-8' from Excel.",
    )


def _check_one_encoding(data: bytes, path: str) -> None:
    """Fail if some lines are UTF-8 and others are not: decoding the whole as one would garble half.

    Such files come from pasting between a UTF-8 and a Windows-1252 file. Lines of
    plain ASCII fit either and say nothing.
    """
    utf8, other = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.isascii():
            try:
                line.decode("utf-8")
                utf8.append(number)
            except UnicodeDecodeError:
                other.append(number)
    if utf8 and other:
        _fail(
            path,
            "mixed-encodings",
            f"the file mixes two text encodings: {_lines(utf8)} UTF-8 and {_lines(other)} not "
            "(probably Windows-1252), so å, ä and ö would come out wrong on one kind or the "
            "other. Open the file in Excel or a text editor, correct the letters on the lines "
            "that look wrong, and save it as 'CSV UTF-8'.",
        )


def _lines(numbers: list[int], shown: int = 5) -> str:
    """'line 3 is', 'lines 2, 4 are', 'lines 2, 4, 6, 8, 10 and 7 more are'."""
    listed = ", ".join(map(str, numbers[:shown]))
    more = f" and {len(numbers) - shown:,} more" if len(numbers) > shown else ""
    return f"line {listed} is" if len(numbers) == 1 else f"lines {listed}{more} are"


def _choose_delimiter(text: str) -> str:
    """Pick the delimiter that splits a header among the first rows into the most known names.

    The header decides first because a guess from character counts is easily fooled
    by commas inside Swedish sentences. Ties go to the delimiter that gives the most
    rows the same number of cells, then to the one splitting the first row most.
    (csv.Sniffer did this before; its pattern takes seconds on 16 KB of quotes.)
    """
    sample = text[:16384]

    def score(delimiter: str) -> tuple[int, int, int]:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            records = list(
                itertools.islice(
                    (r for r in itertools.islice(reader, 100) if any(c.strip() for c in r)), _HEADER_SEARCH_ROWS
                )
            )
        except csv.Error:
            records = []
        known = max((sum(canonical_column(h) is not None for h in r) for r in records), default=0)
        widths = Counter(len(r) for r in records if len(r) > 1)
        steady = widths.most_common(1)[0][1] if widths else 0
        return known, steady, len(records[0]) if records else 0

    scores = {d: score(d) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: scores[d])


def _first_nonblank(records: Iterable[list[str]]) -> list[str]:
    return next((r for r in records if any(c.strip() for c in r)), [])


def _build(
    path: str,
    sheet: str | None,
    records: Iterable[tuple[int, list[str]]],
    readings: dict[tuple[int, int], list[tuple[str, str | None]]] | None = None,
    scrub: bool = True,
) -> Table:
    """Map the header row to canonical columns and check every data row.

    Every cell is cleaned of control characters first; what was done to a cell
    (and the reader's ``readings``, keyed by row and 0-based column) becomes a note.
    ``scrub=False`` says the caller found no control character in the whole text.
    """
    done: dict[tuple[int, int], list[tuple[str, str | None]]] = dict(readings or {})
    records = [(n, _scrub_record(n, cells, done)) for n, cells in records] if scrub else list(records)
    filled = [(n, cells) for n, cells in records if any(c.strip() for c in cells)]
    if not filled:
        _fail(path, "empty-file", _empty_message(f"sheet {_quote(sheet)}" if sheet else "the file"))
    # The header is the first row naming the measure column, among the first few: a title or a
    # date above the table is common in Excel plans; it is kept as the table's preamble.
    header_row, header_cells = next(
        ((n, cells) for n, cells in filled[:_HEADER_SEARCH_ROWS] if "measure" in map(canonical_column, cells)),
        filled[0],
    )
    preamble = [(n, c.strip()) for n, cells in filled if n < header_row for c in cells if c.strip()]
    texts_by_row = {n: cells for n, cells in records}
    notes = [
        (n, _header_of(header_cells, i, n >= header_row), _clean(texts_by_row[n][i]), what, problem)
        for (n, i), kinds in sorted(done.items())
        for what, problem in kinds
    ]
    records = iter([(n, cells) for n, cells in records if n > header_row])

    errors: list[IngestError] = []
    headers: dict[str, str] = {}
    position: dict[int, str] = {}  # cell index -> canonical column
    unknown: dict[int, str] = {}  # cell index -> unrecognised header
    duplicates: set[int] = set()
    for i, written in enumerate(header_cells):
        if not written.strip():
            continue
        column = canonical_column(written)
        if column is None:
            unknown[i] = written
        elif column in headers:
            duplicates.add(i)
            errors.append(
                IngestError(
                    path,
                    "duplicate-column",
                    f"this column and {_quote(headers[column])} are both read as "
                    f"the '{column}' column. Rename or delete one of them.",
                    header_row,
                    written,
                )
            )
        else:
            headers[column] = written
            position[i] = column

    written_timing = {column: headers.pop(column) for column in ("start", "due") if column in headers}
    if written_timing:  # "Start" and "Klart" columns: one status with the status column, as a person reads them
        joined = [*filter(None, [headers.get("status")]), *written_timing.values()]
        headers["status"] = " / ".join(joined)
        notes.extend(
            (header_row, written, written, f"column read with the status as one: {headers['status']}", None)
            for written in joined
        )
    rows: list[Row] = []
    extra_cells: list[tuple[int, str, str]] = []
    header_hint, no_measure = "", "measure" not in headers
    first_use: dict[str, int] = {}
    measure_above = False  # a row without measure text may continue the measure of a row above
    for number, raw in records:
        texts = [_clean(c) if "\r" in c else c.strip() for c in raw]  # most cells have no line break to fix
        if not any(texts):
            continue
        if not header_hint and no_measure and "measure" in map(canonical_column, texts):
            header_hint = f" Row {number} looks like the header row: delete the rows above it."
        cells = dict.fromkeys(headers, "")
        orphans = []
        for i, text in enumerate(texts):
            if not text or i in duplicates:
                continue  # a duplicate column is already an error of its own
            if i in position:
                cells[position[i]] = text
            elif i in unknown:
                extra_cells.append((number, unknown[i], text))
            else:
                orphans.append((i, text))
        if orphans:
            more = f" and {len(orphans) - 5:,} more" if len(orphans) > 5 else ""
            letters = ", ".join(_column_letter(i) for i, _ in orphans[:5]) + more
            quoted = ", ".join(_quote(t) for _, t in orphans[:5]) + ("…" if more else "")
            plural = "s" if len(orphans) > 1 else ""
            errors.append(
                IngestError(
                    path,
                    "extra-cells",
                    f"text in column{plural} {letters} has no header above it ({quoted}) and would be "
                    "lost. Add a header for that column or move the text into a named column.",
                    number,
                    value=orphans[0][1],
                )
            )
        if written_timing:
            parts = {column: cells.get(column, "") for column in written_timing}
            cells = _with_timing(cells)
            notes.extend(
                (number, written_timing[column], text, f"read into the status: {cells['status']}", None)
                for column, text in parts.items()
                if text
            )
        errors.extend(_check_row(path, number, cells, headers, first_use, measure_above))
        # A heading row between (a new area or level) ends what a later row may continue.
        measure_above = bool(cells.get("measure")) or (measure_above and continues_above(cells))
        rows.append(Row(number, cells))

    if no_measure:
        # Likely the wrong row was taken as the header: row errors would only be noise.
        errors = [e for e in errors if e.code == "duplicate-column"]
        found = ", ".join(_quote(h) for h in header_cells if h.strip())
        others = ", ".join(COLUMNS["measure"][1:])
        errors.insert(
            0,
            IngestError(
                path,
                "missing-measure-column",
                f"no column holds the measures. Headers found: {found}. "
                f"Add a column named 'Åtgärd' (or {others}).{header_hint}",
                header_row,
            ),
        )
    if not no_measure and not any(row.cells["measure"] for row in rows):
        errors.append(
            IngestError(
                path,
                "no-measures",
                f"the header is there but no row below it has a measure in {_quote(headers['measure'])}. "
                "Write one measure per row under the header.",
                header_row,
                headers["measure"],
            )
        )
    if errors:
        raise IngestFailed(_capped(errors))
    return Table(path, sheet, headers, rows, list(unknown.values()), extra_cells, None, preamble, notes)


_PERIOD = re.compile(
    r"^(?:\d|q\d|[hv]t\b|v\.?\s*\d|jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec|vår|höst|sommar|vinter)",
    re.IGNORECASE,
)


def _with_timing(cells: dict[str, str]) -> dict[str, str]:
    """A row's Start and Klart cells read into its status, as a person reads them: "start 2023, klart 2025"
    (a period gets its word; "Pågår" or "Årligen" is said as it is).

    >>> _with_timing({"measure": "Läxhjälp", "start": "HT 2023", "due": "2025"})["status"]
    'start HT 2023, klart 2025'
    """
    start, due = cells.pop("start", ""), cells.pop("due", "")
    parts = [cells.get("status", "")]
    parts.append(f"start {start}" if start and _PERIOD.match(start) else start)
    parts.append(f"klart {due}" if due and _PERIOD.match(due) else due)
    cells["status"] = ", ".join(part for part in parts if part)
    return cells


def continues_above(cells: dict[str, str]) -> bool:
    """Whether a row without measure text continues the measure above: a cell wrapped in Excel or Word.

    Such a row holds partners or a status (perhaps with a responsible too) and
    nothing that starts something new: no measure text, id, area or level. A
    row naming only a responsible is not one: a new owner without a measure
    looks like a measure whose text is missing.
    """
    return not any(cells.get(column) for column in ("measure", "id", "area", "level")) and bool(
        cells.get("partners") or cells.get("status")
    )


def _check_row(
    path: str,
    number: int,
    cells: dict[str, str],
    headers: dict[str, str],
    first_use: dict[str, int],
    measure_above: bool = False,
) -> list[IngestError]:
    """Row-level problems: actors without a measure (unless the row continues the measure above), an id used
    twice."""
    errors = []
    if "measure" in headers and not cells["measure"] and not (measure_above and continues_above(cells)):
        actors = [cells[c] for c in ("responsible", "partners") if cells.get(c)]
        status = cells.get("status")
        if actors or status:
            what = (
                f"names actors ({', '.join(_quote(a) for a in actors)})"
                if actors
                else f"has a status ({_quote(status)})"
            )
            errors.append(
                IngestError(
                    path,
                    "actors-without-measure",
                    f"the row {what} but has no measure text. "
                    f"Write the measure in {_quote(headers['measure'].strip())} or delete the row.",
                    number,
                    headers["measure"],
                    (actors or [status])[0],
                )
            )
    ident = cells.get("id")
    if ident:
        if ident in first_use:
            errors.append(
                IngestError(
                    path,
                    "duplicate-id",
                    f"id {_quote(ident)} is also used on row {first_use[ident]}. Give each measure "
                    "its own id, or leave the cell empty.",
                    number,
                    headers["id"],
                    ident,
                )
            )
        else:
            first_use[ident] = number
    return errors


def _clean(cell: str) -> str:
    """A cell's text with line breaks as '\\n' and no surrounding space."""
    if "\r" in cell:  # most cells have no line break to fix
        cell = cell.replace("\r\n", "\n").replace("\r", "\n")
    return cell.strip()


def _scrub_record(
    number: int, cells: list[str], done: dict[tuple[int, int], list[tuple[str, str | None]]]
) -> list[str]:
    """The record with what no output can hold (``graphmodel.text.NOT_TEXT``) removed, Word's Shift+Enter
    and the other line-separating controls made line breaks, noted."""
    if not NOT_TEXT.search("".join(cells)):  # one search per record: most have nothing to clean
        return cells
    scrubbed = []
    for i, cell in enumerate(cells):
        found = Counter(NOT_TEXT.findall(cell))
        if found:
            separators = sorted(c for c in found if c in LINE_BREAKS)
            breaks = sum(found.pop(c) for c in separators)
            cell = NOT_TEXT.sub(lambda m: "\n" if m.group() in LINE_BREAKS else "", cell)
            kinds = done.setdefault((number, i), [])
            if found:
                listed = ", ".join(f"{n} × U+{ord(c):04X}" for c, n in sorted(found.items()))
                kinds.append((f"control characters removed ({listed})", "control-characters"))
            if breaks:
                codes = (
                    "U+000B/U+000C"
                    if set(separators) <= {"\x0b", "\x0c"}
                    else "/".join(f"U+{ord(c):04X}" for c in separators)
                )
                kinds.append((f"Word line breaks read as line breaks ({breaks} × {codes})", None))
        scrubbed.append(cell)
    return scrubbed


def _header_of(header_cells: list[str], index: int, below_header: bool) -> str:
    """The header above a cell as written, or its column letter where there is none."""
    if below_header and index < len(header_cells) and header_cells[index].strip():
        return header_cells[index]
    return _column_letter(index)


def _quote(text: str, limit: int = 40) -> str:
    """A cell's text for a message: one line, shortened, in single quotes."""
    text = " ".join(text[: 4 * limit].split())  # a long cell is cut first: this stays cheap
    return f"'{text if len(text) <= limit else text[: limit - 1] + '…'}'"


def _column_letter(index: int) -> str:
    """Excel's column name for a 0-based index: 0 -> A, 26 -> AA."""
    quotient, rest = divmod(index, 26)
    return (_column_letter(quotient - 1) if quotient else "") + chr(ord("A") + rest)


def _empty_message(what: str) -> str:
    return (
        f"{what} has no text in any cell. Export the plan with a header row "
        "(such as 'Åtgärd', 'Ansvarig') and one row per measure."
    )


def _unreadable(error: OSError) -> str:
    return (
        f"the file cannot be opened ({error.strerror}). "
        "Close it in Excel if it is open there, and check that you may read it."
    )


def _fail(path: str, code: str, message: str, row: int | None = None) -> NoReturn:
    raise IngestFailed([IngestError(path, code, message, row)])
