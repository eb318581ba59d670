"""Reading a plan's table from CSV or XLSX: what a user sees, row by row.

Fixtures live in tests/fixtures/tables/ (written by make_fixtures.py there).
Error tests run inside that folder so messages show the bare file name.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from graphmodel.errors import IngestFailed
from graphmodel.read.plans import parse_plan, read_plan_info
from graphmodel.read.tables import canonical_column, parse_csv_text, read_table

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "tables"
SKARHOLMEN = ROOT / "data" / "plans" / "skarholmen-2017.csv"


@pytest.fixture
def in_fixtures(monkeypatch):
    monkeypatch.chdir(FIXTURES)


def errors_of(path, **kwargs) -> list[str]:
    with pytest.raises(IngestFailed) as caught:
        read_table(path, **kwargs)
    return [str(e) for e in caught.value.errors]


def make_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


# Reading plans that are fine


def test_the_skarholmen_plan_reads_17_measures_with_its_swedish_headers():
    table = read_table(SKARHOLMEN)
    assert table.encoding == "utf-8-sig"
    assert table.sheet is None
    assert table.headers == {
        "area": "Område",
        "level": "Nivå",
        "measure": "Åtgärd",
        "responsible": "Ansvarig",
        "partners": "Övriga aktörer",
        "status": "Pågående/planer",
        "source": "Källa",
    }
    assert len(table.rows) == 17
    assert [r.number for r in table.rows] == list(range(2, 19))
    first = table.rows[0]
    assert first.cells["measure"] == "Samordning av involverade aktörer"
    assert first.cells["responsible"] == "Preventionssamordnaren"
    assert first.cells["level"] == ""
    assert table.extra_columns == [] and table.extra_cells == []


def test_a_comma_separated_utf8_file_without_bom_reads_with_english_headers():
    table = read_table(FIXTURES / "english-comma.csv")
    assert table.encoding == "utf-8"
    assert table.headers == {
        "measure": "Measure",
        "responsible": "Responsible",
        "partners": "Other actors",
        "status": "Timing",
    }
    assert table.rows[0].cells == {
        "measure": "Train staff to spot threats",
        "responsible": "HR",
        "partners": "Police, schools",
        "status": "2018",
    }
    assert table.rows[1].number == 3


def test_a_cp1252_export_from_swedish_excel_reads_with_aa_ae_oe():
    table = read_table(FIXTURES / "cp1252-semicolon.csv")
    assert table.encoding == "cp1252"
    assert table.headers["partners"] == "Övriga aktörer"
    assert table.headers["status"] == "Pågående/planer"
    assert table.rows[1].cells["measure"] == "Orosanmälan för unga under 18 år"
    assert table.rows[1].cells["partners"] == "Skolan, förskolan"


def test_header_synonyms_with_odd_case_spacing_and_colons_are_recognised():
    table = read_table(FIXTURES / "synonyms.csv")
    assert table.headers == {
        "measure": " ÅTGÄRD ",
        "responsible": "Huvudansvarig",
        "partners": "Samverkanspartner",
        "status": "Tidplan",
        "area": "Insatsområde:",
        "level": "Preventionsnivå",
    }
    assert table.rows[0].cells["measure"] == "Utbilda personal"
    assert table.rows[0].cells["status"] == "2017"


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Pågående / planer", "status"),
        ("pågående planer", "status"),
        ("Status/Timing", "status"),
        ("Status / timing", "status"),
        ("Other  Actors", "partners"),
        ("Åtgärd:", "measure"),
        ("  åtgärder ", "measure"),
        ("ACTION", "measure"),
        ("Nr", "id"),
        ("Kommentar", None),
    ],
)
def test_a_header_is_matched_whatever_its_case_spacing_or_slashes(header, column):
    assert canonical_column(header) == column


def test_an_unknown_column_is_reported_with_its_text_not_dropped():
    table = read_table(FIXTURES / "synonyms.csv")
    assert table.extra_columns == ["Kommentar"]
    assert table.extra_cells == [(3, "Kommentar", "Fråga Anna")]
    assert "Kommentar" not in table.rows[1].cells


def test_blank_rows_are_skipped_but_row_numbers_stay_as_in_excel():
    table = read_table(FIXTURES / "blank-rows.csv")
    assert [r.number for r in table.rows] == [3, 5, 7]
    assert [r.cells["measure"] for r in table.rows] == [
        "Första åtgärden",
        "Andra åtgärden",
        "Tredje åtgärden",
    ]


def test_a_cell_with_line_breaks_keeps_them_and_counts_as_one_row():
    table = read_table(FIXTURES / "blank-rows.csv")
    assert table.rows[0].cells["responsible"] == "Polisen\nSkolan"
    assert table.rows[1].number == 5  # the two-line cell did not shift the numbering


def test_a_short_row_just_has_empty_cells():
    table = parse_csv_text("Åtgärd;Ansvarig;Tid\nSamordning\n")
    assert table.rows[0].cells == {"measure": "Samordning", "responsible": "", "status": ""}


def test_text_already_decoded_can_be_parsed_without_a_file():
    table = parse_csv_text("\ufeffÅtgärd\tAnsvarig\nSamordning\tPolisen\n", path="pasted")
    assert table.path == "pasted"
    assert table.encoding is None
    assert table.rows == [type(table.rows[0])(2, {"measure": "Samordning", "responsible": "Polisen"})]


def test_a_workbook_is_read_from_its_first_sheet(tmp_path):
    path = make_xlsx(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                [],
                ["Nr", "Åtgärd", "Ansvarig", "Tid"],
                [1, "Samordning", "Polisen", datetime.datetime(2017, 5, 1)],
                [],
                [2.0, "Lägesbild", None, 2018.5],
            ],
            "Annat": [["Åtgärd"], ["Fel flik"]],
        },
    )
    table = read_table(path)
    assert table.sheet == "Plan"
    assert table.encoding is None
    assert table.headers == {"id": "Nr", "measure": "Åtgärd", "responsible": "Ansvarig", "status": "Tid"}
    assert [(r.number, r.cells) for r in table.rows] == [
        (3, {"id": "1", "measure": "Samordning", "responsible": "Polisen", "status": "2017-05-01"}),
        (5, {"id": "2", "measure": "Lägesbild", "responsible": "", "status": "2018.5"}),
    ]


def test_a_workbook_is_read_from_the_sheet_i_name(tmp_path):
    path = make_xlsx(
        tmp_path / "plan.xlsx",
        {
            "Försättsblad": [["Handlingsplan 2017"]],
            "Åtgärder": [["Åtgärd", "Övriga"], ["Utbildning", "Skolan"]],
        },
    )
    table = read_table(path, sheet="Åtgärder")
    assert table.sheet == "Åtgärder"
    assert table.rows[0].cells == {"measure": "Utbildning", "partners": "Skolan"}


# One error per code: the exact message a user reads


def test_a_missing_file_says_so(in_fixtures):
    assert errors_of("nope.csv") == ["nope.csv: no such file. Check the path and the file name. [file-not-found]"]


def test_a_file_of_another_type_is_refused_with_the_file_types_that_work(in_fixtures, tmp_path):
    (tmp_path / "plan.odt").write_bytes(b"PK\x03\x04")
    assert errors_of(str(tmp_path / "plan.odt")) == [
        f"{tmp_path / 'plan.odt'}: cannot read '.odt' files: expected .csv, .xlsx, .docx or .pdf. "
        "Save the plan from Excel as 'CSV UTF-8' or as an Excel workbook (.xlsx). [unsupported-file-type]"
    ]


def test_a_pdf_that_is_only_a_header_says_it_is_damaged(in_fixtures):
    assert errors_of("plan.pdf") == [
        "plan.pdf: this is not a readable PDF: the file is damaged or of another kind. Save the plan again as "
        "PDF from the program that made it, or give the Word document. [not-a-pdf]"
    ]


@pytest.mark.parametrize("name", ["empty.csv", "only-blank-rows.csv"])
def test_an_empty_file_or_one_with_only_blank_rows_is_reported_as_empty(in_fixtures, name):
    assert errors_of(name) == [
        f"{name}: the file has no text in any cell. Export the plan with a header row "
        "(such as 'Åtgärd', 'Ansvarig') and one row per measure. [empty-file]"
    ]


def test_plain_text_without_separators_is_not_a_table(in_fixtures):
    assert errors_of("not-a-table.csv") == [
        "not-a-table.csv: no columns found: no row has a ';', ',' or tab between cells, and the first row "
        "('Handlingsplan mot våldsbejakande extrem…') is not a known header. "
        "Save the plan from Excel as 'CSV UTF-8' or as an Excel workbook (.xlsx). [not-a-table]"
    ]


def test_a_text_file_named_xlsx_is_not_a_table(in_fixtures):
    assert errors_of("not-a-workbook.xlsx") == [
        "not-a-workbook.xlsx: this is not a readable Excel workbook. Open it in Excel and save it as "
        "'Excel Workbook (.xlsx)' or as 'CSV UTF-8'. [not-a-table]"
    ]


def test_a_byte_that_is_neither_utf8_nor_cp1252_names_its_offset_and_line(in_fixtures):
    assert errors_of("undecodable.csv") == [
        "undecodable.csv: byte 0x81 at offset 48 (line 3) is not UTF-8 or Windows-1252 text. "
        "Save the file as 'CSV UTF-8' from Excel. [undecodable-bytes]"
    ]


def test_a_file_without_a_measure_column_lists_its_headers_and_the_accepted_names(in_fixtures):
    assert errors_of("missing-measure.csv") == [
        "missing-measure.csv, row 1: no column holds the measures. Headers found: 'Område', 'Ansvarig', 'Tid'. "
        "Add a column named 'Åtgärd' (or Åtgärder, Aktivitet, Aktiviteter, Insats, Insatser, Åtgärd/aktivitet, Åtgärder/aktiviteter, Aktivitet/åtgärd, Measure, Action). [missing-measure-column]"
    ]


def test_a_title_above_the_header_row_is_kept_as_the_preamble():
    table = parse_csv_text("Handlingsplan 2017;;\n;;\nÅtgärd;Ansvarig;Tid\nSamordning;Polisen;2017\n", "plan.csv")
    assert table.preamble == [(1, "Handlingsplan 2017")]
    assert [(row.number, row.cells["measure"]) for row in table.rows] == [(4, "Samordning")]


def test_a_header_row_far_below_the_top_is_pointed_out():
    notes = "".join(f"Anteckning {i};;\n" for i in range(11))
    with pytest.raises(IngestFailed) as caught:
        parse_csv_text(notes + "Åtgärd;Ansvarig;Tid\nSamordning;Polisen;2017\n", "plan.csv")
    assert [str(e) for e in caught.value.errors] == [
        "plan.csv, row 1: no column holds the measures. Headers found: 'Anteckning 0'. "
        "Add a column named 'Åtgärd' (or Åtgärder, Aktivitet, Aktiviteter, Insats, Insatser, Åtgärd/aktivitet, Åtgärder/aktiviteter, Aktivitet/åtgärd, Measure, Action). "
        "Row 12 looks like the header row: delete the rows above it. [missing-measure-column]"
    ]


def test_two_headers_meaning_the_same_column_are_reported(in_fixtures):
    assert errors_of("duplicate-column.csv") == [
        "duplicate-column.csv, row 1, column 'Ansvar': this column and 'Ansvarig' are both read as "
        "the 'responsible' column. Rename or delete one of them. [duplicate-column]"
    ]


def test_a_row_with_actors_but_no_measure_is_reported_at_its_excel_row(in_fixtures):
    assert errors_of("actors-without-measure.csv") == [
        "actors-without-measure.csv, row 3, column 'Åtgärd': the row names actors ('Polisen') but has no "
        "measure text. Write the measure in 'Åtgärd' or delete the row. [actors-without-measure]"
    ]


def test_a_row_with_only_a_status_continues_the_measure_above_and_is_listed(registry):
    # A cell wrapped in Excel or Word leaves a row holding only the rest of the status (issue 11).
    table = parse_csv_text("Åtgärd;Tid\nSamordning;2017\n;Pågående\n", "plan.csv")
    plan = parse_plan(table, read_plan_info("plan.csv"), registry)
    assert [m.text for m in plan.measures] == ["Samordning"]
    assert [(i.source.row, i.problem) for i in plan.ledger if i.problem == "continuation-row"] == [
        (3, "continuation-row")
    ]


def test_a_row_with_only_a_status_and_no_measure_above_is_reported():
    with pytest.raises(IngestFailed) as caught:
        parse_csv_text("Åtgärd;Tid\n;Pågående\n", "plan.csv")
    assert [e.code for e in caught.value.errors] == ["actors-without-measure", "no-measures"]


def test_an_id_used_twice_names_both_rows(in_fixtures):
    assert errors_of("duplicate-id.csv") == [
        "duplicate-id.csv, row 4, column 'Nr': id '1' is also used on row 2. "
        "Give each measure its own id, or leave the cell empty. [duplicate-id]"
    ]


def test_text_beyond_the_last_header_is_reported_because_it_would_be_lost(in_fixtures):
    assert errors_of("extra-cells.csv") == [
        "extra-cells.csv, row 2: text in column C has no header above it ('glömd anteckning') and would be "
        "lost. Add a header for that column or move the text into a named column. [extra-cells]"
    ]


def test_a_sheet_that_does_not_exist_names_the_sheets_that_do(tmp_path, monkeypatch):
    make_xlsx(tmp_path / "plan.xlsx", {"Blad1": [["Åtgärd"], ["Samordning"]], "Plan 2017": [["Åtgärd"]]})
    monkeypatch.chdir(tmp_path)
    assert errors_of("plan.xlsx", sheet="Plan") == [
        "plan.xlsx: no sheet named 'Plan'. The workbook has: 'Blad1', 'Plan 2017'. "
        "Pass one of these names. [sheet-not-found]"
    ]


def test_every_problem_in_a_file_is_reported_at_once(in_fixtures):
    assert errors_of("several-errors.csv") == [
        "several-errors.csv, row 3, column 'Åtgärd': the row names actors ('Socialtjänsten') but has no "
        "measure text. Write the measure in 'Åtgärd' or delete the row. [actors-without-measure]",
        "several-errors.csv, row 4: text in column D has no header above it ('extra text') and would be "
        "lost. Add a header for that column or move the text into a named column. [extra-cells]",
        "several-errors.csv, row 4, column 'Id': id 'A1' is also used on row 2. "
        "Give each measure its own id, or leave the cell empty. [duplicate-id]",
    ]


def test_an_error_carries_row_column_and_value_for_the_caller(in_fixtures):
    with pytest.raises(IngestFailed) as caught:
        read_table("duplicate-id.csv")
    (error,) = caught.value.errors
    assert (error.code, error.row, error.column, error.value) == ("duplicate-id", 4, "Nr", "1")


def test_a_header_with_no_measure_rows_is_a_clear_error(tmp_path):
    plan = tmp_path / "tom.csv"
    plan.write_text("Åtgärd;Ansvarig\n;\n", encoding="utf-8")
    with pytest.raises(IngestFailed) as caught:
        read_table(plan)
    [error] = caught.value.errors
    assert error.code == "no-measures" and error.row == 1 and error.column == "Åtgärd"
    assert "no row below it has a measure in 'Åtgärd'" in str(error)


def test_an_owner_merged_over_several_rows_in_excel_owns_each_of_them(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Handlingsplan 2019"])  # a title merged across the columns is not repeated
    sheet.merge_cells("A1:C1")
    sheet.append(["Åtgärd", "Ansvarig", "Tidplan"])
    sheet.append(["Föräldrastöd", "Socialtjänsten", "Pågår"])
    sheet.append(["Anhörigstöd", None, "Pågår"])
    sheet.merge_cells("B3:B4")
    book.save(tmp_path / "merged.xlsx")
    table = read_table(tmp_path / "merged.xlsx")
    assert [row.cells["responsible"] for row in table.rows] == ["Socialtjänsten", "Socialtjänsten"]


def test_a_start_and_a_klart_column_are_read_as_one_status():
    """Plans that time a measure in two columns ("Start", "Klart") read as a person reads them."""
    table = parse_csv_text("Åtgärd;Ansvarig;Start;Klart\nLäxhjälp;Skolan;HT 2023;2025\nMentorer;Skolan;Pågår;Löpande\n")
    assert table.headers["status"] == "Start / Klart"
    assert [row.cells["status"] for row in table.rows] == ["start HT 2023, klart 2025", "Pågår, Löpande"]
    assert "start" not in table.rows[0].cells and "due" not in table.rows[0].cells


def test_a_status_column_read_with_a_start_column_is_accounted_for_with_it():
    """Both headers, 'Pågående/planer' and 'Start', say what became of them (found by the fuzz test)."""
    table = parse_csv_text("Pågående/planer;Start;Åtgärd\nPågår;2023;Läxhjälp\n")
    assert table.headers["status"] == "Pågående/planer / Start"
    assert {(n, text) for n, _, text, _, _ in table.notes} >= {(1, "Pågående/planer"), (1, "Start"), (2, "2023")}
    assert table.rows[0].cells["status"] == "Pågår, start 2023"
