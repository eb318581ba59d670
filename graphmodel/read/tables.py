"""Read a plan's table (CSV or XLSX) into rows keyed by canonical column.

This is the only module that knows about file formats, encodings, delimiters
and the many ways plans spell their headers. Every problem a user can fix is
collected as an ``IngestError`` and raised together as ``IngestFailed``; row
numbers are the ones a person sees in Excel (one row per record).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import NoReturn

from graphmodel.errors import GraphmodelError, IngestError, IngestFailed

# Canonical column -> accepted header spellings (compared with _header_key).
COLUMNS: dict[str, tuple[str, ...]] = {
    "measure": ("Åtgärd", "Åtgärder", "Aktivitet", "Insats", "Measure", "Action"),
    "responsible": ("Ansvarig", "Ansvariga", "Ansvar", "Huvudansvarig", "Responsible", "Owner"),
    "partners": ("Övriga aktörer", "Övriga", "Samverkanspartner", "Samverkanspartners",
                 "Samverkan", "Medverkande", "Partners", "Other actors"),
    "status": ("Pågående/planer", "Pågående / planer", "Status", "Tidplan", "Tidsplan",
               "När", "Tid", "Status/Timing", "Timing"),
    "area": ("Område", "Insatsområde", "Fokusområde", "Area"),
    "level": ("Nivå", "Preventionsnivå", "Level"),
    "source": ("Källa", "Referens", "Sida", "Source", "Reference"),
    "id": ("Id", "ID", "Nr", "Nummer"),
}

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_HEADER_SEARCH_ROWS = 10
_STREAM_ABOVE_BYTES = 5_000_000  # larger workbooks are streamed (read-only): faster, but merges are not seen
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
    """

    file_size_mb: int = 50  # CLI name "file-size"
    rows: int = 100_000  # "rows"
    columns: int = 1_000  # "columns"
    cell_length: int = 32_767  # "cell-length" (characters)
    xlsx_unpacked_mb: int = 500  # "xlsx-unpacked"

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
                    "(for example --limit rows=200000).")
            try:
                number = int(value.strip().replace("_", ""))
            except ValueError:
                number = 0
            if number <= 0:
                raise GraphmodelError(
                    f"--limit {setting!r}: the value must be a whole number above 0 "
                    f"(for example --limit {key}={getattr(DEFAULT_LIMITS, names[key]) * 2}).")
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


def _header_key(header: str) -> str:
    """Fold a header so that case, spacing, '/' and a trailing ':' don't matter."""
    text = unicodedata.normalize("NFC", header).replace("\ufeff", "").strip()
    text = text.rstrip(":").replace("/", " ")
    return "".join(text.casefold().split())


_CANONICAL = {_header_key(s): col for col, spellings in COLUMNS.items() for s in spellings}


def canonical_column(header: str) -> str | None:
    """The canonical column a header means, or None if it is not recognised."""
    return _CANONICAL.get(_header_key(header))


def read_table(path: str | os.PathLike, sheet: str | None = None,
               limits: Limits = DEFAULT_LIMITS) -> Table:
    """Read a .csv/.txt/.tsv or .xlsx/.xlsm plan; raise IngestFailed on any problem.

    ``limits`` bounds what is read (file size, rows, columns, cell length,
    unpacked workbook size); a file beyond one is an error naming the flag.
    """
    shown = os.fspath(path)
    suffix = os.path.splitext(shown)[1].lower()
    if not os.path.exists(shown):
        _fail(shown, "file-not-found", "no such file. Check the path and the file name.")
    if os.path.isdir(shown):
        _fail(shown, "file-not-found",
              "this is a folder, not a file. Give the path of a .csv or .xlsx file.")
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(shown, sheet)
    if suffix not in CSV_SUFFIXES:
        kind = f"'{suffix}' files" if suffix else "files without an extension"
        _fail(shown, "unsupported-file-type",
              f"cannot read {kind}: expected .csv or .xlsx. {_SAVE_AS}")
    if sheet is not None:
        _fail(shown, "sheet-not-found",
              f"a CSV file has no sheets, so sheet {_quote(sheet)} cannot be read. "
              "Leave out the sheet, or give the .xlsx workbook.")
    try:
        with open(shown, "rb") as f:
            data = f.read()
    except OSError as e:
        _fail(shown, "unreadable-file", _unreadable(e))
    text, encoding = _decode(data, shown)
    return replace(parse_csv_text(text, shown), encoding=encoding)


