"""Property tests of the table readers: whatever the input, a table or a located error, never a traceback.

For any bytes, any text and any workbook: the only outcomes are a Table or
IngestFailed whose every error names its file and a kebab-case code (and its row
when it is about a row); every non-empty cell of a table that reads is found in
its rows, extra cells, preamble or notes. Each example has a deadline, so a
return of super-linear reading fails here. FUZZ_EXAMPLES sets the number of
examples per test (default 60: the file takes about 20 s on two cores).
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
from collections import defaultdict
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmodel.errors import IngestFailed
from graphmodel.read.tables import COLUMNS, Limits, Table, parse_csv_text, read_table

openpyxl = pytest.importorskip("openpyxl")

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)
CODE = re.compile(r"[a-z]+(-[a-z]+)*")
ROW_CODES = {
    "too-many-rows",
    "too-many-columns",
    "cell-too-long",
    "formula-without-value",
    "unbalanced-quote",
    "extra-cells",
    "actors-without-measure",
    "duplicate-id",
    "duplicate-column",
}
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85"  # Word's Shift+Enter and the other line-separating controls

HEADERS = [spelling for spellings in COLUMNS.values() for spelling in spellings[:2]] + ["Kommentar", "Budget"]
# Text a plan cell might hold, and what breaks readers: delimiters, quotes, line breaks, controls.
awkward = st.sampled_from(
    [
        ";",
        ",",
        "\t",
        '"',
        "'",
        "\n",
        "\r\n",
        "\r",
        " ",
        "\x0b",
        "\x0c",
        "\x00",
        "\x1f",
        "\x85",
        "\u2028",
        "\ufeff",
        "\ufffe",
        "Å",
        "ß",
        "ﬁ",
        "=",
        "_x000B_",
        "…",
    ]
)
cell_text = (
    st.lists(st.one_of(awkward, st.text(max_size=8)), max_size=12).map("".join)
    | st.just("")
    | st.builds(lambda c, n: c * n, st.sampled_from([" ", "a", ";", '"', "\n"]), st.integers(0, 3000))
)


def read_or_fail(read) -> Table | None:
    """The table, or None after checking that every error is located."""
    try:
        return read()
    except IngestFailed as failed:
        assert failed.errors
        for error in failed.errors:
            assert error.path and CODE.fullmatch(error.code), error
            assert error.message and not error.message.startswith(" "), error
            assert error.row is None or error.row >= 1, error
            if error.code in ROW_CODES and "more problems like" not in error.message:
                assert error.row is not None, error
        return None


def cleaned(text: str) -> str:
    text = CONTROL.sub(lambda m: "\n" if m.group() in LINE_BREAKS else "", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def assert_every_cell_accounted_for(table: Table, records: list[list[str]]) -> None:
    found = defaultdict(list)
    for row in table.rows:
        found[row.number].extend(row.cells.values())
    for number, _, text in table.extra_cells:
        found[number].append(text)
    for number, text in table.preamble:
        found[number].append(text)
    for number, _, text, _, _ in table.notes:
        found[number].append(text)
    headers = {h.strip() for h in [*table.headers.values(), *table.extra_columns]}
    for number, cells in enumerate(records, start=1):
        for cell in cells:
            text = cleaned(cell)
            if CONTROL.search(cell):
                assert any(n == number and t == text for n, _, t, _, _ in table.notes), (number, cell)
            elif text:
                assert text in found[number] or text in headers, (number, cell, found[number])


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_give_a_table_or_located_errors(folder, data, suffix):
    path = folder / f"plan{suffix}"
    path.write_bytes(data)
    read_or_fail(lambda: read_table(path))


@FUZZ
@given(text=st.lists(st.one_of(awkward, st.text(max_size=20)), max_size=60).map("".join))
def test_any_text_gives_a_table_or_located_errors(text):
    read_or_fail(lambda: parse_csv_text(text, "plan.csv"))


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
    rows=st.lists(st.lists(cell_text, max_size=7), max_size=12),
    delimiter=st.sampled_from([";", ",", "\t"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    limits=st.sampled_from([Limits(), Limits(rows=5, columns=4, cell_length=50)]),
)
def test_a_csv_plan_reads_every_cell_or_says_why_not(header, rows, delimiter, quoting, limits):
    records = [["Åtgärd", *header], *rows]
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, quoting=quoting, lineterminator="\r\n").writerows(records)
    table = read_or_fail(lambda: parse_csv_text(text.getvalue(), "plan.csv", limits))
    if table is not None:
        assert_every_cell_accounted_for(table, records)


xlsx_value = st.one_of(
    cell_text.map(lambda t: openpyxl.utils.escape.escape(CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", t))),
    st.integers(-(10**14), 10**14),
    st.floats(-1e14, 1e14, allow_nan=False).map(lambda f: float(f"{f:.10g}")),  # Excel shows 15 digits
    st.booleans(),
    st.dates(min_value=datetime.date(1901, 1, 1)),
    st.sampled_from(["=A1", "=CONCAT(A2, B2)", '="Samverkan"', '="Sam ""verkan"""', "=1/0", "=", None]),
)


