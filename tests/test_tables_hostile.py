"""Hostile and unusual tables: limits, zip bombs, formulas, mixed encodings, stray quotes, controls.

Each test is a reproduction from issue 9 that once hung, crashed or lost data
without a word. Small inputs stand in for big ones where growth is what
matters; anything that once hung runs under an alarm, so it fails instead.
"""

from __future__ import annotations

import csv
import io
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from graphmodel.errors import GraphmodelError, IngestFailed
from graphmodel.read.tables import DEFAULT_LIMITS, Limits, parse_csv_text, read_table
from tests.bounded import grows_linearly, within

openpyxl = pytest.importorskip("openpyxl")

HEADER = "Åtgärd;Ansvarig;Övriga aktörer;Pågående/planer\n"


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run in tmp_path, so that messages show bare file names."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def errors_of(path, **kwargs) -> list[str]:
    with pytest.raises(IngestFailed) as caught:
        read_table(path, **kwargs)
    return [str(e) for e in caught.value.errors]


def workbook(path: Path, rows: list[list[object]], header=("Åtgärd", "Ansvarig")) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def write_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip from (name, raw deflate data, crc, size as declared): sizes may lie, as in an attack."""
    body, directory = bytearray(), bytearray()
    for name, data, crc, size in entries:
        encoded, offset = name.encode(), len(body)
        body += (
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
            + encoded
            + data
        )
        directory += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(body), 0)
    path.write_bytes(bytes(body + directory + end))
    return path


def zip_bomb(path: Path, megabytes: int) -> Path:
    """A workbook whose sheet unpacks to ``megabytes`` of rows from a few hundred KB on disk.

    Deflate blocks after a full flush do not refer back, so one compressed megabyte
    of rows repeated is a valid stream: the bomb is made without compressing it all.
    """
    plain = workbook(path.with_suffix(".plain.xlsx"), [["Samverkan", "Polisen"]])
    entries = []
    with zipfile.ZipFile(plain) as source:
        for name in source.namelist():
            data = source.read(name)
            if name != "xl/worksheets/sheet1.xml":
                entries.append((name, deflate(data), zlib.crc32(data), len(data)))
                continue
            head, tail = data.split(b"</sheetData>")
            chunk = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
            block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
            count = megabytes * 1_000_000 // len(chunk) + 1
            last = compressor.compress(b"</sheetData>" + tail) + compressor.flush()
            size = len(head) + count * len(chunk) + len(b"</sheetData>" + tail)
            entries.append((name, first + block * count + last, 0, size))
    return write_zip(path, entries)


def patched(path: Path, old: str, new: str) -> Path:
    """The workbook with text in its sheet XML replaced: for what openpyxl will not write."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert old.encode() in parts[sheet]
    parts[sheet] = parts[sheet].replace(old.encode(), new.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


# Limits


def test_limits_are_read_from_name_value_settings_as_the_cli_gives_them():
    limits = Limits.parse(["rows=200000", "cell-length=100000", "xlsx-unpacked=2000", "file-size=80", "columns=5000"])
    assert limits == Limits(file_size_mb=80, rows=200_000, columns=5_000, cell_length=100_000, xlsx_unpacked_mb=2_000)
    assert Limits.parse([]) == DEFAULT_LIMITS


@pytest.mark.parametrize(
    "setting, shown",
    [
        (
            "rows",
            "--limit 'rows': expected NAME=VALUE with NAME one of file-size, rows, columns, "
            "cell-length, xlsx-unpacked, actors-per-cell (for example --limit rows=200000).",
        ),
        (
            "lines=5",
            "--limit 'lines=5': expected NAME=VALUE with NAME one of file-size, rows, columns, "
            "cell-length, xlsx-unpacked, actors-per-cell (for example --limit rows=200000).",
        ),
        ("rows=0", "--limit 'rows=0': the value must be a whole number above 0 (for example --limit rows=200000)."),
        (
            "cell-length=many",
            "--limit 'cell-length=many': the value must be a whole number above 0 "
            "(for example --limit cell-length=65534).",
        ),
    ],
)
def test_a_bad_limit_setting_names_the_item_and_the_valid_names(setting, shown):
    with pytest.raises(GraphmodelError) as caught:
        Limits.parse([setting])
    assert str(caught.value) == shown


@pytest.mark.parametrize("name", ["plan.csv", "plan.xlsx"])
def test_a_60_mb_file_is_refused_by_its_size_before_it_is_read(here, name):
    with open(name, "wb") as f:
        f.truncate(60_000_000)  # sparse: takes no disk
    with within(5):
        assert errors_of(name) == [
            f"{name}: the file is 60 MB, over the limit of 50 MB for one plan (a plan is rarely over 1 MB). "
            "Check that this is the plan, or raise the limit with --limit file-size=60. [file-too-large]"
        ]
        assert errors_of(name, limits=Limits(file_size_mb=70)) != errors_of(name)


def test_rows_past_the_row_limit_stop_the_reading_with_the_flag_that_raises_it(here):
    Path("long.csv").write_text(HEADER + "".join(f"Åtgärd {i};Polisen;;\n" for i in range(200)))
    assert errors_of("long.csv", limits=Limits(rows=50)) == [
        "long.csv, row 51: the table goes on past row 50, the limit for one plan (a plan has a row per "
        "measure, rarely a thousand). Check that this is the plan, or raise the limit with "
        "--limit rows=202. [too-many-rows]"
    ]
    assert len(read_table("long.csv", limits=Limits(rows=201)).rows) == 200


def test_rows_past_the_row_limit_in_a_workbook_are_refused_too(here):
    workbook(Path("long.xlsx"), [[f"Åtgärd {i}", "Polisen"] for i in range(200)])
    assert errors_of("long.xlsx", limits=Limits(rows=50)) == [
        "long.xlsx, row 51: the table goes on past row 50, the limit for one plan (a plan has a row per "
        "measure, rarely a thousand). Check that this is the plan, or raise the limit with "
        "--limit rows=201. [too-many-rows]"
    ]


def test_blank_rows_past_the_row_limit_do_not_count(here):
    Path("blank-tail.csv").write_text(HEADER + "Samverkan;Polisen;;\n" + ";;;\n" * 100)
    assert len(read_table("blank-tail.csv", limits=Limits(rows=10)).rows) == 1


def test_text_past_the_column_limit_names_the_row_and_the_column(here):
    Path("wide.csv").write_text(
        "Åtgärd;Ansvarig" + ";" * 20 + "\nSamverkan;Polisen;;;;;;Kommentar;;;\nUtbildning;HR" + ";" * 30 + "\n"
    )
    assert errors_of("wide.csv", limits=Limits(columns=5)) == [
        "wide.csv, row 2: the row has text in column H (column 8), past the limit of 5 columns. Delete the "
        "cells far to the right, or raise the limit with --limit columns=8. [too-many-columns]"
    ]


def test_text_past_the_column_limit_in_a_workbook_names_the_row_and_the_column(here):
    workbook(Path("wide.xlsx"), [["Samverkan", "Polisen"], [None] * 9 + ["Kommentar"]])
    assert errors_of("wide.xlsx", limits=Limits(columns=5)) == [
        "wide.xlsx, row 3: the row has text in column J (column 10), past the limit of 5 columns. Delete the "
        "cells far to the right, or raise the limit with --limit columns=10. [too-many-columns]"
    ]


def test_a_cell_over_the_length_limit_is_named_with_its_row_and_column(here):
    Path("long-cell.csv").write_text(HEADER + f"Samverkan;{'Polisen ' * 20};;\n")
    assert errors_of("long-cell.csv", limits=Limits(cell_length=100)) == [
        "long-cell.csv, row 2: the cell in column B holds 159 characters, over the limit of 100 (Excel's "
        "own maximum is 32,767). Shorten it, or raise the limit with --limit cell-length=159. [cell-too-long]"
    ]


def test_a_cell_longer_than_the_csv_modules_own_limit_reads_when_the_limit_allows_it(here):
    Path("huge-cell.csv").write_text(HEADER + f'"Samverkan {"x" * 1_000_000}";Polisen;;\n')
    table = read_table("huge-cell.csv", limits=Limits(cell_length=2_000_000))
    assert len(table.rows[0].cells["measure"]) == 1_000_010


# Workbooks that unpack to gigabytes


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_openpyxl_opens_it(here):
    zip_bomb(Path("bomb.xlsx"), megabytes=1_000)
    assert Path("bomb.xlsx").stat().st_size < 4_000_000
    with within(10):
        assert errors_of("bomb.xlsx") == [
            "bomb.xlsx: the workbook unpacks to 1,001 MB, over the limit of 500 MB (a plan unpacks to a "
            "few MB; a small file that unpacks to this much may be a 'zip bomb'). Check where the file "
            "comes from, or raise the limit with --limit xlsx-unpacked=1001. [unpacked-too-large]"
        ]


def test_the_unpacked_limit_counts_every_part_of_the_workbook(here):
    workbook(Path("padded.xlsx"), [["Samverkan", "Polisen"]])
    with zipfile.ZipFile("padded.xlsx", "a", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/media/padding.bin", b"\0" * 3_000_000)
    assert [e.split(":")[1] for e in errors_of("padded.xlsx", limits=Limits(xlsx_unpacked_mb=2))] == [
        " the workbook unpacks to 4 MB, over the limit of 2 MB (a plan unpacks to a few MB; a small file "
        "that unpacks to this much may be a 'zip bomb'). Check where the file comes from, or raise the "
        "limit with --limit xlsx-unpacked=4. [unpacked-too-large]"
    ]
    assert len(read_table("padded.xlsx").rows) == 1


def lying_workbook(path: Path, part: str, megabytes: int) -> Path:
    """A workbook whose ``part`` holds ``megabytes`` of blanks after its text but states only the text.

    Its checksum is that of the stated text, so zipfile's own check passes.
    """
    plain = workbook(path.with_suffix(".plain.xlsx"), [["Samverkan", "Polisen"]])
    entries = []
    with zipfile.ZipFile(plain) as source:
        for name in source.namelist():
            data = source.read(name)
            if name != part:
                entries.append((name, deflate(data), zlib.crc32(data), len(data)))
                continue
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            first = compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)
            block = compressor.compress(b" " * 1_000_000) + compressor.flush(zlib.Z_FULL_FLUSH)
            entries.append((name, first + block * megabytes + compressor.flush(), zlib.crc32(data), len(data)))
    return write_zip(path, entries)


def test_zipfile_inflates_a_part_whole_before_cutting_it_at_its_stated_size(here):
    """Why the reader checks each part itself: zipfile's own checks come after the memory is spent."""
    lying_workbook(Path("liar.xlsx"), "xl/workbook.xml", megabytes=30)
    with zipfile.ZipFile("liar.xlsx") as archive:
        tracemalloc.start()
        try:
            text = archive.read("xl/workbook.xml")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert text.endswith(b"</workbook>")  # cut at the stated size, checksum fine
    assert peak > 30_000_000


@pytest.mark.parametrize("part", ["xl/workbook.xml", "[Content_Types].xml", "xl/worksheets/sheet1.xml"])
def test_a_part_holding_more_than_it_states_is_refused_in_small_steps(here, part):
    lying_workbook(Path("liar.xlsx"), part, megabytes=300)
    tracemalloc.start()
    try:
        with within(10):
            assert errors_of("liar.xlsx") == [
                f"liar.xlsx: this is not a readable Excel workbook: its part '{part}' holds more than its "
                "stated size, a sign of a tampered file. Check where the file comes from; open it in Excel "
                "and save it again. [not-a-table]"
            ]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


def test_a_part_whose_checksum_fails_is_not_a_readable_workbook(here):
    workbook(Path("plain.xlsx"), [["Samverkan", "Polisen"]])
    with zipfile.ZipFile("plain.xlsx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    write_zip(
        Path("bad-crc.xlsx"),
        [
            (name, deflate(data), 0 if name.endswith("sheet1.xml") else zlib.crc32(data), len(data))
            for name, data in parts.items()
        ],
    )
    assert errors_of("bad-crc.xlsx") == [
        "bad-crc.xlsx: this is not a readable Excel workbook. Open it in Excel and save it as "
        "'Excel Workbook (.xlsx)' or as 'CSV UTF-8'. [not-a-table]"
    ]


def test_a_workbook_of_twenty_thousand_empty_parts_is_refused_before_zipfile_lists_them(here):
    workbook(Path("parts.xlsx"), [["Samverkan", "Polisen"]])
    with zipfile.ZipFile("parts.xlsx", "a") as book:
        for i in range(20_000):
            book.writestr(f"xl/media/{i}", b"")
    with within(10):
        assert errors_of("parts.xlsx") == [
            "parts.xlsx: this is not a readable Excel workbook: it holds 20,009 parts where a workbook has a "
            "few dozen. Check where the file comes from; open it in Excel and save it again. [not-a-table]"
        ]


def test_a_lone_styled_cell_at_the_last_row_and_column_costs_one_cell_not_a_billion(here):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Åtgärd", "Ansvarig"])
    sheet.append(["Samverkan", "Polisen"])
    sheet["XFD1048576"].font = openpyxl.styles.Font(bold=True)
    book.save("far.xlsx")
    with within(10):
        table = read_table("far.xlsx")
    assert [r.cells for r in table.rows] == [{"measure": "Samverkan", "responsible": "Polisen"}]


def test_one_merged_range_over_the_whole_sheet_is_read_in_seconds(here):
    workbook(Path("merged.xlsx"), [["Samverkan", "Polisen"], ["Utbildning", None]])
    patched(
        Path("merged.xlsx"),
        "</sheetData>",
        '</sheetData><mergeCells count="1"><mergeCell ref="B2:XFD1048576"/></mergeCells>',
    )
    with within(10):
        table = read_table("merged.xlsx")
    assert [r.cells["responsible"] for r in table.rows] == ["Polisen", "Polisen"]


def test_a_billion_laughs_in_a_sheet_is_refused_by_the_xml_parser(here):
    workbook(Path("laughs.xlsx"), [["Samverkan", "PLACEHOLDER"]])
    entities = "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
    patched(Path("laughs.xlsx"), "PLACEHOLDER", "&i;")
    patched(Path("laughs.xlsx"), "<worksheet", f'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">{entities}]><worksheet')
    with within(10):
        assert [e.rsplit("[", 1)[1] for e in errors_of("laughs.xlsx")] == ["not-a-table]"]


# Formulas


def test_a_formula_without_a_stored_value_is_an_error_naming_the_cell(here):
    workbook(
        Path("formula.xlsx"), [["Samverkan", "Polisen"], ["Utbildning", "HR"], ['=CONCAT("Förebyggande ", A2)', "=B2"]]
    )
    assert errors_of("formula.xlsx") == [
        "formula.xlsx, row 4: cell A4 holds the formula '=CONCAT(\"Förebyggande \", A2)' but no computed "
        "value, so its text is unknown: open the file in Excel (or LibreOffice) and save it, so the "
        "value is stored. [formula-without-value]",
        "formula.xlsx, row 4: cell B4 holds the formula '=B2' but no computed value, so its text is "
        "unknown: open the file in Excel (or LibreOffice) and save it, so the value is stored. "
        "[formula-without-value]",
    ]


def test_a_formula_that_is_only_a_quoted_text_reads_as_that_text_and_is_noted(here):
    workbook(Path("text-formula.xlsx"), [['="Samverkan ""med"" skolan"', "Polisen"]])
    table = read_table("text-formula.xlsx")
    assert table.rows[0].cells["measure"] == 'Samverkan "med" skolan'
    assert table.notes == [
        (
            2,
            "Åtgärd",
            'Samverkan "med" skolan',
            'formula \'="Samverkan ""med"" skolan"\' without a stored value read as its text',
            None,
        )
    ]


def test_a_formula_with_the_value_excel_stored_reads_that_value(here):
    workbook(Path("cached.xlsx"), [["Samverkan", "PLACEHOLDER"]])
    patched(
        Path("cached.xlsx"),
        '<c r="B2" t="inlineStr"><is><t>PLACEHOLDER</t></is></c>',
        '<c r="B2" t="str"><f>UPPER("polisen")</f><v>POLISEN</v></c>',
    )
    table = read_table("cached.xlsx")
    assert table.rows[0].cells == {"measure": "Samverkan", "responsible": "POLISEN"}
    assert table.notes == []


def test_thousands_of_formula_cells_give_twenty_errors_and_a_count(here):
    workbook(Path("many.xlsx"), [[f"=A{i}", "Polisen"] for i in range(1, 101)])
    errors = errors_of("many.xlsx")
    assert len(errors) == 21
    assert errors[-1] == "many.xlsx: and 80 more problems like the ones above. [formula-without-value]"


def test_a_problem_on_every_row_of_a_long_file_gives_twenty_errors_and_a_count():
    text = "Åtgärd;Ansvarig\nSamverkan;Skolan\n" + "".join(f";Polisen {i}\n" for i in range(1, 1001))
    with pytest.raises(IngestFailed) as caught:
        parse_csv_text(text, "plan.csv")
    assert len(caught.value.errors) == 21
    assert (
        str(caught.value.errors[-1]) == "plan.csv: and 980 more problems like the ones above. [actors-without-measure]"
    )


# Encodings


def test_a_file_mixing_utf8_and_windows_1252_under_an_ascii_header_names_the_lines(here):
    Path("mixed.csv").write_bytes(
        b"Measure;Responsible\n"
        + "Förebyggande samtal;Polisen\n".encode()
        + "Föräldrastöd;Socialtjänsten\n".encode("cp1252")
        + b"Mapping;HR\n"
        + "Övrigt;Skolan\n".encode("cp1252")
    )
    assert errors_of("mixed.csv") == [
        "mixed.csv: the file mixes two text encodings: line 2 is UTF-8 and lines 3, 5 are not (probably "
        "Windows-1252), so å, ä and ö would come out wrong on one kind or the other. Open the file in "
        "Excel or a text editor, correct the letters on the lines that look wrong, and save it as "
        "'CSV UTF-8'. [mixed-encodings]"
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_file_in_one_encoding_still_reads(here, encoding):
    Path("one.csv").write_bytes((HEADER + "Förebyggande samtal;Polisen;Skolan;Pågående\n").encode(encoding))
    table = read_table("one.csv")
    assert table.encoding == encoding
    assert table.rows[0].cells["measure"] == "Förebyggande samtal"


# Quotes


def test_one_unbalanced_quote_is_reported_at_the_line_it_opens(here):
    Path("quote.csv").write_text(
        HEADER
        + "Samverkan;Polisen;;2017\n"
        + '"Utbildning;HR;;2018\n'
        + "".join(f"Åtgärd {i};Socialtjänsten;;2018\n" for i in range(20))
    )
    assert errors_of("quote.csv") == [
        'quote.csv, row 3: the quote (") that opens a cell on line 3 is never closed, so lines 3–23 are '
        "read as one cell ('Utbildning;HR;;2018 Åtgärd 0;Socialtjän…'). Delete that quote, or "
        'double it ("") if it is part of the text. [unbalanced-quote]'
    ]


def test_an_unbalanced_quote_ending_at_a_later_quote_is_reported_too(here):
    Path("quote.csv").write_text(
        HEADER + '"Utbildning;HR;;2018\nKartläggning;Polisen;;2019\n"Samverkan, skola";Polisen;;2019\n'
    )
    assert [e.split(": ", 1)[0] for e in errors_of("quote.csv")] == ["quote.csv, row 2"]


def test_cells_with_line_breaks_as_excel_quotes_them_still_read(here):
    rows = [
        ["Åtgärd", "Ansvarig", "Övriga aktörer", "Pågående/planer"],
        ["Samverkan\nmed skolan", "Polisen\nSocialtjänsten", "Skolan; fritids\nFöreningar; kyrkan", "2018"],
        ['Utbildning "Att se"\r\nför personal', "HR", "", "Pågående;\nplanerat 2019"],
    ]
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows(rows)
    table = parse_csv_text(text.getvalue(), "excel.csv")
    assert [r.cells["measure"] for r in table.rows] == ["Samverkan\nmed skolan", 'Utbildning "Att se"\nför personal']
    assert table.rows[0].cells["partners"] == "Skolan; fritids\nFöreningar; kyrkan"


def test_a_title_line_above_the_header_does_not_make_a_cell_with_line_breaks_look_runaway():
    table = parse_csv_text("Handlingsplan 2019\n" + HEADER + '"Samverkan\nmed skolan; fritids";Polisen;;2018\n')
    assert table.rows[0].cells["measure"] == "Samverkan\nmed skolan; fritids"


# Control characters


def test_words_line_breaks_become_line_breaks_and_other_controls_are_removed_with_notes(here):
    Path("controls.csv").write_text(HEADER + "Samverkan\x0bmed skolan;Polisen\x00\x00;Skolan\x07;2018\n")
    table = read_table("controls.csv")
    assert table.rows[0].cells == {
        "measure": "Samverkan\nmed skolan",
        "responsible": "Polisen",
        "partners": "Skolan",
        "status": "2018",
    }
    assert table.notes == [
        (2, "Åtgärd", "Samverkan\nmed skolan", "Word line breaks read as line breaks (1 × U+000B/U+000C)", None),
        (2, "Ansvarig", "Polisen", "control characters removed (2 × U+0000)", "control-characters"),
        (2, "Övriga aktörer", "Skolan", "control characters removed (1 × U+0007)", "control-characters"),
    ]


def test_control_characters_in_a_workbook_are_cleaned_the_same_way(here):
    workbook(Path("controls.xlsx"), [["Samverkan", "PLACEHOLDER"]])
    patched(Path("controls.xlsx"), "PLACEHOLDER", "Polisen_x000B_Skolan_x0001_ _x005F_x0041_")
    table = read_table("controls.xlsx")
    assert table.rows[0].cells["responsible"] == "Polisen\nSkolan _x0041_"
    assert [n[3] for n in table.notes] == [
        "control characters removed (1 × U+0001)",
        "Word line breaks read as line breaks (1 × U+000B/U+000C)",
    ]


def test_noncharacters_and_lone_surrogates_are_removed():
    table = parse_csv_text("Åtgärd;Ansvarig\nSamverkan\ufffe;Polisen\ud800\uffff\n")
    assert table.rows[0].cells == {"measure": "Samverkan", "responsible": "Polisen"}
    assert [n[4] for n in table.notes] == ["control-characters", "control-characters"]


def test_a_stray_nul_byte_in_a_csv_file_is_cleaned_but_a_binary_file_is_refused(here):
    Path("stray.csv").write_bytes(HEADER.encode() + b"Samverkan;Polisen\x00;;\n" * 5)
    assert read_table("stray.csv").rows[0].cells["responsible"] == "Polisen"
    Path("binary.csv").write_bytes(HEADER.encode("utf-16-le"))
    assert errors_of("binary.csv") == [
        "binary.csv: the file holds binary data, not text. Save the plan from Excel as 'CSV UTF-8' or as "
        "an Excel workbook (.xlsx). [not-a-table]"
    ]


# Reading is linear


def test_a_run_of_spaces_in_a_cell_is_read_in_linear_time():
    grows_linearly(
        lambda n: lambda: parse_csv_text(f"Åtgärd;Ansvarig\nSamverkan;Polisen{' ' * n}Skolan\n"), small=3_200
    )


def test_rows_are_read_in_linear_time():
    grows_linearly(lambda n: lambda: parse_csv_text(HEADER + "Samverkan;Polisen;Skolan;2018\n" * n), small=2_000)


def test_a_wide_row_is_read_in_linear_time():
    limits = Limits(columns=100_000)
    grows_linearly(
        lambda n: (
            lambda: parse_csv_text(
                "Åtgärd;Ansvarig" + "".join(f";K{i}" for i in range(n)) + "\nSamverkan;Polisen" + ";x" * n + "\n",
                limits=limits,
            )
        ),
        small=1_000,
    )


def test_a_long_cell_is_read_in_linear_time():
    limits = Limits(cell_length=10_000_000)
    grows_linearly(
        lambda n: lambda: parse_csv_text(f'Åtgärd;Ansvarig\n"{"Samverkan; " * n}";Polisen\n', limits=limits),
        small=10_000,
    )


def test_the_delimiter_is_found_in_linear_time_in_a_file_full_of_quotes():
    def job(n):
        def read():
            with pytest.raises(IngestFailed):  # no header among the first rows: only the time matters
                parse_csv_text(('"' + ";" * 50 + "\n") * n + HEADER)

        return read

    grows_linearly(job, small=30)


@pytest.mark.slow
def test_many_merged_ranges_are_filled_in_linear_time(tmp_path):
    def sheet(n):
        path = workbook(
            tmp_path / f"merged-{n}.xlsx",
            [[f"Åtgärd {i}{half}", f"Ansvarig {i}" if not half else None] for i in range(n) for half in ("", "b")],
        )
        ranges = "".join(f'<mergeCell ref="B{2 * i + 2}:B{2 * i + 3}"/>' for i in range(n))
        patched(path, "</sheetData>", f'</sheetData><mergeCells count="{n}">{ranges}</mergeCells>')
        return lambda: read_table(path)

    grows_linearly(sheet, small=300)


def test_an_unbalanced_quote_in_a_file_with_old_mac_line_endings_is_reported():
    with pytest.raises(IngestFailed) as caught:
        parse_csv_text('Åtgärd;Ansvarig\r"a;Polisen\rb;Polisen\rc;Fryshuset\r', "cr.csv")
    assert [(e.code, e.row) for e in caught.value.errors] == [("unbalanced-quote", 2)]


def test_an_unbalanced_quote_in_the_last_of_two_columns_is_reported():
    with pytest.raises(IngestFailed) as caught:
        parse_csv_text('Åtgärd;Ansvarig\nA;"Polisen\nB;Fryshuset\nC;Polisen\n', "q2.csv")
    assert [(e.code, e.row) for e in caught.value.errors] == [("unbalanced-quote", 2)]


def test_one_line_with_a_semicolon_in_a_quoted_cell_of_two_columns_stays_text():
    table = parse_csv_text('Åtgärd;Ansvarig\nA;"Polisen;\nskolan"\nC;Polisen\n', "ok.csv")
    assert [row.cells["responsible"] for row in table.rows] == ["Polisen;\nskolan", "Polisen"]


def test_a_raised_file_size_limit_reads_a_small_file_without_a_buffer_of_that_size(tmp_path):
    plan = tmp_path / "small.csv"
    plan.write_text("Åtgärd;Ansvarig\nA;Polisen\n", encoding="utf-8")
    table = read_table(plan, limits=Limits.parse(["file-size=99999999999999"]))
    assert [row.cells["measure"] for row in table.rows] == ["A"]