def parse_csv_text(text: str, path: str = "<text>") -> Table:
    """Parse already-decoded CSV text; the delimiter is detected, not assumed."""
    text = text.removeprefix("\ufeff")
    if not text.strip(" \t\r\n;,\""):  # only separators: how Excel exports a blank sheet
        _fail(path, "empty-file", _empty_message("the file"))
    delimiter = _choose_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as e:
        _fail(path, "not-a-table",
              f"line {reader.line_num} cannot be split into cells ({e}). {_SAVE_AS}")
    header = _first_nonblank(records)
    if all(len(r) <= 1 for r in records) and header and canonical_column(header[0]) is None:
        _fail(path, "not-a-table",
              f"no columns found: no row has a ';', ',' or tab between cells, and the first row "
              f"({_quote(header[0])}) is not a known header. {_SAVE_AS}")
    return _build(path, None, enumerate(records, start=1))


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode as Excel writes CSV: UTF-8 with BOM, plain UTF-8, or Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _fail(path, "not-a-table",
              "the file is UTF-16 text (Excel's 'Unicode Text'), not CSV. "
              "Save the file as 'CSV UTF-8' from Excel.")
    if data.startswith(b"PK\x03\x04"):
        _fail(path, "not-a-table",
              "the file is a zip archive (probably an Excel workbook), not CSV text. "
              "Rename it to .xlsx, or save it from Excel as 'CSV UTF-8'.")
    if b"\x00" in data:
        _fail(path, "not-a-table", f"the file holds binary data, not text. {_SAVE_AS}")
    candidates = ["utf-8-sig"] if data.startswith(codecs.BOM_UTF8) else ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as e:
            error = e
    offset = error.start + (len(codecs.BOM_UTF8) if candidates == ["utf-8-sig"] else 0)  # utf-8-sig counts after the BOM
    line = data.count(b"\n", 0, offset) + 1
    tried = "UTF-8" if len(candidates) == 1 else "UTF-8 or Windows-1252"
    _fail(path, "undecodable-bytes",
          f"byte 0x{data[offset]:02X} at offset {offset} (line {line}) is not {tried} text. "
          "Save the file as 'CSV UTF-8' from Excel.")


def _choose_delimiter(text: str) -> str:
    """Pick the delimiter that splits the header into the most known column names.

    The header decides first because csv.Sniffer alone is easily fooled by
    commas inside Swedish sentences; the Sniffer only breaks ties.
    """
    sample = text[:16384]

    def known_headers(delimiter: str) -> tuple[int, int]:
        try:
            header = _first_nonblank(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))
        except csv.Error:
            header = []
        return sum(canonical_column(h) is not None for h in header), len(header)

    scores = {d: known_headers(d) for d in _DELIMITERS}
    best = max(scores.values())
    leaders = [d for d in _DELIMITERS if scores[d] == best]
    if len(leaders) == 1 and best[0] > 0:
        return leaders[0]
    try:
        # The Sniffer is slow and easily fooled by commas in Swedish sentences: only a tie-breaker.
        sniffed = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    return max(_DELIMITERS, key=lambda d: (scores[d][0], d == sniffed, scores[d][1]))


def _first_nonblank(records: Iterable[list[str]]) -> list[str]:
    return next((r for r in records if any(c.strip() for c in r)), [])


def _read_xlsx(path: str, sheet: str | None) -> Table:
    import zipfile

    from openpyxl import load_workbook  # imported here: slow, and only needed for workbooks

    # Plan-sized workbooks are read whole, so that merged cells can be seen; big ones are streamed.
    streamed = os.path.getsize(path) > _STREAM_ABOVE_BYTES
    try:
        workbook = load_workbook(path, read_only=streamed, data_only=True)
    except OSError as e:
        _fail(path, "unreadable-file", _unreadable(e))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError):  # how openpyxl fails on junk
        _fail(path, "not-a-table",
              "this is not a readable Excel workbook. "
              "Open it in Excel and save it as 'Excel Workbook (.xlsx)' or as 'CSV UTF-8'.")
    try:
        sheets = {ws.title: ws for ws in workbook.worksheets}  # chart sheets hold no table
        if sheet is not None and sheet not in sheets:
            names = ", ".join(_quote(n) for n in sheets) or "no worksheets"
            _fail(path, "sheet-not-found", f"no sheet named {_quote(sheet)}. "
                  f"The workbook has: {names}. Pass one of these names.")
        if not sheets:
            _fail(path, "not-a-table", f"the workbook has no worksheets. {_SAVE_AS}")
        worksheet = sheets[sheet] if sheet is not None else workbook.worksheets[0]
        if streamed:
            # Some tools write a wrong <dimension>; without this, columns can be cut off.
            worksheet.reset_dimensions()
        records = [
            [_cell_text(v) for v in values] for values in worksheet.iter_rows(values_only=True)
        ]
        if not streamed:
            _fill_merged_down(worksheet, records)
        records = list(enumerate(records, start=1))
    finally:
        workbook.close()
    return _build(path, worksheet.title, records)


def _fill_merged_down(worksheet, records: list[list[str]]) -> None:
    """A cell merged over several rows (one owner for a group of measures) counts on each of them.

    Only downwards: a title merged across columns is not repeated into every column.
    """
    for merged in worksheet.merged_cells.ranges:
        top = merged.min_row - 1
        column = merged.min_col - 1
        if merged.max_row == merged.min_row or top >= len(records) or column >= len(records[top]):
            continue
        for row in range(merged.min_row, min(merged.max_row, len(records))):
            while len(records[row]) <= column:
                records[row].append("")
            records[row][column] = records[top][column]


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