@pytest.mark.slow
@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=5),
    rows=st.lists(
        st.builds(lambda gap, cells: [None] * gap + cells, st.integers(0, 6), st.lists(xlsx_value, max_size=6)),
        max_size=10,
    ),
    merges=st.lists(st.tuples(st.integers(1, 12), st.integers(1, 6), st.integers(0, 4)), max_size=3),
    limits=st.sampled_from([Limits(), Limits(rows=5, columns=4, cell_length=50)]),
)
def test_a_workbook_plan_reads_every_cell_or_says_why_not(folder, header, rows, merges, limits):
    book = openpyxl.Workbook()
    sheet = book.active
    records = [["Åtgärd", *header], *rows]
    for record in records:
        sheet.append(record)
    for row, column, down in merges:
        if down:
            sheet.merge_cells(start_row=row, start_column=column, end_row=row + down, end_column=column)
    path = folder / "plan.xlsx"
    book.save(path)
    try:
        table = read_table(path, limits=limits)
    except IngestFailed as failed:
        assert "not-a-table" not in {e.code for e in failed.errors}  # a workbook openpyxl wrote is one
        read_or_fail(lambda: read_table(path, limits=limits))
        return
    formulas = [v for r in rows for v in r if isinstance(v, str) and v.startswith("=") and v != "="]
    assert all(re.fullmatch(r'="(?:[^"]|"")*"', f) for f in formulas)  # others are errors
    if not merges:
        texts = [[_shown(v) for v in record] for record in records]
        assert_every_cell_accounted_for(table, texts)


def _shown(value) -> str:
    """What the reader should make of a value written by openpyxl."""
    from graphmodel.read.workbook import _cell_text, _unescape

    if isinstance(value, str):
        if value.startswith('="'):
            return value[2:-1].replace('""', '"')
        return _unescape(value)
    if isinstance(value, datetime.date):
        value = datetime.datetime.combine(value, datetime.time())
    return _cell_text(value)


@FUZZ
@given(offsets=st.lists(st.integers(0, 10**6), min_size=1, max_size=8), byte=st.integers(0, 255))
def test_a_damaged_workbook_gives_a_table_or_located_errors(folder, offsets, byte):
    source = folder / "whole.xlsx"
    if not source.exists():
        book = openpyxl.Workbook()
        book.active.append(["Åtgärd", "Ansvarig"])
        book.active.append(["Samverkan", "Polisen"])
        book.save(source)
    data = bytearray(source.read_bytes())
    for offset in offsets:
        data[offset % len(data)] = byte
    path = folder / "damaged.xlsx"
    path.write_bytes(bytes(data))
    read_or_fail(lambda: read_table(path))