def _build(path: str, sheet: str | None, records: Iterable[tuple[int, list[str]]]) -> Table:
    """Map the header row to canonical columns and check every data row."""
    records = list(records)
    filled = [(n, cells) for n, cells in records if any(c.strip() for c in cells)]
    if not filled:
        _fail(path, "empty-file", _empty_message(f"sheet {_quote(sheet)}" if sheet else "the file"))
    # The header is the first row naming the measure column, among the first few: a title or a
    # date above the table is common in Excel plans; it is kept as the table's preamble.
    header_row, header_cells = next(
        ((n, cells) for n, cells in filled[:_HEADER_SEARCH_ROWS] if "measure" in map(canonical_column, cells)),
        filled[0])
    preamble = [(n, c.strip()) for n, cells in filled if n < header_row for c in cells if c.strip()]
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
            errors.append(IngestError(path, "duplicate-column",
                f"this column and {_quote(headers[column])} are both read as "
                f"the '{column}' column. Rename or delete one of them.", header_row, written))
        else:
            headers[column] = written
            position[i] = column

    rows: list[Row] = []
    extra_cells: list[tuple[int, str, str]] = []
    header_hint, no_measure = "", "measure" not in headers
    first_use: dict[str, int] = {}
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
            letters = ", ".join(_column_letter(i) for i, _ in orphans)
            quoted = ", ".join(_quote(t) for _, t in orphans)
            plural = "s" if len(orphans) > 1 else ""
            errors.append(IngestError(path, "extra-cells",
                f"text in column{plural} {letters} has no header above it ({quoted}) and would be "
                "lost. Add a header for that column or move the text into a named column.",
                number, value=orphans[0][1]))
        errors.extend(_check_row(path, number, cells, headers, first_use))
        rows.append(Row(number, cells))

    if no_measure:
        # Likely the wrong row was taken as the header: row errors would only be noise.
        errors = [e for e in errors if e.code == "duplicate-column"]
        found = ", ".join(_quote(h) for h in header_cells if h.strip())
        others = "/".join(COLUMNS["measure"][1:])
        errors.insert(0, IngestError(path, "missing-measure-column",
            f"no column holds the measures. Headers found: {found}. "
            f"Add a column named 'Åtgärd' (or {others}).{header_hint}", header_row))
    if not no_measure and not any(row.cells["measure"] for row in rows):
        errors.append(IngestError(path, "no-measures",
            f"the header is there but no row below it has a measure in {_quote(headers['measure'])}. "
            "Write one measure per row under the header.", header_row, headers["measure"]))
    if errors:
        raise IngestFailed(errors)
    return Table(path, sheet, headers, rows, list(unknown.values()), extra_cells, None, preamble)


def _check_row(path: str, number: int, cells: dict[str, str], headers: dict[str, str],
               first_use: dict[str, int]) -> list[IngestError]:
    """Row-level problems: actors without a measure, an id used twice."""
    errors = []
    if "measure" in headers and not cells["measure"]:
        actors = [cells[c] for c in ("responsible", "partners") if cells.get(c)]
        status = cells.get("status")
        if actors or status:
            what = (f"names actors ({', '.join(_quote(a) for a in actors)})" if actors
                    else f"has a status ({_quote(status)})")
            errors.append(IngestError(path, "actors-without-measure",
                f"the row {what} but has no measure text. "
                f"Write the measure in {_quote(headers['measure'].strip())} or delete the row.",
                number, headers["measure"], (actors or [status])[0]))
    ident = cells.get("id")
    if ident:
        if ident in first_use:
            errors.append(IngestError(path, "duplicate-id",
                f"id {_quote(ident)} is also used on row {first_use[ident]}. Give each measure "
                "its own id, or leave the cell empty.", number, headers["id"], ident))
        else:
            first_use[ident] = number
    return errors


def _clean(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


def _quote(text: str, limit: int = 40) -> str:
    """A cell's text for a message: one line, shortened, in single quotes."""
    text = " ".join(text.split())
    return f"'{text if len(text) <= limit else text[: limit - 1] + '…'}'"


def _column_letter(index: int) -> str:
    """Excel's column name for a 0-based index: 0 -> A, 26 -> AA."""
    quotient, rest = divmod(index, 26)
    return (_column_letter(quotient - 1) if quotient else "") + chr(ord("A") + rest)


def _empty_message(what: str) -> str:
    return (f"{what} has no text in any cell. Export the plan with a header row "
            "(such as 'Åtgärd', 'Ansvarig') and one row per measure.")


def _unreadable(error: OSError) -> str:
    return (f"the file cannot be opened ({error.strerror}). "
            "Close it in Excel if it is open there, and check that you may read it.")


def _fail(path: str, code: str, message: str, row: int | None = None) -> NoReturn:
    raise IngestFailed([IngestError(path, code, message, row)])
